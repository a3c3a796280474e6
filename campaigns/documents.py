"""The printable A4 poster that invites stakeholders to answer the EIT: the
organization, the year, and a QR code of the EIT link NACC gave."""

import segno
from django.utils.safestring import mark_safe

from itaportal import documents
from itaportal.documents import DocumentError


def qr_svg(url, scale=8):
    """The QR code of `url` as inline SVG markup (medium error correction, so a poster
    that is a little worn or badly printed still scans)."""
    qr = segno.make(url, error="m", micro=False)
    return mark_safe(qr.svg_inline(scale=scale, border=4, title="คิวอาร์โค้ดแบบวัด EIT"))


def poster_context(campaign):
    if not campaign.eit_link:
        raise DocumentError("ยังไม่ได้บันทึกลิงก์แบบวัด EIT จึงยังพิมพ์โปสเตอร์ไม่ได้")
    return {
        "campaign": campaign,
        "qr": qr_svg(campaign.eit_link),
    }


def render_poster(campaign) -> documents.Document:
    """The poster as an A4 PDF."""
    return documents.render_pdf(
        "documents/campaign_poster.html",
        poster_context(campaign),
        f"โปสเตอร์-EIT-{campaign.year}.pdf",
        organization=campaign.organization,
    )
