"""A staff member updates her department's measure and reports the quarter; the analyst
downloads the measures report. In a real Chromium (see tests/browser/conftest.py)."""

from pathlib import Path

import pytest
from django.utils import timezone

from itaportal import thai
from measures.models import Measure, MeasureReport, Quarter
from tests import pdf
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.conftest import PASSWORD, png_bytes
from tests.measures import factories

pytestmark = pytest.mark.browser

# Playwright's sync API runs an event loop beside the live server's ORM calls. Chromium is
# /usr/bin/chromium with the flags of tests/browser/conftest.py, which skips these tests
# with a reason when it is missing (and fails them when CI=true).


@pytest.fixture
def measure(transactional_db, org, analyst, staff_finance):
    """A finance measure of the running fiscal year (its assessment is last year's)."""
    fy = thai.fiscal_year(timezone.localdate())
    assessment = factories.assessment(org, fy - 1)
    depts = factories.departments(org)
    start, end = thai.fiscal_year_range(fy)
    factories.create_seed_measures(assessment, depts, start=start, due=end)
    m = factories.measure(
        assessment,
        7,
        [depts["finance"]],
        order=2,
        title="มาตรการเผยแพร่รายงานการเงินทุกไตรมาส",
        steps=["จัดทำรายงาน", "เผยแพร่บนเว็บไซต์"],
        start_date=start,
        due_date=end,
    )
    return m


def test_staff_update_progress_and_report_the_quarter_then_the_analyst_downloads_the_report(
    new_page, live_server, measure, tmp_path
):
    page = new_page(viewport=PHONE)
    log_in(page, live_server, "staff-finance", PASSWORD)

    # My department's measures, with what is due this quarter.
    page.get_by_role("navigation").get_by_role("button").first.click()  # the phone menu
    page.get_by_role("navigation").get_by_role("link", name="มาตรการ").click()
    page.wait_for_url("**/measures/mine/")
    due = page.locator("#due-now")
    assert measure.title in due.inner_text()

    # Open the measure and update status and progress (Thai digits are fine).
    page.locator(f"#measure-{measure.pk}").get_by_role("link", name=measure.title).click()
    page.wait_for_url(f"**/measures/{measure.pk}/")
    page.get_by_role("link", name="อัปเดตสถานะและความก้าวหน้า").click()
    page.get_by_label("สถานะ").select_option(label="อยู่ระหว่างดำเนินการ")
    page.get_by_label("ความก้าวหน้า (ร้อยละ)").fill("๑๕๐")
    page.get_by_role("button", name="บันทึก").click()
    page.get_by_text("ความก้าวหน้าต้องไม่เกิน 100").wait_for()  # refused, nothing saved
    page.get_by_label("ความก้าวหน้า (ร้อยละ)").fill("๔๕")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url(f"**/measures/{measure.pk}/")
    assert page.locator("#measure-progress").inner_text() == "ร้อยละ 45"

    # This quarter's report, with an evidence file and a link added in the list editor.
    page.get_by_role("link", name="รายงานผลรายไตรมาส").click()
    page.wait_for_url("**/reports/add/**")
    quarter = Quarter.of(timezone.localdate())
    assert page.get_by_label("ไตรมาส").locator("option:checked").inner_text() == quarter.name
    page.get_by_label("ผลการดำเนินงานในไตรมาสนี้").fill("เผยแพร่รายงานการเงินไตรมาสนี้แล้ว")
    page.get_by_label("ลิงก์ ข้อที่ 1").fill("https://www.thotsop.go.th/finance/report")
    page.get_by_role("button", name="+ เพิ่มรายการ").click()
    page.get_by_label("ลิงก์ ข้อที่ 2").fill("https://www.thotsop.go.th/finance/photos")
    evidence = tmp_path / "ภาพประกอบ.png"
    evidence.write_bytes(png_bytes())
    page.get_by_label("ไฟล์หลักฐาน").set_input_files(str(evidence))
    page.get_by_role("button", name="บันทึกรายงาน").click()
    page.wait_for_url(f"**/measures/{measure.pk}/")
    page.get_by_text(f"บันทึกรายงานผล{quarter.name} แล้ว").wait_for()
    assert "ภาพประกอบ.png" in page.content()

    measure.refresh_from_db()
    assert (measure.status, measure.progress) == (Measure.Status.IN_PROGRESS, 45)
    report = MeasureReport.objects.get(measure=measure)
    assert (report.year, report.quarter) == quarter.key()
    assert report.links == [
        "https://www.thotsop.go.th/finance/report",
        "https://www.thotsop.go.th/finance/photos",
    ]
    assert report.evidence.count() == 1

    # The analyst, at a desk, downloads the measures report and receives a PDF.
    desk = new_page(viewport=DESKTOP)
    log_in(desk, live_server, "analyst", PASSWORD)
    desk.goto(f"{live_server.url}/measures/?year={measure.assessment.year}")
    with desk.expect_download(timeout=60_000) as info:
        desk.get_by_role("link", name="รายงานมาตรการ (PDF)").click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert pdf.contains(content, "องค์การบริหารส่วนตำบลทดสอบ")
    assert (842, 595) in pdf.page_sizes(content)
