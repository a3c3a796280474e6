"""Nothing typed on an answer page is lost by leaving it through another action: the side
button that sends to the executive belongs to the answer form and saves what was typed,
and staff can take back an answer they sent before the executive acts."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from oit.models import AnswerEvent, OITAnswer
from tests.assessments.factories import make_answer, make_framework
from tests.conftest import sent_form_data

S = OITAnswer.Status


@pytest.fixture
def framework(db):
    return make_framework(2565)


@pytest.fixture
def draft(org, office, framework, staff_office):
    return make_answer(org, framework, "O1", office, S.DRAFT, staff_office)


def answer_url(code="O1"):
    return reverse("oit:answer", args=[2565, code])


def side_submit_post(client, **typed):
    """What the browser posts when the user types `typed` into the answer form and then
    presses the side button "ส่งให้ผู้บริหารพิจารณา": the button's own form and address."""
    html = client.get(answer_url()).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    button = next(b for b in soup.select("button") if b.get_text(strip=True) == "ส่งให้ผู้บริหารพิจารณา")
    form = soup.select_one(f"form#{button['form']}")
    data = sent_form_data(html, f"form#{form['id']}") | typed
    data[button["name"]] = ""
    return client.post(button.get("formaction") or form.get("action") or answer_url(), data)


def test_the_side_send_button_saves_the_typed_text_before_sending(login, staff_office, draft):
    client = login(staff_office)
    response = side_submit_post(
        client, explanation="ข้อความที่เพิ่งพิมพ์", element_1="link:1", element_2="link:1"
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.explanation == "ข้อความที่เพิ่งพิมพ์"
    assert draft.status == S.SUBMITTED


def test_a_refused_send_from_the_side_keeps_the_typed_text_saved(login, staff_office, draft):
    # No evidence ticked for the required elements: the answer cannot be sent yet.
    client = login(staff_office)
    response = side_submit_post(client, explanation="ยังไม่ครบแต่ต้องไม่หาย")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert draft.explanation == "ยังไม่ครบแต่ต้องไม่หาย"
    follow = client.get(response["Location"])
    assert "บันทึกแล้ว แต่ยังส่งไม่ได้" in follow.content.decode()


def test_a_side_send_with_an_invalid_form_sends_nothing_and_shows_the_typed_text(
    login, staff_office, draft
):
    client = login(staff_office)
    response = side_submit_post(
        client, explanation="ข้อความที่ต้องอยู่", link_url=["ftp://x.go.th/a", "", "", "", ""]
    )
    assert response.status_code == 200
    assert "ข้อความที่ต้องอยู่" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert draft.explanation == ""


# --- taking back a sent answer ------------------------------------------------------------


@pytest.fixture
def submitted(org, office, framework, staff_office):
    return make_answer(org, framework, "O2", office, S.SUBMITTED, staff_office)


def withdraw(client, answer):
    return client.post(
        reverse("oit:withdraw", args=[2565, answer.item.code]),
        {"version": answer.version},
        follow=True,
    )


def test_staff_of_the_department_withdraw_their_sent_answer_to_a_draft(
    login, staff_office, submitted
):
    client = login(staff_office)
    html = client.get(answer_url("O2")).content.decode()
    assert reverse("oit:withdraw", args=[2565, "O2"]) in html
    response = withdraw(client, submitted)
    assert "ถอนข้อ O2 กลับมาเป็นร่างแล้ว" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == S.DRAFT
    event = submitted.events.order_by("-pk").first()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        AnswerEvent.Action.WITHDRAW,
        S.SUBMITTED,
        S.DRAFT,
        staff_office,
    )


def test_staff_of_another_department_cannot_withdraw(login, staff_finance, submitted):
    client = login(staff_finance)
    assert (
        reverse("oit:withdraw", args=[2565, "O2"])
        not in client.get(answer_url("O2")).content.decode()
    )
    response = client.post(
        reverse("oit:withdraw", args=[2565, "O2"]), {"version": submitted.version}
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_the_executive_does_not_withdraw_for_staff(login, mayor, submitted):
    response = login(mayor).post(
        reverse("oit:withdraw", args=[2565, "O2"]), {"version": submitted.version}
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_an_approved_answer_cannot_be_withdrawn(login, org, office, framework, staff_office):
    approved = make_answer(org, framework, "O3", office, S.APPROVED, staff_office)
    client = login(staff_office)
    assert (
        reverse("oit:withdraw", args=[2565, "O3"])
        not in client.get(answer_url("O3")).content.decode()
    )
    response = withdraw(client, approved)
    assert "ถอนกลับได้เฉพาะคำตอบที่ยังรอผู้บริหารพิจารณา" in response.content.decode()
    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert not approved.events.filter(action=AnswerEvent.Action.WITHDRAW).exists()


def test_a_withdraw_from_a_stale_page_is_refused_with_409(login, staff_office, submitted):
    client = login(staff_office)
    stale = submitted.version
    OITAnswer.objects.filter(pk=submitted.pk).update(version=stale + 1)
    response = client.post(reverse("oit:withdraw", args=[2565, "O2"]), {"version": stale})
    assert response.status_code == 409
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


# --- removing a file --------------------------------------------------------------------


def _attach(answer, name="ผังเก่า.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from oit.models import OITAnswerAttachment

    attachment = OITAnswerAttachment(
        answer=answer, original_name=name, content_type="application/pdf", size=12
    )
    attachment.file.save("x.pdf", SimpleUploadedFile("x.pdf", b"%PDF-1.4 old"), save=True)
    return attachment


def _answer_form_post(client, answer, **typed):
    html = client.get(answer_url(answer.item.code)).content.decode()
    data = sent_form_data(html, "form#oit-answer-form") | typed
    return client.post(answer_url(answer.item.code), data)


def test_the_owner_removes_a_file_and_the_history_says_so(
    login, staff_office, analyst, draft, django_capture_on_commit_callbacks
):
    from tests.confirming import press_confirm

    attachment = _attach(draft)
    name, storage = attachment.file.name, attachment.file.storage
    client = login(staff_office)
    asked = _answer_form_post(client, draft, remove_files=[str(attachment.pk)])
    assert draft.attachments.exists(), "nothing is removed before the confirmation"
    with django_capture_on_commit_callbacks(execute=True):
        assert press_confirm(client, asked).status_code == 302
    assert not draft.attachments.exists()
    assert not storage.exists(name)
    # The answer's own history (on the page) and its one history page both say so.
    assert draft.events.order_by("-pk").first().comment == "ลบไฟล์: ผังเก่า.pdf"
    assert "ลบไฟล์: ผังเก่า.pdf" in client.get(answer_url()).content.decode()
    history = (
        login(analyst)
        .get(reverse("audit:history", args=["oit", "oitanswer", draft.pk]))
        .content.decode()
    )
    assert "ลบไฟล์: ผังเก่า.pdf" in history
    assert "ลบไฟล์แนบคำตอบ OIT" in history


def test_a_submitted_answers_files_cannot_be_removed(login, staff_office, submitted):
    attachment = _attach(submitted)
    client = login(staff_office)
    html = client.get(answer_url("O2")).content.decode()
    assert 'name="remove_files"' not in html
    response = client.post(
        answer_url("O2"),
        {
            "version": submitted.version,
            "where_to_find": "หน้าหลัก",
            "link_url": ["https://www.thotsop.go.th/a", "", "", "", ""],
            "link_label": ["ก", "", "", "", ""],
            "remove_files": [attachment.pk],
            "confirmed": "yes",
        },
        follow=True,
    )
    assert "แก้ไขไม่ได้" in response.content.decode()
    assert submitted.attachments.filter(pk=attachment.pk).exists()


def test_another_department_cannot_remove_a_file(login, staff_finance, draft):
    attachment = _attach(draft)
    response = login(staff_finance).post(
        answer_url(),
        {"version": draft.version, "remove_files": [attachment.pk], "confirmed": "yes"},
    )
    assert response.status_code == 403
    assert draft.attachments.filter(pk=attachment.pk).exists()
