from django.apps import AppConfig


class OitConfig(AppConfig):
    name = "oit"
    verbose_name = "คำตอบ OIT"
