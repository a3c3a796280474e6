"""Template filters for Thai text: `{{ value|thai_digits }}`, `{{ day|thai_date:"short" }}`."""

from django import template

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


# Widest unit a narrow table cell keeps whole; longer names are cut into their words.
CELL_MAX_CHARS = 14


@register.filter
def lines(value, words=()):
    """Document text that breaks lines only between words, never inside `words` (the
    data's names) or a number: `{{ text|thai_digits|lines:keep_words }}`."""
    from itaportal.documents import line_breaking_html

    return line_breaking_html(value, words)


@register.filter
def cell_lines(value, words=()):
    """`lines` for narrow table cells, where a long name may be cut between its words."""
    from itaportal.documents import line_breaking_html

    return line_breaking_html(value, words, max_chars=CELL_MAX_CHARS)
