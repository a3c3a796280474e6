"""A measure's card in the measures lists (`{% measure_card %}`)."""

import datetime
import re

from django.template import Context, Template
from django.test import RequestFactory

from assessments.models import OITItem
from itaportal.documents import page_breaking_html
from tests.measures import factories


def card(m, show_year=False, keep_words=()):
    context = Context({"m": m, "keep_words": keep_words})
    context.request = RequestFactory().get("/")
    tag = "{% measure_card m show_year=True %}" if show_year else "{% measure_card m %}"
    return Template("{% load measure_cards %}" + tag).render(context)


def test_a_card_shows_the_measure_its_indicator_departments_and_progress(seed, depts):
    m = seed[6]
    html = card(m)
    assert html.startswith(f'<div class="list-group-item py-3" id="measure-{m.pk}">')
    assert f'<a class="fw-semibold" href="/measures/{m.pk}/">' in html
    assert f"ตัวชี้วัดที่ {m.indicator.number} " in html
    names = re.findall(r'<span class="badge text-bg-light border me-1">(.*?)</span>', html)
    assert names == [d.name for d in m.departments.all()]
    assert f'aria-valuenow="{m.progress}"' in html and f"width: {m.progress}%" in html
    assert f"ร้อยละ {m.progress}" in html
    assert f'<span class="badge text-bg-{m.status_color}">{m.get_status_display()}</span>' in html
    assert "ผลการประเมินปี" not in html  # the year is for lists that span years


def test_a_departments_list_shows_the_years(seed):
    m = seed[6]
    assert f"· ผลการประเมินปี {m.assessment.year} · ดำเนินการในปีงบประมาณ {m.follow_up_year}" in card(
        m, show_year=True
    )


def test_an_overdue_measure_says_why_and_a_due_date_is_shown(seed):
    m = seed[8]  # FY 2566 is over: reported Q1 only, not done
    assert m.overdue_reasons
    html = card(m)
    assert (
        '<div class="mt-2 small text-danger overdue-flag"><strong>เลยกำหนด:</strong> '
        + " · ".join(m.overdue_reasons)
        + "</div>"
    ) in html
    m.due_date = datetime.date(2023, 9, 30)
    assert f"ร้อยละ {m.progress} · กำหนด 30 ก.ย. 66</div>" in card(m)
    m.due_date = None
    assert "กำหนด" not in card(m).split("ร้อยละ")[1]


def test_texts_are_escaped_cut_and_kept_whole(assessment, depts):
    m = factories.measure(
        assessment,
        6,
        [depts["office"]],
        title="<b>เผยแพร่</b> & ติดตาม",
        sub_topic="ก" * 120,
    )
    item = OITItem.objects.in_framework(assessment.framework).get(code="O7")
    m.oit_items.set([item])
    words = ("องค์การบริหารส่วนตำบลหนองปรุง",)
    html = card(m, keep_words=words)
    title = page_breaking_html("<b>เผยแพร่</b> & ติดตาม", words)
    assert "&lt;b&gt;" in title and "<b>" not in html
    assert f'<a class="fw-semibold" href="/measures/{m.pk}/">{title}</a>' in html
    assert f" · {page_breaking_html('ก' * 89 + '…', words)}</div>" in html
    assert (
        f'<span class="badge text-bg-info me-1">O7<span class="visually-hidden"> {item.title}'
        "</span></span>"
    ) in html


# The indicator's card on the measures list as the list's template wrote it before the
# tag (kept here to hold the tag to the same markup).
GROUP_AS_TEMPLATE = """<div class="card shadow-sm mb-3">
  <div class="card-header d-flex justify-content-between align-items-center">
    <span><span class="badge text-bg-secondary me-1">{{ indicator.instrument.code }}</span> \
ตัวชี้วัดที่ {{ indicator.number }} {{ indicator.name|thai_text:keep_words }}</span>
    {% if can_manage %}<a class="small tap" href="{% url 'measures:create' year %}\
?indicator={{ indicator.number }}">เพิ่มมาตรการของตัวชี้วัดนี้</a>{% endif %}
  </div>
  <div class="list-group list-group-flush">
    {% for m in measures %}{% measure_card m %}{% endfor %}
  </div>
</div>"""


def test_an_indicators_card_is_the_lists_markup_with_its_measures_cards(assessment, depts):
    """`{% measure_group %}` writes what the list's template wrote: the indicator (its name
    escaped), the way to add a measure for who manages, and each measure's card."""
    first = factories.measure(assessment, 6, [depts["office"]], title="ก่อน <ตรวจ>")
    second = factories.measure(assessment, 6, [], title="หลัง & ทบทวน")
    indicator = first.indicator
    indicator.name = "ตัวชี้วัด <ทดสอบ> & การเปิดเผยข้อมูล"
    measures = [first, second]
    for m in measures:
        m.indicator = indicator
    for can_manage in (True, False):
        context = {
            "indicator": indicator,
            "measures": measures,
            "year": assessment.year,
            "can_manage": can_manage,
            "keep_words": ("การเปิดเผยข้อมูล",),
        }
        rendered = []
        for source in (
            "{% measure_group indicator measures year can_manage %}",
            GROUP_AS_TEMPLATE,
        ):
            page = Context(context)
            page.request = RequestFactory().get("/")
            rendered.append(Template("{% load measure_cards %}" + source).render(page))
        assert rendered[0] == rendered[1]
        assert "ตัวชี้วัด &lt;ทดสอบ&gt; &amp;" in rendered[0]
        assert ("?indicator=6" in rendered[0]) is can_manage
        assert rendered[0].count('class="list-group-item py-3"') == 2
