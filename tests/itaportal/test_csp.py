"""The Content-Security-Policy header (itaportal.middleware.CSPMiddleware): django-csp's
middleware with the settings' policy built once. Every response must get what django-csp
itself would give it."""

import csp.middleware
import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_exempt, csp_update
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from itaportal.middleware import CSPMiddleware


def headers(middleware_class, view, path="/"):
    request = RequestFactory().get(path)
    middleware = middleware_class(view)
    response = middleware(request)
    return {
        h: response.get(h)
        for h in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
    }


def plain(request):
    return HttpResponse("ok")


@csp_update({"img-src": "https://maps.example.go.th"})
def own_policy(request):
    return HttpResponse("map")


@csp_exempt()
def exempt(request):
    return HttpResponse("no policy")


def with_nonce(request):
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")


@pytest.mark.parametrize("view", [plain, own_policy, exempt], ids=lambda v: v.__name__)
def test_each_response_gets_what_django_csp_gives_it(view):
    ours = headers(CSPMiddleware, view)
    assert ours == headers(csp.middleware.CSPMiddleware, view)
    if view is plain:
        assert "frame-ancestors 'none'" in ours["Content-Security-Policy"]
    if view is own_policy:
        assert "https://maps.example.go.th" in ours["Content-Security-Policy"]
    if view is exempt:
        assert ours["Content-Security-Policy"] is None


def test_a_policy_that_takes_a_nonce_gets_the_pages_nonce():
    policy = {"DIRECTIVES": {"default-src": [SELF], "script-src": [SELF, NONCE]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        request = RequestFactory().get("/")
        response = CSPMiddleware(with_nonce)(request)
    nonce = response.content.decode().split("'")[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_the_header_follows_a_change_of_the_settings():
    before = headers(CSPMiddleware, plain)["Content-Security-Policy"]
    policy = {"DIRECTIVES": {"default-src": [SELF], "img-src": [SELF, "https://cdn.example"]}}
    with override_settings(
        CONTENT_SECURITY_POLICY=policy,
        CONTENT_SECURITY_POLICY_REPORT_ONLY={"DIRECTIVES": {"default-src": [SELF]}},
    ):
        changed = headers(CSPMiddleware, plain)
    assert "https://cdn.example" in changed["Content-Security-Policy"]
    assert changed["Content-Security-Policy-Report-Only"] == "default-src 'self'"
    assert headers(CSPMiddleware, plain)["Content-Security-Policy"] == before


def test_paths_left_out_by_the_settings_stay_without_a_header():
    policy = {"EXCLUDE_URL_PREFIXES": ["/healthz/"], "DIRECTIVES": {"default-src": [SELF]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        assert headers(CSPMiddleware, plain, "/healthz/")["Content-Security-Policy"] is None
        assert headers(CSPMiddleware, plain, "/")["Content-Security-Policy"] == "default-src 'self'"


def test_a_header_the_view_wrote_itself_is_kept():
    def file_view(request):
        response = HttpResponse("file")
        response["Content-Security-Policy"] = "sandbox"
        return response

    assert headers(CSPMiddleware, file_view)["Content-Security-Policy"] == "sandbox"
