"""`{% url %}` as Django's, but each URL is reversed once per process.

Every page's layout links a score of fixed pages (the navigation, the user menu); reversing
each of them on every request was a tenth of the smallest page's time, and a year's page
reverses a dozen more (its tabs, the year switcher) and one or more per row (30 µs each).
A URL is the same for every request of a URL configuration, script prefix and language,
so it is kept under those, its name and its arguments: mostly years and item codes, the
same for every organization. Only arguments that are plain ints and strings are kept
under (a model instance's text could change); a URL with other arguments is reversed as
before. Loaded as a builtin (settings.TEMPLATES), so templates keep writing `{% url %}`.
"""

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template import defaulttags
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

_fixed = {}
# Beyond this many URLs (a process's whole working set is a few thousand) start afresh.
LIMIT = 20_000


class FixedURLNode(defaulttags.URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((name, value.resolve(context)) for name, value in self.kwargs.items())
        if not all(type(v) in (int, str) for v in (*args, *(v for _k, v in kwargs))):
            return super().render(context)
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        try:
            url = kept_reverse(view_name, args, kwargs, request)
        except Exception:
            # NoReverseMatch (and the `as var` form's silence) exactly as Django has it.
            return super().render(context)
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def kept_reverse(view_name, args=(), kwargs=(), request=None):
    """reverse(), kept: `args` a tuple and `kwargs` a tuple of (name, value) pairs, all
    plain ints and strings. For rows written in Python, as `{% url %}` is in templates."""
    current_app = getattr(request, "current_app", None)
    if current_app is None:
        current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
    key = (view_name, current_app, *_scope(request), args, kwargs)
    url = _fixed.get(key)
    if url is None:
        url = reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)
        if len(_fixed) >= LIMIT:
            _fixed.clear()
        _fixed[key] = url
    return url


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


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return FixedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


def _forget(**kwargs):
    if kwargs["setting"] in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _fixed.clear()


setting_changed.connect(_forget)
