"""itaportal.html writes what Django's format_html and format_html_join write."""

from decimal import Decimal

from django.utils import html as django_html
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from itaportal import html

VALUES = [
    "<b>ก & ข</b> \"'",
    mark_safe("<i>ปลอดภัย</i>"),
    0,
    2570,
    Decimal("88.91"),
    None,
    3.5,
    gettext_lazy("This field is required."),
    mark_safe(lazy(lambda: "<u>ขี้เกียจ</u>", str)()),
    lazy(lambda: "<s>ขี้เกียจ</s>", str)(),
    type("Html", (), {"__html__": lambda self: "<em>แล้ว</em>", "__str__": lambda s: "x"})(),
]


def test_format_html_escapes_as_djangos():
    for value in VALUES:
        ours = html.format_html("<p title='{}'>{x}</p>", value, x=value)
        assert ours == django_html.format_html("<p title='{}'>{x}</p>", value, x=value)
        assert isinstance(ours, SafeString)


def test_format_html_join_escapes_as_djangos():
    rows = [(v, v) for v in VALUES]
    assert html.format_html_join("<br>", "<li>{}|{}</li>", rows) == django_html.format_html_join(
        "<br>", "<li>{}|{}</li>", rows
    )
    mappings = [{"a": v} for v in VALUES]
    assert html.format_html_join(
        mark_safe("<hr>"), "<li>{a}</li>", mappings
    ) == django_html.format_html_join(mark_safe("<hr>"), "<li>{a}</li>", mappings)
