from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "การประเมิน ITA"

    def ready(self):
        from assessments import structure  # noqa: F401  (connects the structure signals)
