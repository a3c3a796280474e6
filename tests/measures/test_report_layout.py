"""The measures report paginates like the seed's tables: a stress report of 17 long measures
keeps its caption and headings on every page, breaks no line inside a name or a number, and
prints the (๑)(๒)(๓) group row."""

import pytest

from measures import documents
from tests import pdf
from tests.measures import factories
from tests.measures.test_documents import HEADER, MEASURE_HEADER, nospace

LONG_THAI = (
    "การจัดทำระบบฐานข้อมูลสารสนเทศเพื่อการบริหารจัดการงบประมาณรายจ่ายประจำปีงบประมาณ"
    "ขององค์การบริหารส่วนตำบลหนองปรุงให้เป็นไปตามหลักธรรมาภิบาลและตรวจสอบได้"
)
PEOPLE = ["นางสาวพิมพ์ประภาเจริญรุ่งเรืองพัฒนากิจ", "นายธีรวัฒน์ ศรีสุวรรณวิเศษกุล"]


@pytest.fixture
def stress_report(org, depts):
    a = factories.assessment(org)
    for n in range(17):
        factories.measure(
            a,
            indicator=6 + n % 5,
            departments=list(depts.values())[: 1 + n % 4],
            title=f"มาตรการที่ {n + 1} {LONG_THAI} วงเงิน 150,000 บาท ผ่านระบบ e-GP และ LINE Official Account",
            sub_topic=LONG_THAI * (1 + n % 3),
            weakness=f"{LONG_THAI} ร้อยละ 85.50 ของ 1,250 ราย",
            improvements=[LONG_THAI, "การประชาสัมพันธ์ผ่าน Facebook Page และ LINE"] * (1 + n % 4),
            responsible_people=PEOPLE,
            steps=[f"ขั้นตอนที่ {k} {LONG_THAI} ภายใน 30 วัน" for k in range(1, 3 + n % 6)],
            monitoring=["รายงานผลรายไตรมาสต่อนายกองค์การบริหารส่วนตำบลหนองปรุง"],
        )
    return documents.render_measures_report(a).content


def test_every_page_of_the_stress_tables_carries_caption_and_headings(stress_report):
    pages = pdf.page_texts(stress_report)
    table_pages = [i for i, size in enumerate(pdf.page_sizes(stress_report)) if size == (842, 595)]
    assert len(table_pages) >= 6
    for i in table_pages:
        page = nospace(pages[i])
        assert pdf.in_order(
            page, "องค์ประกอบที่๓", "ลำดับที่", nospace(HEADER), nospace(MEASURE_HEADER)
        ), i
        assert pdf.in_order(page, "(๑)การกำหนดผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง", "(๒)", "(๓)"), i


def test_no_line_of_the_stress_report_ends_inside_a_name_or_number(stress_report, depts):
    words = ["หนองปรุง", "ปีงบประมาณ", "งบประมาณ", "LINE", "Facebook", "e-GP", "Official", "Account"]
    words += [d.name for d in depts.values()]
    assert pdf.split_words(stress_report, words, people=PEOPLE) == []


def test_no_line_of_the_demo_report_ends_inside_a_name_or_number(seed, depts):
    content = documents.measures_report_document(seed[6].assessment.organization, 2565).content
    words = [d.name for d in depts.values()] + ["ปีงบประมาณ", "หน่วยงาน", "ดำเนินงาน"]
    assert pdf.split_words(content, words) == []


def test_the_demo_prints_a_measure_that_is_its_own_monitoring_once(seed):
    measure = seed[6]
    measure.monitoring = [measure.title]
    measure.save()
    content = documents.measures_report_document(measure.assessment.organization, 2565).content
    assert nospace(pdf.text(content)).count(nospace(measure.title)) == 1


def test_no_line_of_the_progress_report_ends_inside_a_word_it_prints(seed, depts):
    from measures.models import Quarter

    measure = seed[6]
    measure.status = measure.Status.IN_PROGRESS
    measure.save()
    content = documents.render_progress_report(measure.assessment, Quarter(2566, 1)).content
    # The status "อยู่ระหว่างดำเนินการ" may break before ดำเนินการ, never inside it.
    words = ["ดำเนินการ"] + [d.name for d in depts.values()]
    assert pdf.split_words(content, words) == []


def test_no_table_page_is_left_mostly_blank_by_a_pushed_row(stress_report):
    def instrument(page):
        return "OIT" if "OIT" in page else "EIT"  # the caption names the table's instrument

    pages = pdf.page_texts(stress_report)
    lowest = pdf.lowest_text(stress_report)
    landscape = [i for i, size in enumerate(pdf.page_sizes(stress_report)) if size == (842, 595)]
    for i in landscape:
        if i + 1 < len(pages) and instrument(pages[i]) == instrument(pages[i + 1]):
            # Not its table's last page: filled to within a quarter page of the bottom.
            assert lowest[i] < 595 / 4, (i, lowest[i])


@pytest.fixture
def stress_set(seed):
    """The benchmark's stress set: 17 measures of long unspaced Thai, numbers and English."""
    from ops import stress

    assessment = seed[6].assessment
    stress.stress_measures(assessment)
    return assessment


def stress_set_words(depts):
    from ops import stress

    words = ["ปีงบประมาณ", "หน่วยงาน", "ประเมิน", "ไตรมาส", "OIT", "STATUS", "LINE"]
    words += [part for name, _ in stress.LONG_NAMES for part in name.split()]
    return words + [d.name for d in depts.values()]


def test_no_line_of_the_stress_sets_measures_table_ends_inside_a_name_or_number(stress_set, depts):
    content = documents.render_measures_report(stress_set).content
    assert len(pdf.page_sizes(content)) > 20
    assert pdf.split_words(content, stress_set_words(depts)) == []


def test_no_line_of_the_stress_sets_progress_table_ends_inside_a_name_or_number(stress_set, depts):
    from measures.models import Quarter

    content = documents.render_progress_report(stress_set, Quarter(2566, 1)).content
    indicators = {m.indicator.name for m in stress_set.measures.all()}
    assert pdf.split_words(content, [*stress_set_words(depts), *indicators]) == []


def test_the_columns_of_the_stress_tables_fit_their_widest_names_and_fill_the_page(stress_set):
    from itaportal.documents import text_width_cm

    context = documents.measures_report_context(stress_set)
    widths = context["measure_widths"]
    assert sum(widths) == pytest.approx(26.2, abs=0.01)
    # The responsible people's column holds the longest surname on one line.
    assert widths[5] > text_width_cm("ศรีสุวรรณวิเศษกุล", 14)
    # The columns that print the most text are the widest, the row number the narrowest.
    assert widths[6] > widths[2] and widths[3] >= widths[2]
    assert min(widths) == widths[0]
    progress = documents.progress_report_context(stress_set, (2566, 1))["progress_widths"]
    assert sum(progress) == pytest.approx(26.2, abs=0.01)
    assert max(progress) == progress[2]  # the measures' long titles
