"""The memo that circulates the measures, and each department head's รับทราบ."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from measures import demo, services
from measures.models import Acknowledgement, Memo


@pytest.fixture
def memo(assessment, org):
    return Memo.objects.create(
        assessment=assessment,
        date=date(2022, 10, 31),
        issuing_unit=f"สำนักปลัด {org.name}",
        **{k: v for k, v in demo.MEMO.items() if k != "date"},
    )


def test_a_department_head_acknowledges_in_the_browser(login, staff_finance, memo):
    client = login(staff_finance)
    page = client.get(reverse("measures:memo_detail", args=[memo.pk])).content.decode()
    assert "รับทราบบันทึกข้อความนี้" in page
    staff_finance.name_prefix, staff_finance.first_name = "นาง", "สถาพร"
    staff_finance.last_name, staff_finance.position_title = "กลิ่นโพธิ์กลับ", "ผู้อำนวยการกองคลัง"
    staff_finance.save()
    # A name and position typed into the request (the old form's fields) are ignored.
    response = client.post(
        reverse("measures:memo_ack", args=[memo.pk]),
        {"name": "นายกเทศมนตรี", "position": "ผู้ว่าราชการจังหวัด"},
    )
    assert response.status_code == 302
    ack = Acknowledgement.objects.get(memo=memo)
    assert (ack.user, ack.name, ack.position, ack.acting_for) == (
        staff_finance,
        "นางสถาพร กลิ่นโพธิ์กลับ",
        "ผู้อำนวยการกองคลัง",
        "",
    )
    assert ack.at is not None


def test_a_delegate_acknowledges_in_their_own_name_shown_as_signing_for_another(
    login, staff_finance, memo
):
    staff_finance.position_title = "นักวิชาการเงินและบัญชี"
    staff_finance.save()
    client = login(staff_finance)
    response = client.post(
        reverse("measures:memo_ack", args=[memo.pk]),
        {"acting_for": "รักษาราชการแทน ผู้อำนวยการกองคลัง"},
    )
    assert response.status_code == 302
    ack = Acknowledgement.objects.get(memo=memo)
    assert ack.name == staff_finance.display_name
    assert ack.position_lines == ["นักวิชาการเงินและบัญชี", "รักษาราชการแทน ผู้อำนวยการกองคลัง"]
    page = client.get(reverse("measures:memo_detail", args=[memo.pk])).content.decode()
    assert "data-acting-for" in page and "รักษาราชการแทน ผู้อำนวยการกองคลัง" in page


def test_acknowledging_twice_is_refused_in_thai(login, staff_finance, memo):
    client = login(staff_finance)
    url = reverse("measures:memo_ack", args=[memo.pk])
    client.post(url, {"name": "ก", "position": "ข"})
    response = client.post(url, {"name": "ก", "position": "ข"})
    assert response.status_code == 409
    assert "คุณรับทราบบันทึกข้อความนี้ไปแล้ว" in response.content.decode()
    assert Acknowledgement.objects.filter(memo=memo).count() == 1


def test_a_delegation_longer_than_a_line_is_refused(login, staff_finance, memo):
    response = login(staff_finance).post(
        reverse("measures:memo_ack", args=[memo.pk]), {"acting_for": "ก" * 201}
    )
    assert response.status_code == 400
    assert not Acknowledgement.objects.exists()


def test_another_organization_cannot_see_or_acknowledge(login, outsider, memo):
    client = login(outsider)
    assert client.get(reverse("measures:memo_detail", args=[memo.pk])).status_code == 404
    response = client.post(
        reverse("measures:memo_ack", args=[memo.pk]), {"name": "x", "position": "y"}
    )
    assert response.status_code == 404


def test_the_admin_drafts_a_memo_addressed_to_the_department_heads(
    login, analyst, assessment, mayor
):
    client = login(analyst)
    page = client.get(reverse("measures:memo_create", args=[2565])).content.decode()
    assert "ผู้อำนวยการกองคลัง" in page and "หัวหน้าสำนักปลัด" in page
    response = client.post(
        reverse("measures:memo_create", args=[2565]),
        {
            "issuing_unit": "สำนักปลัด อบต.ทดสอบ",
            "number": "15",
            "date": "2022-10-31",
            "subject": "มาตรการส่งเสริมคุณธรรม",
            "addressee": "ผู้อำนวยการกองคลัง และหัวหน้าสำนักปลัด",
            "body": "ย่อหน้าแรก\nย่อหน้าที่สอง",
            "closing": "จึงเรียนมาเพื่อทราบ",
            "signer_name": "ทดสอบ ผู้บริหาร",
            "signer_position": "นายกองค์การบริหารส่วนตำบลทดสอบ",
        },
    )
    assert response.status_code == 302
    memo = Memo.objects.get(subject="มาตรการส่งเสริมคุณธรรม")
    assert memo.body == ["ย่อหน้าแรก", "ย่อหน้าที่สอง"]
    assert memo.reference == "พบ ๗๐๐๐๑/๑๕"


def test_staff_cannot_draft_or_edit_memos(login, staff_office, memo):
    client = login(staff_office)
    assert client.get(reverse("measures:memo_create", args=[2565])).status_code == 403
    assert client.post(reverse("measures:memo_edit", args=[memo.pk]), {}).status_code == 403


def test_a_memo_edit_on_a_stale_page_is_refused(login, analyst, memo):
    opened = memo.version
    fields = ["issuing_unit", "number", "date", "subject", "addressee", "body", "closing",
              "signer_prefix", "signer_name", "signer_position"]  # fmt: skip
    stored = {name: getattr(memo, name) for name in fields} | {"subject": "เรื่องของอีกคน"}
    services.memo_save(assessment=memo.assessment, memo=memo, version=opened, **stored)
    response = login(analyst).post(
        reverse("measures:memo_edit", args=[memo.pk]),
        {
            "issuing_unit": "สำนักปลัด",
            "date": "2022-10-31",
            "subject": "เรื่องที่ฉันพิมพ์",
            "addressee": "ผู้อำนวยการกองคลัง",
            "body": "ย่อหน้า",
            "closing": "จึงเรียนมาเพื่อทราบ",
            "signer_name": "ก",
            "signer_position": "ข",
            "version": opened,
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "เรื่องที่ฉันพิมพ์" in html
    assert "เรื่องของอีกคน" in BeautifulSoup(html, "html.parser").find(id="conflict").get_text()
    memo.refresh_from_db()
    assert (memo.subject, memo.version) == ("เรื่องของอีกคน", opened + 1)


def test_the_memo_list_shows_who_still_has_to_acknowledge(login, staff_office, memo):
    page = login(staff_office).get(reverse("measures:memo_list")).content.decode()
    assert "รอคุณรับทราบ" in page and "พบ ๗๐๐๐๑/-" in page


def test_the_memo_list_runs_the_same_queries_for_one_memo_or_several(
    login, staff_office, memo, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(staff_office)
    url = reverse("measures:memo_list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in (2, 3):
        Memo.objects.create(
            assessment=memo.assessment, date=date(2022, 11, n), issuing_unit=memo.issuing_unit,
            subject=f"บันทึก {n}", addressee=memo.addressee,
        )  # fmt: skip
    with django_assert_num_queries(len(one)):
        page = client.get(url).content.decode()
    assert page.count("พบ ๗๐๐๐๑/-") == 3  # each memo's reference, with the prefix


def test_the_memo_shows_which_departments_have_not_acknowledged(login, staff_finance, memo, depts):
    memo.recipients.set(depts.values())
    client = login(staff_finance)
    client.post(reverse("measures:memo_ack", args=[memo.pk]), {"name": "ก", "position": "ข"})
    page = client.get(reverse("measures:memo_detail", args=[memo.pk])).content.decode()
    pending = page.split('id="pending-departments"')[1].split("</p>")[0]
    assert "สำนักปลัด" in pending and "กองช่าง" in pending
    assert "กองคลัง" not in pending
