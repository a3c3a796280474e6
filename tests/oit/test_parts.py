"""The OIT pages' repeated parts (oit/templatetags/oit_parts.py): the status badge the
list, progress, assignment and item pages show per item, and the list's rows."""

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
