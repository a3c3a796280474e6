"""The appointment order (คำสั่ง) as an official Thai PDF or Word file."""

from committees.models import Order
from committees.wordfiles import order_docx
from itaportal import thai
from itaportal.documents import Document, DocumentError, render_pdf


def order_context(order):
    """What the order prints, for the PDF and the Word file alike."""
    order = Order.objects.with_contents().get(pk=order.pk)
    committees = list(order.committees.all())
    if not committees:
        raise DocumentError(f"คำสั่งที่ {order.number_text} ยังไม่มีคณะกรรมการ จึงพิมพ์ไม่ได้")
    return {"order": order, "committees": committees, "draft": not order.is_signed}


def render_order(order, format="pdf") -> Document:
    """The order as a signed-ready PDF (or .docx) on A4 with the organization's emblem;
    a draft carries the "ร่าง" watermark.

    Used alike by the order page, the Django admin action and `manage.py printdoc order`.
    """
    context = order_context(order)
    if format == "docx":
        return order_docx(context)
    return render_pdf(
        "documents/order.html",
        context,
        filename=context["order"].pdf_filename,
        organization=context["order"].organization,
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
