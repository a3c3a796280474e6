"""The settings refuse to start with a bad environment."""

import os
import subprocess
import sys

from django.conf import settings


def _start(**env):
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    full.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; from django.conf import settings; settings.DEBUG"],
        env={**full, "DJANGO_SETTINGS_MODULE": "itaportal.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_without_secret_key_refuses_to_start():
    result = _start(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_bad_boolean_names_the_variable():
    result = _start(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_a_bad_database_url_is_named():
    result = _start(DATABASE_URL="nonsense://x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_defaults_are_thai():
    assert settings.LANGUAGE_CODE == "th"
    assert settings.TIME_ZONE == "Asia/Bangkok"


def _database_options(**env):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))",
        ],
        env={
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DB_PREPARE")},
            **env,
            "DJANGO_SETTINGS_MODULE": "itaportal.settings",
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_statements_are_prepared_on_the_server_unless_turned_off():
    url = "postgres://u:p@db.internal:5432/itaportal"
    options = _database_options(DATABASE_URL=url)
    assert "'server_side_binding': True" in options and "'prepare_threshold': 2" in options
    assert "server_side_binding" not in _database_options(DATABASE_URL=url, DB_PREPARE="0")
    # SQLite has no such thing.
    assert "server_side_binding" not in _database_options()
