"""Every PDF says what language it is in and what it is called, so that a screen reader
reads it in Thai and a PDF viewer shows its title (WCAG 2.1: 3.1.1 and 2.4.2)."""

import re

from django.conf import settings

from committees.documents import render_order
from itaportal import documents
from tests import pdf
from tests.committees.conftest import make_order


def language_and_title(content):
    reader = pdf.read(content)
    return str(reader.trailer["/Root"].get("/Lang")), reader.metadata.title


def test_the_order_pdf_is_in_thai_and_titled_with_its_number(org):
    lang, title = language_and_title(render_order(make_order(org)).content)
    assert lang == "th"
    assert title == "คำสั่งที่ ๙๘/๒๕๖๕"


def test_every_document_template_names_its_language_and_title(org):
    doc = documents.render_pdf("documents/sample.html", {"paragraphs": ["ทดสอบ"]}, "a.pdf", org)
    assert language_and_title(doc.content) == ("th", "ตัวอย่างเอกสาร")


def test_each_printed_document_fills_in_its_title():
    # The base gives lang="th" and an empty <title>; each document names itself.
    folder = settings.BASE_DIR / "templates" / "documents"
    base = (folder / "base.html").read_text()
    assert '<html lang="th">' in base and "<title>{% block title %}" in base
    for template in folder.glob("*.html"):
        text = template.read_text()
        if '{% extends "documents/base.html" %}' in text:
            title = re.search(r"{% block title %}(.*?){% endblock %}", text)
            assert title and title.group(1).strip(), f"{template.name} has no title"
