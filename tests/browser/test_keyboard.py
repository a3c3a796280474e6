"""Two journeys by keyboard alone, on a desk (1366 px) and on a phone (390 px): the mayor
approves two answers at once and sends one back; the clerk of สำนักปลัด files a quarterly
report. At every Tab stop the focused element must be seen: inside the window, not under
a sticky bar, with a focus outline.

The demo is the seed's year only (as in test_journeys.py).
"""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

import years.demo
from itaportal.demo import department
from itaportal.models import Organization
from measures.models import Measure, MeasureReport
from oit.models import OITAnswer
from tests.browser.accessibility_support import axe_violations, focus_problem, tab_to

pytestmark = pytest.mark.browser

YEAR = 2565
WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}


@pytest.fixture
def demo(transactional_db):
    call_command("loaddemo", stdout=io.StringIO())
    org = Organization.objects.get(slug="nongprung")
    years.demo.unload(org)
    return org


@pytest.fixture
def keyboard_page(chromium, live_server):
    """keyboard_page(username, viewport) -> a page where the user has logged in by
    keyboard. The context bypasses the CSP only so that axe may be injected."""
    contexts = []

    def _page(username, viewport):
        # Reduced motion: focus scrolls the page at once instead of Bootstrap's smooth
        # scroll, so what is seen after each key is where the scroll ends.
        context = chromium.new_context(
            viewport=viewport, locale="th-TH", bypass_csp=True, reduced_motion="reduce"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        tab_to(page, page.get_by_label("ชื่อผู้ใช้"))
        page.keyboard.type(username)
        tab_to(page, page.get_by_label("รหัสผ่าน"))
        page.keyboard.type(settings.DEMO_PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _page
    for context in contexts:
        context.close()


def status_of(org, code):
    return OITAnswer.objects.get(organization=org, item__code=code).status


@pytest.mark.parametrize("width", WIDTHS)
def test_the_mayor_approves_and_returns_answers_by_keyboard(width, keyboard_page, demo):
    page = keyboard_page("mayor", WIDTHS[width])

    # From the home page to the queue.
    tab_to(page, page.get_by_role("link", name=f"เปิดรายการรออนุมัติ ปี {YEAR}"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/assessments/{YEAR}/oit/queue/")
    bar = page.locator(".oit-approve-bar")
    assert bar.is_hidden()

    # He ticks O5 and O14 with Space; the approval bar appears with the count.
    tab_to(page, page.get_by_label("เลือก O5", exact=True))
    page.keyboard.press("Space")
    assert bar.is_visible() and "(1)" in bar.inner_text()
    tab_to(page, page.get_by_label("เลือก O14", exact=True))
    page.keyboard.press("Space")
    assert "(2)" in bar.inner_text()
    assert not focus_problem(page), "the ticked box is not under the approval bar"

    # Enter in the ticked box asks first, as a click would, and names both.
    page.keyboard.press("Enter")
    page.get_by_text("จะอนุมัติ 2 ข้อ (O5, O14)").wait_for()
    assert status_of(demo, "O5") == OITAnswer.Status.SUBMITTED
    assert axe_violations(page) == []
    tab_to(page, page.get_by_role("button", name="ยืนยัน อนุมัติ 2 ข้อ"))
    page.keyboard.press("Enter")
    page.get_by_text("อนุมัติ 2 ข้อแล้ว (O5, O14)").wait_for()
    assert status_of(demo, "O5") == status_of(demo, "O14") == OITAnswer.Status.APPROVED

    # He sends O10 back with a comment: open the fold with Enter, type, send.
    card = page.locator("article.oit-card[data-code=O10]")
    tab_to(page, card.get_by_text("ส่งกลับให้แก้ไข…"))
    page.keyboard.press("Enter")
    tab_to(page, card.get_by_label("ความเห็นถึงผู้รับผิดชอบ (ต้องระบุ)"))
    page.keyboard.type("ขอฉบับที่นายกฯ ลงนามแล้ว")
    tab_to(page, card.get_by_role("button", name="ส่งกลับ O10", exact=True))
    page.keyboard.press("Enter")
    page.get_by_text("ส่งข้อ O10 กลับให้แก้ไขพร้อมความเห็นแล้ว").wait_for()
    assert status_of(demo, "O10") == OITAnswer.Status.RETURNED


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_file_a_quarterly_report_by_keyboard(width, keyboard_page, live_server, demo):
    measure = Measure.objects.get(
        assessment__organization=demo,
        assessment__year=YEAR,
        indicator__number=10,
        departments=department(demo, "office"),
    )
    page = keyboard_page("staff-office", WIDTHS[width])
    page.goto(f"{live_server.url}/measures/{measure.pk}/")

    tab_to(page, page.get_by_role("link", name="รายงานผลรายไตรมาส", exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url("**/reports/add/**")

    report = "จัดประชุมประชาคมหมู่บ้าน 12 หมู่ ให้ประชาชนร่วมเสนอโครงการ"
    news = "https://www.nongprung.go.th/news/2566/community-meeting"
    photos = "https://www.nongprung.go.th/news/2566/community-meeting-photos"
    tab_to(page, page.get_by_label("ผลการดำเนินงานในไตรมาสนี้"))
    page.keyboard.type(report)
    tab_to(page, page.get_by_label("ลิงก์ ข้อที่ 1"))
    page.keyboard.type(news)

    # The add button puts the focus in the new row; Enter in a row adds one too.
    tab_to(page, page.get_by_role("button", name="+ เพิ่มรายการ"))
    page.keyboard.press("Enter")
    assert page.get_by_label("ลิงก์ ข้อที่ 2").evaluate("el => el === document.activeElement")
    page.keyboard.type(photos)
    page.keyboard.press("Enter")
    third = page.get_by_label("ลิงก์ ข้อที่ 3")
    assert third.evaluate("el => el === document.activeElement")
    assert not focus_problem(page)

    # Removing the empty third row hands the focus to the row above, not to the page.
    tab_to(page, page.get_by_role("button", name="ลบลิงก์ที่ 3"))
    page.keyboard.press("Enter")
    assert third.count() == 0
    assert page.get_by_label("ลิงก์ ข้อที่ 2").evaluate("el => el === document.activeElement")
    assert not focus_problem(page)

    tab_to(page, page.get_by_role("button", name="บันทึกรายงาน"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/measures/{measure.pk}/")
    page.get_by_text("บันทึกรายงานผล").first.wait_for()
    stored = MeasureReport.objects.get(measure=measure, text=report)
    assert stored.links == [news, photos]


def test_the_menus_open_with_space_and_enter(keyboard_page, demo):
    page = keyboard_page("analyst", WIDTHS["1366"])
    settings_menu = page.get_by_role("button", name="ตั้งค่า")
    tab_to(page, settings_menu)
    page.keyboard.press("Space")
    page.get_by_role("link", name="ผู้ใช้", exact=True).wait_for()
    assert settings_menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert settings_menu.get_attribute("aria-expanded") == "false"
    user_menu = page.locator("#mainnav").get_by_role("button").last
    tab_to(page, user_menu)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="ออกจากระบบ").wait_for()

    # On a phone the whole menu folds behind "เมนู", which opens with Space too.
    page.set_viewport_size(WIDTHS["390"])
    page.reload()
    toggler = page.get_by_role("button", name="เมนู")
    tab_to(page, toggler)
    page.keyboard.press("Space")
    page.locator("#mainnav").get_by_role("link", name="มาตรการ").wait_for()
    assert toggler.get_attribute("aria-expanded") == "true"
