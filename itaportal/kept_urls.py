"""reverse(), each URL kept per process (`{% url %}` in templates, and rows and panels
written in Python).

A URL is the same for every request of a URL configuration, script prefix and language,
so it is kept under those, its name and its arguments: mostly years, item codes and ids,
the same for every organization. Only arguments that are plain ints and strings are kept
under (a model instance's text could change).
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_fixed = {}
# Beyond this many URLs (a process's whole working set is a few thousand) start afresh.
LIMIT = 20_000


def kept_reverse(view_name, args=(), kwargs=(), request=None):
    """reverse(), kept: `args` a tuple and `kwargs` a tuple of (name, value) pairs; kept
    only when all are plain ints and strings, else reversed every time."""
    current_app = _current_app(request)
    if not all(type(v) in (int, str) for v in (*args, *(v for _name, v in kwargs))):
        return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)
    return _kept(
        (view_name, current_app, *_scope(request), args, kwargs),
        lambda: reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app),
    )


def kept_markup(key, build, request=None):
    """`build()`, kept under `key` and what the URLs depend on: for markup made of fixed
    text and URLs only (never a user's or an organization's data), such as the
    navigation's links. `key` says everything else the markup depends on."""
    return _kept(("markup", _current_app(request), *_scope(request), *key), build)


def _kept(key, build):
    value = _fixed.get(key)
    if value is None:
        value = build()
        if len(_fixed) >= LIMIT:
            _fixed.clear()
        _fixed[key] = value
    return value


def _current_app(request):
    """The namespace reverse() prefers, as `{% url %}` takes it."""
    current_app = getattr(request, "current_app", None)
    if current_app is None:
        current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
    return current_app


def _scope(request):
    """What else a fixed URL depends on; read once per request (they are set before the
    view runs) instead of once per `{% url %}`."""
    scope = getattr(request, "_fixed_url_scope", None)
    if scope is None:
        scope = (
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            get_language(),  # in case a URL ever becomes translated (i18n_patterns)
        )
        if request is not None:
            request._fixed_url_scope = scope
    return scope


def _forget(**kwargs):
    if kwargs["setting"] in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _fixed.clear()


setting_changed.connect(_forget)
