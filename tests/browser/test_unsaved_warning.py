"""A long form that was changed asks before the page is left, and does not when sent."""

import pytest

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.measures import factories

pytestmark = pytest.mark.browser


def test_leaving_a_changed_form_asks_and_sending_it_does_not(
    new_page, live_server, org, finance, staff_finance
):
    measure = factories.measure(factories.assessment(org), 6, [finance])
    edit_url = f"{live_server.url}/measures/{measure.pk}/edit/"
    page = new_page()
    log_in(page, live_server, staff_finance.username, PASSWORD)
    page.goto(edit_url)
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on the page"

    page.on("dialog", answer)
    page.fill("input[name=progress]", "40")
    with page.expect_event("dialog"):
        page.get_by_role("link", name="ยกเลิก").click(no_wait_after=True)
    assert dialogs == ["beforeunload"]
    assert page.url == edit_url
    assert page.input_value("input[name=progress]") == "40"

    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_url(f"{live_server.url}/measures/{measure.pk}/")
    assert dialogs == ["beforeunload"], "sending the form asks nothing"
