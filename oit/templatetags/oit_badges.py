"""An OIT answer's status badge, written in Python: the OIT list, progress and
assignment pages show one per item (dozens), where an included template cost a
template lookup, a context push and five nodes each."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
