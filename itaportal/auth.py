from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PortalBackend(ModelBackend):
    """Django's backend, but the logged-in user comes with their organization and
    department: every page's layout shows both, so this saves two queries a page."""

    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("organization", "department").get(
                pk=user_id
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
