"""The yardstick of `make bench`: a bare Django view on Django's default middleware.

Every portal page is reported as a ratio to this view, measured interleaved with it in the
same process, so that the ratio says what the portal adds and not how fast the machine is.
The view renders a 20-row table from a template, as a plain Django project's page would.
"""

from django.shortcuts import render
from django.urls import path

# What `django-admin startproject` puts in MIDDLEWARE.
DEFAULT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ops.bare.BareUrls",
]

ROWS = [(n, f"แถวที่ {n}", n * 7) for n in range(1, 21)]


class BareUrls:
    """Resolves the bare handler's requests in this module's URLs, not the portal's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.urlconf = __name__
        return self.get_response(request)


def bare(request):
    return render(request, "ops/bare.html", {"rows": ROWS})


urlpatterns = [path("bare/", bare, name="bare")]
