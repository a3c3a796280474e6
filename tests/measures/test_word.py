"""The measures report, the memo and the progress report as Word files."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from itaportal.wordfiles import DOCX, libreoffice_pdf
from measures import documents
from measures.models import Measure
from tests import pdf, word
from tests.measures.test_documents import memo  # noqa: F401 (fixture)

PORTRAIT = ("portrait", 21.0, 29.7, (2.5, 2.0, 2.0, 3.0))
LANDSCAPE = ("landscape", 29.7, 21.0, (2.0, 1.5, 1.5, 2.0))


@pytest.fixture
def report(seed):
    org = seed[6].assessment.organization
    return documents.measures_report_document(org, 2565, format="docx")


def test_the_report_is_the_analysis_in_portrait_then_a_landscape_section_per_table(report):
    doc = word.open_docx(report.content)
    layouts = [word.section_layout(s) for s in doc.sections]
    assert layouts[0] == PORTRAIT and layouts[1:] and set(layouts[1:]) == {LANDSCAPE}
    # One table of analysis, then one องค์ประกอบที่ ๓ table per instrument, one per section.
    assert len(doc.tables) == len(doc.sections)
    assert word.fonts(doc) == {"TH SarabunIT๙"}


def test_every_measures_table_repeats_its_caption_and_both_heading_rows(report):
    doc = word.open_docx(report.content)
    for table in doc.tables[1:]:
        assert word.repeated_header_rows(table) == 3
        assert table.rows[0].cells[0].text.startswith("องค์ประกอบที่ ๓")
        groups = [c.text for c in table.rows[1].cells]
        assert groups[0] == "ลำดับที่" and groups[1].startswith("ตัวชี้วัดการประเมิน")
        assert groups[2:5] == ["(๑) การกำหนดผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง"] * 3
        assert groups[5:8] == ["(๒) การกำหนดขั้นตอนหรือวิธีการปฏิบัติ"] * 3
        assert groups[8].startswith("(๓)")
        # The row number and the indicator span both heading rows, their text once.
        assert table.rows[2].cells[0].text == "ลำดับที่"
        assert table.rows[2].cells[2].text == "หัวข้อย่อยการประเมิน"
        assert table.rows[2].cells[-1].text == "การกำหนดแนวทางหรือมาตรการเพื่อขับเคลื่อนฯ"


def test_the_report_has_the_same_text_as_the_pdf(report, seed):
    text = word.text(word.open_docx(report.content))
    assert word.in_order(
        text,
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี พ.ศ.\u00a0๒๕๖๕",
        "มีผลคะแนน ๖๐.๖๑ คะแนน อยู่ในระดับ D",
        "ประสิทธิภาพการสื่อสาร",
        "๘๘.๙๑",
        "โดยวิเคราะห์ผลการประเมินแต่ละตัวชี้วัด",
        "องค์ประกอบที่ ๓",
        seed[6].title,
    )
    for measure in seed.values():
        assert f"๑. {measure.title}" in text


def test_the_memo_has_its_header_body_signer_and_acknowledgements(memo):  # noqa: F811
    document = documents.render_memo(memo, format="docx")
    doc = word.open_docx(document.content)
    assert [word.section_layout(s) for s in doc.sections] == [PORTRAIT]
    text = word.text(doc)
    assert word.in_order(
        text,
        "บันทึกข้อความ",
        "ส่วนราชการ",
        "สำนักปลัด องค์การบริหารส่วนตำบลทดสอบ",
        "ที่",
        "พบ ๗๐๐๐๑/-",
        "วันที่",
        "๓๑ ตุลาคม ๒๕๖๕",
        "เรื่อง",
        "เรียน",
        "จึงเรียนมาเพื่อทราบ",
        "(สนธยา คงสนิท)",
        "-รับทราบ",
        "นางสถาพร กลิ่นโพธิ์กลับ",
    )
    # The title at 29 pt, the labels at 20 pt with dotted leaders to the margin.
    xml = doc.element.body.xml
    assert 'w:val="58"' in xml and 'w:val="40"' in xml and 'w:leader="dot"' in xml


def test_an_unsigned_memo_carries_the_watermark_and_a_signed_one_does_not(memo):  # noqa: F811
    assert word.has_watermark(word.open_docx(documents.render_memo(memo, format="docx").content))
    memo.signed_on = memo.date
    memo.save()
    signed = documents.render_memo(memo, format="docx").content
    assert not word.has_watermark(word.open_docx(signed))


def test_the_progress_report_is_landscape_throughout(seed):
    org = seed[6].assessment.organization
    document = documents.progress_report_document(org, 2565, "2", format="docx")
    doc = word.open_docx(document.content)
    assert {word.section_layout(s) for s in doc.sections} == {LANDSCAPE}
    text = word.text(doc)
    assert "ไตรมาส ๒ (ม.ค.–มี.ค.) ปีงบประมาณ ๒๕๖๖" in text and "ยังไม่รายงานผล" in text
    assert all(word.repeated_header_rows(t) == 2 for t in doc.tables)


@pytest.mark.parametrize("kind", ["measures", "memo", "progress"])
def test_printdoc_writes_each_document_as_word(memo, kind, tmp_path):  # noqa: F811
    out = tmp_path / f"{kind}.docx"
    call_command(
        "printdoc", kind, "--org", "thotsop", "--year", "2565", "--format", "docx",
        "--output", str(out),
    )  # fmt: skip
    assert word.open_docx(out.read_bytes()).sections


def test_the_word_views_answer_docx_to_members(login, staff_office, memo):  # noqa: F811
    client = login(staff_office)
    for url in (
        reverse("measures:report_docx", args=[2565]),
        reverse("measures:progress_docx", args=[2565]) + "?quarter=1",
        reverse("measures:memo_docx", args=[memo.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == DOCX
    page = client.get(reverse("measures:memo_detail", args=[memo.pk])).content.decode()
    assert reverse("measures:memo_docx", args=[memo.pk]) in page


def test_the_admin_actions_give_word_files(client, operator, memo):  # noqa: F811
    client.force_login(operator)
    response = client.post(
        reverse("admin:measures_memo_changelist"),
        {"action": "print_memo_docx", "_selected_action": [memo.pk]},
    )
    assert response["Content-Type"] == DOCX
    response = client.post(
        reverse("admin:measures_measure_changelist"),
        {
            "action": "print_measures_report_docx",
            "_selected_action": [memo.assessment.measures.first().pk],
        },
    )
    assert response["Content-Type"] == DOCX


LONG = (
    "ปรับปรุงกระบวนการเปิดเผยข้อมูลสาธารณะบนเว็บไซต์หลักของหน่วยงานให้ครบถ้วนตามเกณฑ์"
    "การประเมินOITประจำปีงบประมาณพ.ศ.๒๕๖๖วงเงิน๑๕๐,๐๐๐บาทและรายงานผลทุกไตรมาสSTATUS-LINE-"
)


def stress(seed):
    """17 measures with long unspaced Thai, numbers and English."""
    base = seed[6]
    for n in range(17 - len(seed)):
        Measure.objects.create(
            assessment=base.assessment,
            indicator=base.indicator,
            title=f"{LONG}{n}",
            sub_topic=LONG,
            weakness=LONG * 2,
            improvements=[LONG, "ข้อที่สอง"],
            responsible_people=["นางสาวประภาพรรณ ศรีสุวรรณวิเศษกุล"],
            steps=[LONG] * 3,
            monitoring=[LONG],
        )
    return base.assessment


def test_a_report_of_17_long_measures_prints_them_all(seed):
    assessment = stress(seed)
    doc = word.open_docx(documents.render_measures_report(assessment, format="docx").content)
    rows = sum(len(t.rows) - 3 for t in doc.tables[1:])
    assert rows == 17


@word.needs_soffice
def test_libreoffice_converts_each_document_without_errors(seed, memo):  # noqa: F811
    """The demo-sized memo and progress report, and the report with 17 long measures."""
    org = stress(seed).organization
    for render in (
        lambda: documents.render_memo(memo, format="docx"),
        lambda: documents.measures_report_document(org, 2565, format="docx"),
        lambda: documents.progress_report_document(org, 2565, "1", format="docx"),
    ):
        converted = libreoffice_pdf(render().content)
        assert pdf.page_sizes(converted)
        assert "การดำเนินงาน" in word.pdf_text(converted)


def table_widths_cm(table):
    from docx.oxml.ns import qn

    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    return [int(col.get(qn("w:w"))) / 567 for col in grid]


def test_the_word_tables_take_the_pdfs_column_widths_across_the_text_width(seed):
    assessment = stress(seed)
    context = documents.measures_report_context(assessment)
    doc = word.open_docx(documents.render_measures_report(assessment, format="docx").content)
    for table, section in zip(doc.tables[1:], doc.sections[1:], strict=True):
        text_width = word.cm(section.page_width - section.left_margin - section.right_margin)
        assert sum(table_widths_cm(table)) == pytest.approx(text_width, abs=0.02)
        assert table_widths_cm(table) == pytest.approx(context["measure_widths"], abs=0.01)
        for row in table.rows[3:]:
            assert [word.cm(c.width) for c in row.cells] == pytest.approx(
                context["measure_widths"], abs=0.01
            )


def test_the_word_progress_table_takes_the_pdfs_column_widths(seed):
    assessment = stress(seed)
    context = documents.progress_report_context(assessment, (2566, 1))
    doc = word.open_docx(
        documents.render_progress_report(assessment, (2566, 1), format="docx").content
    )
    section = doc.sections[0]
    text_width = word.cm(section.page_width - section.left_margin - section.right_margin)
    for table in doc.tables:
        assert sum(table_widths_cm(table)) == pytest.approx(text_width, abs=0.02)
        assert table_widths_cm(table) == pytest.approx(context["progress_widths"], abs=0.01)
