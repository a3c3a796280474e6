"""A measure as a row of the measures lists (all measures of a year, a department's
measures), written in Python: a list shows a page of cards, and through the template
engine each card cost about forty nodes. As Django's admin writes its change list's
cells, the card is written with format_html, which escapes every value."""

from django import template
from django.utils.safestring import mark_safe

from itaportal.html import format_html, format_html_join
from itaportal.kept_urls import kept_reverse
from itaportal.templatetags.thai import thai_date_arabic, thai_text, truncatechars

register = template.Library()

_CARD = (
    '<div class="list-group-item py-3" id="measure-{pk}">\n'
    '  <div class="row g-2">\n'
    '    <div class="col-md-9">\n'
    '      <a class="fw-semibold" href="{url}">{title}</a>\n'
    "      {year}\n"
    '      <div class="small text-muted">ตัวชี้วัดที่ {number} {indicator}{sub_topic}</div>\n'
    '      <div class="mt-1">{departments}\n'
    "        {items}</div>\n"
    "      {overdue}\n"
    "    </div>\n"
    '    <div class="col-md-3 text-md-end">\n'
    '      <span class="badge text-bg-{color}">{status}</span>\n'
    '      <div class="progress mt-2" role="progressbar" aria-label="ความก้าวหน้า" '
    'aria-valuenow="{progress}" aria-valuemin="0" aria-valuemax="100" style="height: .6rem">\n'
    '        <div class="progress-bar" style="width: {progress}%"></div>\n'
    "      </div>\n"
    '      <div class="small text-muted">ร้อยละ {progress}{due}</div>\n'
    "    </div>\n"
    "  </div>\n"
    "</div>"
)


@register.simple_tag(takes_context=True)
def measure_card(context, m, show_year=False):
    """`{% measure_card m %}`: title and link, indicator, departments and OIT items, why
    it is overdue, status and progress; `show_year=True` adds the assessment's year and
    the fiscal year it is carried out in (a department's list spans years)."""
    words = context.get("keep_words", ())
    reasons = m.overdue_reasons
    return format_html(
        _CARD,
        pk=m.pk,
        url=kept_reverse("measures:detail", (m.pk,), request=getattr(context, "request", None)),
        title=thai_text(m.title, words),
        year=format_html(
            '<span class="text-muted small">· ผลการประเมินปี {} · ดำเนินการในปีงบประมาณ {}</span>',
            m.assessment.year,
            m.follow_up_year,
        )
        if show_year
        else "",
        number=m.indicator.number,
        indicator=thai_text(m.indicator.name, words),
        sub_topic=format_html(" · {}", thai_text(truncatechars(m.sub_topic, 90), words))
        if m.sub_topic
        else "",
        departments=format_html_join(
            "",
            '<span class="badge text-bg-light border me-1">{}</span>',
            ((d.name,) for d in m.departments.all()),
        ),
        items=format_html_join(
            "",
            '<span class="badge text-bg-info me-1">{}<span class="visually-hidden"> {}</span></span>',
            ((item.code, item.title) for item in m.oit_items.all()),
        ),
        overdue=format_html(
            '<div class="mt-2 small text-danger overdue-flag"><strong>เลยกำหนด:</strong> {}</div>',
            " · ".join(reasons),
        )
        if reasons
        else "",
        color=m.status_color,
        status=m.get_status_display(),
        progress=m.progress,
        due=format_html(" · กำหนด {}", thai_date_arabic(m.due_date, "short")) if m.due_date else "",
    )


_GROUP = (
    '<div class="card shadow-sm mb-3">\n'
    '  <div class="card-header d-flex justify-content-between align-items-center">\n'
    '    <span><span class="badge text-bg-secondary me-1">{code}</span> '
    "ตัวชี้วัดที่ {number} {name}</span>\n"
    "    {add}\n"
    "  </div>\n"
    '  <div class="list-group list-group-flush">\n'
    "    {cards}\n"
    "  </div>\n"
    "</div>"
)


@register.simple_tag(takes_context=True)
def measure_group(context, indicator, measures, year, can_manage=False):
    """`{% measure_group indicator measures year can_manage %}`: an indicator's card on the
    measures list, with its measures' cards and, for who manages, the way to add one."""
    request = getattr(context, "request", None)
    add = ""
    if can_manage:
        add = format_html(
            '<a class="small tap" href="{}?indicator={}">เพิ่มมาตรการของตัวชี้วัดนี้</a>',
            kept_reverse("measures:create", (year,), request=request),
            indicator.number,
        )
    return format_html(
        _GROUP,
        code=indicator.instrument.code,
        number=indicator.number,
        name=thai_text(indicator.name, context.get("keep_words", ())),
        add=add,
        cards=mark_safe("".join(measure_card(context, m) for m in measures)),
    )
