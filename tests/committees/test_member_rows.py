"""A committee's members edited as rows on the order page: a row added, moved and removed
by buttons that save nothing, errors beside their row, and the order's version kept."""

from bs4 import BeautifulSoup
from django.urls import reverse

from committees.documents import render_order
from committees.models import Order
from committees.services import CommitteeData
from tests import word
from tests.committees.conftest import committee_fields, form_data, make_order, page_form_data
from tests.confirming import confirmation_of, press_confirm


def edit_url(order):
    return reverse("committees:edit", args=[order.pk])


def rows_of(response, committee=0):
    """(position, role, person) of each member row as the page shows them, in order."""
    soup = BeautifulSoup(response.content, "html.parser")
    fieldset = soup.find(id=f"committees-{committee}-members")
    shown = []
    for row in fieldset.select("[data-member-row]"):
        values = [
            row.find("input", attrs={"name": lambda n, f=field: n and n.endswith(f"-{f}")})
            for field in ("position_title", "role", "person_name")
        ]
        shown.append(tuple(v.get("value", "") for v in values))
    return shown


def test_add_row_shows_one_more_empty_row_and_saves_nothing(order, analyst, login):
    client = login(analyst)
    data = page_form_data(client.get(edit_url(order)))
    data["committees-0-members-0-person_name"] = "นายทดสอบ พิมพ์ไว้"
    response = client.post(edit_url(order), data | {"row_action": "add:committees-0-members"})
    assert response.status_code == 200
    assert rows_of(response) == [
        ("นายกองค์การบริหารส่วนตำบลทดสอบ", "หัวหน้าคณะกรรมการ", "นายทดสอบ พิมพ์ไว้"),
        ("ปลัดองค์การบริหารส่วนตำบลทดสอบ", "คณะกรรมการ/เลขานุการ", ""),
        ("", "", ""),
    ]
    assert "ยังไม่ได้บันทึก" in response.content.decode()
    order.refresh_from_db()
    assert order.version == 1
    assert order.committees.first().members.first().person_name == ""


def test_a_member_typed_into_the_added_row_is_saved_last(order, analyst, login):
    client = login(analyst)
    added = client.post(
        edit_url(order),
        page_form_data(client.get(edit_url(order))) | {"row_action": "add:committees-1-members"},
    )
    data = page_form_data(added)
    data["committees-1-members-1-position_title"] = "ผู้อำนวยการกองคลัง"
    data["committees-1-members-1-role"] = "คณะทำงาน"
    assert client.post(edit_url(order), data).status_code == 302
    members = order.committees.get(name="คณะทำงาน").members.order_by("position")
    assert [(m.position_title, m.role) for m in members] == [
        ("นักวิเคราะห์นโยบายและแผน", "คณะทำงาน/เลขานุการ"),
        ("ผู้อำนวยการกองคลัง", "คณะทำงาน"),
    ]
    order.refresh_from_db()
    assert order.version == 2


def test_moving_a_row_up_reorders_the_page_and_the_save_keeps_that_order(order, analyst, login):
    client = login(analyst)
    moved = client.post(
        edit_url(order),
        page_form_data(client.get(edit_url(order))) | {"row_action": "up:committees-0-members-1"},
    )
    assert [title for title, _, _ in rows_of(moved)] == [
        "ปลัดองค์การบริหารส่วนตำบลทดสอบ",
        "นายกองค์การบริหารส่วนตำบลทดสอบ",
    ]
    order.refresh_from_db()
    assert order.version == 1  # moving is not saving
    assert client.post(edit_url(order), page_form_data(moved)).status_code == 302
    first = order.committees.order_by("position").first()
    assert list(first.members.order_by("position").values_list("position_title", flat=True)) == [
        "ปลัดองค์การบริหารส่วนตำบลทดสอบ",
        "นายกองค์การบริหารส่วนตำบลทดสอบ",
    ]


def test_moving_the_last_row_down_changes_nothing(order, analyst, login):
    client = login(analyst)
    data = page_form_data(client.get(edit_url(order)))
    moved = client.post(edit_url(order), data | {"row_action": "down:committees-0-members-1"})
    assert [title for title, _, _ in rows_of(moved)] == [
        "นายกองค์การบริหารส่วนตำบลทดสอบ",
        "ปลัดองค์การบริหารส่วนตำบลทดสอบ",
    ]


def test_a_row_ticked_for_removal_is_asked_then_removed(order, analyst, login):
    client = login(analyst)
    data = page_form_data(client.get(edit_url(order)))
    data["committees-0-members-0-DELETE"] = "on"
    asked = client.post(edit_url(order), data)
    assert confirmation_of(asked)["items"] == [
        "ลบกรรมการ นายกองค์การบริหารส่วนตำบลทดสอบ ออกจากคณะ “คณะทำงานอำนวยการ”"
    ]
    assert order.committees.first().members.count() == 2
    press_confirm(client, asked)
    first = order.committees.order_by("position").first()
    assert list(first.members.values_list("position_title", flat=True)) == [
        "ปลัดองค์การบริหารส่วนตำบลทดสอบ"
    ]


def test_a_blank_row_is_no_member(analyst, login):
    data = form_data([committee_fields("คณะทำงาน", "ปลัด | หัวหน้าคณะทำงาน\n |  | ")])
    assert login(analyst).post(reverse("committees:create"), data).status_code == 302
    assert Order.objects.get().committees.get().members.count() == 1


def test_a_row_with_a_name_but_no_position_is_refused_beside_it_and_nothing_is_saved(
    order, analyst, login
):
    client = login(analyst)
    data = page_form_data(client.get(edit_url(order)))
    data["committees-1-members-0-position_title"] = ""
    response = client.post(edit_url(order), data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    row = soup.find(id="committees-1-members").select_one("[data-member-row]")
    assert "กรุณาระบุตำแหน่ง" in row.get_text()
    assert (
        "is-invalid"
        in row.find("input", attrs={"name": "committees-1-members-0-position_title"})["class"]
    )
    assert row.find("input", attrs={"name": "committees-1-members-0-person_name"})["value"] == (
        "นางสาวใจดี มีสุข"
    )
    assert "รายชื่อสมาชิกยังไม่ครบถ้วน" in soup.get_text()
    order.refresh_from_db()
    assert order.version == 1
    member = order.committees.get(name="คณะทำงาน").members.get()
    assert member.position_title == "นักวิเคราะห์นโยบายและแผน"


def test_a_stale_page_is_refused_with_its_typed_rows_kept(order, analyst, login):
    client = login(analyst)
    stale = page_form_data(client.get(edit_url(order)))
    # Someone else saves first: another role for the second member of the first committee.
    newer = dict(stale)
    newer["committees-0-members-1-role"] = "คณะกรรมการ"
    assert client.post(edit_url(order), newer).status_code == 302
    stale["committees-0-members-0-person_name"] = "นายนายก พิมพ์ค้างไว้"
    response = client.post(edit_url(order), stale)
    assert response.status_code == 409
    assert rows_of(response)[0] == (
        "นายกองค์การบริหารส่วนตำบลทดสอบ",
        "หัวหน้าคณะกรรมการ",
        "นายนายก พิมพ์ค้างไว้",
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert "คณะทำงานอำนวยการ" in soup.find(id="conflict").get_text()
    assert soup.find("input", attrs={"name": "version"})["value"] == "2"
    first = order.committees.order_by("position").first()
    assert first.members.order_by("position").first().person_name == ""


def test_an_unknown_row_action_saves_nothing(order, analyst, login):
    client = login(analyst)
    data = page_form_data(client.get(edit_url(order)))
    response = client.post(edit_url(order), data | {"row_action": "up:version"})
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.version == 1


def test_the_printed_order_is_the_same_after_a_round_trip_through_the_rows(org, analyst, login):
    order = make_order(org)

    def printed():
        committees = [CommitteeData.from_committee(c) for c in order.committees.all()]
        return committees, word.text(word.open_docx(render_order(order, format="docx").content))

    before = printed()
    client = login(analyst)
    page = client.get(edit_url(order))
    assert client.post(edit_url(order), page_form_data(page)).status_code == 302
    order.refresh_from_db()
    assert order.version == 2
    assert printed() == before


def test_a_page_missing_a_committees_row_bookkeeping_is_refused_in_thai(order, analyst, login):
    client = login(analyst)
    data = page_form_data(client.get(edit_url(order)))
    del data["committees-0-members-TOTAL_FORMS"]
    response = client.post(edit_url(order), data)
    assert response.status_code == 200
    fieldset = BeautifulSoup(response.content, "html.parser").find(id="committees-0-members")
    assert "ข้อมูลของแบบฟอร์มไม่ครบ กรุณาเปิดหน้านี้ใหม่" in fieldset.get_text()
    order.refresh_from_db()
    assert order.version == 1
