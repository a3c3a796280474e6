from django.apps import AppConfig


class ItaportalConfig(AppConfig):
    name = "itaportal"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self):
        from itaportal import database, signals  # noqa: F401  (connect the receivers)
