"""The OIT-item picker of a measure in a real Chromium: the search box filters the
checkboxes, ticked items stay ticked, and each item is a 44 px touch target."""

import pytest
from django.urls import reverse

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.measures import factories

pytestmark = pytest.mark.browser


def test_the_search_box_filters_the_items_and_keeps_the_ticked_ones(
    new_page, live_server, org, analyst
):
    factories.assessment(org)
    page = new_page()
    log_in(page, live_server, analyst.username, PASSWORD)
    page.goto(live_server.url + reverse("measures:create", args=[2565]))
    picker = page.locator("[data-oit-picker]")
    items = picker.locator("[data-oit-item]")
    total = items.count()
    assert total > 3
    search = picker.get_by_role("searchbox", name="ค้นหาข้อ OIT")
    picker.get_by_label("O7", exact=False).first.check()
    search.fill("O15")
    visible = picker.locator("[data-oit-item]:visible")
    assert visible.count() == 1 and visible.first.inner_text().startswith("O15")
    assert picker.locator("[data-oit-group]:visible").count() == 1
    assert "พบ 1 ข้อจากทั้งหมด" in picker.locator("[data-oit-search-status]").inner_text()
    # Each item is a whole row to tap.
    box = visible.first.bounding_box()
    assert box["height"] >= 44
    search.fill("")
    assert picker.locator("[data-oit-item]:visible").count() == total
    assert picker.locator("input:checked").count() == 1
