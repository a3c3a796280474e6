from django.apps import AppConfig


class OpsConfig(AppConfig):
    """What spans the domain apps: demo data, printdoc, national seeding, the benchmark.

    It imports the apps directly, so a renamed function fails at import time; nothing
    imports it.
    """

    name = "ops"
    verbose_name = "เครื่องมือดูแลระบบ"

    def ready(self):
        from ops import tasks

        tasks.connect()
