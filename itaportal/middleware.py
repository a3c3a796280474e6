"""Middleware of the portal's own."""

import functools
import re

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import patch_cache_control

from itaportal.shared import shared_reads


def private_pages(get_response):
    """`Cache-Control: private, no-store` on every page of a logged-in user and on every
    file or document download: a shared computer's browser or a proxy must not keep an
    organization's data after the user leaves."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        downloaded = response.has_header("Content-Disposition")
        if downloaded or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


# What a view or a decorator of django-csp sets on a response to have a policy of its own.
_OWN_POLICY = tuple(
    f"_csp_{what}{ro}" for what in ("config", "update", "replace", "exempt") for ro in ("", "_ro")
)


class CSPMiddleware(_CSPMiddleware):
    """django-csp's, with the settings' policies built once.

    django-csp builds the policy and the report-only policy from the settings for every
    response, copying each directive: 40 µs, the costliest middleware of the smallest
    page. A response with no policy of its own (no csp_update, csp_replace or csp_exempt),
    to a request that took no nonce, gets the settings' policies, which are the same every
    time: it gets them as built once. Any other response is django-csp's to answer."""

    def process_response(self, request, response):
        policies = _settings_policies()
        if (
            policies is None
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _OWN_POLICY)
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        for header, policy in policies:
            if header not in response:
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@functools.cache
def _settings_policies():
    """(header, policy) of the settings' policies; None when a policy leaves some paths
    out (EXCLUDE_URL_PREFIXES), which is then django-csp's to apply."""
    policies = []
    for header, name, report_only in (
        (HEADER, "CONTENT_SECURITY_POLICY", False),
        (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
    ):
        if (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES"):
            return None
        policy = build_policy(report_only=report_only)
        if policy:
            policies.append((header, policy))
    return tuple(policies)


@setting_changed.connect
def _forget_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _settings_policies.cache_clear()


def page_reads(get_response):
    """A request that only reads (GET, HEAD) shares the reads its parts make alike
    (itaportal.shared): the home page's panels, an OIT page's framework and its year
    switcher. A request that may write (POST) reads everything afresh."""

    def middleware(request):
        if request.method not in ("GET", "HEAD"):
            return get_response(request)
        with shared_reads():
            return get_response(request)

    return middleware


# Control characters other than tab and line breaks: Excel refuses them (U+000B comes from
# Word's Shift+Enter), PDFs draw boxes for them, and nobody means to type them. NUL stays:
# Django's fields refuse it with a message of their own.
CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")
LINE_BREAK_CHARACTERS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def clean_text(value):
    """`value` with line-break look-alikes made newlines and other control characters
    dropped."""
    return CONTROL_CHARACTERS.sub("", LINE_BREAK_CHARACTERS.sub("\n", value))


class _CountingStream:
    """The request body as read by Django's parsers, counting the bytes and keeping the
    last few, so the middleware can tell a body that ended early."""

    def __init__(self, stream):
        self.stream = stream
        self.count = 0
        self.tail = b""

    def read(self, *args, **kwargs):
        data = self.stream.read(*args, **kwargs)
        self.count += len(data)
        self.tail = (self.tail + data)[-512:]
        return data

    def readline(self, *args, **kwargs):
        data = self.stream.readline(*args, **kwargs)
        self.count += len(data)
        self.tail = (self.tail + data)[-512:]
        return data

    def close(self):
        # Django closes the stream once it has read the whole body (HttpRequest.body).
        close = getattr(self.stream, "close", None)
        if close is not None:
            close()

    def __getattr__(self, name):
        # Anything else a parser asks of the stream is the stream's own.
        return getattr(self.stream, name)


def _truncated(request, counter):
    try:
        expected = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    if counter.count < expected:
        return True
    if request.content_type == "multipart/form-data" and expected:
        boundary = request.content_params.get("boundary", "")
        closing = b"--" + boundary.encode("latin-1", "replace") + b"--"
        return closing not in counter.tail
    return False


def form_input(get_response):
    """What every form receives: a body that arrived whole (an interrupted upload would
    save the rest of the form without its file, so it is refused with 400), and text
    without control characters."""

    def middleware(request):
        if request.method != "POST" or request.content_type not in FORM_TYPES:
            return get_response(request)
        counter = _CountingStream(request._stream)
        request._stream = counter
        try:
            post = request.POST
        except (MultiPartParserError, ValueError, OSError):  # the parser gave up on the body
            return _refuse_incomplete()
        if _truncated(request, counter):
            # Django keeps what it parsed so far: throw it away with the request.
            return _refuse_incomplete()
        if any(CONTROL_CHARACTERS.search(v) or LINE_BREAK_CHARACTERS.search(v)
               for _key, values in post.lists() for v in values):  # fmt: skip
            cleaned = post.copy()
            for key, values in post.lists():
                cleaned.setlist(key, [clean_text(v) for v in values])
            cleaned._mutable = False
            request.POST = cleaned
        return get_response(request)

    return middleware


def _refuse_incomplete():
    return HttpResponseBadRequest(
        "ข้อมูลที่ส่งมาไม่ครบ (การส่งถูกขัดจังหวะ) จึงไม่ได้บันทึกสิ่งใด กรุณาส่งใหม่อีกครั้ง",
        content_type="text/plain; charset=utf-8",
    )
