"""Each responsible department writes its own part of a measure's quarterly report, each
part under the versioned write contract: one department's save never replaces another's."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from audit.tracked import TRACKED
from measures import documents
from measures.models import MeasureReport
from tests import pdf, word
from tests.conftest import make_user

QUARTER = "2566-1"  # the seed's follow-up year, long over: every quarter may be reported


def nospace(text):
    return "".join(pdf.squash(text).split())


@pytest.fixture
def shared(seed):
    """The seed's measure of indicator 10: สำนักปลัด and กองคลัง are responsible."""
    measure = seed[10]
    assert {d.name for d in measure.departments.all()} == {"สำนักปลัด", "กองคลัง"}
    return measure


def part_url(measure, part=None, quarter=QUARTER):
    url = f"{reverse('measures:report_add', args=[measure.pk])}?quarter={quarter}"
    return f"{url}&part={part.pk}" if part is not None else url


def report(client, measure, text, *, part=None, version=""):
    return client.post(
        part_url(measure, part),
        {"quarter": QUARTER, "text": text, "links": "", "version": version},
    )


def parts_of(measure):
    return {
        r.department.name: r.text
        for r in MeasureReport.objects.filter(measure=measure, year=2566, quarter=1)
    }


def test_two_departments_save_their_parts_of_one_quarter_and_both_texts_survive(
    login, staff_office, staff_finance, shared
):
    assert report(login(staff_office), shared, "สำนักปลัดแต่งตั้งคณะทำงานแล้ว").status_code == 302
    assert report(login(staff_finance), shared, "กองคลังเผยแพร่แผนจัดซื้อแล้ว").status_code == 302

    assert parts_of(shared) == {
        "สำนักปลัด": "สำนักปลัดแต่งตั้งคณะทำงานแล้ว",
        "กองคลัง": "กองคลังเผยแพร่แผนจัดซื้อแล้ว",
    }


def test_a_department_changing_its_part_leaves_the_other_part_alone(
    login, staff_office, staff_finance, shared
):
    report(login(staff_office), shared, "ร่างแรกของสำนักปลัด")
    report(login(staff_finance), shared, "ส่วนของกองคลัง")
    mine = MeasureReport.objects.get(measure=shared, department__name="สำนักปลัด")

    response = report(login(staff_office), shared, "ฉบับแก้ของสำนักปลัด", version=mine.version)

    assert response.status_code == 302
    assert parts_of(shared) == {"สำนักปลัด": "ฉบับแก้ของสำนักปลัด", "กองคลัง": "ส่วนของกองคลัง"}
    mine.refresh_from_db()
    assert mine.version == 2


def test_a_stale_version_of_a_part_gets_the_conflict_page_with_the_typed_text_kept(
    login, analyst, staff_finance, shared, finance
):
    report(login(staff_finance), shared, "ฉบับแรกของกองคลัง")
    part = MeasureReport.objects.get(measure=shared, department=finance)
    stale = part.version
    # The analyst corrects the finance part meanwhile.
    report(login(analyst), shared, "ฉบับที่นักวิเคราะห์แก้", part=finance, version=stale)

    response = report(login(staff_finance), shared, "ข้อความที่กองคลังพิมพ์ไว้", version=stale)

    assert response.status_code == 409
    page = response.content.decode()
    assert "ข้อความที่กองคลังพิมพ์ไว้" in page  # the typed text, kept in the form
    assert "ฉบับที่นักวิเคราะห์แก้" in page  # what the other person saved, shown
    assert "ส่วนของกองคลัง" in page
    assert parts_of(shared) == {"กองคลัง": "ฉบับที่นักวิเคราะห์แก้"}
    assert response.context["form"].data["version"] == stale + 1


def test_the_first_save_of_a_part_someone_else_created_meanwhile_is_a_conflict(
    login, analyst, staff_finance, shared, finance
):
    page = login(staff_finance).get(part_url(shared))
    assert page.context["existing"] is None  # the page showed no part: it carries no version
    report(login(analyst), shared, "นักวิเคราะห์เขียนให้ก่อน", part=finance)

    response = report(login(staff_finance), shared, "กองคลังพิมพ์เอง")

    assert response.status_code == 409
    assert "กองคลังพิมพ์เอง" in response.content.decode()
    assert parts_of(shared) == {"กองคลัง": "นักวิเคราะห์เขียนให้ก่อน"}


def test_staff_cannot_write_another_departments_part(login, staff_finance, shared, office):
    client = login(staff_finance)

    assert client.get(part_url(shared, office)).status_code == 403
    response = report(client, shared, "เขียนแทนสำนักปลัด", part=office)

    assert response.status_code == 403
    assert not MeasureReport.objects.filter(measure=shared).exists()


def test_staff_of_a_department_not_responsible_cannot_write_any_part(
    login, org, seed, shared, finance
):
    works = make_user("staff-works-2", org, "staff", seed[8].departments.get(name="กองช่าง"))
    client = login(works)

    assert report(client, shared, "ไม่ใช่งานของกองช่าง").status_code == 403
    assert report(client, shared, "ไม่ใช่งานของกองช่าง", part=finance).status_code == 403
    assert not MeasureReport.objects.filter(measure=shared).exists()


def test_a_part_of_another_organizations_department_is_not_found(login, analyst, shared, other_org):
    elsewhere = other_org.departments.create(name="กองคลัง")

    assert login(analyst).get(part_url(shared, elsewhere)).status_code == 404


def test_the_agency_admin_writes_any_departments_part(login, analyst, shared, finance):
    assert report(login(analyst), shared, "บันทึกแทนกองคลัง", part=finance).status_code == 302

    assert parts_of(shared) == {"กองคลัง": "บันทึกแทนกองคลัง"}


def test_the_quarter_shows_every_part_under_its_department_in_thai_order(
    login, mayor, staff_office, staff_finance, shared
):
    report(login(staff_office), shared, "รายงานจากสำนักปลัด")
    report(login(staff_finance), shared, "รายงานจากกองคลัง")

    html = login(mayor).get(reverse("measures:detail", args=[shared.pk])).content.decode()
    parts = BeautifulSoup(html, "html.parser").select(".report-part")

    # กองคลัง sorts before สำนักปลัด in Thai (ก before ส), whatever their own order; each
    # part's text sits under its own heading.
    assert [p.h3.get_text() for p in parts[:2]] == ["กองคลัง", "สำนักปลัด"]
    assert "รายงานจากกองคลัง" in parts[0].get_text()
    assert "รายงานจากสำนักปลัด" in parts[1].get_text()


def test_staff_see_a_write_link_for_their_own_part_only(
    login, staff_finance, shared, office, finance
):
    page = login(staff_finance).get(reverse("measures:detail", args=[shared.pk])).content.decode()

    assert f"part={finance.pk}" in page
    assert f"part={office.pk}" not in page


@pytest.fixture
def two_parts(login, staff_office, staff_finance, shared):
    report(login(staff_office), shared, "สำนักปลัดแต่งตั้งคณะทำงานแล้ว")
    report(login(staff_finance), shared, "กองคลังเผยแพร่แผนจัดซื้อแล้ว")
    return shared


def test_the_progress_report_prints_each_part_under_its_department(two_parts):
    org = two_parts.assessment.organization

    text = nospace(pdf.text(documents.progress_report_document(org, 2565, "1").content))

    # Extracted PDF text turns ำ into า (WeasyPrint #2841): compare without it.
    def plain(value):
        return nospace(value).replace("ำ", "า")

    assert pdf.in_order(
        text.replace("ำ", "า"),
        plain(two_parts.title),
        plain("กองคลัง"),
        plain("กองคลังเผยแพร่แผนจัดซื้อแล้ว"),
        plain("สำนักปลัด"),
        plain("สำนักปลัดแต่งตั้งคณะทำงานแล้ว"),
    )


def test_the_word_progress_report_prints_each_part_under_its_department(two_parts):
    org = two_parts.assessment.organization

    doc = word.open_docx(documents.progress_report_document(org, 2565, "1", format="docx").content)

    assert word.in_order(
        word.text(doc),
        two_parts.title,
        "กองคลัง",
        "กองคลังเผยแพร่แผนจัดซื้อแล้ว",
        "สำนักปลัด",
        "สำนักปลัดแต่งตั้งคณะทำงานแล้ว",
    )


def test_each_part_keeps_its_own_field_history(two_parts, login, staff_finance, finance):
    assert MeasureReport in TRACKED
    part = MeasureReport.objects.get(measure=two_parts, department=finance)
    report(login(staff_finance), two_parts, "ฉบับแก้ของกองคลัง", version=part.version)

    history = list(part.history.order_by("history_date", "history_id"))

    assert [(h.text, h.department_id, h.version) for h in history] == [
        ("กองคลังเผยแพร่แผนจัดซื้อแล้ว", finance.pk, 1),
        ("ฉบับแก้ของกองคลัง", finance.pk, 2),
    ]
    assert history[-1].history_user == staff_finance


@pytest.mark.parametrize("part", ["²", "abc", "-1", "9" * 18, "9" * 40, "๙๙๙"])
def test_a_part_that_names_no_department_is_not_found(login, analyst, shared, part):
    url = f"{reverse('measures:report_add', args=[shared.pk])}?quarter={QUARTER}&part={part}"

    assert login(analyst).get(url).status_code == 404
