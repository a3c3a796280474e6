"""The appointment order (คำสั่ง) as an official Thai PDF or Word file."""

from committees.models import Order
from committees.wordfiles import order_docx
from itaportal import thai
from itaportal.documents import (
    ColumnText,
    Document,
    DocumentError,
    column_widths,
    keep_words,
    render_pdf,
)

# The member list spans the 16 cm body: numbers under the committee's number, then the
# names and positions, then the roles.
MEMBER_NUMBER_CM = 2.95
BODY_WIDTH_CM = 16


def order_context(order):
    """What the order prints, for the PDF and the Word file alike."""
    order = Order.objects.with_contents().get(pk=order.pk)
    committees = list(order.committees.all())
    if not committees:
        raise DocumentError(f"คำสั่งที่ {order.number_text} ยังไม่มีคณะกรรมการ จึงพิมพ์ไม่ได้")
    members = [m for c in committees for m in c.members.all()]
    return {
        "order": order,
        "committees": committees,
        "members": members,
        "role_width": role_column_width(members),
        "draft": not order.is_signed,
    }


def role_column_width(members) -> str:
    """One width for the role column of every committee, from its longest role, so the
    roles line up through the order and names and positions get the rest of the line."""
    roles = ColumnText(
        tuple(thai.thai_digits(m.role) for m in members if m.role),
        max_cm=7.0,
        whole=True,
        padding_cm=0.5,
        grow=False,
        min_cm=0,
    )
    titles = ColumnText(tuple(f"{m.person_name} {m.position_title}" for m in members))
    widths = column_widths(
        [ColumnText(fixed_cm=MEMBER_NUMBER_CM), titles, roles], BODY_WIDTH_CM, look_points=16
    )
    return f"{widths[2]:.2f}cm"


def render_order(order, format="pdf") -> Document:
    """The order as a signed-ready PDF (or .docx) on A4 with the organization's emblem;
    a draft carries the "ร่าง" watermark.

    Used alike by the order page, the Django admin action and `manage.py printdoc order`.
    """
    context = order_context(order)
    if format == "docx":
        return order_docx(context)
    order, members = context["order"], context["members"]
    return render_pdf(
        "documents/order.html",
        context,
        filename=order.pdf_filename,
        organization=order.organization,
        words=keep_words(
            [m.person_name for m in members] + [order.signer_name],
            [m.position_title for m in members] + [m.role for m in members],
        ),
    )


def order_document(org, year, number=None, format="pdf") -> Document:
    """`manage.py printdoc order`: the order `number`/`year` of `org`; without a number,
    the year's only (or latest) order, a draft still waiting for its number included.
    DocumentError when there is none."""
    orders = Order.objects.filter(organization=org, year=int(year))
    if number not in (None, ""):
        try:
            orders = orders.filter(number=int(thai.arabic_digits(str(number).strip())))
        except ValueError:
            raise DocumentError(f"เลขที่คำสั่ง “{number}” ต้องเป็นตัวเลข") from None
    order = orders.order_by("-signed_on", "-pk").first()
    if order is None:
        wanted = f"ที่ {number}/{year}" if number not in (None, "") else f"ของปี {year}"
        raise DocumentError(f"ไม่พบคำสั่ง{wanted} ของ{org.name}")
    return render_order(order, format=format)
