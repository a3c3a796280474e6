"""The OIT status badge (`{% oit_status %}`), which the list, progress, assignment and
item pages show per item."""

from django.template import Context, Template

from oit.models import OITAnswer
from tests.assessments.factories import make_answer, make_framework

S = OITAnswer.Status


def badge(answer):
    return Template("{% load oit_badges %}{% oit_status answer %}").render(
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
