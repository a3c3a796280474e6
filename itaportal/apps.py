from django.apps import AppConfig


class ItaportalConfig(AppConfig):
    name = "itaportal"
    verbose_name = "หน่วยงานและผู้ใช้"
