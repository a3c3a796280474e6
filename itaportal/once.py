"""One-time tokens for the forms that create records.

A creating form carries a fresh random token (`OnceField`); the view claims it in the
same transaction as the create (`claim`). The second request with the same token finds it
claimed and creates nothing; if the create fails, the claim rolls back with it, so the
user may send the form again.

Used tokens are pruned nightly (`prune`): a form can be sent again only from the page of
a login that still lives, so a token older than the longest session protects nothing.
"""

import datetime
import secrets

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from itaportal.models import FormToken

DUPLICATE = "แบบฟอร์มนี้ส่งไปแล้วและบันทึกไว้แล้วเพียงครั้งเดียว จึงไม่บันทึกซ้ำ"


class OnceField(forms.CharField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("initial", lambda: secrets.token_urlsafe(24))
        super().__init__(**kwargs)


def claim(token):
    """Claim `token` inside the caller's transaction: False when it was claimed before.
    A form without a token (an old page, a script) is not protected, never refused."""
    if not token:
        return True
    try:
        with transaction.atomic():
            FormToken.objects.create(token=token)
    except IntegrityError:
        return False
    return True


def keep_window():
    """How long a used token is kept: a day, or the session's lifetime when longer.

    Sending a form again needs the page's CSRF token, and logging in anew rotates it, so
    only a page of a login that is still alive can repeat its form; a day also covers a
    double click or a resend after a timeout many times over."""
    return max(datetime.timedelta(days=1), datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE))


def prune(now=None):
    """Delete the tokens used longer ago than `keep_window()`; return how many went."""
    limit = (now or timezone.now()) - keep_window()
    deleted, _ = FormToken.objects.filter(used_at__lt=limit).delete()
    return deleted
