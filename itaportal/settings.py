"""Settings for the ITA Portal, read from the environment.

Runs out of the box on SQLite with DEBUG on; a production deployment sets at least
DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see README.md). A bad value stops
start-up with a message that names the variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import fontpkg_sarabun
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# pythainlp must never reach the network: everything we use ships in its wheel.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


def envbool(name, default):
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (0/1, true/false), not {value!r}")


def envint(name, default):
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "1")
# A production deployment (DEBUG=0 in the environment). Kept apart from DEBUG because test
# runners switch DEBUG off by themselves; `loaddemo` refuses to run in production.
PRODUCTION = not DEBUG

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "itaportal",
    "assessments",
    "committees",
    "oit",
    "measures",
    "announcements",
    "simple_history",
    "audit",
    "years",
    "campaigns",
    "search",
    "deadlines",
    "notices",
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads the form: refuses a body that ended early, drops control
    # characters from what was typed.
    "itaportal.middleware.form_input",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user read in the session's own query (itaportal/sessions.py).
    "itaportal.auth.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "itaportal.auth.PasswordChangeRequiredMiddleware",
    # A page that only reads reads alike things once (itaportal/shared.py).
    "itaportal.middleware.page_reads",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Pages for a logged-in user and downloads are nobody else's: no cache keeps them.
    "itaportal.middleware.private_pages",
    # django-csp's, with the settings' policy built once.
    "itaportal.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into our Thai page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "itaportal.urls"
WSGI_APPLICATION = "itaportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "itaportal.context_processors.portal",
            ],
            # `{% url %}` and `{% static %}` are builtins: Django's tags, with what does
            # not change kept per process (a template that loads Django's `static` gets
            # Django's own).
            "builtins": [
                "itaportal.templatetags.thai",
                "itaportal.templatetags.portal_urls",
                "itaportal.templatetags.portal_static",
            ],
        },
    }
]

try:
    DATABASES = {
        "default": dj_database_url.config(
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
            conn_health_checks=True,
        )
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database is shared by the web server and a task worker: write-ahead
    # logging lets pages read while the worker writes, and transactions that take the write
    # lock up front wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel apart from the SQL, so that the same statement is the same text
    # every time and psycopg prepares it on the server after a few uses; PostgreSQL then
    # plans it once per connection instead of on every request (planning the pages' joins
    # cost as much as running them). PostgreSQL plans a prepared statement again whenever
    # ANALYZE (autovacuum's too) has changed the statistics of a table it reads, and the
    # generic plans were timed against per-value plans on national data (docs/DEPLOY.md).
    # Each connection asks PostgreSQL to keep a prepared statement's generic plan
    # (itaportal.database). DB_PREPARE=0 turns both off, e.g. behind PgBouncer older
    # than 1.21.
    if envbool("DB_PREPARE", "1"):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": envint("DB_PREPARE_AFTER", "2")}
        )
# Statements that do not wait for each other's rows (a query and its prefetches, what a
# page says ahead) are sent together in one pipeline, one round trip (itaportal.prepared).
# DB_PIPELINE=0 sends them one after another, e.g. behind a pooler that mishandles it.
DB_PIPELINE = envbool("DB_PIPELINE", "1")

AUTH_USER_MODEL = "itaportal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "itaportal.auth.PortalBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai only, for every browser: no LocaleMiddleware to choose among one language (it
# parsed each request's Accept-Language for nothing).
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย")]
# Thai for the few Django messages its own Thai catalogue leaves in English.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# The Sarabun web font comes from the fontpkg-sarabun wheel, not a copied file.
STATICFILES_DIRS = [BASE_DIR / "static", ("fonts/sarabun", str(fontpkg_sarabun.ROOT / "files"))]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Uploaded files: local disk by default, or S3-compatible object storage (MEDIA_STORAGE=s3)
# so that several app servers share them. Uploads are never served from MEDIA_URL: views
# that check access stream them.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {MEDIA_STORAGE!r}")
if MEDIA_STORAGE == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not DEFAULT_STORAGE["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("S3_BUCKET must be set when MEDIA_STORAGE=s3")
else:
    DEFAULT_STORAGE = {"BACKEND": "itaportal.storage.LocalStorage"}

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background work (link checks, reminders, document rendering) runs on django-tasks with its
# database backend: tasks are rows in the portal's own database, run by any number of
# `manage.py db_worker` processes on any machine that shares it (docs/DEPLOY.md). Queues are
# open (an empty list) so each app names its own.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": [],
    }
}

# E-mail (reminders): printed on the console unless EMAIL_BACKEND says otherwise; the SMTP
# settings come from the environment (docs/DEPLOY.md).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "0")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "0")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ITA Portal <noreply@localhost>")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on")
# The OIT link checker (itaportal/linkcheck.py): it never opens loopback, private,
# link-local or metadata addresses unless LINKCHECK_ALLOW_PRIVATE=1, which only tests set.
LINKCHECK_ALLOW_PRIVATE = envbool("LINKCHECK_ALLOW_PRIVATE", "0")
LINKCHECK_TIMEOUT = envint("LINKCHECK_TIMEOUT", "15")
LINKCHECK_MAX_BYTES = envint("LINKCHECK_MAX_BYTES", str(20 * 1024 * 1024))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Access hardening. Sessions end after a working day; login is throttled per user name and
# address after repeated failures; every page carries a Content Security Policy that
# allows no inline script (styles may be inline: Bootstrap components set them).
# Behind a load balancer (BEHIND_PROXY=1), throttling keys on the client's address from
# X-Forwarded-For, trusting the PROXY_COUNT rightmost entries (itaportal.auth.client_ip):
# otherwise one person's wrong passwords would lock that user name for everyone.
BEHIND_PROXY = envbool("BEHIND_PROXY", "0")
PROXY_COUNT = envint("PROXY_COUNT", "1")
SESSION_ENGINE = "itaportal.sessions"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 60 * 60))
SESSION_COOKIE_HTTPONLY = True
AXES_ENABLED = envbool("AXES_ENABLED", "1")
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Password spraying: one address trying many user names is refused at this many failures.
AXES_ADDRESS_FAILURE_LIMIT = envint("AXES_ADDRESS_FAILURE_LIMIT", "20")
AXES_HANDLER = "itaportal.auth.PortalAxesHandler"
AXES_CLIENT_IP_CALLABLE = "itaportal.auth.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # Production runs behind HTTPS (directly or through a load balancer that sets
    # X-Forwarded-Proto, see docs/DEPLOY.md).
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "1")
    # The load balancer probes over plain HTTP and takes a redirect for a failure.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "1")
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The password of the demo users made by `manage.py loaddemo`.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD") or "demo-pass-2565"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"fontTools": {"level": "ERROR"}, "weasyprint": {"level": "ERROR"}},
}
