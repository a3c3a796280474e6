"""Three journeys through the ITA Portal of อบต.หนองปรุง, in a real Chromium.

The demo organization (``manage.py loaddemo``, without the FY 2570 it also starts) is in
the middle of its ITA year: the FY 2565 assessment is scored, the measures that answer
it are being carried out by the departments, the OIT answers are in every state, and the
order of committees 98/2565 is signed. Three people use the portal that day.

1. The clerk of สำนักปลัด (staff-office), at a desk, opens "my department's measures",
   picks the measure of indicator 10 that has not started yet, sets it to "in progress"
   (typing Thai digits; 150 per cent is refused, 60 is kept), writes the quarter's report
   with two links to the news on the organization's website and the meeting's minutes
   attached, and sees the report listed under its quarter; the page also fits his phone.
   A measure that belongs only to กองช่าง he can read but not change.

2. The mayor, on a phone, sees on the home page how many OIT answers wait for him,
   opens the queue, approves one answer, then two at once, and sends one back to กองช่าง
   with a comment. Without a comment it does not go: the browser holds an empty one
   back, and the portal answers a blank one in Thai. The counts go down as he works.
   The clerk of กองช่าง then finds the answer back on his home page, with the mayor's
   words, and may edit it again; the clerk of สำนักปลัด finds the approved one locked.

3. The planning analyst, at a desk, prints the three papers of the year from their
   pages: the measures report (landscape), the memo that circulated it, and the order
   of committees. Each arrives as a PDF in Thai that names the organization.

Screenshots of each step land in /tmp/journeys/ for a human to look at. Each journey is
told once, here; tests/browser/conftest.py holds the browser and journeys_support.py
what a person does with it.
"""

import io
import re

import pytest
from django.core.management import call_command

import years.demo
from assessments.models import Assessment
from itaportal.demo import department
from itaportal.models import Organization, User
from measures.models import Measure, MeasureReport
from oit.models import OITAnswer
from tests import pdf
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.journeys_support import (
    count_in,
    go_to,
    horizontal_overflow,
    keep,
    open_menu,
    print_pdf,
    screenshot,
    sign_in,
)

pytestmark = pytest.mark.browser

ORGANIZATION = "องค์การบริหารส่วนตำบลหนองปรุง"
YEAR = 2565
PORTRAIT, LANDSCAPE = (595, 842), (842, 595)
ARABIC_DIGITS = re.compile(r"[0-9]")
# Enough of a PDF for the evidence check (it reads the first bytes).
MINUTES_PDF = b"%PDF-1.4\n% minutes of the village meeting\n%%EOF\n"


@pytest.fixture
def demo(transactional_db):
    """The demo organization as `manage.py loaddemo` leaves it, without its FY 2570 in
    progress: these journeys are told in the seed's year, the only one of the demo."""
    call_command("loaddemo", stdout=io.StringIO())
    org = Organization.objects.get(slug="nongprung")
    years.demo.unload(org)
    return org


def display_name(username):
    return User.objects.get(username=username).display_name


@pytest.fixture
def works_only_measure(demo):
    """Every demo measure involves สำนักปลัด; this one is กองช่าง's alone."""
    assessment = Assessment.objects.get(organization=demo, year=YEAR)
    measure = Measure.objects.create(
        assessment=assessment,
        indicator=assessment.framework.indicators.get(number=8),
        order=9,
        title="มาตรการตรวจรับงานก่อสร้างโดยมีผู้แทนชุมชนร่วม",
    )
    measure.departments.set([department(demo, "works")])
    return measure


def test_staff_update_their_measure_and_report_the_quarter(
    new_page, live_server, works_only_measure
):
    # The clerk of สำนักปลัด logs in at his desk and opens his department's measures
    # from the menu.
    page = sign_in(new_page, live_server, "staff-office", DESKTOP)
    open_menu(page, "มาตรการ", "**/measures/mine/")
    page.get_by_role("heading", name="มาตรการของสำนักปลัด").wait_for()
    screenshot(page, "1-staff-my-measures")

    # He picks the measure of indicator 10, which has not started yet.
    card = page.locator(".list-group-item").filter(has_text="ตัวชี้วัดที่ 10 ")
    assert card.count() == 1, "the demo has one measure of indicator 10"
    assert "ยังไม่เริ่มดำเนินการ" in card.inner_text()
    card.get_by_role("link").first.click()
    page.wait_for_url("**/measures/*/")
    assert page.locator("#measure-status").inner_text() == "ยังไม่เริ่มดำเนินการ"
    measure_url = page.url

    # He sets it in progress, typing Thai digits: 150 per cent is refused, 60 is kept.
    page.get_by_role("link", name="อัปเดตสถานะและความก้าวหน้า", exact=True).click()
    page.wait_for_url("**/edit/")
    page.get_by_label("สถานะ").select_option(label="อยู่ระหว่างดำเนินการ")
    page.get_by_label("ความก้าวหน้า (ร้อยละ)").fill("๑๕๐")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.get_by_text("ความก้าวหน้าต้องไม่เกิน 100").wait_for()
    page.get_by_label("ความก้าวหน้า (ร้อยละ)").fill("๖๐")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_url(measure_url)
    page.get_by_text("บันทึกมาตรการแล้ว").wait_for()
    assert page.locator("#measure-status").inner_text() == "อยู่ระหว่างดำเนินการ"
    assert page.locator("#measure-progress").inner_text() == "ร้อยละ 60"

    # He writes the quarter's report, links two news pages of the organization's website
    # (the second through the list editor's add button) and attaches the meeting's minutes.
    page.get_by_role("link", name="รายงานผลรายไตรมาส", exact=True).click()
    page.wait_for_url("**/reports/add/**")
    quarter = page.get_by_label("ไตรมาส").locator("option:checked").inner_text()
    report = "จัดประชุมประชาคมหมู่บ้าน 12 หมู่ ให้ประชาชนร่วมเสนอโครงการในแผนพัฒนาท้องถิ่น"
    news = "https://www.nongprung.go.th/news/2566/community-meeting"
    photos = "https://www.nongprung.go.th/news/2566/community-meeting-photos"
    minutes = "รายงานการประชุมประชาคม.pdf"
    page.get_by_label("ผลการดำเนินงานในไตรมาสนี้").fill(report)
    page.get_by_label("ลิงก์ ข้อที่ 1").fill(news)
    page.get_by_role("button", name="+ เพิ่มรายการ").click()
    page.get_by_label("ลิงก์ ข้อที่ 2").fill(photos)
    page.get_by_label("ไฟล์หลักฐาน").set_input_files(
        files=[{"name": minutes, "mimeType": "application/pdf", "buffer": MINUTES_PDF}]
    )
    screenshot(page, "1-staff-report-form")
    page.get_by_role("button", name="บันทึกรายงาน").click()
    page.wait_for_url(measure_url)

    # The report is listed under its quarter: reported, with his text, links, file and name.
    page.get_by_text(f"บันทึกรายงานผล{quarter} แล้ว").wait_for()
    reported = page.locator(".card").filter(has_text=quarter).filter(has_text=report)
    assert "รายงานแล้ว" in reported.inner_text()
    assert reported.get_by_role("link", name=news, exact=True).count() == 1
    assert reported.get_by_role("link", name=photos, exact=True).count() == 1
    assert reported.get_by_role("link", name=minutes).count() == 1
    assert f"รายงานโดย {display_name('staff-office')}" in reported.inner_text()
    screenshot(page, "1-staff-measure-reported")

    # What he saw is what was stored.
    measure = Measure.objects.get(pk=measure_url.rstrip("/").rsplit("/", 1)[1])
    assert (measure.status, measure.progress) == (Measure.Status.IN_PROGRESS, 60)
    stored = MeasureReport.objects.get(measure=measure, text=report)
    assert stored.links == [news, photos]
    assert [e.original_name for e in stored.evidence.all()] == [minutes]

    # On his phone the same page fits the screen.
    page.set_viewport_size(PHONE)
    assert horizontal_overflow(page) == 0, "the measure page is wider than a phone"
    screenshot(page, "1-staff-measure-phone")
    page.set_viewport_size(DESKTOP)

    # Among all measures he filters กองช่าง's: its own measure he may read, not change.
    page.get_by_role("link", name=f"มาตรการ ผลการประเมินปี {YEAR}").click()
    page.wait_for_url("**/measures/?year=*")
    page.get_by_label("ส่วนราชการ").select_option(label="กองช่าง")
    page.get_by_role("button", name="แสดง", exact=True).click()
    page.wait_for_url("**department=*")
    page.get_by_role("link", name=works_only_measure.title).click()
    page.wait_for_url(f"**/measures/{works_only_measure.pk}/")
    page.get_by_text("ดูได้อย่างเดียว: มาตรการนี้เป็นของส่วนราชการอื่น").wait_for()
    assert page.get_by_role("link", name="อัปเดตสถานะและความก้าวหน้า").count() == 0
    assert page.get_by_role("link", name="รายงานผลรายไตรมาส").count() == 0
    screenshot(page, "1-staff-other-department-read-only")


def test_the_mayor_approves_oit_answers_from_a_phone(new_page, live_server, demo):
    # The mayor logs in on his phone; the home page says how many answers wait.
    page = sign_in(new_page, live_server, "mayor", PHONE)
    page.get_by_text("คำตอบ OIT รอให้คุณพิจารณาอนุมัติ").wait_for()
    waiting = int(page.locator(".oit-waiting-count").inner_text())
    assert horizontal_overflow(page) == 0, "the home page is wider than the phone"
    screenshot(page, "2-mayor-home")

    # He opens the queue: one card per waiting answer, each with its own buttons.
    page.get_by_role("link", name=f"เปิดรายการรออนุมัติ ปี {YEAR}").click()
    page.wait_for_url(f"**/assessments/{YEAR}/oit/queue/")
    cards = page.locator("article.oit-card")
    assert cards.count() == waiting
    codes = set(cards.evaluate_all("cards => cards.map(c => c.dataset.code)"))
    assert {"O3", "O5", "O10", "O14"} <= codes, f"the demo's waiting answers changed: {codes}"
    assert horizontal_overflow(page) == 0, "the queue is wider than the phone"
    # The answer's links open the organization's website in a new tab, without an opener.
    link = page.locator("article.oit-card[data-code=O3] .oit-links a").first
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")
    screenshot(page, "2-mayor-queue")

    # He approves O3 of สำนักปลัด with its thumb-sized button.
    approve = page.get_by_role("button", name="อนุมัติ O3", exact=True)
    assert approve.bounding_box()["height"] >= 44
    approve.click()
    page.wait_for_url(f"**/assessments/{YEAR}/oit/queue/")
    page.get_by_text("อนุมัติข้อ O3 แล้ว").wait_for()
    assert cards.count() == waiting - 1

    # He ticks O5 and O14 and approves both at once.
    approve_selected = page.get_by_role("button", name="อนุมัติข้อที่เลือก")
    assert approve_selected.is_hidden(), "the approval bar waits until something is ticked"
    page.get_by_label("เลือก O5", exact=True).check()
    page.get_by_label("เลือก O14", exact=True).check()
    assert count_in(approve_selected.inner_text()) == 2
    approve_selected.click()
    # The portal asks once more, naming the two, before anything is approved.
    page.get_by_text("จะอนุมัติ 2 ข้อ (O5, O14)").wait_for()
    page.get_by_role("button", name="ยืนยัน อนุมัติ 2 ข้อ").click()
    page.wait_for_url(f"**/assessments/{YEAR}/oit/queue/")
    page.get_by_text("อนุมัติ 2 ข้อแล้ว (O5, O14)").wait_for()
    assert cards.count() == waiting - 3

    # He sends O10 back to กองช่าง, first forgetting the comment: refused.
    card = page.locator("article.oit-card[data-code=O10]")
    card.get_by_text("ส่งกลับให้แก้ไข…").click()
    comment = card.get_by_label("ความเห็นถึงผู้รับผิดชอบ (ต้องระบุ)")
    send_back = card.get_by_role("button", name="ส่งกลับ O10", exact=True)
    send_back.click()
    # The browser stops an empty comment before it leaves the phone...
    assert comment.evaluate("el => el.validity.valueMissing")
    assert cards.count() == waiting - 3
    # ...and a comment of spaces comes back from the portal with a Thai message.
    comment.fill("   ")
    send_back.click()
    page.wait_for_url(f"**/assessments/{YEAR}/oit/queue/")
    page.get_by_text("กรุณาเขียนความเห็นว่าต้องแก้ไขอะไร ก่อนส่งกลับ").wait_for()
    assert cards.count() == waiting - 3
    screenshot(page, "2-mayor-return-refused")

    # With the comment, O10 goes back.
    remark = "แผนการดำเนินงานยังเป็นฉบับร่าง ขอฉบับที่นายกฯ ลงนามแล้ว"
    card.get_by_text("ส่งกลับให้แก้ไข…").click()
    comment.fill(remark)
    send_back.click()
    page.wait_for_url(f"**/assessments/{YEAR}/oit/queue/")
    page.get_by_text("ส่งข้อ O10 กลับให้แก้ไขพร้อมความเห็นแล้ว").wait_for()
    assert cards.count() == waiting - 4
    assert page.locator("article.oit-card[data-code=O10]").count() == 0
    screenshot(page, "2-mayor-queue-after")
    statuses = dict(
        OITAnswer.objects.filter(
            organization=demo, item__code__in=["O3", "O5", "O10", "O14"]
        ).values_list("item__code", "status")
    )
    approved, returned = OITAnswer.Status.APPROVED, OITAnswer.Status.RETURNED
    assert statuses == {"O3": approved, "O5": approved, "O10": returned, "O14": approved}

    # Back home, fewer answers wait.
    page.get_by_role("link", name="ITA Portal").click()
    page.wait_for_url(f"{live_server.url}/")
    if waiting - 4:
        assert page.locator(".oit-waiting-count").inner_text() == str(waiting - 4)
    else:
        page.get_by_text("ไม่มีคำตอบ OIT รออนุมัติ").wait_for()

    # The clerk of กองช่าง finds O10 back on his home page with the mayor's comment.
    staff = sign_in(new_page, live_server, "staff-works", PHONE)
    returned = staff.locator(".card").filter(has_text="คำตอบ OIT ที่ถูกส่งกลับ (กองช่าง)")
    assert remark in returned.inner_text()
    assert horizontal_overflow(staff) == 0, "the home page is wider than the phone"
    screenshot(staff, "2-staff-returned-home")
    returned.get_by_role("link", name="O10").click()
    staff.wait_for_url(f"**/assessments/{YEAR}/oit/O10/")
    alert = staff.get_by_role("alert").filter(has_text="ผู้บริหารส่งกลับให้แก้ไข")
    assert remark in alert.inner_text()
    assert staff.locator(".badge").filter(has_text="ส่งกลับให้แก้ไข").count() == 1
    assert staff.locator("form.oit-answer-form").count() == 1, "a returned answer is editable"
    assert horizontal_overflow(staff) == 0, "the answer page is wider than the phone"
    screenshot(staff, "2-staff-returned-answer")

    # The clerk of สำนักปลัด finds O3, which the mayor approved, locked.
    office = sign_in(new_page, live_server, "staff-office", PHONE)
    office.goto(f"{live_server.url}/assessments/{YEAR}/oit/O3/")
    office.get_by_text("อนุมัติแล้ว คำตอบนี้ถูกล็อก").wait_for()
    assert office.locator("form.oit-answer-form").count() == 0


def test_the_analyst_prints_the_report_the_memo_and_the_order(new_page, live_server, demo):
    # The analyst logs in at her desk and opens the year's measures.
    page = sign_in(new_page, live_server, "analyst", DESKTOP)
    open_menu(page, "มาตรการ", "**/measures/mine/")
    go_to(page, "มาตรการทั้งหมด", "**/measures/**")
    page.get_by_role("heading", name=f"ผลการประเมินปี {YEAR}").wait_for()

    # She prints the measures report: a Thai PDF naming the organization, whose pages
    # with the table of measures ("องค์ประกอบที่ ๓") are landscape.
    report = print_pdf(page, "รายงานมาตรการ (PDF)")
    assert report.filename.endswith(".pdf") and "มาตรการ" in report.filename
    assert report.content.startswith(b"%PDF")
    assert pdf.contains(report.content, ORGANIZATION)
    assert pdf.contains(report.content, "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี พ.ศ. ๒๕๖๕")
    sizes = pdf.page_sizes(report.content)
    table_pages = [
        size
        for size, text in zip(sizes, pdf.page_texts(report.content), strict=True)
        if pdf.contains(text, "องค์ประกอบที่ ๓")
    ]
    assert table_pages and all(size == LANDSCAPE for size in table_pages), sizes
    assert not ARABIC_DIGITS.search(pdf.text(report.content)), "documents use Thai digits"
    keep(report, "3-measures-report.pdf")

    # She opens the memo that circulated the measures and prints it.
    go_to(page, "บันทึกข้อความ", "**/measures/memos/")
    page.locator("table").get_by_role("link").first.click()
    page.wait_for_url("**/measures/memos/*/")
    screenshot(page, "3-analyst-memo")
    memo = print_pdf(page, "พิมพ์บันทึกข้อความ (PDF)")
    assert memo.filename.endswith(".pdf")
    assert memo.content.startswith(b"%PDF")
    assert pdf.contains(memo.content, "บันทึกข้อความ")
    assert pdf.contains(memo.content, ORGANIZATION)
    assert all(size == PORTRAIT for size in pdf.page_sizes(memo.content))
    assert not ARABIC_DIGITS.search(pdf.text(memo.content)), "documents use Thai digits"
    keep(memo, "3-memo.pdf")

    # She opens order 98/2565 from the menu and prints it.
    open_menu(page, "คำสั่งแต่งตั้ง", "**/committees/")
    go_to(page, "98/2565", "**/committees/*/")
    screenshot(page, "3-analyst-order")
    order = print_pdf(page, "พิมพ์คำสั่ง (PDF)")
    assert order.filename.endswith(".pdf")
    assert order.content.startswith(b"%PDF")
    assert pdf.contains(order.content, f"คำสั่ง{ORGANIZATION}")
    assert pdf.contains(order.content, "ที่ ๙๘/๒๕๖๕")
    assert not ARABIC_DIGITS.search(pdf.text(order.content)), "documents use Thai digits"
    keep(order, "3-order.pdf")
