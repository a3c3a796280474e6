"""Actions over several rows: copying the measures forward to the next year."""

from datetime import date

import pytest

from measures.models import Measure, MeasureReport
from measures.services import MeasureError, measures_copy_forward
from tests.measures import factories


def test_measures_are_copied_to_the_next_year_with_statuses_reset(org, seed):
    source = seed[6].assessment
    MeasureReport.objects.create(measure=seed[6], year=2566, quarter=1, text="ผล")
    target = factories.assessment(org, 2566)
    copied, skipped = measures_copy_forward(source=source, target=target)
    assert (len(copied), skipped) == (5, [])
    new = Measure.objects.for_listing().filter(assessment=target)
    assert [m.indicator.number for m in new] == [6, 7, 8, 9, 10]
    first = new[0]
    assert first.indicator.framework_id == target.framework_id
    assert (first.status, first.progress, list(first.reports.all())) == ("not_started", 0, [])
    assert first.improvements == seed[6].improvements
    assert first.start_date == date(2023, 11, 1) and first.due_date == date(2024, 9, 30)
    assert {d.name for d in first.departments.all()} == {d.name for d in seed[6].departments.all()}
    assert [i.code for i in new[4].oit_items.all()] == ["O35", "O42", "O43"]
    assert all(
        i.sub_indicator.indicator.framework_id == target.framework_id
        for i in new[4].oit_items.all()
    )
    # Copying again adds nothing.
    assert measures_copy_forward(source=source, target=target) == ([], [])


def test_copying_backwards_or_across_organizations_is_refused(org, other_org, seed):
    source = seed[6].assessment
    with pytest.raises(MeasureError, match="ปีที่ใหม่กว่า"):
        measures_copy_forward(source=source, target=source)
    other = factories.assessment(other_org, 2566)
    with pytest.raises(MeasureError, match="หน่วยงานเดียวกัน"):
        measures_copy_forward(source=source, target=other)


def test_the_admin_action_copies_the_selected_measures(client, operator, org, seed):
    from django.urls import reverse

    target = factories.assessment(org, 2566)
    client.force_login(operator)
    response = client.post(
        reverse("admin:measures_measure_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [seed[7].pk, seed[8].pk]},
        follow=True,
    )
    assert "คัดลอก 2 มาตรการไปปี 2566 แล้ว" in response.content.decode()
    assert Measure.objects.filter(assessment=target).count() == 2


def test_the_admin_refuses_an_oit_item_of_another_year(client, operator, seed):
    from django.urls import reverse

    other = factories.framework(2566)
    item = factories.OITItem.objects.in_framework(other).get(code="O7")
    measure = seed[7]
    client.force_login(operator)
    url = reverse("admin:measures_measure_change", args=[measure.pk])
    response = client.post(
        url,
        {
            "assessment": measure.assessment_id,
            "indicator": measure.indicator_id,
            "order": 1,
            "title": measure.title,
            "improvements": "[]",
            "responsible_people": "[]",
            "steps": "[]",
            "monitoring": "[]",
            "oit_items": [item.pk],
            "status": "not_started",
            "progress": 0,
            "reports-TOTAL_FORMS": 0,
            "reports-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "ไม่อยู่ในกรอบการประเมินปีเดียวกับผลการประเมิน: O7" in response.content.decode()
    assert not measure.oit_items.filter(pk=item.pk).exists()
