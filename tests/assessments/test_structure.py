"""A year's framework structure is loaded once per process and reloaded after any edit."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import scoring
from assessments.models import Assessment, Framework, Indicator, OITItem, RatingBand
from assessments.structure import structure_for_year, structure_of, touch


def _queries(fn):
    with CaptureQueriesContext(connection) as captured:
        result = fn()
    return result, len(captured)


def test_the_second_page_of_a_year_reads_only_the_framework_row(fw2565):
    first, cold = _queries(lambda: structure_for_year(2565))
    second, warm = _queries(lambda: structure_for_year(2565))

    assert second is first
    assert cold > warm == 1


def test_the_kept_structure_scores_like_a_fresh_load(scored2565):
    kept = Assessment.objects.with_results().get(pk=scored2565.pk)
    fresh = Assessment.objects.get(pk=scored2565.pk)
    fresh.framework = Framework.objects.with_structure().get(pk=fresh.framework_id)

    assert kept.framework is structure_for_year(2565)
    assert kept.result.total == fresh.result.total
    assert kept.result.total is not None


def test_item_points_are_computed_once_per_kept_structure(fw2565):
    framework = structure_for_year(2565)

    fresh = Framework.objects.with_structure().get(year=2565)

    assert scoring.item_points(framework) is scoring.item_points(framework)
    assert dict(scoring.item_points(framework)) == dict(scoring.item_points(fresh))
    assert scoring.item_points(framework)["O1"] > 0


@pytest.mark.parametrize(
    "edit",
    [
        "item title",
        "item deleted",
        "band added",
        "framework pass mark",
    ],
)
def test_any_edit_of_the_structure_is_seen_by_the_next_page(fw2565, edit):
    before = structure_for_year(2565)
    item = OITItem.objects.in_year(2565).get(code="O1")
    if edit == "item title":
        item.title = "ข้อมูลพื้นฐานที่แก้ไขแล้ว"
        item.save()
    elif edit == "item deleted":
        item.delete()
    elif edit == "band added":
        RatingBand.objects.create(
            framework=fw2565, label="ทดสอบ", min_total=Decimal("99"), color="dark", order=99
        )
    else:
        fw2565.pass_mark = Decimal("90")
        fw2565.save()

    after = structure_for_year(2565)

    assert after is not before
    items = {
        i.code: i
        for s in after.indicators.all()
        for u in s.sub_indicators.all()
        for i in u.items.all()
    }
    if edit == "item title":
        assert items["O1"].title == "ข้อมูลพื้นฐานที่แก้ไขแล้ว"
    elif edit == "item deleted":
        assert "O1" not in items
    elif edit == "band added":
        assert "ทดสอบ" in [b.label for b in after.rating_bands.all()]
    else:
        assert after.pass_mark == Decimal("90")


def test_a_structure_of_another_framework_row_is_not_shared(fw2565, fw2566):
    assert structure_of(fw2565).year == 2565
    assert structure_of(fw2566).year == 2566


def test_listed_answers_take_their_item_from_the_kept_structure_and_see_an_edit(
    fw2565, org, office
):
    from oit.models import OITAnswer
    from tests.assessments.factories import make_answer

    make_answer(org, fw2565, "O1", office)
    kept = structure_for_year(2565)
    answer = OITAnswer.objects.for_listing().get(organization=org)
    assert answer.item is kept.items_by_code["O1"]
    _, queries = _queries(lambda: answer.item.sub_indicator.indicator.framework.year)
    assert queries == 0

    item = OITItem.objects.in_year(2565).get(code="O1")
    item.title = "โครงสร้างที่แก้ไขแล้ว"
    item.save()  # a new structure token: the next read loads the structure afresh

    again = OITAnswer.objects.for_listing().get(organization=org)
    assert again.item.title == "โครงสร้างที่แก้ไขแล้ว"
    assert (
        again.item is structure_for_year(2565).items_by_code["O1"] is not kept.items_by_code["O1"]
    )


def test_scores_take_their_indicator_from_the_kept_structure_and_see_an_edit(scored2565):
    kept = structure_for_year(2565)
    assessment = Assessment.objects.with_results().get(pk=scored2565.pk)
    scores = list(assessment.scores.all())

    assert scores and all(s.indicator is kept.indicators_by_pk[s.indicator_id] for s in scores)
    _, queries = _queries(lambda: [s.indicator.instrument.code for s in scores])
    assert queries == 0

    indicator = scores[0].indicator_id
    Indicator.objects.filter(pk=indicator).update(name="ตัวชี้วัดที่แก้ไขแล้ว")
    touch(fw_id := scores[0].indicator.framework_id)  # what a bulk edit of the structure does

    again = Assessment.objects.with_scores().get(pk=scored2565.pk)
    renamed = next(s for s in again.scores.all() if s.indicator_id == indicator)
    assert renamed.indicator.name == "ตัวชี้วัดที่แก้ไขแล้ว"
    assert (
        renamed.indicator
        is structure_of(Framework.objects.get(pk=fw_id)).indicators_by_pk[indicator]
    )
