"""`{% url %}` keeps each URL it reversed (itaportal/templatetags/portal_urls.py): what it
gives must be what Django's own tag gives, for every kind of argument."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse, set_script_prefix

from itaportal import kept_urls


def _render(source, **values):
    return Template(source).render(Context({"request": RequestFactory().get("/"), **values}))


def test_a_url_with_arguments_is_djangos_and_is_kept():
    kept_urls._fixed.clear()
    source = "{% url 'oit:answer' year code %}|{% url 'oit:answer' year=year code=code %}"

    first = _render(source, year=2570, code="O1")
    assert first == f"{reverse('oit:answer', args=[2570, 'O1'])}|" + reverse(
        "oit:answer", kwargs={"year": 2570, "code": "O1"}
    )
    assert len(kept_urls._fixed) == 2
    assert _render(source, year=2570, code="O1") == first
    assert _render(source, year=2569, code="O2") == first.replace("2570", "2569").replace(
        "O1", "O2"
    )


def test_a_kept_url_follows_the_script_prefix():
    source = "{% url 'oit:list' year %}"
    plain = _render(source, year=2570)
    try:
        set_script_prefix("/portal/")
        assert _render(source, year=2570) == "/portal" + plain
    finally:
        set_script_prefix("/")
    assert _render(source, year=2570) == plain


def test_other_arguments_are_reversed_every_time(org):
    kept_urls._fixed.clear()
    assert _render("{% url 'public:ita_json' org.slug 2570 %}", org=org) == reverse(
        "public:ita_json", args=[org.slug, 2570]
    )
    assert len(kept_urls._fixed) == 1  # a str and an int: kept

    class Slug(str):  # a str whose text could change under the same key: not kept
        pass

    kept_urls._fixed.clear()
    _render("{% url 'public:ita_json' slug 2570 %}", slug=Slug(org.slug))
    assert kept_urls._fixed == {}


def test_a_wrong_url_raises_as_djangos_and_as_var_stays_silent():
    with pytest.raises(NoReverseMatch):
        _render("{% url 'oit:answer' 'not-a-year' 'O1' %}")
    assert _render("{% url 'oit:answer' 'x' 'O1' as to %}[{{ to }}]") == "[]"


def test_the_kept_urls_start_afresh_when_full(monkeypatch):
    kept_urls._fixed.clear()
    monkeypatch.setattr(kept_urls, "LIMIT", 2)
    for year in (2568, 2569, 2570):
        _render("{% url 'oit:list' year %}", year=year)
    assert len(kept_urls._fixed) == 1


def test_kept_reverse_keeps_plain_arguments_only():
    from django.urls import reverse
    from django.utils.safestring import SafeString

    kept_urls._fixed.clear()
    assert kept_urls.kept_reverse("oit:list", (2570,)) == reverse("oit:list", args=[2570])
    assert kept_urls.kept_reverse(
        "public:ita", kwargs=(("org_slug", "nongprung"), ("year", 2570))
    ) == reverse("public:ita", kwargs={"org_slug": "nongprung", "year": 2570})
    assert len(kept_urls._fixed) == 2
    kept_urls._fixed.clear()
    code = SafeString("O1")  # a str subclass: its text could be anything
    assert kept_urls.kept_reverse("oit:answer", (2570, code)) == reverse(
        "oit:answer", args=[2570, "O1"]
    )
    assert kept_urls._fixed == {}
