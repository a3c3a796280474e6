from datetime import UTC, date
from decimal import Decimal

import pytest

from itaportal import thai


def test_digits_convert_both_ways():
    assert thai.thai_digits("ที่ 98/2565") == "ที่ ๙๘/๒๕๖๕"
    assert thai.arabic_digits("๘๘.๙๑") == "88.91"
    assert thai.thai_digits(60.61) == "๖๐.๖๑"


def test_digits_in_urls_and_emails_stay_arabic():
    text = "ดูที่ https://www.nongprung.go.th/ita/2565 หรือ it2565@nongprung.go.th ข้อ 3"
    assert thai.thai_digits(text) == (
        "ดูที่ https://www.nongprung.go.th/ita/2565 หรือ it2565@nongprung.go.th ข้อ ๓"
    )


def test_dates_in_buddhist_era():
    day = date(2022, 10, 31)
    assert thai.thai_date(day) == "๓๑ ตุลาคม ๒๕๖๕"
    assert thai.thai_date(day, "short") == "๓๑ ต.ค. ๖๕"
    assert thai.thai_date(date(2022, 1, 17), "order") == "๑๗ มกราคม พ.ศ.\u00a0๒๕๖๕"
    assert thai.thai_date(day, digits="arabic") == "31 ตุลาคม 2565"


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2021, 9, 30), (2564, 4)),
        (date(2021, 10, 1), (2565, 1)),
        (date(2021, 12, 31), (2565, 1)),
        (date(2022, 1, 1), (2565, 2)),
        (date(2022, 4, 1), (2565, 3)),
        (date(2022, 6, 30), (2565, 3)),
        (date(2022, 7, 1), (2565, 4)),
        (date(2022, 9, 30), (2565, 4)),
    ],
)
def test_fiscal_quarter_of_a_date(day, expected):
    assert thai.fiscal_quarter(day) == expected


def test_fiscal_year_and_quarter_ranges():
    assert thai.fiscal_year_range(2565) == (date(2021, 10, 1), date(2022, 9, 30))
    assert thai.quarter_range(2565, 1) == (date(2021, 10, 1), date(2021, 12, 31))
    assert thai.quarter_range(2565, 2) == (date(2022, 1, 1), date(2022, 3, 31))
    assert thai.quarter_range(2565, 4) == (date(2022, 7, 1), date(2022, 9, 30))
    with pytest.raises(ValueError):
        thai.quarter_range(2565, 5)


def test_thai_collation_sorts_by_dictionary_not_code_point():
    names = ["ไก่", "ขวด", "กา", "เกม"]
    assert sorted(names) != ["กา", "เกม", "ไก่", "ขวด"]
    assert thai.sort_thai(names) == ["กา", "เกม", "ไก่", "ขวด"]
    people = [{"n": "สมชาย"}, {"n": "เกศินี"}, {"n": "กมล"}]
    assert [p["n"] for p in thai.sort_thai(people, key=lambda p: p["n"])] == [
        "กมล",
        "เกศินี",
        "สมชาย",
    ]


@pytest.mark.parametrize(
    "typed, expected",
    [("๘๘.๙๑", "88.91"), ("88.91", "88.91"), (" ๑,๒๓๔.๕ ", "1234.5"), ("๐", "0"), ("-๑", "-1")],
)
def test_numbers_typed_with_thai_digits(typed, expected):
    assert thai.parse_decimal(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["", "๘๘..๙", "abc", "๘๘,๙๑x", "1e5", "NaN", "๘ ๘"])
def test_malformed_numbers_are_refused_in_thai(typed):
    with pytest.raises(ValueError, match="กรุณากรอกตัวเลข"):
        thai.parse_decimal(typed)


def test_round_half_up_and_format():
    assert thai.round_half_up(Decimal("84.995")) == Decimal("85.00")
    assert thai.round_half_up(Decimal("60.605")) == Decimal("60.61")
    assert thai.format_number(Decimal("1234.5")) == "๑,๒๓๔.๕๐"
    assert thai.format_number(Decimal("60.605"), digits="arabic") == "60.61"


def test_aware_datetimes_are_dated_in_bangkok():
    from datetime import datetime

    # 17:14 UTC on 25 Nov is 00:14 on 26 Nov in Bangkok.
    moment = datetime(2026, 11, 25, 17, 14, tzinfo=UTC)
    assert thai.thai_date(moment, "short", digits="arabic") == "26 พ.ย. 69"


def test_truncatechars_cuts_as_djangos_filter():
    from django.template import Context, Template
    from django.template.defaultfilters import truncatechars as djangos
    from django.utils.safestring import SafeData, mark_safe

    from itaportal.templatetags.thai import truncatechars

    texts = ["การเปิดเผยข้อมูลขององค์กรปกครองส่วนท้องถิ่นเพื่อประชาชน", "สั้น", "", "<b>ก</b>" * 20]
    for text in texts:
        for length in (0, 1, 5, 17, 40, "x"):
            assert truncatechars(text, length) == djangos(text, length)
    assert isinstance(truncatechars(mark_safe("<b>ก</b>" * 20), 9), SafeData)
    assert not isinstance(truncatechars("<b>ก</b>" * 20, 9), SafeData)
    # Templates get this one (a builtin library), escaping as before.
    template = Template("{{ t|truncatechars:9 }}")
    assert template.nodelist[0].filter_expression.filters[0][0] is truncatechars
    assert template.render(Context({"t": "<b>ก</b>" * 20})) == "&lt;b&gt;ก&lt;/b&gt;…"
