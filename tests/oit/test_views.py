"""The OIT answer pages through HTTP: the form and its refusals, the actions by role, the
queue (and its query count), assignment, copying forward, progress and the home panels."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Assessment
from oit.models import AnswerEvent, OITAnswer, OITAnswerAttachment
from tests.assessments.factories import item, make_answer, make_framework
from tests.confirming import confirmation_of, press_confirm
from tests.conftest import assert_served_as_upload, png_bytes

S = OITAnswer.Status


@pytest.fixture
def framework(db):
    return make_framework(2565)


@pytest.fixture
def draft(org, office, framework, staff_office):
    return make_answer(org, framework, "O1", office, S.DRAFT, staff_office)


def answer_url(code="O1", year=2565):
    return reverse("oit:answer", args=[year, code])


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def form_data(answer, **changes):
    """What the answer page's form posts, read back from its rendered HTML."""
    data = {
        "version": str(answer.version),
        "where_to_find": "หน้าหลัก › ข้อมูลหน่วยงาน › โครงสร้าง",
        "explanation": "",
        "link_url": ["https://www.thotsop.go.th/structure", "", "", "", ""],
        "link_label": ["ผังโครงสร้าง", "", "", "", ""],
        "save": "",
    }
    data.update(changes)
    return data


def page(response):
    return BeautifulSoup(response.content, "html.parser")


# --- the form round trip ----------------------------------------------------------------


def test_the_form_round_trips_through_its_rendered_html(login, staff_office, draft):
    client = login(staff_office)
    soup = page(client.get(answer_url()))
    form = soup.select_one("form.oit-answer-form")
    assert form is not None
    data = {"link_url": [], "link_label": []}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not name or field.get("type") in ("file", "submit", "checkbox"):
            continue
        if field.name == "textarea":
            value = field.text
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            value = chosen["value"] if chosen else ""
        else:
            value = field.get("value", "")
        if name in ("link_url", "link_label"):
            data[name].append(value)
        else:
            data[name] = value
    assert len(data["link_url"]) == 5
    data["explanation"] = "ตรวจแล้ว"
    data["element_1"] = "link:1"
    response = client.post(answer_url(), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.explanation == "ตรวจแล้ว"
    assert draft.links == [{"url": "https://thotsop.go.th/ita/O1", "label": "หลักฐาน O1"}]
    assert draft.element_evidence == {"1": "link:1"}


def test_save_then_submit_in_one_go(login, staff_office, draft):
    data = form_data(draft, then_submit="", element_1="link:1", element_2="link:1")
    response = login(staff_office).post(answer_url(), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED


@pytest.mark.parametrize(
    "url, message",
    [
        ("javascript:alert(1)", "ต้องขึ้นต้นด้วย http:// หรือ https://"),
        ("ftp://www.thotsop.go.th/a.pdf", "ต้องขึ้นต้นด้วย http:// หรือ https://"),
        ("www.thotsop.go.th/a", "ต้องขึ้นต้นด้วย http:// หรือ https://"),
    ],
)
def test_a_non_http_link_is_refused_and_nothing_is_saved(login, staff_office, draft, url, message):
    data = form_data(draft, explanation="ข้อความใหม่")
    data["link_url"] = [url, "", "", "", ""]
    response = login(staff_office).post(answer_url(), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.explanation == "" and draft.links[0]["url"].startswith("https://")
    # the typed text stays on the page
    assert "ข้อความใหม่" in response.content.decode()


def test_more_than_five_links_are_refused(login, staff_office, draft):
    data = form_data(draft)
    data["link_url"] = [f"https://www.thotsop.go.th/{n}" for n in range(6)]
    data["link_label"] = [f"ลิงก์ {n}" for n in range(6)]
    response = login(staff_office).post(answer_url(), data)
    assert response.status_code == 200
    assert "ใส่ลิงก์ได้ไม่เกิน 5 ลิงก์" in response.content.decode()
    draft.refresh_from_db()
    assert len(draft.links) == 1


def test_a_link_needs_a_label(login, staff_office, draft):
    data = form_data(draft)
    data["link_label"] = ["", "", "", "", ""]
    response = login(staff_office).post(answer_url(), data)
    assert "กรุณาตั้งชื่อลิงก์" in response.content.decode()


def test_the_where_to_find_path_is_required(login, staff_office, draft):
    response = login(staff_office).post(answer_url(), form_data(draft, where_to_find=""))
    assert response.status_code == 200
    assert "กรุณาระบุตำแหน่งบนเว็บไซต์" in response.content.decode()


def test_ticking_an_element_against_an_empty_link_is_refused(login, staff_office, draft):
    response = login(staff_office).post(answer_url(), form_data(draft, element_1="link:3"))
    assert "ลิงก์ที่ 3 ยังว่างอยู่" in response.content.decode()
    draft.refresh_from_db()
    assert draft.element_evidence == {}


def test_links_typed_in_any_row_are_compacted_and_ticks_follow(login, staff_office, draft):
    data = form_data(draft, element_1="link:3")
    data["link_url"] = ["", "", "https://www.thotsop.go.th/third", "", ""]
    data["link_label"] = ["", "", "แถวที่สาม", "", ""]
    login(staff_office).post(answer_url(), data)
    draft.refresh_from_db()
    assert draft.links == [{"url": "https://www.thotsop.go.th/third", "label": "แถวที่สาม"}]
    assert draft.element_evidence == {"1": "link:1"}


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_allowed_files_are_stored_under_a_random_name(login, staff_office, draft):
    pdf = upload("คำสั่ง.pdf", b"%PDF-1.7 evidence")
    png = upload("ผัง.png", png_bytes())
    docx = upload("รายงาน.docx", b"PK\x03\x04 word")
    response = login(staff_office).post(answer_url(), form_data(draft, files=[pdf, png, docx]))
    assert response.status_code == 302
    names = {a.original_name: a for a in OITAnswerAttachment.objects.all()}
    assert set(names) == {"คำสั่ง.pdf", "ผัง.png", "รายงาน.docx"}
    stored = names["คำสั่ง.pdf"].file.name
    assert stored.startswith("oit-answers/") and "คำสั่ง" not in stored
    assert names["ผัง.png"].content_type == "image/png"
    response = login(staff_office).get(names["รายงาน.docx"].get_absolute_url())
    assert_served_as_upload(response, "attachment")  # Office files download


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("script.exe", b"MZ\x90\x00", "ไม่รับไฟล์ชนิดนี้"),
        ("page.html", b"<html>", "ไม่รับไฟล์ชนิดนี้"),
        ("fake.pdf", b"<html><script>alert(1)</script>", "ไม่ตรงกับนามสกุล .pdf"),
        ("fake.png", b"%PDF-1.4", "ไม่ตรงกับนามสกุล .png"),
        ("empty.pdf", b"", "ว่างเปล่า"),
    ],
)
def test_files_of_the_wrong_type_are_refused_and_earlier_files_kept(
    login, staff_office, draft, name, content, message
):
    kept = OITAnswerAttachment.objects.create(
        answer=draft, file=upload("old.pdf", b"%PDF-1.4 old"), original_name="old.pdf",
        content_type="application/pdf", size=12,
    )  # fmt: skip
    response = login(staff_office).post(
        answer_url(), form_data(draft, explanation="ไม่ควรบันทึก", files=[upload(name, content)])
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(OITAnswerAttachment.objects.all()) == [kept]
    draft.refresh_from_db()
    assert draft.explanation == ""


def test_removing_a_file_is_asked_first_naming_the_file(login, staff_office, draft):
    old = OITAnswerAttachment.objects.create(
        answer=draft, file=upload("old.pdf", b"%PDF-1.4 old"), original_name="ผังเก่า.pdf",
        content_type="application/pdf", size=12,
    )  # fmt: skip
    client = login(staff_office)
    asked = client.post(
        answer_url(), form_data(draft, explanation="ใช้ผังใหม่", remove_files=[old.pk])
    )
    confirmation = confirmation_of(asked)
    assert confirmation["title"] == "ยืนยันการลบไฟล์ของข้อ O1"
    assert "จะลบ 1 ไฟล์ออกจากคำตอบข้อ O1" in confirmation["summary"]
    assert confirmation["items"] == ["ลบไฟล์ ผังเก่า.pdf (12\xa0ไบต์)"]
    assert OITAnswerAttachment.objects.filter(pk=old.pk).exists()
    draft.refresh_from_db()
    assert draft.explanation == "", "nothing is saved before the confirmation"
    assert press_confirm(client, asked).status_code == 302
    assert not OITAnswerAttachment.objects.filter(pk=old.pk).exists()
    draft.refresh_from_db()
    assert draft.explanation == "ใช้ผังใหม่"


def test_a_file_over_20_mb_is_refused(login, staff_office, draft, settings):
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))
    response = login(staff_office).post(answer_url(), form_data(draft, files=[big]))
    assert "ใหญ่เกิน 20 MB" in response.content.decode()
    assert not OITAnswerAttachment.objects.exists()


def test_the_second_writer_keeps_their_text_and_sees_the_stored_one(
    login, client, staff_office, analyst, draft
):
    opened = draft.version
    login(analyst).post(
        answer_url(),
        form_data(draft, explanation="ข้อความของผู้ดูแลระบบ", department=draft.department_id),
    )
    client.logout()
    response = login(staff_office).post(
        answer_url(), form_data(draft, version=str(opened), explanation="ข้อความของเจ้าหน้าที่")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "ถูกแก้ไขโดย" in html
    soup = page(response)
    assert "ข้อความของผู้ดูแลระบบ" in soup.select_one("#conflict").text  # what changed
    assert soup.select_one("textarea[name=explanation]").text == "ข้อความของเจ้าหน้าที่"
    assert "ข้อความของผู้ดูแลระบบ" in soup.select_one(".card.border-danger").text
    draft.refresh_from_db()
    assert draft.explanation == "ข้อความของผู้ดูแลระบบ"
    # the page now carries the stored version: saving again is a deliberate overwrite
    assert soup.select_one("input[name=version]")["value"] == str(draft.version)
    login(staff_office).post(
        answer_url(), form_data(draft, version=str(draft.version), explanation="รวมแล้ว")
    )
    draft.refresh_from_db()
    assert draft.explanation == "รวมแล้ว"


# --- who may do what on the item page ----------------------------------------------------


def test_staff_of_another_department_read_but_cannot_edit(login, staff_finance, draft):
    client = login(staff_finance)
    response = client.get(answer_url())
    assert response.status_code == 200
    assert page(response).select_one("form.oit-answer-form") is None
    assert "ส่วนราชการอื่น" in response.content.decode()
    response = client.post(answer_url(), form_data(draft, explanation="แอบแก้"))
    assert response.status_code == 403
    assert "ส่วนราชการอื่น" in response.content.decode()
    draft.refresh_from_db()
    assert draft.explanation == ""


def test_the_executive_sees_no_edit_form(login, mayor, draft):
    response = login(mayor).get(answer_url())
    assert page(response).select_one("form.oit-answer-form") is None
    assert login(mayor).post(answer_url(), form_data(draft)).status_code == 403


def test_an_approved_answer_shows_locked_and_refuses_an_edit(login, staff_office, analyst, org, office, framework, mayor):  # fmt: skip
    approved = make_answer(org, framework, "O2", office, S.APPROVED, mayor)
    for user in (staff_office, analyst):
        client = login(user)
        response = client.get(answer_url("O2"))
        assert page(response).select_one("form.oit-answer-form") is None
        assert "ถูกล็อก" in response.content.decode()
        response = client.post(answer_url("O2"), form_data(approved, explanation="แก้"), follow=True)
        assert any("ล็อก" in m for m in messages_of(response))
    approved.refresh_from_db()
    assert approved.explanation == ""


def test_the_item_page_shows_its_history_with_comments(login, staff_office, draft, mayor):
    AnswerEvent.objects.create(
        answer=draft, action="return", from_status=S.SUBMITTED, to_status=S.RETURNED,
        actor=mayor, comment="แก้เส้นทางให้ครบ",
    )  # fmt: skip
    html = login(staff_office).get(answer_url()).content.decode()
    assert "ประวัติ" in html and "แก้เส้นทางให้ครบ" in html and "ส่งกลับให้แก้ไข" in html


def test_the_history_still_shows_when_whoever_acted_is_gone(login, staff_office, draft, mayor, org):
    """An event keeps no actor once its user is deleted (SET_NULL), or had none: the item
    page says ระบบ instead of failing."""
    from tests.conftest import make_user

    gone = make_user("ออกไปแล้ว", org, "executive")
    AnswerEvent.objects.create(
        answer=draft, action="return", from_status=S.SUBMITTED, to_status=S.RETURNED,
        actor=gone, comment="ผู้ส่งกลับลาออกแล้ว",
    )  # fmt: skip
    gone.delete()
    response = login(staff_office).get(answer_url())
    html = response.content.decode()
    assert response.status_code == 200 and "ผู้ส่งกลับลาออกแล้ว" in html
    assert "ระบบ ·" in page(response).select_one(".oit-history").text


def test_links_outside_the_domain_or_to_the_portal_are_flagged(
    login, mayor, org, office, framework
):
    make_answer(
        org, framework, "O2", office, S.SUBMITTED,
        links=[
            {"url": "https://drive.google.com/file/x", "label": "ไดรฟ์"},
            {"url": "http://testserver/p/thotsop/ita/2565/", "label": "พอร์ทัล"},
        ],
    )  # fmt: skip
    soup = page(login(mayor).get(reverse("oit:queue", args=[2565])))
    assert "อยู่นอกเว็บไซต์หลัก" in soup.select_one(".alert-warning").text
    assert "ชี้มาที่ ITA Portal" in soup.select_one(".alert-danger").text


def test_a_user_of_another_organization_gets_404_for_actions_and_files(login, outsider, draft):
    client = login(outsider)
    attachment = OITAnswerAttachment.objects.create(
        answer=draft, file=upload("a.pdf", b"%PDF-1"), original_name="a.pdf",
        content_type="application/pdf", size=6,
    )  # fmt: skip
    for name in ("submit", "approve", "return", "reopen"):
        assert client.post(reverse(f"oit:{name}", args=[2565, "O1"])).status_code == 404
    assert client.get(reverse("oit:attachment", args=[2565, attachment.pk])).status_code == 404
    # their own page of the item shows their own (empty) answer, never ours
    html = client.get(answer_url()).content.decode()
    assert "thotsop.go.th/O1" not in html


# --- transitions through the views ------------------------------------------------------


def page_version(client, name, code="O1"):
    """The version the item page's form for action `name` carries; an action the page
    does not offer now (a crafted or stale post) carries the stored version."""
    action = reverse(f"oit:{name}", args=[2565, code])
    form = page(client.get(answer_url(code))).select_one(f'form[action="{action}"]')
    if form is not None:
        return form.select_one("input[name=version]")["value"]
    return str(OITAnswer.objects.get(item__code=code).version)


def post_action(client, name, code="O1", **data):
    data.setdefault("version", page_version(client, name, code))
    return client.post(reverse(f"oit:{name}", args=[2565, code]), data, follow=True)


def test_staff_submit_from_the_item_page(login, staff_office, draft):
    OITAnswer.objects.filter(pk=draft.pk).update(element_evidence={"1": "link:1", "2": "link:1"})
    response = post_action(login(staff_office), "submit", version=draft.version)
    assert any("ส่งข้อ O1" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED


def test_staff_of_another_department_cannot_submit(login, staff_finance, draft):
    response = login(staff_finance).post(reverse("oit:submit", args=[2565, "O1"]))
    assert response.status_code == 403


@pytest.fixture
def submitted(org, office, framework, staff_office):
    return make_answer(org, framework, "O2", office, S.SUBMITTED, staff_office)


@pytest.mark.parametrize("who", ["analyst", "staff_office", "staff_finance"])
@pytest.mark.parametrize("action", ["approve", "return", "reopen"])
def test_only_the_executive_approves_returns_or_reopens(login, submitted, who, action, request):
    response = login(request.getfixturevalue(who)).post(
        reverse(f"oit:{action}", args=[2565, "O2"]), {"comment": "x"}
    )
    assert response.status_code == 403
    assert "เฉพาะผู้บริหาร" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_the_executive_approves_from_the_queue_and_returns_to_it(login, mayor, submitted):
    queue = reverse("oit:queue", args=[2565])
    response = login(mayor).post(
        reverse("oit:approve", args=[2565, "O2"]),
        {"version": submitted.version, "next": queue},
    )
    assert response.status_code == 302 and response["Location"] == queue
    submitted.refresh_from_db()
    assert submitted.status == S.APPROVED


def test_an_outside_next_address_is_ignored(login, mayor, submitted):
    response = login(mayor).post(
        reverse("oit:approve", args=[2565, "O2"]),
        {"version": submitted.version, "next": "https://evil.example/"},
    )
    assert response["Location"] == answer_url("O2")


@pytest.mark.parametrize("target", ["0", "home", "javascript:alert(1)"])
def test_a_next_that_is_no_path_is_ignored_not_taken_for_a_view_name(
    login, mayor, submitted, target
):
    response = login(mayor).post(
        reverse("oit:approve", args=[2565, "O2"]),
        {"version": submitted.version, "next": target},
    )
    assert response["Location"] == answer_url("O2")


def test_approving_a_draft_is_refused_with_a_thai_message(login, mayor, draft):
    response = post_action(login(mayor), "approve")
    assert any("จึงอนุมัติไม่ได้" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_a_return_without_a_comment_is_refused(login, mayor, submitted):
    response = post_action(login(mayor), "return", code="O2", comment=" ")
    assert any("กรุณาเขียนความเห็น" in m for m in messages_of(response))
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_a_returned_answer_shows_the_comment_to_its_staff(login, client, mayor, staff_office, submitted):  # fmt: skip
    post_action(login(mayor), "return", code="O2", comment="ลิงก์เปิดไม่ได้")
    client.logout()
    staff = login(staff_office)
    assert "ลิงก์เปิดไม่ได้" in staff.get(answer_url("O2")).content.decode()
    home = staff.get(reverse("home")).content.decode()
    assert "ลิงก์เปิดไม่ได้" in home and "O2" in home
    # The home panel names the item and its year and leads to the answer.
    assert f'href="{answer_url("O2")}">O2 {submitted.item.title}</a>' in home
    assert "ปี 2565" in home


def test_the_executive_reopens_with_a_reason_and_staff_edit_again(login, client, mayor, staff_office, org, office, framework):  # fmt: skip
    approved = make_answer(org, framework, "O3", office, S.APPROVED, mayor)
    response = post_action(login(mayor), "reopen", code="O3", comment="")
    assert any("เหตุผล" in m for m in messages_of(response))
    asked = post_action(login(mayor), "reopen", code="O3", comment="เว็บไซต์ย้ายหน้า")
    approved.refresh_from_db()
    assert approved.status == S.APPROVED, "nothing happens before the confirmation"
    press_confirm(client, asked)
    approved.refresh_from_db()
    assert approved.status == S.DRAFT
    assert approved.events.filter(action="reopen", comment="เว็บไซต์ย้ายหน้า").exists()
    client.logout()
    html = login(staff_office).get(answer_url("O3")).content.decode()
    assert "เว็บไซต์ย้ายหน้า" in html and "oit-answer-form" in html


# --- the queue ----------------------------------------------------------------------------


def test_the_queue_lists_submitted_answers_with_links_in_a_new_tab(login, mayor, submitted, draft):
    soup = page(login(mayor).get(reverse("oit:queue", args=[2565])))
    cards = soup.select("article.oit-card")
    assert [c["data-code"] for c in cards] == ["O2"]
    link = cards[0].select_one(".oit-links a")
    assert link["target"] == "_blank" and "noopener" in link["rel"]
    assert cards[0].select_one("input.oit-select[name=answers]")


def test_staff_see_the_queue_without_buttons(login, staff_office, submitted):
    soup = page(login(staff_office).get(reverse("oit:queue", args=[2565])))
    assert soup.select("article.oit-card")
    assert not soup.select("input.oit-select") and not soup.select(".card-footer form")


def queue_choice(*answers):
    """What the queue's bulk form posts: the ticked answers and the versions it showed."""
    return {"answers": [a.pk for a in answers]} | {f"version_{a.pk}": a.version for a in answers}


def test_approve_several_at_once_after_confirming(login, mayor, org, office, framework, staff_office):  # fmt: skip
    answers = [
        make_answer(org, framework, c, office, S.SUBMITTED, staff_office)
        for c in ("O1", "O2", "O3")
    ]
    client = login(mayor)
    asked = client.post(
        reverse("oit:approve_many", args=[2565]), queue_choice(answers[0], answers[2])
    )
    # Nothing is approved yet: the page says how many and which, and asks once more.
    assert set(OITAnswer.objects.values_list("status", flat=True)) == {S.SUBMITTED}
    confirmation = confirmation_of(asked)
    assert confirmation["title"] == "ยืนยันการอนุมัติ 2 ข้อ"
    assert "จะอนุมัติ 2 ข้อ (O1, O3)" in confirmation["summary"]
    assert [line.split()[0] for line in confirmation["items"]] == ["O1", "O3"]
    assert confirmation["button"] == "ยืนยัน อนุมัติ 2 ข้อ"
    response = press_confirm(client, asked, follow=True)
    assert any("อนุมัติ 2 ข้อแล้ว (O1, O3)" in m for m in messages_of(response))
    statuses = dict(OITAnswer.objects.values_list("item__code", "status"))
    assert statuses == {"O1": S.APPROVED, "O2": S.SUBMITTED, "O3": S.APPROVED}


def test_approve_several_is_all_or_nothing(login, mayor, org, office, framework, staff_office):
    ok = make_answer(org, framework, "O1", office, S.SUBMITTED, staff_office)
    returned = make_answer(org, framework, "O2", office, S.RETURNED, staff_office)
    response = login(mayor).post(
        reverse("oit:approve_many", args=[2565]),
        queue_choice(ok, returned) | {"confirmed": "yes"},
        follow=True,
    )
    assert any("ยังไม่ได้อนุมัติข้อใดเลย" in m for m in messages_of(response))
    ok.refresh_from_db()
    assert ok.status == S.SUBMITTED


def test_nothing_is_approved_at_once_without_the_confirmation(login, mayor, org, office, framework, staff_office):  # fmt: skip
    # Enter in a ticked checkbox, a double click, a crafted post: all land on the question.
    answer = make_answer(org, framework, "O1", office, S.SUBMITTED, staff_office)
    for confirmed in (None, "", "no", "1"):
        data = queue_choice(answer) | ({} if confirmed is None else {"confirmed": confirmed})
        response = login(mayor).post(reverse("oit:approve_many", args=[2565]), data)
        assert confirmation_of(response) is not None
    answer.refresh_from_db()
    assert answer.status == S.SUBMITTED
    assert not answer.events.filter(action="approve").exists()


def test_the_approval_bar_is_hidden_until_something_is_ticked(login, mayor, submitted):
    soup = page(login(mayor).get(reverse("oit:queue", args=[2565])))
    assert soup.select_one(".oit-approve-bar").has_attr("hidden")


def test_the_reopen_confirmation_names_the_item_the_department_and_the_reason(login, mayor, org, office, framework):  # fmt: skip
    make_answer(org, framework, "O3", office, S.APPROVED, mayor)
    asked = post_action(login(mayor), "reopen", code="O3", comment="เว็บไซต์ย้ายหน้า")
    confirmation = confirmation_of(asked)
    assert confirmation["title"] == "ยืนยันการเปิดข้อ O3 ให้แก้ไขอีกครั้ง"
    assert office.name in confirmation["summary"]
    assert "เหตุผล: เว็บไซต์ย้ายหน้า" in confirmation["items"]
    assert confirmation["data"]["comment"] == ["เว็บไซต์ย้ายหน้า"]


def test_approve_several_by_the_admin_is_forbidden(login, analyst, submitted):
    response = login(analyst).post(
        reverse("oit:approve_many", args=[2565]), {"answers": [submitted.pk]}
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def _count_queries(client, url):
    """The page's queries once the process keeps the year's structure (the first request
    loads it)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_queue_runs_a_fixed_number_of_queries(
    login, mayor, org, office, finance, framework, staff_office, django_assert_num_queries
):
    client = login(mayor)
    url = reverse("oit:queue", args=[2565])
    first = make_answer(org, framework, "O1", office, S.SUBMITTED, staff_office)
    OITAnswerAttachment.objects.create(
        answer=first, file=upload("a.pdf", b"%PDF-1"), original_name="a.pdf",
        content_type="application/pdf", size=6,
    )  # fmt: skip
    few = _count_queries(client, url)
    for code, dept in (("O2", finance), ("O3", office), ("O4", finance), ("O5", office)):
        answer = make_answer(org, framework, code, dept, S.SUBMITTED, staff_office)
        OITAnswerAttachment.objects.create(
            answer=answer, file=upload("b.pdf", b"%PDF-1"), original_name="b.pdf",
            content_type="application/pdf", size=6,
        )  # fmt: skip
    with django_assert_num_queries(few):
        response = client.get(url)
    assert len(page(response).select("article.oit-card")) == 5


def test_the_list_runs_a_fixed_number_of_queries(
    login, analyst, org, office, framework, staff_office, django_assert_num_queries
):
    client = login(analyst)
    url = reverse("oit:list", args=[2565])
    make_answer(org, framework, "O1", office, S.SUBMITTED, staff_office)
    few = _count_queries(client, url)
    for code in ("O2", "O3", "O4", "O5"):
        make_answer(org, framework, code, office, S.DRAFT, staff_office)
    with django_assert_num_queries(few):
        client.get(url)


@pytest.mark.parametrize(
    ("url_name", "users"),
    # The queue shows who sent each answer: one user row per answer besides the reader.
    [("oit:list", 1), ("oit:progress", 1), ("oit:queue", 6)],
)
def test_the_answer_pages_build_one_organization_however_many_answers(
    login, mayor, org, office, framework, staff_office, url_name, users
):
    from django.db.models.signals import post_init

    for code in ("O1", "O2", "O3", "O4", "O5"):
        make_answer(org, framework, code, office, S.SUBMITTED, staff_office)
    client = login(mayor)
    url = reverse(url_name, args=[2565])
    client.get(url)  # the year's structure is kept from here on
    built = []

    def count(sender, **kwargs):
        built.append(sender.__name__)

    post_init.connect(count)
    try:
        response = client.get(url)
    finally:
        post_init.disconnect(count)
    # The logged-in user's organization only: not a row of it per answer.
    assert built.count("Organization") == 1 and built.count("User") == users, built
    assert built.count("OITAnswer") == 5
    assert "O5" in response.content.decode()


# --- assignment, copy forward, progress -------------------------------------------------


def test_the_admin_assigns_items_from_the_bulk_page(login, analyst, framework, finance):
    client = login(analyst)
    url = reverse("oit:assign", args=[2565])
    assert client.get(url).status_code == 200
    ids = [item(framework, c).pk for c in ("O1", "O2")]
    response = client.post(url, {"items": ids, "department": finance.pk}, follow=True)
    assert any("มอบหมาย 2 ข้อให้ กองคลัง แล้ว" in m for m in messages_of(response))
    assert set(OITAnswer.objects.values_list("item__code", "department")) == {
        ("O1", finance.pk),
        ("O2", finance.pk),
    }


def test_assigning_without_choosing_is_refused(login, analyst, framework):
    response = login(analyst).post(reverse("oit:assign", args=[2565]), {})
    html = response.content.decode()
    assert "กรุณาเลือกข้อ OIT อย่างน้อย 1 ข้อ" in html and "กรุณาเลือกส่วนราชการ" in html


@pytest.mark.parametrize("who", ["staff_office", "mayor"])
def test_only_the_admin_assigns_and_copies(login, framework, who, request):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("oit:assign", args=[2565])).status_code == 403
    assert client.post(reverse("oit:copy", args=[2565])).status_code == 403


def test_the_copy_page_lists_what_does_not_match(login, analyst, org, office, framework, mayor):
    make_framework(2566, titles={"O2": "ชื่อใหม่"})
    make_answer(org, framework, "O1", office, S.APPROVED, mayor)
    make_answer(org, framework, "O2", office, S.APPROVED, mayor)
    client = login(analyst)
    soup = page(client.get(reverse("oit:copy", args=[2566])))
    assert "O2 ข้อมูลผู้บริหาร" in soup.select_one(".oit-unmatched").text
    response = client.post(reverse("oit:copy", args=[2566]), follow=True)
    assert any("คัดลอกคำตอบ 1 ข้อจากปี 2565" in m for m in messages_of(response))
    copy = OITAnswer.objects.in_year(2566).get()
    assert copy.status == S.DRAFT and copy.needs_new_evidence
    html = client.get(answer_url("O1", 2566)).content.decode()
    assert "คัดลอกมาจากปีก่อน" in html
    # re-saving it unchanged does not renew it; replacing the carried link does
    unchanged = form_data(copy, link_url=[copy.links[0]["url"], "", "", "", ""])
    unchanged["link_label"] = [copy.links[0]["label"], "", "", "", ""]
    client.post(answer_url("O1", 2566), unchanged)
    copy.refresh_from_db()
    assert copy.needs_new_evidence
    client.post(answer_url("O1", 2566), form_data(copy))
    copy.refresh_from_db()
    assert not copy.needs_new_evidence


def test_progress_ranks_what_is_at_stake_and_predicts_the_score(
    login, mayor, org, office, framework, staff_office
):
    assessment = Assessment.objects.create(organization=org, framework=framework)
    indicators = {i.number: i for i in framework.indicators.all()}
    assessment.scores.create(indicator=indicators[1], score=90)
    assessment.scores.create(indicator=indicators[2], score=80)
    make_answer(org, framework, "O1", office, S.APPROVED, mayor)
    make_answer(org, framework, "O3", office, S.APPROVED, mayor)
    make_answer(org, framework, "O2", office, S.SUBMITTED, staff_office)
    response = login(staff_office).get(reverse("oit:progress", args=[2565]))
    ctx = response.context
    assert (ctx["approved"], ctx["total"]) == (2, 5)
    # O4, O5 are worth 20 / (2 items × 1 sub) = 10 points; O2 20 / (2 × 2) = 5
    assert [(p["item"].code, str(p["points"])) for p in ctx["pending"]] == [
        ("O4", "10.00"),
        ("O5", "10.00"),
        ("O2", "5.00"),
    ]
    # indicator 3: (50 % + 100 %) / 2 = 75; indicator 4: 0
    assert dict(ctx["oit_scores"]) == {3: 75, 4: 0}
    # 90×30 + 80×30 + 75×20 + 0×20 = 6600 / 100 = 66.00
    assert str(ctx["predicted"].total) == "66.00"
    subs = {row["sub"].code: (row["approved"], row["total"]) for row in ctx["subs"]}
    assert subs == {"3.1": (1, 2), "3.2": (1, 1), "4.1": (0, 2)}
    assert "66.00" in response.content.decode()


def test_progress_borrows_iit_eit_and_finds_the_last_complete_result_however_old(
    login, analyst, org, framework
):
    """Early in a year without IIT/EIT scores the prediction borrows those of the latest
    earlier year with any score, and "last published" is the latest complete year, even
    when it is older than the two newest years the page reads first."""

    def assessment_of(year, scores):
        of_year = framework if year == 2565 else make_framework(year)
        assessment = Assessment.objects.create(organization=org, framework=of_year)
        for indicator in of_year.indicators.filter(number__in=scores):
            assessment.scores.create(indicator=indicator, score=scores[indicator.number])

    assessment_of(2562, {1: 70, 2: 60, 3: 50, 4: 40})
    assessment_of(2563, {1: 88})
    assessment_of(2564, {})
    assessment_of(2565, {})
    response = login(analyst).get(reverse("oit:progress", args=[2565]))
    ctx = response.context
    assert ctx["borrowed_from"] == 2563
    assert ctx["last"].year == 2562
    assert ctx["predicted"].total is None  # IIT borrowed, EIT still unscored: incomplete
    assert dict(ctx["oit_scores"]) == {3: 0, 4: 0}
    html = response.content.decode()
    assert "จึงใช้คะแนนของปี 2563 แทน" in html
    assert "(ปี 2562)" in html


def test_progress_shows_unticked_required_elements(login, analyst, org, office, framework):
    make_answer(org, framework, "O1", office, S.DRAFT, element_evidence={"1": "link:1"})
    ctx = login(analyst).get(reverse("oit:progress", args=[2565])).context
    pending = {p["item"].code: p["unticked"] for p in ctx["pending"]}
    assert pending["O1"] == ["ฝ่ายการเมืองและฝ่ายประจำ"]
    assert pending["O3"] == ["แผนของปีที่ประเมิน"]


def test_the_executive_home_counts_what_waits(login, mayor, submitted):
    html = login(mayor).get(reverse("home")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".oit-waiting-count").text == "1"
    assert reverse("oit:queue", args=[2565]) in html


def test_an_unknown_year_is_404(login, analyst, framework):
    assert login(analyst).get(reverse("oit:list", args=[2599])).status_code == 404
    assert login(analyst).get(answer_url("O99")).status_code == 404


def test_an_executive_of_another_organization_gets_404_approving_our_answers(
    login, other_org, submitted
):
    from tests.conftest import make_user

    their_mayor = make_user("their-mayor", other_org, "executive")
    response = login(their_mayor).post(
        reverse("oit:approve_many", args=[2565]), {"answers": [submitted.pk]}
    )
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_a_resubmitted_answer_shows_the_earlier_comment_in_the_queue(
    login, client, mayor, staff_office, submitted
):
    post_action(login(mayor), "return", code="O2", comment="เพิ่มลิงก์ประกาศ")
    client.logout()
    post_action(login(staff_office), "submit", code="O2")
    client.logout()
    soup = page(login(mayor).get(reverse("oit:queue", args=[2565])))
    assert "เพิ่มลิงก์ประกาศ" in soup.select_one("article.oit-card").text
