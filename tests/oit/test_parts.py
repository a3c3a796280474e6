"""The OIT pages' repeated parts (oit/templatetags/oit_parts.py): the status badge the
list, progress, assignment and item pages show per item, and the list's rows."""

import re
from decimal import Decimal

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from oit.models import OITAnswer
from tests.assessments.factories import make_answer, make_framework

S = OITAnswer.Status


def badge(answer):
    return Template("{% load oit_parts %}{% oit_status answer %}").render(
        Context({"answer": answer})
    )


def test_an_item_without_an_answer_is_not_started(db):
    assert badge(None) == '<span class="badge text-bg-light border">ยังไม่เริ่ม</span>'
    assert badge(OITAnswer()) == badge(None)


def test_an_answer_shows_its_status_in_its_colour(org, office, analyst):
    framework = make_framework(2565)
    answer = make_answer(org, framework, "O1", office, S.RETURNED, analyst)
    assert badge(answer) == (
        f'<span class="badge text-bg-{answer.status_color}">ส่งกลับให้แก้ไข</span>'
    )


def test_carried_evidence_adds_its_warning(org, office, analyst):
    framework = make_framework(2565)
    answer = make_answer(org, framework, "O1", office, S.DRAFT, analyst)
    answer.needs_new_evidence = True
    html = badge(answer)
    assert html.startswith(f'<span class="badge text-bg-{answer.status_color}">')
    assert html.endswith(
        ' <span class="badge text-bg-warning">ต้องใช้หลักฐานปีใหม่ (คัดลอกมาจากปีก่อน)</span>'
    )


def test_the_status_label_is_escaped(org, office, analyst, monkeypatch):
    framework = make_framework(2565)
    answer = make_answer(org, framework, "O1", office, S.DRAFT, analyst)
    monkeypatch.setattr(OITAnswer, "get_status_display", lambda self: "<b>")
    assert "&lt;b&gt;" in badge(answer)


def row(item, answer, points):
    context = Context({"item": item, "answer": answer, "points": points})
    context.request = RequestFactory().get("/")
    return Template("{% load oit_parts %}{% oit_item_row 2565 item answer points %}").render(
        context
    )


def test_an_unanswered_item_is_unassigned_and_not_started(db):
    from assessments.models import OITItem

    make_framework(2565)
    item = OITItem.objects.get(code="O1", sub_indicator__indicator__framework__year=2565)
    html = row(item, None, None)
    assert f'href="{reverse("oit:answer", args=[2565, "O1"])}">O1 {item.title}</a>' in html
    assert '<span class="small text-muted">ยังไม่มอบหมาย</span>' in html
    assert badge(None) in html
    assert "มีผลต่อคะแนนรวม" not in html and "ความเห็นผู้บริหาร" not in html


def test_a_returned_answer_shows_its_department_points_and_comment(org, office, analyst):
    framework = make_framework(2565)
    answer = make_answer(
        org, framework, "O1", office, S.RETURNED, analyst, review_comment="ลิงก์ <ผิด>"
    )
    html = row(answer.item, answer, Decimal("0.45"))
    assert f'<span class="small text-muted">{office.name}</span>' in html
    assert 'มีผลต่อคะแนนรวม <span class="num">0.45</span>' in html
    assert badge(answer) in html
    assert "ความเห็นผู้บริหาร: ลิงก์ &lt;ผิด&gt;</div>" in html
    answer.status = S.SUBMITTED
    assert "ความเห็นผู้บริหาร" not in row(answer.item, answer, None)


def test_a_link_not_checked_yet_says_so():
    from oit.templatetags.oit_parts import link_check

    assert 'data-verdict="">ยังไม่ได้ตรวจลิงก์นี้' in link_check(None)


def test_a_link_check_shows_its_verdict_status_title_time_and_destination():
    import datetime

    from django.utils import timezone

    from oit.models import LinkCheck
    from oit.templatetags.oit_parts import link_check

    check = LinkCheck(
        url="https://nongprung.go.th/a",
        verdict="not_found",
        status=404,
        title="ข่าว <ประชาสัมพันธ์> " * 6,
        final_url="https://nongprung.go.th/b?x=1&y=2",
        message="ไม่พบหน้า <นี้>",
        # 23:45 UTC is 06:45 of the next day in Bangkok.
        checked_at=timezone.make_aware(datetime.datetime(2026, 11, 30, 23, 45), datetime.UTC),
    )
    html = str(link_check(check))
    assert 'data-verdict="not_found"' in html
    assert (
        f'<span class="badge text-bg-{check.level}">ตรวจลิงก์: {check.get_verdict_display()}' in html
    )
    assert '<span class="text-break">ไม่พบหน้า &lt;นี้&gt;</span>' in html
    assert "HTTP 404 · “ข่าว &lt;ประชาสัมพันธ์&gt; ข่าว" in html and "…” · " in html
    assert "ตรวจเมื่อ 1 ธ.ค. 69 06:45 น.</span>" in html
    assert "ปลายทาง: https://nongprung.go.th/b?x=1&amp;y=2</span>" in html
    check.verdict, check.final_url, check.status, check.title = "ok", check.url, None, ""
    html = str(link_check(check))
    assert "text-break" not in html and "HTTP" not in html and "ปลายทาง" not in html


def test_answer_links_warn_per_link_and_carry_their_checks():
    from oit.templatetags.oit_parts import answer_links, link_check

    assert answer_links([]) == '<p class="text-muted mb-2">ยังไม่มีลิงก์</p>'
    links = [
        {"position": 1, "url": "https://p/x", "label": "ป้าย", "level": "danger", "message": "ห้าม"},
        {
            "position": 2,
            "url": "https://y.com/?a=1&b=2",
            "label": "",
            "level": "warning",
            "message": "นอกเว็บไซต์",
            "check": None,
        },
        {"position": 3, "url": "https://x.go.th/", "label": "", "level": "", "message": ""},
    ]
    items = re.findall(r"<li .*?</li>", str(answer_links(links)), re.S)
    assert len(items) == 3
    assert ">ป้าย</a>" in items[0] and "<strong>ห้ามใช้:</strong> ห้าม</div>" in items[0]
    assert 'href="https://y.com/?a=1&amp;b=2"' in items[1]
    assert ">https://y.com/?a=1&amp;b=2</a>" in items[1]  # no label: the address
    assert "<strong>ระวัง:</strong> นอกเว็บไซต์</div>" in items[1]
    assert link_check(None) in items[1] and "oit-linkcheck" not in items[2]
    assert "alert" not in items[2]
