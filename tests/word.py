"""Reading our Word files the way a clerk's word processor would, for tests."""

import io
import os

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from itaportal.wordfiles import soffice_path

# Where LibreOffice is missing the conversion tests skip, except on CI (CI=true, as for
# the browser tests), which installs it (.ci/run): there a missing soffice fails them.
needs_soffice = pytest.mark.skipif(
    soffice_path() is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed",
)


def open_docx(content: bytes):
    return Document(io.BytesIO(content))


def paragraphs(doc):
    """Every paragraph's text in reading order, table cells included."""
    body = doc.element.body
    texts = []
    pieces = {qn("w:tab"): "\t", qn("w:br"): "\n"}
    for p in body.iter(qn("w:p")):
        texts.append(
            "".join(
                (el.text or "") if el.tag == qn("w:t") else pieces[el.tag]
                for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"))
                # tab stops are w:tab too, inside the paragraph's properties
                if el.getparent().tag == qn("w:r")
            )
        )
    return texts


def text(doc):
    return "\n".join(paragraphs(doc))


def in_order(haystack: str, *needles: str) -> bool:
    """Every needle occurs in `haystack`, each after the previous one (text as typed)."""
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def cm(length):
    return round(length / Cm(1), 2)


def section_layout(section):
    """(orientation, width cm, height cm, (top, right, bottom, left) cm)."""
    return (
        "landscape" if section.page_width > section.page_height else "portrait",
        cm(section.page_width),
        cm(section.page_height),
        tuple(
            cm(m)
            for m in (
                section.top_margin,
                section.right_margin,
                section.bottom_margin,
                section.left_margin,
            )
        ),
    )


def fonts(doc):
    """Every font the text can be set in: the defaults, the styles our documents use, and
    the runs, for every script (themes named instead of fonts count as "theme")."""
    names = set()
    styles = doc.styles.element
    roots = [styles.find(qn("w:docDefaults")), doc.element.body]
    roots += [doc.styles[name].element for name in ("Normal", "Table Grid", "Header")]
    for root in roots:
        for el in root.iter(qn("w:rFonts")):
            if any(k.endswith("Theme") or k.endswith("theme") for k in el.keys()):
                names.add("theme")
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                value = el.get(qn(attr))
                if value:
                    names.add(value)
    return names


def normal_size_pt(doc):
    """The Normal style's size for Thai (complex script) text, in points."""
    rpr = doc.styles["Normal"].element.rPr
    return int(rpr.find(qn("w:szCs")).get(qn("w:val"))) / 2


def repeated_header_rows(table):
    return sum(
        1
        for tr in table._tbl.iter(qn("w:tr"))
        if tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
    )


def header_xml(section):
    parts = [section.header, section.first_page_header]
    return "".join(p._element.xml for p in parts if not p.is_linked_to_previous)


def has_watermark(doc):
    return any(
        "PowerPlusWaterMarkObject" in header_xml(s) and "ร่าง" in header_xml(s) for s in doc.sections
    )


def pdf_text(content: bytes) -> str:
    """The text of a PDF as poppler reads it (pypdf drops SARA AA from LibreOffice's Thai
    text maps; poppler reads them as typed)."""
    import subprocess

    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def embedded_fonts(content: bytes) -> bool:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return any(name.startswith("word/fonts/") for name in z.namelist())
