"""Template filters for Thai text: `{{ value|thai_digits }}`, `{{ day|thai_date:"short" }}`."""

import functools

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.text import Truncator

from itaportal import thai

register = template.Library()


@register.filter
def thai_digits(value):
    return thai.thai_digits(value)


@register.filter
def thai_date(value, style="long"):
    return thai.thai_date(value, style)


@register.filter
def thai_date_arabic(value, style="long"):
    return thai.thai_date(value, style, digits="arabic")


@register.filter
def thai_number(value, places=2):
    """Fixed decimals in Thai digits, for documents: 60.61 → ๖๐.๖๑."""
    return thai.format_number(value, int(places))


@register.filter
def number(value, places=2):
    """Fixed decimals in Arabic digits, for screens: 60.6 → 60.60."""
    return thai.format_number(value, int(places), digits="arabic")


@register.filter
def quarter_name(value):
    return thai.quarter_name(int(value))


@register.filter
def lines(value, words=()):
    """Document text that breaks lines only between words, never inside `words` (the
    data's names) or a number: `{{ text|thai_digits|lines:keep_words }}`."""
    from itaportal.documents import line_breaking_html

    return line_breaking_html(value, words)


@register.filter
def cell_lines(value, words=()):
    """`lines` for narrow table cells, where a long name may be cut between its words."""
    from itaportal.documents import CELL_MAX_CHARS, line_breaking_html

    return line_breaking_html(value, words, max_chars=CELL_MAX_CHARS)


@register.filter
def thai_text(value, words=()):
    """Thai running text and names on a web page, with the documents' line breaking:
    names (`words`, the page's `keep_words`), compounds and numbers are not split at a
    line end. `{{ measure.title|thai_text:keep_words }}`; before `linebreaksbr`."""
    from itaportal.documents import page_breaking_html

    return page_breaking_html(value, words)


@register.filter(is_safe=True)
@stringfilter
def truncatechars(value, arg):
    """Django's truncatechars (this library is a builtin, loaded after Django's), each
    text cut once per process: Truncator walks every character to skip the combining
    marks (Thai vowels and tone marks), 10–15 µs a title, and the measures list cuts a
    few dozen."""
    try:
        length = int(arg)
    except ValueError:
        return value
    return _truncated(value, length)


@functools.lru_cache(maxsize=8192)
def _truncated(text, length):
    return Truncator(text).chars(length)
