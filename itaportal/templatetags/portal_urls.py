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
from django.template import defaulttags
from django.utils.html import conditional_escape

from itaportal.kept_urls import kept_reverse

register = template.Library()


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


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return FixedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
