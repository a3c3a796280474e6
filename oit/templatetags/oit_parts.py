"""The parts of the OIT pages that repeat per item, written in Python: the status badge
(the list, progress and assignment pages show one per item, dozens) and the list's rows.
Through the template engine each cost a template lookup or a dozen nodes; as Django's
admin writes its change list's cells, these are written with format_html, which escapes
every value."""

from django import template
from django.utils.formats import localize
from django.utils.safestring import mark_safe

from itaportal.html import format_html
from itaportal.kept_urls import kept_reverse

register = template.Library()

NOT_STARTED = mark_safe('<span class="badge text-bg-light border">ยังไม่เริ่ม</span>')
NEEDS_NEW_EVIDENCE = mark_safe(
    ' <span class="badge text-bg-warning">ต้องใช้หลักฐานปีใหม่ (คัดลอกมาจากปีก่อน)</span>'
)


@register.simple_tag
def oit_status(answer):
    """`{% oit_status answer %}`: the answer's status as a badge, with the carried-evidence
    warning; an answer that is None or unsaved is "not started"."""
    if not answer or answer.pk is None:
        return NOT_STARTED
    badge = format_html(
        '<span class="badge text-bg-{}">{}</span>',
        answer.status_color,
        answer.get_status_display(),
    )
    return badge + NEEDS_NEW_EVIDENCE if answer.needs_new_evidence else badge


_ROW = (
    '<li class="list-group-item d-flex flex-wrap gap-2 align-items-center">\n'
    '      <a class="fw-semibold text-decoration-none me-auto tap" href="{url}">{code} {title}</a>\n'
    '      <span class="small text-muted">{department}</span>\n'
    "      {points}\n"
    "      {status}\n"
    "      {comment}\n"
    "    </li>"
)


@register.simple_tag(takes_context=True)
def oit_item_row(context, year, item, answer, points):
    """`{% oit_item_row year item answer points %}`: an item of the OIT list with its link,
    the department it is assigned to, the points of the total it is worth, its status and
    the executive's comment on a returned answer."""
    department = answer.department if answer else None
    return format_html(
        _ROW,
        url=kept_reverse(
            "oit:answer", (year, item.code), request=getattr(context, "request", None)
        ),
        code=item.code,
        title=item.title,
        department=department.name if department else "ยังไม่มอบหมาย",
        points=format_html(
            '<span class="small text-muted">มีผลต่อคะแนนรวม <span class="num">{}</span></span>',
            localize(points),
        )
        if points is not None
        else "",
        status=oit_status(answer),
        comment=format_html(
            '<div class="w-100 small text-danger">ความเห็นผู้บริหาร: {}</div>',
            answer.review_comment,
        )
        if answer and answer.status == "returned" and answer.review_comment
        else "",
    )
