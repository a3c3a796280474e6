"""The parts of the OIT pages that repeat per item, written in Python: the status badge
(the list, progress and assignment pages show one per item, dozens), the list's rows,
and an answer's links with the checker's verdicts (the queue's cards, the links page).
Through the template engine each cost a template lookup or a dozen nodes; as Django's
admin writes its change list's cells, these are written with format_html, which escapes
every value."""

from django import template
from django.utils.dateformat import time_format
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from itaportal.html import format_html, format_html_join
from itaportal.kept_urls import kept_reverse
from itaportal.templatetags.thai import thai_date_arabic, truncatechars

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


_NOT_CHECKED = mark_safe(
    '<div class="small mt-1 text-muted oit-linkcheck" data-verdict="">ยังไม่ได้ตรวจลิงก์นี้ '
    "(ระบบจะตรวจให้ภายในไม่กี่นาทีหลังบันทึก และทุกคืน)</div>"
)


@register.simple_tag
def link_check(check):
    """`{% link_check check %}`: the link checker's latest verdict on one link (a
    LinkCheck), or that it was not checked yet (None)."""
    if not check:
        return _NOT_CHECKED
    checked_at = localtime(check.checked_at)
    return format_html(
        '<div class="small mt-1 oit-linkcheck" data-verdict="{verdict}">\n'
        '  <span class="badge text-bg-{level}">ตรวจลิงก์: {verdict_label}</span>\n'
        "  {message}\n"
        '  <span class="text-muted d-block">{status}{title}ตรวจเมื่อ {day} {time} น.</span>\n'
        "  {final_url}\n"
        "</div>",
        verdict=check.verdict,
        level=check.level,
        verdict_label=check.get_verdict_display(),
        message=""
        if check.is_ok
        else format_html('<span class="text-break">{}</span>', check.message),
        status=format_html("HTTP {} · ", localize(check.status)) if check.status else "",
        title=format_html("“{}” · ", truncatechars(check.title, 80)) if check.title else "",
        day=thai_date_arabic(checked_at, "short"),
        time=time_format(checked_at, "H:i"),
        final_url=format_html(
            '<span class="text-muted d-block text-break">ปลายทาง: {}</span>', check.final_url
        )
        if check.final_url and check.final_url != check.url
        else "",
    )


_NO_LINKS = mark_safe('<p class="text-muted mb-2">ยังไม่มีลิงก์</p>')
_DO_NOT_USE = mark_safe("<strong>ห้ามใช้:</strong> ")
_CAREFUL = mark_safe("<strong>ระวัง:</strong> ")


@register.simple_tag
def answer_links(links):
    """`{% answer_links links %}`: an answer's links (OITAnswer.link_checks) with the
    own-domain warnings and, where the list has them, the checker's verdicts."""
    if not links:
        return _NO_LINKS
    items = format_html_join(
        "",
        '\n  <li class="mb-2">\n'
        '    <span class="text-muted small">ลิงก์ {position}</span>\n'
        '    <a class="d-block text-break fw-semibold tap" href="{url}" target="_blank" '
        'rel="noopener noreferrer">{label}</a>\n'
        '    <span class="d-block small text-muted text-break">{url}</span>\n'
        "    {warning}\n"
        "    {check}\n"
        "  </li>",
        (
            {
                "position": link["position"],
                "url": link["url"],
                "label": link.get("label") or link["url"],
                "warning": format_html(
                    '<div class="alert alert-{} py-1 px-2 mb-0 mt-1 small" role="note">{}{}</div>',
                    link["level"],
                    _DO_NOT_USE if link["level"] == "danger" else _CAREFUL,
                    link.get("message", ""),
                )
                if link.get("level")
                else "",
                "check": link_check(link["check"]) if "check" in link else "",
            }
            for link in links
        ),
    )
    return format_html('<ol class="list-unstyled mb-2 oit-links">{}\n</ol>', items)
