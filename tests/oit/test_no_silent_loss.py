"""Nothing typed on an answer page is lost by leaving it through another action: the side
button that sends to the executive belongs to the answer form and saves what was typed,
and staff can take back an answer they sent before the executive acts."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from oit.models import OITAnswer
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
