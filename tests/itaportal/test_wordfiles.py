"""The Word building blocks: A4 and margins per section, the organization's font named
(not embedded), page numbers from page 2, repeating table headings, the draft watermark,
and LibreOffice's opinion of the result."""

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from itaportal.wordfiles import (
    DOCX,
    Column,
    FullRow,
    WordDocument,
    docx_filename,
    libreoffice_pdf,
)
from tests import pdf, word


@pytest.fixture
def built(org):
    doc = WordDocument(org, title="ทดสอบ")
    doc.body("คำสั่งองค์การบริหารส่วนตำบล การดำเนินงาน ปี ๒๕๖๕")
    doc.new_section(landscape=True)
    doc.table(
        [Column("ลำดับที่", 2), Column("มาตรการ", 10)],
        [FullRow("แบบวัด IIT"), ["๑", "มาตรการที่หนึ่ง"], ["๒", ["บรรทัดแรก", "บรรทัดสอง"]]],
        caption="องค์ประกอบที่ ๓",
    )
    doc.new_section(landscape=False)
    doc.paragraph("หน้าสุดท้าย")
    return doc.save("ทดสอบ.docx")


def test_a_word_file_is_a_docx_document(built):
    assert built.content_type == DOCX
    assert built.filename == "ทดสอบ.docx"
    assert built.content[:2] == b"PK"


def test_each_section_is_a4_with_the_official_margins_in_its_orientation(built):
    doc = word.open_docx(built.content)
    assert [word.section_layout(s) for s in doc.sections] == [
        ("portrait", 21.0, 29.7, (2.5, 2.0, 2.0, 3.0)),
        ("landscape", 29.7, 21.0, (2.0, 1.5, 1.5, 2.0)),
        ("portrait", 21.0, 29.7, (2.5, 2.0, 2.0, 3.0)),
    ]


def test_the_organizations_font_is_named_at_16_pt_and_not_embedded(built, org):
    doc = word.open_docx(built.content)
    assert word.fonts(doc) == {"TH SarabunIT๙"}
    assert word.normal_size_pt(doc) == 16
    assert not word.embedded_fonts(built.content)


def test_an_organization_may_choose_th_sarabun_new(org):
    org.document_font = "TH Sarabun New"
    org.save()
    doc = word.open_docx(WordDocument(org).save("x.docx").content)
    assert word.fonts(doc) == {"TH Sarabun New"}


def test_pages_are_numbered_in_thai_digits_from_page_two(built):
    doc = word.open_docx(built.content)
    first = doc.sections[0]
    assert first.different_first_page_header_footer
    assert "PAGE" not in first.first_page_header._element.xml
    header = first.header._element.xml
    assert " PAGE " in header and "- " in header
    assert first._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt")) == "thaiNumbers"
    # Later sections carry the same numbering on their first pages too.
    assert all(not s.different_first_page_header_footer for s in doc.sections[1:])
    assert all(s.header.is_linked_to_previous for s in doc.sections[1:])


def test_the_tables_caption_and_headings_repeat_on_every_page(built):
    doc = word.open_docx(built.content)
    (table,) = doc.tables
    assert word.repeated_header_rows(table) == 2
    assert [c.text for c in table.rows[1].cells] == ["ลำดับที่", "มาตรการ"]
    assert table.rows[2].cells[0].text == "แบบวัด IIT"  # one cell across the row
    assert table.rows[4].cells[1].text == "บรรทัดแรก\nบรรทัดสอง"


def test_body_paragraphs_are_indented_and_thai_distributed(built):
    doc = word.open_docx(built.content)
    body = doc.paragraphs[0]
    assert body.text.startswith("คำสั่ง")
    assert body.alignment == WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 2.5


def test_only_a_draft_carries_the_watermark(org):
    draft = word.open_docx(WordDocument(org, draft=True).save("d.docx").content)
    final = word.open_docx(WordDocument(org).save("f.docx").content)
    assert word.has_watermark(draft)
    assert not word.has_watermark(final)


def test_the_word_twin_of_a_pdf_name():
    assert docx_filename("order-98-2565.pdf") == "order-98-2565.docx"


@word.needs_soffice
def test_libreoffice_converts_it_keeping_pages_and_text(built):
    converted = libreoffice_pdf(built.content)
    sizes = pdf.page_sizes(converted)
    assert sizes == [(595, 842), (842, 595), (595, 842)]
    text = word.pdf_text(converted)
    assert "คำสั่งองค์การบริหารส่วนตำบล การดำเนินงาน ปี ๒๕๖๕" in text
    assert "มาตรการที่หนึ่ง" in text


def test_the_admin_chooses_the_font_in_the_organization_settings(login, analyst, org):
    from django.urls import reverse

    from tests.itaportal.test_settings_pages import _org_form

    client = login(analyst)
    assert "TH Sarabun New" in client.get(reverse("organization_settings")).content.decode()
    data = _org_form(org, document_font="TH Sarabun New")
    assert client.post(reverse("organization_settings"), data).status_code == 302
    org.refresh_from_db()
    assert org.document_font == "TH Sarabun New"
    # A form sent without the field keeps the choice.
    data.pop("document_font")
    assert client.post(reverse("organization_settings"), data).status_code == 302
    org.refresh_from_db()
    assert org.document_font == "TH Sarabun New"


def _tags(element):
    return [child.tag.split("}")[1] for child in element]


def _before(tags, first, *later):
    return all(tags.index(first) < tags.index(t) for t in later if t in tags)


def test_the_xml_keeps_the_element_order_word_requires(built):
    """Word refuses ("unreadable content") a file whose elements are out of schema order."""
    doc = word.open_docx(built.content)
    for section in doc.sections:
        tags = _tags(section._sectPr)
        assert _before(tags, "pgMar", "pgNumType")
        assert _before(tags, "pgNumType", "cols", "titlePg", "docGrid")
    (table,) = doc.tables
    assert _before(_tags(table._tbl.tblPr), "tblLayout", "tblLook")
    shaded = table.rows[2].cells[0]._tc.tcPr
    assert _before(_tags(shaded), "tcW", "shd")
    normal = _tags(doc.styles["Normal"].element.rPr)
    assert normal.index("rFonts") == 0 and _before(normal, "sz", "szCs", "lang")
    for rpr in doc.element.body.iter(qn("w:rPr")):
        tags = _tags(rpr)
        if "rFonts" in tags:
            assert tags.index("rFonts") == 0
        if "szCs" in tags:
            assert _before(tags, "b", "sz") and _before(tags, "sz", "szCs")
