"""Dates are typed and shown in the Buddhist Era, with Thai or Arabic digits."""

from datetime import date

import pytest
from django import forms

from itaportal import thai
from itaportal.forms import ThaiDateField


@pytest.mark.parametrize(
    "typed",
    [
        "31/10/2565",
        "๓๑/๑๐/๒๕๖๕",
        " 31-10-2565 ",
        "31.10.2565",
        "31/10/65",
        "2022-10-31",
        "2565-10-31",
    ],
)
def test_a_day_typed_the_thai_way_is_read_in_the_buddhist_era(typed):
    assert thai.parse_be_date(typed) == date(2022, 10, 31)


def test_a_christian_era_year_typed_with_slashes_is_told_apart():
    with pytest.raises(thai.ChristianEraYear) as caught:
        thai.parse_be_date("31/10/2022")
    assert caught.value.year == 2022


@pytest.mark.parametrize("typed", ["31/02/2565", "พรุ่งนี้", "1 ต.ค. 65", "2565/10/31", "31/13/2565"])
def test_what_is_not_a_day_is_refused(typed):
    with pytest.raises(ValueError):
        thai.parse_be_date(typed)


class _Form(forms.Form):
    day = ThaiDateField(label="วันที่")


def test_the_field_shows_the_stored_day_in_the_buddhist_era():
    html = str(_Form(initial={"day": date(2022, 10, 31)})["day"])
    assert 'value="31/10/2565"' in html
    assert 'type="text"' in html and 'type="date"' not in html


def test_the_field_keeps_what_was_typed_when_it_is_refused_and_says_why_in_thai():
    form = _Form({"day": "31/10/2022"})
    assert not form.is_valid()
    assert form.errors["day"] == ["ปี 2022 เป็นปี ค.ศ. กรุณาใช้ปี พ.ศ. (2565)"]
    assert 'value="31/10/2022"' in str(form["day"])
    form = _Form({"day": "วันนี้"})
    assert not form.is_valid()
    assert "31/10/2565" in form.errors["day"][0]


def test_a_year_far_outside_the_portals_range_is_refused():
    form = _Form({"day": "01/01/2400"})
    assert not form.is_valid()
    assert form.errors["day"] == ["วันที่ต้องอยู่ระหว่างปี พ.ศ. 2543 ถึง 2643"]
