"""The order pages by role: the agency admin edits; executive and staff read; another
organization gets 404."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from committees.models import Order
from tests.committees.conftest import committee_fields, form_data, make_order, page_form_data
from tests.confirming import confirmation_of, press_confirm


def url(name, order=None):
    return reverse(f"committees:{name}", args=[order.pk] if order else [])


READ_PAGES = ["detail", "pdf"]
EDIT_PAGES = ["edit", "copy"]


@pytest.mark.parametrize("persona", ["analyst", "mayor", "staff_office"])
def test_every_member_of_the_organization_reads_the_list_and_the_order(
    request, persona, order, login
):
    client = login(request.getfixturevalue(persona))
    assert client.get(url("list")).status_code == 200
    for page in READ_PAGES:
        assert client.get(url(page, order)).status_code == 200, page


@pytest.mark.parametrize("persona", ["mayor", "staff_office"])
def test_executive_and_staff_may_not_edit_create_or_copy(request, persona, order, login):
    client = login(request.getfixturevalue(persona))
    assert client.get(url("create")).status_code == 403
    assert client.post(url("create"), form_data([])).status_code == 403
    for page in EDIT_PAGES:
        assert client.get(url(page, order)).status_code == 403, page
        assert client.post(url(page, order), {}).status_code == 403, page
    assert Order.objects.count() == 1


def test_another_organization_gets_404_for_every_order_page(order, outsider, login):
    client = login(outsider)
    for page in READ_PAGES + EDIT_PAGES:
        assert client.get(url(page, order)).status_code == 404, page
    assert order.subject not in client.get(url("list")).content.decode()


def test_anonymous_visitors_are_sent_to_login(order, client):
    response = client.get(url("detail", order))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_read_only_roles_see_no_edit_buttons(order, mayor, login):
    html = login(mayor).get(url("detail", order)).content.decode()
    assert url("edit", order) not in html
    assert url("pdf", order) in html


def test_the_list_runs_a_fixed_number_of_queries(org, analyst, login, django_assert_num_queries):
    client = login(analyst)
    make_order(org, number=1)
    client.get(url("list"))  # warm up the session and the user
    # Two for the list (the session, the user and the bell's unread count are one).
    with django_assert_num_queries(2):
        client.get(url("list"))
    for number in range(2, 7):
        make_order(org, number=number)
    with django_assert_num_queries(2):
        response = client.get(url("list"))
    rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
    assert len(rows) == 6


def test_the_detail_page_runs_a_fixed_number_of_queries(
    org, analyst, login, django_assert_num_queries
):
    client = login(analyst)
    small = make_order(org, number=1)
    big = make_order(org, number=2)
    from tests.committees.conftest import CommitteeData, MemberData, committees_replace

    committees_replace(
        order=big,
        committees=[
            CommitteeData(
                f"คณะที่ {n}",
                members=[MemberData(f"ตำแหน่ง {i}", "คณะทำงาน") for i in range(8)],
                duties=["ก", "ข", "ค"],
            )
            for n in range(5)
        ],
    )
    client.get(url("detail", small))
    # Five for the order (the session, the user and the bell's unread count are one); the
    # organization's names that lines keep whole come from the cache.
    with django_assert_num_queries(5):
        client.get(url("detail", small))
    with django_assert_num_queries(5):
        response = client.get(url("detail", big))
    assert response.content.decode().count("ตำแหน่ง 7") == 5


def test_the_list_shows_committee_and_member_counts(order, mayor, login):
    soup = BeautifulSoup(login(mayor).get(url("list")).content, "html.parser")
    cells = [td.get_text(strip=True) for td in soup.select("tbody tr td")]
    assert "98/2565" in cells[0]
    assert cells[3:5] == ["2", "3"]


def test_the_pdf_is_served_inline_as_a_pdf(order, staff_office, login):
    response = login(staff_office).get(url("pdf", order))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "order-98-2565.pdf" in response["Content-Disposition"]


def test_an_order_without_committees_cannot_be_printed(org, analyst, login):
    empty = make_order(org, number=5, committees=[])
    response = login(analyst).get(url("pdf", empty), follow=True)
    assert "ยังไม่มีคณะกรรมการ" in response.content.decode()


def test_the_create_page_round_trips_through_its_html(analyst, login):
    """Submit the page as a browser would: every field as rendered, plus what is typed."""
    client = login(analyst)
    data = page_form_data(client.get(url("create")))
    # The page starts from the standard order's four committees: keep the first, retyped.
    assert data["committees-TOTAL_FORMS"] == "4"
    data.update({f"committees-{n}-DELETE": "on" for n in (1, 2, 3)})
    data.update(
        {
            "number": "๑๒",
            "year": "2566",
            "fiscal_year": "2566",
            "subject": "แต่งตั้งคณะกรรมการ ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            "signed_on": "2023-01-05",
            "signer_name": "สมชาย ใจดี",
            "committees-0-name": "คณะทำงาน",
            "committees-0-members-0-position_title": "๑.๑ ปลัด อบต.",
            "committees-0-members-0-role": "หัวหน้าคณะทำงาน",
            "committees-0-members-1-position_title": "นักวิเคราะห์นโยบายและแผน",
            "committees-0-members-1-role": "คณะทำงาน/เลขานุการ",
            "committees-0-duties": "(๑) วิเคราะห์ผล\n\nรายงานผล",
        }
    )
    # The rest of the standard's rows are removed, one tick each.
    rows = int(data["committees-0-members-TOTAL_FORMS"])
    data.update({f"committees-0-members-{n}-DELETE": "on" for n in range(2, rows)})
    response = client.post(url("create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    order = Order.objects.get(number=12, year=2566)
    committee = order.committees.get()
    assert [(m.position_title, m.role) for m in committee.members.all()] == [
        ("ปลัด อบต.", "หัวหน้าคณะทำงาน"),
        ("นักวิเคราะห์นโยบายและแผน", "คณะทำงาน/เลขานุการ"),
    ]
    assert [d.text for d in committee.duties.all()] == ["วิเคราะห์ผล", "รายงานผล"]
    assert order.updated_by == analyst


def test_the_edit_page_shows_each_saved_member_as_a_row(order, analyst, login):
    response = login(analyst).get(url("edit", order))
    data = page_form_data(response)
    assert data["committees-0-members-TOTAL_FORMS"] == "2"
    assert data["committees-0-members-0-position_title"] == "นายกองค์การบริหารส่วนตำบลทดสอบ"
    assert data["committees-0-members-0-role"] == "หัวหน้าคณะกรรมการ"
    assert data["committees-1-members-0-person_name"] == "นางสาวใจดี มีสุข"
    assert data["version"] == "1"


def test_the_admin_reorders_committees_and_members_and_removes_one(order, analyst, login):
    data = form_data(
        [
            committee_fields(
                "คณะทำงานอำนวยการ", "ปลัด | คณะกรรมการ/เลขานุการ\nนายก | หัวหน้าคณะกรรมการ", "ก"
            ),
            committee_fields("คณะทำงาน", "นักวิเคราะห์ | คณะทำงาน", "ข"),
            committee_fields("คณะที่เพิ่มใหม่", "ผู้อำนวยการกองคลัง | คณะทำงาน", "ค\nง"),
        ],
        initial_forms=2,
        version=order.version,
        number="98",
        year="2565",
        signed_on="2022-01-17",
    )
    data["committees-0-ORDER"] = "3"
    data["committees-1-ORDER"] = "1"
    data["committees-2-ORDER"] = "2"
    data["committees-1-DELETE"] = "on"
    client = login(analyst)
    asked = client.post(url("edit", order), data)
    assert "ลบคณะ “คณะทำงาน” (1 คน) ออกจากคำสั่ง" in confirmation_of(asked)["items"]
    response = press_confirm(client, asked)
    assert response.status_code == 302
    order.refresh_from_db()
    committees = list(order.committees.order_by("position"))
    assert [c.name for c in committees] == ["คณะที่เพิ่มใหม่", "คณะทำงานอำนวยการ"]
    assert [m.position_title for m in committees[1].members.order_by("position")] == ["ปลัด", "นายก"]
    assert [d.text for d in committees[0].duties.order_by("position")] == ["ค", "ง"]
    assert order.version == 2


def test_a_stale_form_does_not_overwrite_a_newer_save(order, analyst, login):
    client = login(analyst)
    fields = dict(number="98", year="2565", signed_on="2022-01-17", version=order.version)
    first = form_data([committee_fields("คณะแรก", "นายก | หัวหน้า")], initial_forms=2, **fields)
    first["confirmed"] = "yes"  # it replaces both committees
    assert client.post(url("edit", order), first).status_code == 302
    stale = form_data([committee_fields("คณะของอีกคน", "ปลัด | หัวหน้า")], initial_forms=2, **fields)
    response = client.post(url("edit", order), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "คำสั่งนี้ถูกแก้ไขโดย" in html
    assert "คณะของอีกคน" in html
    # what the other save changed: its committees, shown beside the typed ones
    assert "คณะแรก" in BeautifulSoup(html, "html.parser").find(id="conflict").get_text()
    assert list(order.committees.values_list("name", flat=True)) == ["คณะแรก"]


def test_removing_a_committee_or_a_member_is_asked_first_and_names_them(order, analyst, login):
    data = form_data(
        [
            committee_fields(
                "คณะทำงานอำนวยการ",
                "นายกองค์การบริหารส่วนตำบลทดสอบ | หัวหน้าคณะกรรมการ",  # the ปลัด is left out
                "ให้คำปรึกษา แนะนำ",
            ),
            committee_fields(
                "คณะทำงาน", "นักวิเคราะห์นโยบายและแผน | คณะทำงาน/เลขานุการ | นางสาวใจดี มีสุข"
            ),  # fmt: skip
        ],
        initial_forms=2,
        version=order.version,
        number="98",
        year="2565",
        signed_on="2022-01-17",
    )
    data["committees-1-DELETE"] = "on"
    client = login(analyst)
    asked = client.post(url("edit", order), data)
    confirmation = confirmation_of(asked)
    assert confirmation["title"] == "ยืนยันการลบออกจากคำสั่งที่ 98/2565"
    assert "จะลบ 1 คณะ และกรรมการ 1 คน" in confirmation["summary"]
    assert confirmation["items"] == [
        "ลบกรรมการ ปลัดองค์การบริหารส่วนตำบลทดสอบ ออกจากคณะ “คณะทำงานอำนวยการ”",
        "ลบคณะ “คณะทำงาน” (1 คน) ออกจากคำสั่ง",
    ]
    # Nothing is saved until the button is pressed.
    order.refresh_from_db()
    assert order.version == 1 and order.committees.count() == 2
    # Going back brings the form as typed, still unsaved.
    declined = client.post(url("edit", order), confirmation["data"] | {"confirmed": ["no"]})
    assert declined.status_code == 200 and confirmation_of(declined) is None
    assert "ยังไม่ได้บันทึก" in declined.content.decode()
    assert order.committees.count() == 2
    press_confirm(client, asked)
    assert list(order.committees.values_list("name", flat=True)) == ["คณะทำงานอำนวยการ"]
    assert order.committees.get().members.count() == 1


def test_a_save_that_removes_nothing_is_not_asked(order, analyst, login):
    fields = dict(number="98", year="2565", signed_on="2022-01-17", version=order.version)
    data = form_data(
        [
            committee_fields(
                "คณะทำงานอำนวยการ",
                "นายกองค์การบริหารส่วนตำบลทดสอบ | หัวหน้าคณะกรรมการ\n"
                "ปลัดองค์การบริหารส่วนตำบลทดสอบ | คณะกรรมการ/เลขานุการ\nปลัดคนใหม่ | คณะกรรมการ",
            ),
            committee_fields(
                "คณะทำงาน", "นักวิเคราะห์นโยบายและแผน | คณะทำงาน/เลขานุการ | นางสาวใจดี มีสุข"
            ),  # fmt: skip
        ],
        initial_forms=2,
        **fields,
    )
    assert login(analyst).post(url("edit", order), data).status_code == 302


def assert_refused(response, message, *kept):
    """The page comes back (200) with the Thai message and everything typed still there."""
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, html[:3000]
    for text in kept:
        assert text in html
    return html


def test_it_refuses_a_duplicate_number_in_the_same_year(order, analyst, login):
    data = form_data(
        [committee_fields("คณะใหม่", "ปลัด | หัวหน้าคณะทำงาน")],
        number="98",
        year="2565",
        signed_on="2022-02-01",
    )
    response = login(analyst).post(url("create"), data)
    html = assert_refused(response, "คำสั่งที่ 98/2565 มีอยู่แล้ว", "คณะใหม่", 'value="หัวหน้าคณะทำงาน"')
    soup = BeautifulSoup(html, "html.parser")
    assert "มีอยู่แล้ว" in soup.find(id="id_number").find_parent("div", class_="mb-3").get_text()
    assert Order.objects.count() == 1


def test_the_same_number_in_another_year_or_organization_is_fine(order, other_org, analyst, login):
    make_order(other_org, number=12, year=2566)
    data = form_data([committee_fields("คณะใหม่", "ปลัด | หัวหน้าคณะทำงาน")], number="98", year="2566")
    assert login(analyst).post(url("create"), data).status_code == 302
    assert Order.objects.filter(number=98).count() == 2


def test_it_refuses_a_committee_without_members(analyst, login):
    data = form_data([committee_fields("คณะว่าง", "  \n", "หน้าที่ที่พิมพ์ไว้")])
    response = login(analyst).post(url("create"), data)
    assert_refused(response, "คณะนี้ยังไม่มีสมาชิก", "คณะว่าง", "หน้าที่ที่พิมพ์ไว้")
    assert not Order.objects.exists()


def test_it_refuses_a_member_without_a_role_beside_the_row(analyst, login):
    members = "ปลัด | หัวหน้าคณะทำงาน\nผู้อำนวยการกองคลัง\nนักวิเคราะห์ | "
    data = form_data([committee_fields("คณะทำงาน", members)])
    response = login(analyst).post(url("create"), data)
    html = assert_refused(response, "สมาชิกแถวที่ 2, 3 ยังไม่ได้ระบุบทบาทในคณะ")
    rows = BeautifulSoup(html, "html.parser").select("[data-member-row]")
    assert "ยังไม่ได้ระบุบทบาทในคณะของผู้อำนวยการกองคลัง" in rows[1].get_text()
    assert "ยังไม่ได้ระบุบทบาทในคณะของนักวิเคราะห์" in rows[2].get_text()
    assert "ยังไม่ได้ระบุ" not in rows[0].get_text()
    assert (
        rows[1].find("input", attrs={"name": "committees-0-members-1-position_title"})["value"]
        == "ผู้อำนวยการกองคลัง"
    )
    assert not Order.objects.exists()


def test_a_designation_needs_no_role(analyst, login):
    data = form_data(
        [committee_fields("ผู้ดูแลระบบของหน่วยงาน", "นักวิเคราะห์นโยบายและแผน", kind="designation")]
    )
    assert login(analyst).post(url("create"), data).status_code == 302
    member = Order.objects.get().committees.get().members.get()
    assert (member.position_title, member.role) == ("นักวิเคราะห์นโยบายและแผน", "")


def test_it_refuses_a_signing_date_outside_the_order_year(analyst, login):
    data = form_data(
        [committee_fields("คณะทำงาน", "ปลัด | หัวหน้า")], year="2566", signed_on="2022-12-31"
    )
    response = login(analyst).post(url("create"), data)
    html = assert_refused(response, "วันที่สั่งอยู่ในปี พ.ศ. 2565 แต่คำสั่งเป็นของปี พ.ศ. 2566", 'value="ปลัด"')
    soup = BeautifulSoup(html, "html.parser")
    assert "2565" in soup.find(id="id_signed_on").find_parent("div", class_="mb-3").get_text()
    assert soup.find(id="id_signed_on")["value"] == "2022-12-31"
    assert not Order.objects.exists()


def test_it_refuses_a_christian_era_year(analyst, login):
    data = form_data([committee_fields("คณะทำงาน", "ปลัด | หัวหน้า")], year="2023", signed_on="")
    assert_refused(login(analyst).post(url("create"), data), "กรุณากรอกปีเป็น พ.ศ.")


def test_it_refuses_an_order_with_no_committee_left(order, analyst, login):
    data = form_data(
        [committee_fields("คณะทำงาน", "ปลัด | หัวหน้า")],
        initial_forms=1,
        number="98",
        year="2565",
        version=1,
    )
    data["committees-0-DELETE"] = "on"
    response = login(analyst).post(url("edit", order), data)
    assert_refused(response, "คำสั่งต้องมีอย่างน้อยหนึ่งคณะ")
    assert order.committees.count() == 2


def test_a_refused_save_keeps_every_committee_in_the_order_the_user_chose(analyst, login):
    data = form_data(
        [
            committee_fields("คณะเอ", "ปลัด | หัวหน้า"),
            committee_fields("คณะบี", "นายก"),
        ]
    )
    data["committees-0-ORDER"] = "2"
    data["committees-1-ORDER"] = "1"
    html = login(analyst).post(url("create"), data).content.decode()
    assert html.index("คณะบี") < html.index("คณะเอ")
    assert not Order.objects.exists()


def test_edits_of_one_order_never_touch_another_organization(order, other_org, outsider, login):
    theirs = make_order(other_org, number=98)
    data = form_data([committee_fields("แก้ข้ามหน่วยงาน", "ปลัด | หัวหน้า")], initial_forms=2, version=1)
    assert login(outsider).post(url("edit", order), data).status_code == 404
    assert order.committees.count() == 2
    assert theirs.committees.count() == 2


def test_the_admin_copies_last_years_order_into_a_draft(order, analyst, login):
    client = login(analyst)
    assert 'value="2566"' in client.get(url("copy", order)).content.decode()
    response = client.post(url("copy", order), {"year": "2566", "number": "๔"})
    copy = Order.objects.get(year=2566, number=4)
    assert response.status_code == 302 and response["Location"] == url("edit", copy)
    assert copy.status == Order.Status.DRAFT and copy.signed_on is None
    assert copy.committees.count() == 2


def test_copying_onto_a_taken_number_is_refused(order, analyst, login):
    make_order(order.organization, number=4, year=2566)
    response = login(analyst).post(url("copy", order), {"year": "2566", "number": "4"})
    assert_refused(response, "คำสั่งที่ 4/2566 มีอยู่แล้ว")
    assert Order.objects.count() == 2


def test_signed_on_is_shown_in_thai(order, mayor, login):
    assert date(2022, 1, 17) == order.signed_on
    html = login(mayor).get(url("detail", order)).content.decode()
    assert "17 มกราคม 2565" in html


def test_a_signed_order_needs_its_date_and_signer(analyst, login):
    data = form_data(
        [committee_fields("คณะทำงาน", "ปลัด | หัวหน้า")],
        status="signed",
        signed_on="",
        signer_name="",
    )
    html = assert_refused(login(analyst).post(url("create"), data), "คำสั่งที่ลงนามแล้วต้องมีวันที่สั่ง")
    assert "คำสั่งที่ลงนามแล้วต้องมีชื่อผู้ลงนาม" in html
    assert not Order.objects.exists()
