"""The clerk of สำนักปลัด starts the day (the demo's 3 December 2026, in FY 2570) on the
home page: it begins with what she must do, the memo on FY 2569's measures first. The
night's reminders left a notification behind the bell; she opens it, lands on the memo,
acknowledges it, and back home the memo has left her list (and the bell is quieter)."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from measures.models import Memo
from notices.services import reminders_send
from tests.browser.conftest import PHONE, open_phone_menu
from tests.browser.journeys_support import screenshot, sign_in

pytestmark = pytest.mark.browser

MEMO_TITLE = "รับทราบบันทึกข้อความ เรื่อง แจ้งมาตรการส่งเสริมคุณธรรมและความโปร่งใส"


@pytest.fixture
def demo(transactional_db):
    call_command("loaddemo", stdout=io.StringIO())
    # The night's run on the demo's day: the memo's 7-days-before reminder is due.
    reminders_send(day=timezone.localdate())
    return Memo.objects.get(subject__startswith="แจ้งมาตรการส่งเสริม", assessment__year=2569)


def test_staff_see_what_is_due_open_the_notification_and_acknowledge_the_memo(
    new_page, live_server, demo
):
    page = sign_in(new_page, live_server, "staff-office", PHONE)

    due = page.locator("#due-list")
    memo_row = due.locator(f'[data-key="memo:{demo.pk}"]')
    memo_row.wait_for()
    assert MEMO_TITLE in memo_row.inner_text()
    # Most urgent first: the memo is due before anything else of hers.
    assert due.locator("li").first.get_attribute("data-key") == f"memo:{demo.pk}"
    screenshot(page, "due-1-home")

    # The bell says one unread; she opens the notifications (menu first on a phone).
    open_phone_menu(page)
    bell = page.locator("#notification-bell")
    assert page.locator("#notification-count").inner_text() == "1"
    bell.click()
    page.wait_for_url("**/notices/")
    note = page.locator("#notifications .notification-link").first
    assert note.inner_text().startswith(MEMO_TITLE)
    screenshot(page, "due-2-notifications")
    note.click()
    page.wait_for_url(f"**/measures/memos/{demo.pk}/")

    # On the memo she acknowledges it: the portal records her own name and position.
    page.get_by_role("button", name="รับทราบ", exact=True).click()
    page.get_by_text("บันทึกการรับทราบแล้ว").wait_for()
    screenshot(page, "due-3-acknowledged")

    # Home again: the memo has left her list, and the notification was read.
    page.goto(f"{live_server.url}/")
    page.locator("#due-list, #due-list-empty").first.wait_for()
    assert page.locator(f'[data-key="memo:{demo.pk}"]').count() == 0
    assert page.locator("#notification-count").count() == 0
    screenshot(page, "due-4-home-after")
