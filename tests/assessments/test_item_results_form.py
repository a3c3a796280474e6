"""The item results form writes each item's inputs itself (for speed): they must be what
Django's own widgets would give, for a stored result, a new one and a refused POST."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django import forms

from assessments.forms import MET_CHOICES, ItemResultsForm

ITEMS = [SimpleNamespace(code="O1", title="โครงสร้าง"), SimpleNamespace(code="O2", title="<b>x</b>")]


def _inputs(html):
    soup = BeautifulSoup(html, "html.parser")
    return [
        (
            i["name"],
            i["value"],
            i["id"],
            i.has_attr("checked"),
            soup.find("label", attrs={"for": i["id"]}).text.strip(),
        )
        for i in soup.select("input[type=radio]")
    ]


def _djangos(name, value):
    widget = forms.RadioSelect(choices=MET_CHOICES)
    return widget.render(name, value, attrs={"id": f"id_{name}"})


@pytest.mark.parametrize(
    ("data", "initial", "expected"),
    [
        (None, {"met_O1": "1", "reason_O1": "ครบ & <ถูก>"}, {"O1": "1", "O2": ""}),
        ({"met_O1": "0", "met_O2": "9", "reason_O2": "ไม่มี"}, {}, {"O1": "0", "O2": "9"}),
    ],
)
def test_the_radios_and_the_textarea_are_what_djangos_widgets_give(data, initial, expected):
    form = ItemResultsForm(data, items=ITEMS, initial=initial)
    for item in ITEMS:
        name = f"met_{item.code}"
        assert _inputs(form.met_radios(item)) == _inputs(_djangos(name, expected[item.code]))
        textarea = BeautifulSoup(form.reason_textarea(item), "html.parser").textarea
        reason = (data or initial).get(f"reason_{item.code}", "")
        assert (textarea["name"], textarea["id"], textarea.text) == (
            f"reason_{item.code}",
            f"id_reason_{item.code}",
            reason,
        )


def test_forms_share_an_items_fields_but_not_their_data_or_errors(db):
    from assessments.models import OITItem
    from tests.assessments.factories import make_framework

    make_framework(2565)
    items = list(OITItem.objects.filter(sub_indicator__indicator__framework__year=2565)[:2])
    code = items[0].code
    refused = ItemResultsForm({f"met_{code}": "7", "version": "1"}, items=items)
    taken = ItemResultsForm({f"met_{code}": "1", "version": "1"}, items=items)
    assert refused.fields[f"met_{code}"] is taken.fields[f"met_{code}"]
    assert not refused.is_valid() and f"met_{code}" in refused.errors
    assert taken.is_valid() and taken.results()[code] == (True, "")
    assert f"met_{code}" in refused.errors and not taken.errors
