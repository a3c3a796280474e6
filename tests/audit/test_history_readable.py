"""The history page reads like the record: names, Buddhist Era dates, plain values."""

import re
from datetime import date

from django.urls import reverse

from tests.measures import factories


def _history_url(obj):
    return reverse("audit:history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


def _visible_text(page):
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_a_measure_change_shows_be_dates_plain_lists_and_no_version(login, analyst, org):
    measure = factories.measure(factories.assessment(org), improvements=[])
    measure.start_date = date(2022, 10, 31)
    measure.improvements = ["อบรมเจ้าหน้าที่", "เผยแพร่คู่มือ"]
    measure.version += 1
    measure._history_user = analyst
    measure.save()

    page = login(analyst).get(_history_url(measure)).content.decode()
    text = _visible_text(page)
    assert "31 ตุลาคม 2565" in text
    assert "อบรมเจ้าหน้าที่; เผยแพร่คู่มือ" in text
    assert "['" not in text and "[]" not in text
    assert "รุ่นข้อมูล" not in text
    # When the change was made, in the Buddhist Era, and by whom, by name.
    assert "2569" in text and "2026" not in text
    assert analyst.display_name in text
    assert reverse("measures:detail", args=[measure.pk]) in page


def test_a_change_of_department_names_both_departments_not_their_ids(
    login, analyst, staff_office, office, finance
):
    staff_office.department = finance
    staff_office._history_user = analyst
    staff_office.save()

    page = login(analyst).get(_history_url(staff_office)).content.decode()
    row = re.search(r"<td>ส่วนราชการ</td>(.*?)</tr>", page, flags=re.S).group(1)
    assert office.name in row and finance.name in row
    assert f">{office.pk}<" not in row and f">{finance.pk}<" not in row
    assert reverse("user_edit", args=[staff_office.pk]) in page


def test_a_save_that_only_bumped_the_version_leaves_no_empty_entry(login, analyst, org):
    measure = factories.measure(factories.assessment(org))
    measure.version += 1
    measure.save()

    page = login(analyst).get(_history_url(measure)).content.decode()
    assert page.count("badge text-bg-secondary") == 1  # only the creation


def test_a_measures_one_history_shows_its_own_changes_and_its_quarterly_reports(
    login, analyst, staff_finance, org
):
    from measures.models import MeasureReport

    measure = factories.measure(factories.assessment(org), title="มาตรการเดิม")
    measure.title = "มาตรการที่แก้ชื่อแล้ว"
    measure.version += 1
    measure._history_user = analyst
    measure.save()
    report = MeasureReport(measure=measure, year=2566, quarter=1, text="รายงานฉบับแรก")
    report._history_user = staff_finance
    report.save()
    report.text = "รายงานที่แก้ไขแล้ว"
    report.version += 1
    report._history_user = staff_finance
    report.save()

    text = _visible_text(login(analyst).get(_history_url(measure)).content.decode())
    assert "มาตรการเดิม" in text and "มาตรการที่แก้ชื่อแล้ว" in text
    assert "เพิ่มรายงานผลรายไตรมาส" in text
    assert "แก้ไขรายงานผลรายไตรมาส" in text
    assert "รายงานฉบับแรก" in text and "รายงานที่แก้ไขแล้ว" in text
    assert staff_finance.display_name in text
    # Newest first: the report's edit comes before the measure's own change.
    assert text.index("แก้ไขรายงานผลรายไตรมาส") < text.index("มาตรการเดิม")


def test_an_orders_history_shows_a_member_removed(login, analyst, org):
    from committees.models import Member
    from tests.committees.conftest import make_order

    order = make_order(org)
    member = Member.objects.filter(committee__order=order).first()
    member._history_user = analyst
    member.delete()

    text = _visible_text(
        login(analyst)
        .get(reverse("audit:history", args=["committees", "order", order.pk]))
        .content.decode()
    )
    assert f"ลบ{Member._meta.verbose_name}" in text
