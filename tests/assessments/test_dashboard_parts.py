"""The dashboard's and a year's page's repeated parts (assessments/templatetags/
dashboard_parts.py): the year-over-year rows, the chart of totals, the ranked scores."""

import re
from decimal import Decimal
from types import SimpleNamespace

from django.template import Context, Template

from assessments import charts
from itaportal.documents import page_breaking_html


def render(tag, keep_words=(), **values):
    return Template("{% load dashboard_parts %}{% " + tag + " %}").render(
        Context({**values, "keep_words": keep_words})
    )


def rows_html(rows, keep_words=()):
    return render("history_rows rows", keep_words, rows=rows)


def test_each_cell_shows_the_score_its_change_or_a_dash():
    rows = [
        {
            "number": 3,
            "name": "การใช้ทรัพย์สินของราชการ",
            "cells": [
                {"score": None, "change": None},
                {"score": Decimal("80.5"), "change": None},
                {"score": Decimal("85.25"), "change": Decimal("4.75")},
                {"score": Decimal("70"), "change": Decimal("-15.25")},
                {"score": Decimal("70"), "change": Decimal("0")},
            ],
        }
    ]
    assert rows_html(rows) == (
        "<tr><td>3. การใช้ทรัพย์สินของราชการ</td>"
        '<td class="num">—</td>'
        '<td class="num">80.50</td>'
        '<td class="num">85.25<span class="d-none d-md-inline small text-success ms-1">'
        "▲4.75</span></td>"
        '<td class="num">70.00<span class="d-none d-md-inline small text-danger ms-1">'
        "▼-15.25</span></td>"
        '<td class="num">70.00</td></tr>'
    )


def test_rows_follow_each_other_and_names_are_escaped():
    rows = [
        {"number": 1, "name": "<ก>", "cells": []},
        {"number": 2, "name": "ข & ค", "cells": [{"score": None, "change": None}]},
    ]
    assert rows_html(rows) == (
        '<tr><td>1. &lt;ก&gt;</td></tr>\n<tr><td>2. ข &amp; ค</td><td class="num">—</td></tr>'
    )


def test_names_are_broken_as_the_pages_break_thai_text():
    name = "การเปิดเผยข้อมูลขององค์การบริหารส่วนตำบลหนองปรุง"
    words = ("องค์การบริหารส่วนตำบลหนองปรุง",)
    assert rows_html([{"number": 9, "name": name, "cells": []}], words) == (
        f"<tr><td>9. {page_breaking_html(name, words)}</td></tr>"
    )


def test_the_chart_draws_a_bar_per_scored_year_and_says_every_year():
    chart = charts.year_bars(
        [
            (2566, Decimal("81.2"), "warning", "B"),
            (2567, None, "secondary", ""),
            (2568, Decimal("91.5"), "success", "A<"),
        ],
        pass_mark=Decimal(85),
    )
    svg = render("year_chart chart", chart=chart)
    assert svg.startswith(f'<svg class="year-chart" width="{chart["width"]}" height="240"')
    assert (
        'aria-label="คะแนนรวม ITA รายปี (เกณฑ์ผ่าน 85): ปี 2566 81.20 B, ปี 2567 ยังไม่ครบ, '
        'ปี 2568 91.50 A&lt;"' in svg
    )
    assert re.findall(r"<title>(.*?)</title>", svg) == [
        "ปี 2566: 81.20 (B)",
        "ปี 2568: 91.50 (A&lt;)",
    ]
    bars = [b for b in chart["bars"] if not b.get("missing")]
    for bar in bars:
        assert (
            f'<rect x="{bar["x"]}" y="{bar["y"]}" width="{bar["w"]}" height="{bar["h"]}" fill="{bar["fill"]}"'
            in svg
        )
    assert svg.count("ยังไม่ครบ</text>") == 1
    assert re.findall(r'font-size="13" fill="#212529">(\d+)</text>', svg) == [
        "2566",
        "2567",
        "2568",
    ]
    assert f'y1="{chart["pass_y"]}"' in svg and ">ผ่าน 85</text>" in svg


def test_ranked_scores_mark_the_weakest_and_colour_by_the_pass_mark():
    oit = SimpleNamespace(code="OIT")
    ranked = [
        {"name": "ก <ข>", "number": 9, "instrument": oit, "score": Decimal("92.5")},
        {"name": "ค", "number": 2, "instrument": oit, "score": Decimal("80"), "weakest": False},
        {"name": "ง", "number": 10, "instrument": oit, "score": Decimal("61.25"), "weakest": True},
    ]
    html = render("ranked_scores ranked pass_mark", ranked=ranked, pass_mark=Decimal(85))
    items = re.findall(r"<li .*?</li>", html)
    assert len(items) == 3
    assert "1. ก &lt;ข&gt; " in items[0] and "(ตัวชี้วัดที่ 9 · OIT)" in items[0]
    assert 'width="92.5" height="6" fill="#198754"' in items[0]
    assert 'width="80" height="6" fill="#e0a800"' in items[1]
    assert 'class="ranked-row ranked-weakest"' in items[2] and "ต่ำสุด" in items[2]
    assert 'fill="#dc3545"' in items[2] and "ต่ำสุด" not in items[0] + items[1]
    assert all('x1="85" y1="0" x2="85"' in item for item in items)
    assert html.endswith("เส้นแนวตั้งคือเกณฑ์ผ่าน 85 คะแนน</p>")
