"""Before approving, the approver sees which files the approval makes public, and the
upload field tells staff that an approved answer's files are published."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from oit.models import OITAnswer
from tests.assessments.factories import make_answer, make_framework
from tests.confirming import confirmation_of
from tests.oit.test_public import attach
from tests.oit.test_views import queue_choice

S = OITAnswer.Status


@pytest.fixture
def framework(db):
    return make_framework(2565)


@pytest.fixture
def submitted(org, office, framework, staff_office):
    answer = make_answer(org, framework, "O1", office, S.SUBMITTED, staff_office)
    attach(answer, name="แผนการใช้จ่าย.pdf")
    attach(answer, name="รายงานผล.pdf")
    return answer


def notes(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [note.get_text(" ", strip=True) for note in soup.select("[data-public-on-approval]")]


def test_the_queue_card_names_the_files_that_approving_makes_public(
    login, mayor, submitted, org, office, framework, staff_office
):
    make_answer(org, framework, "O2", office, S.SUBMITTED, staff_office)
    response = login(mayor).get(reverse("oit:queue", args=[2565]))
    first, second = notes(response)
    assert "ไฟล์แนบ 2 ไฟล์ของข้อ O1 จะเปิดให้ทุกคนดาวน์โหลดได้" in first
    assert "แผนการใช้จ่าย.pdf" in first and "รายงานผล.pdf" in first
    assert "ข้อนี้ไม่มีไฟล์แนบ" in second and "แผนการใช้จ่าย.pdf" not in second


def test_the_answer_page_names_them_beside_the_approve_button(login, mayor, submitted):
    response = login(mayor).get(reverse("oit:answer", args=[2565, "O1"]))
    (note,) = notes(response)
    assert "เมื่ออนุมัติ" in note and "แผนการใช้จ่าย.pdf" in note


def test_staff_who_cannot_approve_see_no_such_note(login, staff_office, submitted):
    response = login(staff_office).get(reverse("oit:answer", args=[2565, "O1"]))
    assert notes(response) == []


def test_the_bulk_confirmation_counts_and_names_the_files(
    login, mayor, submitted, org, office, framework, staff_office
):
    other = make_answer(org, framework, "O2", office, S.SUBMITTED, staff_office)
    asked = login(mayor).post(
        reverse("oit:approve_many", args=[2565]), queue_choice(submitted, other)
    )
    confirmation = confirmation_of(asked)
    assert "ไฟล์แนบ 2 ไฟล์ของข้อเหล่านี้จะเปิดให้ทุกคนดาวน์โหลดได้" in confirmation["summary"]
    first, second = confirmation["items"]
    assert first.endswith("ไฟล์ที่จะเปิดเผย: แผนการใช้จ่าย.pdf, รายงานผล.pdf")
    assert "ไฟล์ที่จะเปิดเผย" not in second
    assert set(OITAnswer.objects.values_list("status", flat=True)) == {S.SUBMITTED}


def test_the_upload_field_says_an_approved_answers_files_are_published(
    login, staff_office, org, office, framework
):
    make_answer(org, framework, "O1", office, S.DRAFT, staff_office)
    soup = BeautifulSoup(
        login(staff_office).get(reverse("oit:answer", args=[2565, "O1"])).content, "html.parser"
    )
    upload = soup.find("input", attrs={"type": "file", "name": "files"})
    help_text = soup.find(id=upload["aria-describedby"].split()[0]).get_text()
    assert "เมื่อผู้บริหารอนุมัติคำตอบ ไฟล์ที่แนบจะเปิดให้ทุกคนดาวน์โหลดได้" in help_text
