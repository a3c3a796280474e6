from django.apps import AppConfig


class YearsConfig(AppConfig):
    name = "years"
    verbose_name = "เริ่มปีงบประมาณ"
