"""Signing in: the backend, the temporary password an agency admin gives a user who
forgot theirs, and the rule that such a user changes it before doing anything else."""

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.crypto import get_random_string

# Letters and digits that cannot be misread when a password is read out or copied by hand.
TEMPORARY_PASSWORD_CHARS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


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


@transaction.atomic
def user_password_reset(*, user, actor):
    """The agency admin `actor` replaces `user`'s password with a temporary one, returned
    to be shown once; the user must change it on their next sign-in. The user's history
    records who reset it (the password itself is never kept in the history)."""
    if actor.organization_id is None or actor.organization_id != user.organization_id:
        raise PermissionError("reset outside the admin's organization")
    password = get_random_string(12, TEMPORARY_PASSWORD_CHARS)
    user.set_password(password)
    user.must_change_password = True
    user._change_reason = f"ตั้งรหัสผ่านชั่วคราวโดย {actor.display_name or actor.username}"
    user.save()
    return password


def _clears_the_flag(view_class):
    """A Django password view that also lifts the "must change password" flag: the
    form's save() stores the user, flag included, in the same write."""

    class View(view_class):
        def form_valid(self, form):
            form.user.must_change_password = False
            form.user._change_reason = "ผู้ใช้เปลี่ยนรหัสผ่านแล้ว"
            return super().form_valid(form)

    View.__name__ = view_class.__name__
    return View


PasswordChangeView = _clears_the_flag(auth_views.PasswordChangeView)
PasswordResetConfirmView = _clears_the_flag(auth_views.PasswordResetConfirmView)


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("password_reset_done")


# Pages a user with a temporary password may still open: changing it, and leaving.
_ALLOWED_URL_NAMES = ("password_change", "password_change_done", "logout")


class PasswordChangeRequiredMiddleware:
    """Sends a user who signed in with a temporary password to the password change page
    until they have changed it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse(name) for name in _ALLOWED_URL_NAMES}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)
