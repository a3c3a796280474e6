"""The order editor in a real Chromium: move a committee up, add one, keep typed text.

Not one of the three journeys (test_journeys.py): the editor's own script, on its own data.
"""

import pytest

from committees.models import Order
from tests.browser.conftest import log_in
from tests.committees.conftest import make_order
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def open_editor(page, live_server, user, order):
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/committees/{order.pk}/edit/")


def test_the_admin_reorders_and_adds_committees_in_the_browser(new_page, live_server, org, analyst):
    order = make_order(org)
    page = new_page()
    open_editor(page, live_server, analyst, order)
    cards = page.locator("#committees [data-committee]")
    cards.nth(1).locator("[data-committee-move=up]").click()
    page.click("[data-committee-add]")
    added = cards.last
    added.locator("input[name$='-name']").fill("คณะทำงานติดตามผล")
    added.locator("input[name$='-members-0-position_title']").fill("ผู้อำนวยการกองคลัง")
    added.locator("textarea[name$='-duties']").fill("ติดตามผลการดำเนินงาน")
    page.get_by_role("button", name="บันทึก", exact=True).click()

    # The member has no role: refused, and the page keeps the new order and the typed text.
    error = added.locator(".invalid-feedback")
    assert "ยังไม่ได้ระบุบทบาทในคณะ" in error.inner_text()
    names = [cards.nth(i).locator("input[name$='-name']").input_value() for i in range(3)]
    assert names == ["คณะทำงาน", "คณะทำงานอำนวยการ", "คณะทำงานติดตามผล"]
    assert cards.last.locator("textarea[name$='-duties']").input_value() == "ติดตามผลการดำเนินงาน"

    cards.last.locator("input[name$='-members-0-role']").fill("คณะทำงาน")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_url(f"**/committees/{order.pk}/")
    saved = Order.objects.get(pk=order.pk).committees.order_by("position")
    assert [c.name for c in saved] == ["คณะทำงาน", "คณะทำงานอำนวยการ", "คณะทำงานติดตามผล"]


def test_member_rows_move_in_place_and_a_row_is_added_by_the_server(
    new_page, live_server, org, analyst
):
    order = make_order(org)
    page = new_page()
    open_editor(page, live_server, analyst, order)
    rows = page.locator("#committees-0-members [data-member-row]")
    titles = "input[name$='-position_title']"
    # With script the row moves on the page, with no round trip.
    rows.first.locator("[data-member-move=down]").click()
    assert page.locator("[data-row-action-note]").count() == 0
    assert [rows.nth(i).locator(titles).input_value() for i in range(2)] == [
        "ปลัดองค์การบริหารส่วนตำบลทดสอบ",
        "นายกองค์การบริหารส่วนตำบลทดสอบ",
    ]
    assert rows.first.locator("[data-member-number]").inner_text() == "1"
    # Adding a row posts the page back (nothing saved) and keeps the new order.
    page.locator("#committees-0-members button[value^='add:']").click()
    page.wait_for_selector("[data-row-action-note]")
    assert rows.count() == 3
    rows.nth(2).locator(titles).fill("ผู้อำนวยการกองคลัง")
    rows.nth(2).locator("input[name$='-role']").fill("คณะกรรมการ")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_url(f"**/committees/{order.pk}/")
    first = Order.objects.get(pk=order.pk).committees.order_by("position").first()
    assert list(first.members.order_by("position").values_list("position_title", flat=True)) == [
        "ปลัดองค์การบริหารส่วนตำบลทดสอบ",
        "นายกองค์การบริหารส่วนตำบลทดสอบ",
        "ผู้อำนวยการกองคลัง",
    ]
