"""The appointment order (คำสั่ง) as an official Thai PDF."""

from committees.models import Order
from itaportal.documents import Document, DocumentError, render_pdf


def render_order(order) -> Document:
    """The order as a signed-ready PDF on A4 with the organization's emblem.

    Used alike by the order page, the Django admin action and `manage.py printdoc order`.
    """
    order = Order.objects.with_contents().get(pk=order.pk)
    committees = list(order.committees.all())
    if not committees:
        raise DocumentError(f"คำสั่งที่ {order.number_text} ยังไม่มีคณะกรรมการ จึงพิมพ์ไม่ได้")
    return render_pdf(
        "documents/order.html",
        {"order": order, "committees": committees},
        filename=order.pdf_filename,
        organization=order.organization,
    )


def order_document(org, year, number) -> Document:
    """`manage.py printdoc order`: the order `number`/`year` of `org`, or DocumentError."""
    try:
        order = Order.objects.get(organization=org, year=int(year), number=int(number or 0))
    except (Order.DoesNotExist, ValueError):
        raise DocumentError(
            f"ไม่พบคำสั่งที่ {number or '-'}/{year} ของ{org.name} (ระบุเลขที่ด้วย --number)"
        ) from None
    return render_order(order)
