"""Journey 2 in a real Chromium: the mayor approves and returns OIT answers on a phone;
the department then sees the returned answer with the comment and cannot edit the
approved one.

Uses the shared fixtures of tests/browser/conftest.py (system Chromium; skipped with a
reason when /usr/bin/chromium is missing, a failure when CI=true).
"""

import os
import re
from pathlib import Path

import pytest

from oit.models import OITAnswer
from tests.assessments.factories import make_answer, make_framework
from tests.browser.conftest import PHONE, log_in
from tests.conftest import PASSWORD

# live_server runs beside Playwright's event loop (also set by the shared conftest).

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("OIT_SCREENSHOTS", "/tmp/oit-approval"))
S = OITAnswer.Status


@pytest.fixture
def answers(org, office, staff_office, mayor, transactional_db):
    framework = make_framework(2565)
    return {
        code: make_answer(
            org,
            framework,
            code,
            office,
            S.SUBMITTED,
            staff_office,
            links=[{"url": f"https://www.thotsop.go.th/ita/{code}", "label": f"หลักฐานข้อ {code}"}],
        )
        for code in ("O1", "O2", "O3")
    }


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_mayor_approves_and_returns_on_a_phone_and_staff_see_the_outcome(
    new_page, live_server, answers, mayor, staff_office
):
    page = new_page(viewport=PHONE)
    log_in(page, live_server, mayor.username, PASSWORD)

    # The home page says how many answers wait and leads to the queue.
    assert page.locator(".oit-waiting-count").inner_text() == "3"
    page.get_by_role("link", name=re.compile("เปิดรายการรออนุมัติ")).click()
    page.wait_for_url(re.compile(r"/assessments/2565/oit/queue/$"))
    assert page.locator("article.oit-card").count() == 3
    assert fits_the_phone(page), "the queue scrolls sideways on a 390 px phone"
    link = page.locator(f"#answer-{answers['O1'].pk} .oit-links a").first
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "queue-phone.png"), full_page=True)

    # Approve O1 with its big button.
    approve = page.get_by_role("button", name="อนุมัติ O1")
    assert approve.bounding_box()["height"] >= 44  # a thumb-sized target
    approve.click()
    page.wait_for_load_state()
    assert "อนุมัติข้อ O1 แล้ว" in page.locator(".alert-success").first.inner_text()
    assert page.locator("article.oit-card").count() == 2

    # Return O2: a comment is required, the browser asks for it before sending.
    card = page.locator(f"#answer-{answers['O2'].pk}")
    card.locator("summary").click()
    send_back = card.get_by_role("button", name="ส่งกลับ O2")
    send_back.click()
    assert page.locator("article.oit-card").count() == 2  # nothing sent without a comment
    card.locator("textarea[name=comment]").fill("ลิงก์ยังเป็นของปีที่แล้ว กรุณาแก้เป็นปี 2565")
    send_back.click()
    page.wait_for_load_state()
    assert "ส่งข้อ O2 กลับ" in page.locator(".alert-success").first.inner_text()
    assert page.locator("article.oit-card").count() == 1
    assert fits_the_phone(page)

    # Approve the rest by ticking them: the button counts what is selected.
    bulk = page.locator("button.oit-approve-selected")
    assert bulk.is_disabled()
    page.locator(f"#select-{answers['O3'].pk}").check()
    assert "(1)" in bulk.inner_text() and bulk.is_enabled()
    bulk.click()
    page.wait_for_load_state()
    assert "อนุมัติ 1 ข้อแล้ว (O3)" in page.locator(".alert-success").first.inner_text()
    assert page.locator("article.oit-card").count() == 0

    statuses = dict(OITAnswer.objects.values_list("item__code", "status"))
    assert statuses == {"O1": S.APPROVED, "O2": S.RETURNED, "O3": S.APPROVED}

    # The department's staff see the returned answer with the comment…
    staff = new_page(viewport=PHONE)
    log_in(staff, live_server, staff_office.username, PASSWORD)
    assert "ลิงก์ยังเป็นของปีที่แล้ว" in staff.locator("body").inner_text()
    staff.get_by_role("link", name=re.compile("O2")).first.click()
    staff.wait_for_url(re.compile(r"/oit/O2/$"))
    assert "ลิงก์ยังเป็นของปีที่แล้ว" in staff.locator(".alert-danger").inner_text()
    assert staff.locator("form.oit-answer-form").count() == 1

    # …and cannot edit the approved one.
    staff.goto(f"{live_server.url}/assessments/2565/oit/O1/")
    assert staff.locator("form.oit-answer-form").count() == 0
    assert "ถูกล็อก" in staff.locator("body").inner_text()
    assert fits_the_phone(staff)
