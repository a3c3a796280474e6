"""The measures report, the memo and the progress report as a reader sees the PDFs."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from itaportal.documents import DocumentError
from measures import demo, documents
from measures.models import Memo
from measures.services import memo_acknowledge
from tests import pdf

PORTRAIT, LANDSCAPE = (595, 842), (842, 595)
HEADER = "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน"
MEASURE_HEADER = "การกำหนดแนวทางหรือมาตรการเพื่อขับเคลื่อนฯ"


def thai_numbered(items):
    digits = "๐๑๒๓๔๕๖๗๘๙"
    return [f"{digits[n]}. {item}" for n, item in enumerate(items, start=1)]


def nospace(text):
    return "".join(pdf.squash(text).split())


@pytest.fixture
def report_pdf(seed):
    return documents.measures_report_document(seed[6].assessment.organization, 2565).content


def test_the_report_starts_with_the_analysis_in_portrait(report_pdf):
    pages = pdf.page_texts(report_pdf)
    assert pdf.page_sizes(report_pdf)[0] == PORTRAIT
    first = pages[0]
    assert nospace("มีผลคะแนน ๖๐.๖๑ คะแนน อยู่ในระดับ D") in nospace(first)
    # Indicators sorted by score: 88.91 first, 12.50 last.
    assert pdf.in_order(first, "ประสิทธิภาพการสื่อสาร", "๘๘.๙๑", "คุณภาพการดำเนินงาน", "๘๘.๔๒")
    assert pdf.in_order(first, "๑๐. การป้องกันการทุจริต ได้คะแนน ๑๒.๕๐")
    assert pdf.contains(first, "ประเด็นที่ต้องแก้ไข/ปรับปรุง/รักษาระดับ")


def test_the_tables_are_landscape_with_the_header_on_every_page(report_pdf):
    sizes = pdf.page_sizes(report_pdf)
    pages = pdf.page_texts(report_pdf)
    table_pages = [i for i, text in enumerate(pages) if "องค์ประกอบที่ ๓" in text]
    assert len(table_pages) >= 2
    for i in table_pages:
        assert sizes[i] == LANDSCAPE
        # Cells wrap lines wherever the column ends: compare without spaces.
        page = nospace(pages[i])
        assert pdf.in_order(page, "ลำดับที่", nospace(HEADER), nospace(MEASURE_HEADER))
    # Page numbers in Thai digits from page 2.
    assert "- ๒ -" in pages[1]


def test_every_seed_measure_is_printed_with_its_columns_in_order(report_pdf):
    text = nospace(pdf.text(report_pdf))
    for row in demo.SEED_MEASURES:
        columns = [
            row["sub_topic"],
            row["weakness"],
            *thai_numbered(row["improvements"]),
            *thai_numbered(row["responsible_people"]),
            *thai_numbered(row["steps"]),
            *thai_numbered(row["monitoring"]),
        ]
        # A measure that is its own monitoring prints once, across both columns.
        if row["monitoring"] != [row["title"]]:
            columns.append("๑. " + row["title"])
        if pdf.in_order(text, *(nospace(c) for c in columns)):
            continue
        # A row that continues on the next page has its cells cut at the page end.
        pages = [nospace(page) for page in pdf.page_texts(report_pdf)]
        for column in columns:
            assert printed_across_pages(pages, nospace(column)), (row["indicator"], column)


def printed_across_pages(pages, text):
    """`text` is on one page, or begins at the end of a page and goes on in the next."""
    if any(text in page for page in pages):
        return True
    return any(
        text[:cut] in page and text[cut:] in following
        for page, following in zip(pages, pages[1:], strict=False)
        for cut in range(1, len(text))
    )


def test_the_oit_table_numbers_its_rows_from_one(report_pdf):
    pages = pdf.page_texts(report_pdf)
    oit = nospace(next(p for p in pages if "การประเมิน OIT" in p))
    assert pdf.in_order(oit, "๑การเปิดเผยข้อมูล", "๒การป้องกันการทุจริต")


def test_sarabun_is_embedded(report_pdf):
    assert any("Sarabun" in name for name in pdf.fonts(report_pdf))


def test_no_measures_no_report(org, depts):
    from tests.measures import factories

    factories.assessment(org)
    with pytest.raises(DocumentError, match="ยังไม่มีมาตรการ"):
        documents.measures_report_document(org, 2565)
    with pytest.raises(DocumentError, match="ไม่พบผลการประเมิน"):
        documents.measures_report_document(org, 2560)


@pytest.fixture
def memo(assessment, org, staff_finance):
    m = Memo.objects.create(
        assessment=assessment,
        date=date(2022, 10, 31),
        issuing_unit=f"สำนักปลัด {org.name}",
        **{k: v for k, v in demo.MEMO.items() if k != "date"},
    )
    staff_finance.name_prefix, staff_finance.first_name = "นาง", "สถาพร"
    staff_finance.last_name, staff_finance.position_title = "กลิ่นโพธิ์กลับ", "ผู้อำนวยการกองคลัง"
    staff_finance.save()
    memo_acknowledge(memo=m, user=staff_finance, acting_for="รักษาราชการแทน ปลัดองค์การบริหารส่วนตำบล")
    return m


def test_the_memo_has_the_seed_header_body_signer_and_acknowledgements(memo):
    content = documents.memo_document(memo.assessment.organization, 2565).content
    assert pdf.page_sizes(content)[0] == PORTRAIT
    text = pdf.text(content)
    assert pdf.in_order(
        text,
        "บันทึกข้อความ",
        "ส่วนราชการ",
        "สำนักปลัด องค์การบริหารส่วนตำบลทดสอบ",
        "ที่",
        "พบ ๗๐๐๐๑/-",
        "วันที่",
        "๓๑ ตุลาคม ๒๕๖๕",
        "เรื่อง",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "เรียน",
        "ผู้อำนวยการกองคลัง ผู้อำนวยการกองช่าง",
    )
    body = nospace(text)
    assert pdf.in_order(
        body,
        nospace("ในคราวประชุม ครั้งที่ ๑/๒๕๖๕ เมื่อวันที่ ๒๔ กันยายน ๒๕๖๕"),
        nospace("จึงเรียนมาเพื่อทราบ"),
        nospace("(สนธยา คงสนิท)"),
        nospace("นายกองค์การบริหารส่วนตำบลหนองปรุง"),
        nospace("-รับทราบ"),
        nospace("นางสถาพร กลิ่นโพธิ์กลับ"),
        nospace("ผู้อำนวยการกองคลัง"),
        nospace("รักษาราชการแทน ปลัดองค์การบริหารส่วนตำบล"),
    )


def test_the_memo_title_and_labels_use_the_official_sizes(memo):
    from itaportal.documents import look_pt, render_html

    html = render_html(
        "documents/memo.html",
        {"memo": memo, "acknowledgements": []},
        memo.assessment.organization,
    )
    assert f"font-size: {look_pt(29)}" in html and f"font-size: {look_pt(20)}" in html
    assert "emblem-memo" in html and "leader(dotted)" in html


def test_a_memo_number_picks_that_memo(memo):
    memo.number = "๑๒"
    memo.save()
    org = memo.assessment.organization
    assert "พบ ๗๐๐๐๑/๑๒" in pdf.text(documents.memo_document(org, 2565, "12").content)
    with pytest.raises(DocumentError, match="ไม่พบบันทึกข้อความ"):
        documents.memo_document(org, 2565, "99")


def test_the_progress_report_lists_each_measure_with_its_quarter_report(seed):
    from measures.models import MeasureReport

    MeasureReport.objects.create(measure=seed[7], year=2566, quarter=2, text="เผยแพร่ผลงานทุกเดือน")
    org = seed[6].assessment.organization
    content = documents.progress_report_document(org, 2565, "2").content
    assert set(pdf.page_sizes(content)) == {LANDSCAPE}
    text = pdf.text(content)
    assert pdf.contains(text, "ไตรมาส ๒ (ม.ค.–มี.ค.) ปีงบประมาณ ๒๕๖๖")
    assert pdf.in_order(
        nospace(text),
        *(nospace(t) for t in (seed[7].title, "อยู่ระหว่างดำเนินการ", "เผยแพร่ผลงานทุกเดือน")),
        nospace(seed[8].title),
    )
    assert pdf.contains(text, "ยังไม่รายงานผล")
    with pytest.raises(DocumentError):
        documents.progress_report_document(org, 2565, "5")


@pytest.mark.parametrize("kind", ["measures", "memo", "progress"])
def test_printdoc_writes_each_document(memo, kind, tmp_path):
    out = tmp_path / f"{kind}.pdf"
    call_command("printdoc", kind, "--org", "thotsop", "--year", "2565", "--output", str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_the_pdf_views_answer_pdfs_to_members(login, staff_office, memo):
    client = login(staff_office)
    for url in (
        reverse("measures:report_pdf", args=[2565]),
        reverse("measures:progress_pdf", args=[2565]) + "?quarter=1",
        reverse("measures:memo_pdf", args=[memo.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_the_admin_action_prints_the_memo(client, operator, memo):
    client.force_login(operator)
    response = client.post(
        reverse("admin:measures_memo_changelist"),
        {"action": "print_memo", "_selected_action": [memo.pk]},
    )
    assert response["Content-Type"] == "application/pdf"
    response = client.post(
        reverse("admin:measures_measure_changelist"),
        {
            "action": "print_measures_report",
            "_selected_action": [memo.assessment.measures.first().pk],
        },
    )
    assert response["Content-Type"] == "application/pdf"
