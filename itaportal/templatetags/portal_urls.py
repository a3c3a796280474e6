"""`{% url %}` as Django's, but each URL is reversed once per process.

Every page's layout links a score of fixed pages (the navigation, the user menu); reversing
each of them on every request was a tenth of the smallest page's time, and a year's page
reverses a dozen more (its tabs, the year switcher) and one or more per row (30 µs each).
What is kept, and under what, is `itaportal.kept_urls` (shared with the rows and panels
written in Python): URLs with plain int and str arguments; others are reversed each time.
Loaded as a builtin (settings.TEMPLATES), so templates keep writing `{% url %}`.
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
