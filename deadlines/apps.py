from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "ปฏิทินและกำหนดส่ง"

    def ready(self):
        from deadlines import signals  # noqa: F401
