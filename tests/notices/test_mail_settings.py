"""Mail goes to the console unless the environment names an SMTP server."""

import os
import subprocess
import sys

from django.conf import settings

PRINT = (
    "import django; from django.conf import settings as s; "
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
)


def _start(**env):
    full = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    full.pop("DEFAULT_FROM_EMAIL", None)
    full.update(env)
    return subprocess.run(
        [sys.executable, "-c", PRINT],
        env={**full, "DJANGO_SETTINGS_MODULE": "itaportal.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_without_settings_mail_is_printed_on_the_console():
    result = _start()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"


def test_smtp_settings_come_from_the_environment():
    result = _start(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.thotsop.go.th",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="1",
        DEFAULT_FROM_EMAIL="ita@thotsop.go.th",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.thotsop.go.th",
        "587",
        "True",
        "ita@thotsop.go.th",
    ]


def test_a_bad_port_or_tls_and_ssl_together_refuse_to_start():
    result = _start(EMAIL_PORT="smtp")
    assert result.returncode != 0 and "EMAIL_PORT must be a whole number" in result.stderr
    result = _start(EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    assert result.returncode != 0 and "EMAIL_USE_TLS and EMAIL_USE_SSL" in result.stderr
