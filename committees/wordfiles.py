"""The appointment order (คำสั่ง) as a Word file, from the same context as its PDF."""

from docx.shared import Cm

from itaportal import thai
from itaportal.wordfiles import CENTER, JUSTIFY, WordDocument, docx_filename, td, text_width_cm

BLANK_DATE = "\u00a0" * 20


def order_docx(context):
    """`context` is committees.documents.order_context(order)."""
    order, committees = context["order"], context["committees"]
    word = WordDocument(
        order.organization, draft=context["draft"], title=f"คำสั่งที่ {order.number_display}"
    )
    word.emblem(3)
    word.paragraph(f"คำสั่ง{order.organization.name}", align=CENTER, bold=True)
    word.paragraph(f"ที่ {order.number_display}", align=CENTER)
    word.paragraph(f"เรื่อง {td(order.subject)}", align=CENTER)
    word.paragraph("-" * 20, align=CENTER)
    for paragraph in order.preamble_paragraphs:
        word.body(td(paragraph))
    for c, committee in enumerate(committees, start=1):
        word.paragraph(
            f"{td(c)}) {td(committee.name)} {committee.intro}",
            first_line=Cm(2.5),
            space_before=8,
            keep_with_next=True,
        )
        members = list(committee.members.all())
        # The role column starts where the longest role still fits before the margin.
        longest = max((text_width_cm(td(m.role)) for m in members), default=0)
        role_stop = min(11.5, max(8.0, 16 - longest - 0.3))
        for n, member in enumerate(members, start=1):
            number = f"({td(n)})" if committee.kind == "designation" else f"{td(c)}.{td(n)}"
            who = f"{member.person_name} " if member.person_name else ""
            line = word.paragraph(left=Cm(3), first_line=Cm(-0.9), keep_with_next=n < len(members))
            # Number under the committee's own number, title, then the role at a tab.
            line.paragraph_format.tab_stops.add_tab_stop(Cm(3))
            line.paragraph_format.tab_stops.add_tab_stop(Cm(role_stop))
            word.run(line, f"{number}\t{td(who)}{td(member.position_title)}")
            if member.role:
                word.run(line, f"\t{td(member.role)}")
        duties = list(committee.duties.all())
        if committee.duties_heading and duties:
            word.paragraph(td(committee.duties_heading), first_line=Cm(2.5), keep_with_next=True)
        if len(duties) == 1:
            word.paragraph(td(duties[0].text), first_line=Cm(2.5), align=JUSTIFY)
        else:
            for n, duty in enumerate(duties, start=1):
                word.paragraph(f"({td(n)}) {td(duty.text)}", first_line=Cm(2.5), align=JUSTIFY)
    word.body(td(order.closing), space_before=10)
    if order.signed_on:
        ordered_on = thai.thai_date(order.signed_on, "order")
    else:
        ordered_on = f"{BLANK_DATE} พ.ศ.\u00a0{td(order.year)}"
    word.paragraph(f"สั่ง ณ วันที่ {ordered_on}", left=Cm(5), space_before=10, keep_with_next=True)
    word.signature(
        prefix=order.signer_prefix,
        name=order.signer_name,
        position_lines=[td(order.signer_position)],
        left_cm=6.5,
    )
    return word.save(docx_filename(order.pdf_filename))
