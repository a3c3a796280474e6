"""What a careful outsider could learn or break with small things: the probe's redirect,
the "already taken" message, the PDF fetcher's folder check, caches keeping private
pages, and the demo data on a production database."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from itaportal import documents
from itaportal.forms import USERNAME_UNAVAILABLE


def test_the_health_probe_answers_plain_http_while_pages_redirect(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("login")).status_code == 301


def test_the_production_settings_exempt_the_probe_from_the_https_redirect():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "ita.example.go.th",
    }
    script = (
        "import json, itaportal.settings as s; "
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_REDIRECT_EXEMPT]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    redirect, exempt = json.loads(result.stdout)
    assert redirect is True
    assert any(re.match(pattern, "healthz/") for pattern in exempt)
    assert not any(re.match(pattern, "login/") for pattern in exempt)


def test_a_user_name_of_another_organization_is_not_confirmed(login, analyst, outsider):
    response = login(analyst).post(
        reverse("user_create"),
        {
            "username": outsider.username,
            "first_name": "สมชาย",
            "last_name": "ใจดี",
            "role": "executive",
            "password": "a-long-pass-2565",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["username"]
    assert errors == [USERNAME_UNAVAILABLE]
    assert "แล้ว" not in errors[0]  # not "already used"


def test_the_pdf_fetcher_loads_font_files_and_nothing_outside_their_folder():
    font = documents.FONT_DIR / "Sarabun-Regular.ttf"
    assert documents.allowed_url(font.as_uri())
    assert documents.allowed_url("data:image/png;base64,AAAA")
    walked_out = documents.FONT_DIR.as_uri() + "/../../../../../../etc/passwd"
    assert walked_out.startswith(documents.FONT_DIR.as_uri() + "/")  # the old prefix test
    assert not documents.allowed_url(walked_out)
    assert not documents.allowed_url(documents.FONT_DIR.as_uri() + "/%2e%2e/%2e%2e/x.ttf")
    assert not documents.allowed_url("https://example.com/x.png")


def test_a_document_that_asks_for_a_forbidden_file_is_a_document_error_not_a_crash():
    html = f'<p>x</p><img src="{documents.FONT_DIR.as_uri()}/../../../../../../etc/passwd">'
    with pytest.raises(documents.DocumentError):
        documents.html_to_pdf(html)


def test_pages_of_a_logged_in_user_are_not_kept_by_any_cache(login, analyst):
    response = login(analyst).get(reverse("home"))
    assert response.status_code == 200
    cache = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache


def test_documents_and_downloads_are_not_kept_by_any_cache(login, analyst, org):
    from tests.measures import factories

    factories.departments(org)
    assessment = factories.seed_measures(org)[6].assessment
    client = login(analyst)
    for name in ("measures:export_xlsx", "measures:report_pdf"):
        response = client.get(reverse(name, kwargs={"year": assessment.year}))
        assert response.status_code == 200, name
        assert response.has_header("Content-Disposition")
        cache = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache, name


def test_loaddemo_refuses_a_production_deployment_unless_forced(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("loaddemo", verbosity=0)
    from itaportal.models import Organization

    assert not Organization.objects.filter(slug="nongprung").exists()
    call_command("loaddemo", "--force", verbosity=0)
    assert Organization.objects.filter(slug="nongprung").exists()
