from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = "คำสั่งแต่งตั้งคณะกรรมการ"
