"""The demo data: the seed's FY 2565 assessment of nongprung, loaded twice."""

from decimal import Decimal

from django.core.management import call_command

from assessments.models import Assessment, Framework, OITItemResult
from tests.assessments.seed import SEED_2565


def test_loaddemo_gives_the_seed_assessment_and_stays_idempotent(db):
    call_command("loaddemo", verbosity=0)
    call_command("loaddemo", verbosity=0)
    # The shipped frameworks, and the provisional copies of the years the demo starts.
    years = Framework.objects.order_by("year").values_list("year", flat=True)
    assert list(years) == [2565, 2566, 2567, 2568, 2569, 2570]
    assert Framework.objects.get(year=2570).provisional
    assessment = Assessment.objects.with_results().get(organization__slug="nongprung", year=2565)
    assert (assessment.total, assessment.level, assessment.passed) == (Decimal("60.61"), "D", False)
    assert {s.indicator.number: str(s.score) for s in assessment.scores.all()} == SEED_2565
    results = OITItemResult.objects.filter(assessment=assessment)
    assert results.count() == 43
    assert results.filter(met=True).count() == 16
    assert set(results.filter(met=False, item__code__in=["O42", "O43", "O35", "O38", "O33"])
               .values_list("item__code", flat=True)) == {"O42", "O43", "O35", "O38", "O33"}  # fmt: skip
    assert "ข้อเสนอแนะ" in assessment.recommendations
    analyses = {a.instrument.code: a.to_improve for a in assessment.analyses.all()}
    assert analyses["IIT"].startswith("ผลคะแนน IIT พบว่า")
    assert analyses["OIT"].startswith("ผลคะแนน OIT พบว่า")


def test_loaddemo_records_the_result_nacc_published_and_it_matches(db):
    call_command("loaddemo", verbosity=0)
    assessment = Assessment.objects.with_results().get(organization__slug="nongprung", year=2565)
    assert (assessment.published_total, assessment.published_level) == (Decimal("60.61"), "D")
    assert assessment.published_check.matches
