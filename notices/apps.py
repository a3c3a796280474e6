from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "การแจ้งเตือน"

    def ready(self):
        from itaportal import auth
        from notices.models import unread_count_of_user

        # The bell's count comes with the logged-in user: no query of its own per page.
        auth.USER_ANNOTATIONS["unread_notifications"] = unread_count_of_user
