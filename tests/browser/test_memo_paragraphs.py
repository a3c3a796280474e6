"""A memo's paragraphs are edited as wrapping boxes, one per paragraph."""

from datetime import date

import pytest

from measures import demo
from measures.models import Memo
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.measures import factories

pytestmark = pytest.mark.browser

LONG = (
    "ตามที่องค์การบริหารส่วนตำบลได้รับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน "
    "ของหน่วยงานภาครัฐ และได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานแล้ว นั้น"
)


def test_each_paragraph_is_a_wrapping_box_and_enter_starts_the_next(
    new_page, live_server, org, analyst
):
    memo = Memo.objects.create(
        assessment=factories.assessment(org),
        date=date(2022, 10, 31),
        issuing_unit=f"สำนักปลัด {org.name}",
        **{k: v for k, v in demo.MEMO.items() if k != "date"},
    )
    paragraphs = len(memo.body)
    page = new_page()
    log_in(page, live_server, analyst.username, PASSWORD)
    page.goto(f"{live_server.url}/measures/memos/{memo.pk}/edit/")

    boxes = page.locator("textarea.list-editor-item")
    assert boxes.count() == paragraphs
    assert boxes.first.input_value() == memo.body[0]
    # A paragraph longer than the box wraps inside it instead of scrolling sideways.
    boxes.first.fill(LONG)
    wraps = boxes.first.evaluate("b => b.scrollWidth <= b.clientWidth")
    assert wraps
    boxes.last.press("End")
    boxes.last.press("Enter")
    assert boxes.count() == paragraphs + 1
    page.keyboard.type("ย่อหน้าที่เพิ่มใหม่")

    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_url(f"{live_server.url}/measures/memos/{memo.pk}/")
    memo.refresh_from_db()
    assert memo.body[0] == LONG
    assert memo.body[-1] == "ย่อหน้าที่เพิ่มใหม่"
    assert len(memo.body) == paragraphs + 1
