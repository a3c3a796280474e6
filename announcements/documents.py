"""Announcements (ประกาศ) as official Thai PDFs or Word files."""

from announcements.models import Announcement
from announcements.wordfiles import announcement_docx
from itaportal.documents import Document, DocumentError, render_pdf


def announcement_context(announcement):
    """What the announcement prints, for the PDF and the Word file alike."""
    return {
        "announcement": announcement,
        "paragraphs": announcement.paragraphs,
        "draft": not announcement.is_signed,
    }


def render_announcement(announcement, format="pdf") -> Document:
    """The announcement in the official layout: emblem 3 cm, ประกาศ<organization>, เรื่อง,
    the text, ประกาศ ณ วันที่ and the signature; a draft carries the "ร่าง" watermark."""
    context = announcement_context(announcement)
    if format == "docx":
        return announcement_docx(context)
    return render_pdf(
        "documents/announcement.html",
        context,
        filename=announcement.pdf_filename,
        organization=announcement.organization,
    )


PRINTDOC_KINDS = {
    "integrity": Announcement.Kind.INTEGRITY,
    "nogift": Announcement.Kind.NO_GIFT,
    "announcement": Announcement.Kind.GENERIC,
}


def announcement_document(kind):
    """`manage.py printdoc integrity|nogift|announcement`: the year's latest announcement of
    that kind, or the one whose id is `number`."""

    def find(org, year, number=None, format="pdf"):
        found = Announcement.objects.filter(
            organization=org, fiscal_year=year, kind=PRINTDOC_KINDS[kind]
        ).select_related("organization")
        if number not in (None, ""):
            try:
                found = found.filter(pk=int(str(number).strip()))
            except ValueError:
                raise DocumentError(f"เลขที่ประกาศ “{number}” ต้องเป็นตัวเลข") from None
        announcement = found.order_by("-signed_on", "-pk").first()
        if announcement is None:
            label = Announcement.Kind(PRINTDOC_KINDS[kind]).label
            raise DocumentError(f"ไม่พบประกาศ{label} ปีงบประมาณ {year} ของ{org.name}")
        return render_announcement(announcement, format=format)

    return find
