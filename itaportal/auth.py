"""Who is logging in, and from where; the temporary password an agency admin gives a
user who forgot theirs, and the rule that such a user changes it before anything else.

Behind a load balancer every request comes from the balancer's address; the client's is
the last entry the trusted proxies appended to X-Forwarded-For. Entries further left are
whatever the client sent and prove nothing, so only `PROXY_COUNT` entries from the right
are trusted. Log-in throttling keys on that address.
"""

import ipaddress
from contextvars import ContextVar

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.db.models import Sum
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.functional import SimpleLazyObject

from itaportal.prepared import PreparedGet

# Letters and digits that cannot be misread when a password is read out or copied by hand.
TEMPORARY_PASSWORD_CHARS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# What every page's layout shows about the logged-in user besides their own row, loaded in
# the same query as the user: name -> a function returning a query expression on the user
# (e.g. a subquery counting something of theirs). Domain apps add theirs in their
# AppConfig.ready(), so the core needs to know none of them; each becomes an attribute of
# `request.user`.
USER_ANNOTATIONS = {}


def _logged_in_users():
    users = get_user_model()._default_manager.select_related("organization", "department")
    if USER_ANNOTATIONS:
        users = users.annotate(**{name: make() for name, make in USER_ANNOTATIONS.items()})
    return users


# Compiled on first use, after every app's ready() has added its annotations. The session
# store reads the user with the session through it (itaportal/sessions.py).
logged_in_user = PreparedGet(_logged_in_users)

# The user the session store read with the request's session, while Django's
# `auth.get_user` asks the backend for them (AuthenticationMiddleware below).
_read_with_session = ContextVar("read_with_session", default=None)


class PortalBackend(ModelBackend):
    """Django's backend, but the logged-in user comes with their organization and
    department (every page's layout shows both) and with `USER_ANNOTATIONS`, in one query
    compiled once per connection (itaportal.prepared): it runs on every request."""

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
            read = _read_with_session.get()
            user = read if read is not None and read.pk == user_id else logged_in_user(user_id)
        except (TypeError, ValueError):
            return None
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None


def _valid_address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's address: REMOTE_ADDR when the portal faces the Internet; behind
    `PROXY_COUNT` trusted proxies, the entry the outermost of them appended to
    X-Forwarded-For. A header shorter than that (a request that bypassed a proxy) or an
    entry that is no address falls back to REMOTE_ADDR, never to what the client wrote."""
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = [p for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p.strip() for p in forwarded if p.strip()]
        count = max(settings.PROXY_COUNT, 1)
        if len(forwarded) >= count:
            address = _valid_address(forwarded[-count])
            if address:
                return address
    return _valid_address(remote) or remote


class PortalAxesHandler(AxesDatabaseHandler):
    """django-axes' database handler, plus a limit per address across user names: one
    address that tries many names (password spraying) is refused once its failures in
    the cool-off window reach `AXES_ADDRESS_FAILURE_LIMIT`, higher than the per-name
    limit because a whole office may share one address."""

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self.address_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and self.address_locked(request):
            # The per-name count may be far below its limit: show the lock-out page anyway.
            request.axes_locked_out = True
            request.axes_credentials = credentials

    def address_locked(self, request):
        address = getattr(request, "axes_ip_address", None) or client_ip(request)
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        failures = AccessAttempt.objects.filter(
            ip_address=address, attempt_time__gte=since
        ).aggregate(total=Sum("failures_since_start"))["total"]
        return (failures or 0) >= settings.AXES_ADDRESS_FAILURE_LIMIT


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


def _user_of(request):
    """`request.user`: Django's `auth.get_user` (the session's backend, the password hash
    check), given the user the session store read with the session, if any."""
    if not hasattr(request, "_cached_user"):
        session = request.session
        session.get(SESSION_KEY)  # loads the session, and the user with it
        token = _read_with_session.set(getattr(session, "loaded_user", None))
        try:
            request._cached_user = auth.get_user(request)
        finally:
            _read_with_session.reset(token)
    return request._cached_user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, but the user comes from the query that read the session (one statement
    for both on every logged-in page)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user_of(request))


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
