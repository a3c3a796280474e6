import pytest
from django.core.files.base import ContentFile

from itaportal import documents
from tests import pdf

A4_PORTRAIT = (595, 842)


def test_render_pdf_gives_an_a4_pdf_with_sarabun_and_the_thai_text(org):
    doc = documents.render_pdf(
        "documents/sample.html",
        {"paragraphs": ["องค์การบริหารส่วนตำบลทดสอบ ประกาศผลการประเมิน ปีงบประมาณ ๒๕๖๕"] * 40},
        filename="ตัวอย่าง.pdf",
        organization=org,
    )
    assert doc.filename == "ตัวอย่าง.pdf"
    assert doc.content_type == "application/pdf"
    assert set(pdf.page_sizes(doc.content)) == {A4_PORTRAIT}
    assert any("Sarabun" in name for name in pdf.fonts(doc.content))
    pages = pdf.page_texts(doc.content)
    assert pdf.contains(pages[0], "องค์การบริหารส่วนตำบลทดสอบ ประกาศผลการประเมิน ปีงบประมาณ ๒๕๖๕")
    # Pages after the first carry "- ๒ -" at the top; the first carries none.
    assert len(pages) >= 2
    assert "- ๒ -" in pages[1]
    assert "- ๑ -" not in pages[0]


def test_the_emblem_slot_holds_the_uploaded_image(org, emblem_png):
    assert documents.emblem_data_uri(org) is None
    empty = documents.render_pdf("documents/sample.html", {"paragraphs": ["ทดสอบ"]}, "a.pdf", org)
    assert len(pdf.read(empty.content).pages[0].images) == 0
    org.emblem.save("emblem.png", ContentFile(emblem_png))
    assert documents.emblem_data_uri(org).startswith("data:image/png;base64,")
    doc = documents.render_pdf("documents/sample.html", {"paragraphs": ["ทดสอบ"]}, "a.pdf", org)
    assert len(pdf.read(doc.content).pages[0].images) == 1


def test_sizes_look_like_th_sarabun_new():
    # 10.55 pt of Sarabun sets a Thai line as long as 16 pt TH Sarabun New.
    assert documents.look_pt(16) == "10.55pt"
    assert documents.look_pt(29) == "19.12pt"
    # Word's single spacing for TH Sarabun New 16 pt.
    assert documents.line_pt(16) == "20.80pt"


def test_documents_never_load_from_the_network_or_other_files():
    with pytest.raises(ValueError):
        documents._local_fetcher().fetch("https://example.com/x.png")
    with pytest.raises(ValueError):
        documents._local_fetcher().fetch("file:///etc/passwd")


def test_a_document_response_carries_the_thai_filename():
    doc = documents.Document("คำสั่ง-98-2565.pdf", documents.PDF, b"%PDF-1.7")
    response = doc.as_response()
    assert response["Content-Type"] == "application/pdf"
    # Django's helper (RFC 6266; the charset name is case-insensitive).
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; ")
    assert "filename*=utf-8''" in disposition.lower()
    assert "\n" not in disposition and '"' not in disposition.split("filename*=")[-1]


def raw_text(content: bytes) -> str:
    """The PDF's text exactly as a reader copies it, without `pdf.squash`."""
    return " ".join(page.extract_text() or "" for page in pdf.read(content).pages)


def test_text_copied_from_a_pdf_keeps_sara_am_and_the_plain_sara_aa():
    # "ญาติ" first: before the printing font, the SARA AA glyph then read "า" everywhere.
    words = "ญาติ คำสั่ง การดำเนินงาน น้ำ ค่ำ ผู้อำนวยการ ซ้ำ ค่า ท่า ตำบล"
    content = documents.render_pdf(
        "documents/sample.html", {"paragraphs": [words]}, "a.pdf"
    ).content
    assert words in raw_text(content)


def test_text_copied_keeps_sara_am_when_it_comes_first_too():
    words = "คำสั่ง ญาติ การดำเนินงาน ป่า"
    content = documents.render_pdf(
        "documents/sample.html", {"paragraphs": [words]}, "a.pdf"
    ).content
    assert words in raw_text(content)


def test_the_printing_font_is_built_once_and_draws_sara_aa_unchanged():
    from fontTools.ttLib import TTFont

    path = documents.document_font("Sarabun-Regular.ttf")
    assert path == documents.document_font("Sarabun-Regular.ttf")
    font = TTFont(path)
    assert font["hmtx"]["uni0E32.saraam"] == font["hmtx"]["uni0E32"]
    assert font["glyf"]["uni0E32.saraam0E49"].coordinates == font["glyf"]["uni0E32"].coordinates
    assert font.getBestCmap()[0x0E32] == "uni0E32"


def test_column_widths_fit_the_widest_unit_share_by_text_and_fill_the_width():
    from itaportal.documents import ColumnText, column_widths, text_width_cm

    surname = "ศรีสุวรรณวิเศษกุล"
    columns = [
        ColumnText(("๑", "๒"), "ลำดับที่", min_cm=1.2),
        ColumnText((f"นายธีรวัฒน์ {surname}",), "ผู้รับผิดชอบ"),
        ColumnText(("การดำเนินงานตามแผน" * 20,), "ขั้นตอน", max_cm=12),
        ColumnText(("การดำเนินงาน" * 5,), "ผล"),
    ]
    widths = column_widths(columns, 26.2, words=[surname])
    assert sum(widths) == pytest.approx(26.2, abs=0.001)
    assert widths[1] >= text_width_cm(surname, 14) + 0.45
    assert widths[0] < widths[1] < widths[3] < widths[2] <= 12


def test_column_widths_squeeze_in_proportion_only_when_the_units_cannot_fit():
    from itaportal.documents import ColumnText, column_widths

    columns = [ColumnText(("องค์การบริหารส่วนตำบลหนองปรุง",), whole=True)] * 3
    widths = column_widths(columns, 6)
    assert widths == pytest.approx([2, 2, 2], abs=0.01)


def test_a_fixed_column_keeps_its_width_and_one_that_does_not_grow_its_floor():
    from itaportal.documents import ColumnText, column_widths, text_width_cm

    columns = [
        ColumnText(fixed_cm=2.95),
        ColumnText(("ผู้อำนวยการกองคลัง",)),
        ColumnText(("ประธานกรรมการ",), whole=True, grow=False, min_cm=0, padding_cm=0.5),
    ]
    widths = column_widths(columns, 16, look_points=16)
    assert widths[0] == 2.95
    assert widths[2] == pytest.approx(text_width_cm("ประธานกรรมการ") + 0.5, abs=0.01)
    assert sum(widths) == pytest.approx(16)
