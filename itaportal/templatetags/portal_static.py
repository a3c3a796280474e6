"""`{% load static %}` as Django's, but a file's URL is worked out once per process.

Every page's layout names seven static files (styles, scripts, icons); asking the manifest
storage for each hashed name and joining it to STATIC_URL on every request cost about a
tenth of a millisecond of the smallest page. A file's URL changes only with a new
collectstatic, which needs a restart, or with the static settings (tests), which empty
the memory. A builtin (settings.TEMPLATES), so templates write `{% static %}` without loading it.
"""

from django import template
from django.core.signals import setting_changed
from django.templatetags import static as django_static

register = template.Library()
register.tag("get_static_prefix", django_static.get_static_prefix)
register.tag("get_media_prefix", django_static.get_media_prefix)

_urls = {}


class KeptStaticNode(django_static.StaticNode):
    @classmethod
    def handle_simple(cls, path):
        url = _urls.get(path)
        if url is None:
            url = _urls[path] = super().handle_simple(path)
        return url


@register.tag("static")
def do_static(parser, token):
    return KeptStaticNode.handle_token(parser, token)


def static(path):
    return KeptStaticNode.handle_simple(path)


def _forget(**kwargs):
    if kwargs["setting"].startswith(("STATIC", "STORAGES", "INSTALLED_APPS")):
        _urls.clear()


setting_changed.connect(_forget)
