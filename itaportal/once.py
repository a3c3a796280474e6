"""One-time tokens for the forms that create records.

A creating form carries a fresh random token (`OnceField`); the view claims it in the
same transaction as the create (`claim`). The second request with the same token finds it
claimed and creates nothing; if the create fails, the claim rolls back with it, so the
user may send the form again.
"""

import secrets

from django import forms
from django.db import IntegrityError, transaction

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
