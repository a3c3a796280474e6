"""An announcement (ประกาศ) as a Word file, from the same context as its PDF."""

from docx.shared import Cm

from itaportal.wordfiles import CENTER, WordDocument, docx_filename, td

BLANK_DATE = "\u00a0" * 20


def announcement_docx(context):
    """`context` is announcements.documents.announcement_context(announcement)."""
    announcement = context["announcement"]
    org = announcement.organization
    word = WordDocument(org, draft=context["draft"], title=f"ประกาศ เรื่อง {announcement.subject}")
    word.emblem(3)
    word.paragraph(f"ประกาศ{org.name}", align=CENTER, bold=True)
    word.paragraph(f"เรื่อง {td(announcement.subject)}", align=CENTER, bold=True)
    word.paragraph("-" * 20, align=CENTER)
    for paragraph in context["paragraphs"]:
        word.body(td(paragraph))
    if announcement.signed_on:
        on = announcement.signed_on_display
    else:
        on = f"{BLANK_DATE} พ.ศ.\u00a0{td(announcement.fiscal_year)}"
    word.paragraph(f"ประกาศ ณ วันที่ {on}", left=Cm(5), space_before=12, keep_with_next=True)
    word.signature(
        prefix=announcement.signer_prefix,
        name=announcement.signer_name,
        position_lines=[td(announcement.signer_position)],
        left_cm=6.5,
    )
    return word.save(docx_filename(announcement.pdf_filename))
