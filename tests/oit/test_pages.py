"""The OIT answer pages by role: list, item page, queue, progress, assign, copy."""

import pytest
from django.urls import reverse

from oit.models import OITAnswer
from tests.assessments.factories import make_answer, make_framework

S = OITAnswer.Status


@pytest.fixture
def framework(db):
    return make_framework(2565)


def test_every_page_renders_for_the_admin(login, analyst, office, framework, org):
    make_answer(org, framework, "O1", office, S.SUBMITTED, analyst)
    make_answer(org, framework, "O2", office, S.RETURNED, analyst, review_comment="แก้ลิงก์")
    client = login(analyst)
    for name, args in [
        ("list", [2565]),
        ("queue", [2565]),
        ("progress", [2565]),
        ("assign", [2565]),
        ("copy", [2565]),
        ("answer", [2565, "O1"]),
        ("answer", [2565, "O2"]),
        ("answer", [2565, "O3"]),
    ]:
        response = client.get(reverse(f"oit:{name}", args=args))
        assert response.status_code == 200, name


@pytest.mark.parametrize("model", ["oitanswer", "answerevent", "oitanswerattachment"])
def test_the_operator_sees_oit_answers_in_the_django_admin(
    login, operator, org, office, framework, analyst, model
):
    answer = make_answer(org, framework, "O1", office, S.SUBMITTED, analyst)
    client = login(operator)
    assert client.get(f"/admin/oit/{model}/").status_code == 200
    if model == "oitanswer":
        page = client.get(f"/admin/oit/oitanswer/{answer.pk}/change/")
        assert page.status_code == 200
        assert "คำตอบ OIT" in page.content.decode()
