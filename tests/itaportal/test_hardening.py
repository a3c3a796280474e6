"""Login throttling, security headers and the production checks."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from tests.conftest import PASSWORD


def test_repeated_failures_lock_the_login_with_a_thai_message(client, analyst):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "analyst", "password": "wrong"})
    # Even the right password is refused while locked out.
    response = client.post(reverse("login"), {"username": "analyst", "password": PASSWORD})
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_login_before_the_limit_works(client, analyst):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "analyst", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "analyst", "password": PASSWORD})
    assert response.status_code == 302


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert "<script>" not in response.content.decode()


def test_uploads_are_not_served_from_media_url(client, org, emblem_png):
    org.emblem.save("emblem.png", ContentFile(emblem_png))
    assert default_storage.exists(org.emblem.name)  # the file is there to be served
    assert client.get(settings.MEDIA_URL + org.emblem.name).status_code == 404


def test_check_deploy_is_clean_with_the_documented_production_environment():
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-production-secret-key-for-the-check-" + "y" * 20,
        "ALLOWED_HOSTS": "ita.example.go.th",
        "DJANGO_SETTINGS_MODULE": "itaportal.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
