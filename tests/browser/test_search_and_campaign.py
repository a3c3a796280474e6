"""On a phone: staff find a measure by a Thai word from the navigation's search box, then
open the IIT/EIT campaign from the menu and its EIT poster."""

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import PHONE, open_phone_menu
from tests.browser.journeys_support import horizontal_overflow, open_menu, screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("loaddemo", stdout=io.StringIO())


def test_staff_find_a_measure_and_open_the_campaign_on_a_phone(new_page, live_server, demo):
    page = sign_in(new_page, live_server, "staff-office", viewport=PHONE)
    open_phone_menu(page)
    search = page.get_by_role("searchbox", name="ค้นหา")
    search.fill("โปร่งใส")  # a word in the middle of the measures' titles
    search.press("Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator("#search-results a")
    assert results.count() > 0
    assert "โปร่งใส" in results.first.inner_text()
    assert horizontal_overflow(page) == 0, "the search results are wider than the phone"
    screenshot(page, "search-phone")
    results.first.click()
    page.wait_for_url("**/measures/*/")

    open_menu(page, "IIT/EIT", "**/campaign/2570/")
    assert page.locator("#response-progress svg polyline").count() == 2
    assert "75%" in page.locator("#response-table").inner_text()
    assert horizontal_overflow(page) == 0, "the campaign page is wider than the phone"
    screenshot(page, "campaign-phone")
    page.get_by_role("link", name="โปสเตอร์ EIT พร้อมคิวอาร์โค้ด").click()
    page.wait_for_url("**/campaign/2570/poster/")
    assert page.locator(".poster-qr svg").is_visible()
