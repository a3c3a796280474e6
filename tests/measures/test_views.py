"""The measures pages by role: who sees, who changes, and what bad input gets."""

import re
from datetime import date
from unittest import mock
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from measures import services
from measures.models import Evidence, Measure, MeasureReport, Quarter
from tests.conftest import assert_served_as_upload, png_bytes
from tests.measures import factories


def page_text(html):
    """What the page reads: names and compounds kept on one line are in spans."""
    return BeautifulSoup(html, "html.parser").get_text()


def test_the_list_shows_the_years_measures_by_indicator(login, analyst, seed):
    page = login(analyst).get(reverse("measures:list")).content.decode()
    assert "ผลการประเมินปี 2565" in page
    for number in (6, 7, 8, 9, 10):
        assert f"ตัวชี้วัดที่ {number} " in page
    assert seed[6].title in page_text(page)


def test_the_list_filters_by_department(login, staff_office, seed, depts):
    client = login(staff_office)
    page = client.get(reverse("measures:list"), {"department": depts["works"].pk}).content.decode()
    assert seed[8].title in page_text(page)  # office + works
    assert f'href="/measures/{seed[10].pk}/"' not in page  # office + finance only


def test_my_measures_are_my_departments_and_flag_the_overdue(login, staff_works, seed):
    response = login(staff_works).get(reverse("measures:mine"))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/measures/{seed[8].pk}/"' in page
    assert f'href="/measures/{seed[9].pk}/"' not in page
    # FY 2566 is over: measure 8 (reported Q1 only, not done) is overdue.
    assert "ยังไม่รายงานผลไตรมาส 2" in page


def test_staff_update_the_status_and_progress_of_their_own_measure(login, staff_finance, current):
    client = login(staff_finance)
    response = client.post(
        reverse("measures:edit", args=[current.pk]),
        {"status": "in_progress", "progress": "๔๐", "version": current.version},
    )
    assert response.status_code == 302
    current.refresh_from_db()
    assert (current.status, current.progress, current.version) == ("in_progress", 40, 2)


@pytest.mark.parametrize("progress", ["101", "-1", "สิบ", "12.5"])
def test_progress_outside_0_to_100_is_refused_in_thai(login, staff_finance, current, progress):
    response = login(staff_finance).post(
        reverse("measures:edit", args=[current.pk]),
        {"status": "in_progress", "progress": progress, "version": current.version},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert any(msg in page for msg in ("ต้องไม่เกิน 100", "ต้องไม่น้อยกว่า 0", "กรุณากรอกจำนวนเต็ม"))
    current.refresh_from_db()
    assert current.progress == 0


def test_staff_of_another_department_read_but_cannot_change(login, staff_office, current):
    client = login(staff_office)
    assert client.get(reverse("measures:detail", args=[current.pk])).status_code == 200
    for name in ("measures:edit", "measures:report_add"):
        get = client.get(reverse(name, args=[current.pk]))
        post = client.post(reverse(name, args=[current.pk]), {"progress": "90"})
        assert get.status_code == post.status_code == 403
        assert "ส่วนราชการอื่น" in post.content.decode()
    current.refresh_from_db()
    assert current.progress == 0


def test_the_mayor_reads_but_does_not_edit(login, mayor, current):
    client = login(mayor)
    assert client.get(reverse("measures:detail", args=[current.pk])).status_code == 200
    assert client.get(reverse("measures:edit", args=[current.pk])).status_code == 403


def test_another_organization_gets_404(login, outsider, current):
    client = login(outsider)
    for name in ("measures:detail", "measures:edit", "measures:report_add"):
        assert client.get(reverse(name, args=[current.pk])).status_code == 404


def test_a_save_on_a_stale_page_is_refused_and_keeps_the_typed_text(
    login, analyst, staff_finance, current
):
    old_version = current.version
    # The department updates its progress after the admin opened the edit page.
    services.measure_progress_save(
        measure=current, user=staff_finance, version=old_version, status="in_progress", progress=10
    )
    client = login(analyst)
    url = reverse("measures:edit", args=[current.pk])
    data = {
        "indicator": current.indicator_id,
        "order": 1,
        "title": "ข้อความที่ฉันพิมพ์ไว้",
        "steps": "ขั้นที่หนึ่ง\nขั้นที่สอง",
        "status": "in_progress",
        "progress": "50",
        "version": old_version,
    }
    response = client.post(url, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "มาตรการนี้ถูกแก้ไขโดย staff-finance" in page
    assert "ข้อความที่ฉันพิมพ์ไว้" in page and "ขั้นที่สอง" in page
    changes = BeautifulSoup(page, "html.parser").find(id="conflict").get_text(" ", strip=True)
    assert "ความก้าวหน้า (ร้อยละ) 10" in changes
    current.refresh_from_db()
    assert current.title != "ข้อความที่ฉันพิมพ์ไว้" and current.progress == 10
    # Having seen the message, saving again (the page now carries the new version) works.
    data["version"] = old_version + 1
    assert client.post(url, data).status_code == 302
    current.refresh_from_db()
    assert current.title == "ข้อความที่ฉันพิมพ์ไว้"
    assert current.steps == ["ขั้นที่หนึ่ง", "ขั้นที่สอง"]


def test_the_admin_creates_a_measure_with_lists_edited_as_lists(login, analyst, assessment, depts):
    client = login(analyst)
    indicator = assessment.framework.indicators.get(number=9)
    item = factories.OITItem.objects.in_framework(assessment.framework).get(code="O15")
    response = client.post(
        reverse("measures:create", args=[2565]),
        {
            "indicator": indicator.pk,
            "order": 2,
            "title": "มาตรการเผยแพร่ข้อมูลเชิงสถิติ",
            "improvements": "1. เผยแพร่สถิติทุกไตรมาส\n\n๒. ปรับหน้าเว็บไซต์",
            "departments": [depts["finance"].pk],
            "oit_items": [item.pk],
            "start_date": "2022-11-01",
            "due_date": "2023-09-30",
            "status": "not_started",
            "progress": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()
    m = Measure.objects.get(title="มาตรการเผยแพร่ข้อมูลเชิงสถิติ")
    assert m.improvements == ["เผยแพร่สถิติทุกไตรมาส", "ปรับหน้าเว็บไซต์"]
    assert list(m.oit_items.all()) == [item]


def test_a_due_date_before_the_start_is_refused(login, analyst, assessment):
    response = login(analyst).post(
        reverse("measures:create", args=[2565]),
        {
            "indicator": assessment.framework.indicators.get(number=6).pk,
            "order": 1,
            "title": "มาตรการวันที่ผิด",
            "start_date": "2023-05-01",
            "due_date": "2023-04-01",
            "status": "not_started",
            "progress": "0",
        },
    )
    assert response.status_code == 200
    assert "กำหนดแล้วเสร็จต้องไม่ก่อนวันที่เริ่ม" in response.content.decode()
    assert not Measure.objects.filter(title="มาตรการวันที่ผิด").exists()


def test_staff_cannot_create_measures(login, staff_office, assessment):
    assert login(staff_office).get(reverse("measures:create", args=[2565])).status_code == 403


def test_an_item_of_another_years_framework_is_refused(login, analyst, assessment):
    other = factories.framework(2566)
    item = factories.OITItem.objects.in_framework(other).get(code="O7")
    response = login(analyst).post(
        reverse("measures:create", args=[2565]),
        {
            "indicator": assessment.framework.indicators.get(number=9).pk,
            "order": 1,
            "title": "มาตรการข้ามปี",
            "oit_items": [item.pk],
            "status": "not_started",
            "progress": "0",
        },
    )
    assert response.status_code == 200
    # Refused beside the picker, which offers only the assessment's own year.
    picker = BeautifulSoup(response.content, "html.parser").select_one("[data-oit-picker]")
    assert "ไม่อยู่ในกรอบการประเมินปีเดียวกับผลการประเมินนี้" in picker.get_text()
    assert str(item.pk) not in [box["value"] for box in picker.select("input[type=checkbox]")]
    assert not Measure.objects.filter(title="มาตรการข้ามปี").exists()


# Quarterly reports ------------------------------------------------------------------------


def _pdf_upload(name="หลักฐาน.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_staff_add_this_quarters_report_with_evidence_and_links(login, staff_finance, current):
    client = login(staff_finance)
    quarter = Quarter.of(timezone.localdate())
    response = client.post(
        reverse("measures:report_add", args=[current.pk]),
        {
            "quarter": str(quarter),
            "text": "เผยแพร่ข้อมูลบนเว็บไซต์แล้ว",
            "links": "https://www.thotsop.go.th/news/1\nhttps://www.thotsop.go.th/news/2",
            "files": [_pdf_upload(), SimpleUploadedFile("ภาพ.png", png_bytes())],
        },
    )
    assert response.status_code == 302
    report = MeasureReport.objects.get(measure=current)
    assert (report.year, report.quarter) == quarter.key()
    assert report.links == ["https://www.thotsop.go.th/news/1", "https://www.thotsop.go.th/news/2"]
    stored = {e.original_name: e for e in report.evidence.all()}
    assert sorted(stored) == ["ภาพ.png", "หลักฐาน.pdf"]
    assert stored["ภาพ.png"].content_type == "image/png"
    # Stored under random names that say nothing of the measure or the report.
    assert re.fullmatch(r"evidence/[0-9a-f]{32}\.pdf", stored["หลักฐาน.pdf"].file.name)
    current.refresh_from_db()
    assert current.status == "in_progress"
    detail = client.get(reverse("measures:detail", args=[current.pk])).content.decode()
    assert "เผยแพร่ข้อมูลบนเว็บไซต์แล้ว" in page_text(detail)


def _today_is(day):
    """Freeze the date the measures code reads as today (timezone.localdate())."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    return mock.patch("django.utils.timezone.localdate", localdate)


def test_a_report_for_a_future_quarter_is_refused(login, staff_finance, current):
    # Today is the last day of the follow-up year's first quarter: the second has not begun.
    first, second = Quarter(current.follow_up_year, 1), Quarter(current.follow_up_year, 2)
    client = login(staff_finance)
    with _today_is(first.end):
        response = client.post(
            reverse("measures:report_add", args=[current.pk]),
            {"quarter": str(second), "text": "ล่วงหน้า"},
        )
    assert response.status_code == 200
    assert "ไตรมาสที่ยังมาไม่ถึง" in response.content.decode()
    assert not MeasureReport.objects.exists()


def test_the_quarter_that_has_begun_is_accepted_on_the_same_day(login, staff_finance, current):
    first = Quarter(current.follow_up_year, 1)
    client = login(staff_finance)
    with _today_is(first.end):
        response = client.post(
            reverse("measures:report_add", args=[current.pk]),
            {"quarter": str(first), "text": "ไตรมาสแรก"},
        )
    assert response.status_code == 302
    report = MeasureReport.objects.get(measure=current)
    assert (report.year, report.quarter) == first.key()


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "ไม่รับไฟล์ชนิดนี้"),
        (SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"), "ไม่ตรงกับนามสกุล"),
    ],
)
def test_evidence_of_the_wrong_type_is_refused(login, staff_finance, current, upload, message):
    response = login(staff_finance).post(
        reverse("measures:report_add", args=[current.pk]),
        {"quarter": str(Quarter.of(timezone.localdate())), "text": "ข้อความที่พิมพ์", "files": [upload]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "ข้อความที่พิมพ์" in page
    assert not MeasureReport.objects.exists() and not Evidence.objects.exists()


def test_evidence_over_20_mb_is_refused(login, staff_finance, current):
    big = SimpleUploadedFile("ใหญ่.pdf", b"%PDF" + b"0" * (20 * 1024 * 1024))
    response = login(staff_finance).post(
        reverse("measures:report_add", args=[current.pk]),
        {"quarter": str(Quarter.of(timezone.localdate())), "text": "ไฟล์ใหญ่", "files": [big]},
    )
    assert "เกิน 20 MB" in response.content.decode()
    assert not MeasureReport.objects.exists()


def test_a_link_that_is_not_a_web_address_is_refused(login, staff_finance, current):
    response = login(staff_finance).post(
        reverse("measures:report_add", args=[current.pk]),
        {
            "quarter": str(Quarter.of(timezone.localdate())),
            "text": "ข้อความ",
            "links": "https://ok.go.th/\njavascript:alert(1)",
        },
    )
    assert "รายการที่ 2" in response.content.decode()
    assert not MeasureReport.objects.exists()


def test_evidence_is_served_only_to_the_organization(login, staff_office, outsider, current):
    report = MeasureReport.objects.create(
        measure=current, year=current.follow_up_year, quarter=1, text="x"
    )
    evidence = Evidence(report=report, original_name="หลักฐาน.pdf", size=13)
    evidence.file.save("x.pdf", _pdf_upload(), save=True)
    url = reverse("measures:evidence", args=[evidence.pk])
    response = login(staff_office).get(url)
    assert_served_as_upload(response, "inline")  # a PDF opens, sandboxed, like OIT files
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert login(outsider).get(url).status_code == 404


def test_office_evidence_downloads_under_its_thai_name(login, staff_finance, current):
    docx = SimpleUploadedFile("แผนงาน.docx", b"PK\x03\x04 word", content_type="text/html")
    login(staff_finance).post(
        reverse("measures:report_add", args=[current.pk]),
        {"quarter": str(Quarter.of(timezone.localdate())), "text": "แผน", "files": [docx]},
    )
    evidence = Evidence.objects.get(report__measure=current)
    assert evidence.content_type.endswith("wordprocessingml.document")  # from the bytes
    response = login(staff_finance).get(reverse("measures:evidence", args=[evidence.pk]))
    assert_served_as_upload(response, "attachment")
    assert response["Content-Disposition"].endswith(quote("แผนงาน.docx"))


# Failed OIT items and query counts --------------------------------------------------------


def test_failed_oit_items_without_a_measure_are_listed(login, analyst, assessment):
    factories.fail_items(assessment, "O15", "O33", "O36")
    page = login(analyst).get(reverse("measures:list")).content.decode()
    assert 'id="uncovered-items"' in page
    # O33 is covered by the seed's measure of indicator 9; O15 and O36 are not.
    assert "<strong>O15</strong>" in page and "<strong>O36</strong>" in page
    assert "<strong>O33</strong>" not in page


def _add_measures(assessment, depts, n):
    for i in range(n):
        m = factories.measure(
            assessment, 6 + i % 5, [depts["office"], depts["works"]], order=10 + i
        )
        report = MeasureReport.objects.create(measure=m, year=2566, quarter=1, text="รายงาน")
        Evidence.objects.create(report=report, file="evidence/x.pdf", original_name="x.pdf")


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_list_runs_a_fixed_number_of_queries(
    login, analyst, assessment, depts, django_assert_num_queries
):
    client = login(analyst)
    factories.fail_items(assessment, "O15")
    _add_measures(assessment, depts, 1)
    url = reverse("measures:list")
    client.get(url)  # warm caches (content types, sessions)
    few = _queries(client, url)
    _add_measures(assessment, depts, 12)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.content.decode().count('class="list-group-item py-3"') == 5 + 13


def test_the_staff_page_runs_a_fixed_number_of_queries(
    login, staff_works, assessment, depts, django_assert_num_queries
):
    client = login(staff_works)
    _add_measures(assessment, depts, 1)
    url = reverse("measures:mine")
    client.get(url)
    few = _queries(client, url)
    _add_measures(assessment, depts, 12)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert (
        response.content.decode().count('class="list-group-item py-3"') == 3 + 13
    )  # seed 6, 7, 8 are also the works department's


def test_the_list_and_the_staff_page_read_in_few_round_trips(
    login, analyst, staff_works, assessment, depts, round_trips
):
    """What a page reads independently goes to PostgreSQL together (itaportal.prepared):
    the measures with their departments, reports and OIT items, and what the page said
    ahead."""
    factories.fail_items(assessment, "O15")
    _add_measures(assessment, depts, 3)
    for user, url, expected in (
        # The session; the assessments with the departments; the measures with the
        # failed items no measure covers.
        (analyst, reverse("measures:list"), 3),
        # The session; the assessments with the department's measures.
        (staff_works, reverse("measures:mine"), 2),
    ):
        client = login(user)
        assert client.get(url).status_code == 200
        assert round_trips(lambda client=client, url=url: client.get(url)) in (None, expected)


def test_a_measures_page_shows_each_reports_evidence_in_a_fixed_number_of_queries(
    login, analyst, assessment, depts, django_assert_num_queries
):
    measure = factories.measure(assessment, 6, [depts["office"]], order=10)
    client = login(analyst)
    url = reverse("measures:detail", args=[measure.pk])
    first = MeasureReport.objects.create(measure=measure, year=2566, quarter=1, text="ไตรมาสแรก")
    Evidence.objects.create(report=first, file="evidence/a.pdf", original_name="หลักฐาน-ก.pdf")
    client.get(url)
    few = _queries(client, url)
    for quarter in (2, 3):
        report = MeasureReport.objects.create(
            measure=measure, year=2566, quarter=quarter, text="ต่อ"
        )
        for name in ("ข", "ค"):
            Evidence.objects.create(
                report=report, file="evidence/x.pdf", original_name=f"หลักฐาน-{name}{quarter}.pdf"
            )
    with django_assert_num_queries(few):
        page = client.get(url).content.decode()
    for name in ("ก", "ข2", "ค2", "ข3", "ค3"):
        assert f"หลักฐาน-{name}" in page


def test_the_home_page_flags_overdue_measures(login, staff_works, seed):
    page = login(staff_works).get(reverse("home")).content.decode()
    assert "เลยกำหนด" in page
    assert f"/measures/{seed[8].pk}/" in page


def test_a_measure_of_the_running_year_is_due_this_quarter(login, staff_finance, current):
    page = login(staff_finance).get(reverse("measures:mine")).content.decode()
    assert "ต้องดำเนินการในไตรมาสนี้ (1)" in page
    assert reverse("measures:report_add", args=[current.pk]) in page


def test_done_sets_progress_to_100_and_records_the_day(login, staff_finance, current):
    login(staff_finance).post(
        reverse("measures:edit", args=[current.pk]),
        {"status": "done", "progress": "100", "version": current.version},
    )
    current.refresh_from_db()
    assert current.progress == 100 and current.completed_on == timezone.localdate()
    assert date.today() >= current.completed_on


def test_done_with_progress_90_is_refused_next_to_the_field_not_raised(
    login, staff_finance, current
):
    before = (current.status, current.progress, current.version)
    response = login(staff_finance).post(
        reverse("measures:edit", args=[current.pk]),
        {"status": "done", "progress": "๙๐", "version": current.version},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["progress"] == [
        "สถานะ “ดำเนินการแล้วเสร็จ” หมายถึงความก้าวหน้า 100 แต่ช่องนี้เป็น 90 "
        "ถ้างานเสร็จแล้วให้แก้เป็น 100 ถ้ายังไม่เสร็จให้เลือกสถานะ “อยู่ระหว่างดำเนินการ”"
    ]
    assert "หมายถึงความก้าวหน้า 100" in response.content.decode()
    current.refresh_from_db()
    assert (current.status, current.progress, current.version) == before


def test_dates_are_typed_and_shown_in_the_buddhist_era(login, analyst, current):
    client = login(analyst)
    response = client.post(
        reverse("measures:edit", args=[current.pk]),
        {
            "indicator": current.indicator_id,
            "order": 1,
            "title": "มาตรการ",
            "start_date": "๑๐/๐๑/๒๕๖๖",
            "due_date": "30/09/2566",
            "status": "not_started",
            "progress": "0",
            "version": current.version,
        },
    )
    assert response.status_code == 302
    current.refresh_from_db()
    assert current.start_date == date(2023, 1, 10)
    assert current.due_date == date(2023, 9, 30)
    page = client.get(reverse("measures:edit", args=[current.pk])).content.decode()
    assert 'value="10/01/2566"' in page and 'value="30/09/2566"' in page
    assert 'type="date"' not in page


def test_a_christian_era_year_typed_in_a_date_box_is_refused_in_thai(login, analyst, current):
    before = current.start_date
    response = login(analyst).post(
        reverse("measures:edit", args=[current.pk]),
        {
            "indicator": current.indicator_id,
            "order": 1,
            "title": "มาตรการ",
            "start_date": "10/01/2023",
            "status": "not_started",
            "progress": "0",
            "version": current.version,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start_date"] == ["ปี 2023 เป็นปี ค.ศ. กรุณาใช้ปี พ.ศ. (2566)"]
    current.refresh_from_db()
    assert current.start_date == before


def test_a_measure_names_both_its_years_with_the_same_words_everywhere(
    login, staff_finance, current
):
    client = login(staff_finance)
    assessed, runs = current.assessment.year, current.follow_up_year
    for url in (
        reverse("measures:detail", args=[current.pk]),
        f"{reverse('measures:list')}?year={assessed}",
        f"{reverse('measures:mine')}?year={assessed}",
    ):
        html = client.get(url).content.decode()
        assert f"ผลการประเมินปี {assessed}" in html, url
        assert f"ดำเนินการในปีงบประมาณ {runs}" in html, url


def test_the_measure_page_keeps_department_names_and_compounds_on_one_line(
    login, staff_office, current, depts
):
    current.title = "ปรับปรุงการเปิดเผยข้อมูลปีงบประมาณของกองการศึกษา ศาสนา และวัฒนธรรม"
    current.weakness = "อยู่ระหว่างดำเนินการโดยกองคลัง"
    current.save()
    html = login(staff_office).get(reverse("measures:detail", args=[current.pk])).content.decode()
    page = BeautifulSoup(html, "html.parser")
    kept = {span.get_text() for span in page.select(".nobr")}
    assert {"ปีงบประมาณ", "ดำเนินการ"} <= kept
    # The title reads as typed: no invisible break marks in the page's text.
    assert page.h1.get_text() == current.title
    assert "\u200b" not in html


def _measures_panel(user):
    from django.test import RequestFactory

    from measures.panels import home_panels

    request = RequestFactory().get("/")
    request.user = user
    return home_panels(request)


def test_the_home_panel_follows_up_last_year_s_measures_else_the_latest(
    analyst, staff_works, staff_finance, seed, current
):
    followed_up = current.assessment.year
    # The admin and the finance department: last year's result's measures.
    for user, count in ((analyst, 1), (staff_finance, 1)):
        (panel,) = _measures_panel(user)
        assert (panel["context"]["year"], panel["context"]["count"]) == (followed_up, count)
    # The works department has none of them: the year stays, with nothing of its own.
    (panel,) = _measures_panel(staff_works)
    assert (panel["context"]["year"], panel["context"]["count"]) == (followed_up, 0)
    # Without last year's measures the latest year's (the seed's FY 2565) are shown.
    current.delete()
    (panel,) = _measures_panel(staff_works)
    assert (panel["context"]["year"], panel["context"]["count"]) == (2565, 3)


def test_the_home_panel_is_not_shown_without_measures(analyst):
    assert _measures_panel(analyst) == []
