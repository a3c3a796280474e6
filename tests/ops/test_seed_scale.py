"""`manage.py seed_scale` on a small N: what it makes, and that it refuses to seed twice."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assessments.models import Assessment, Framework, IndicatorScore, OITItem
from assessments.selectors import public_scores
from committees.models import Committee, Order
from itaportal.models import Organization, User
from measures.models import Acknowledgement, Evidence, Measure, MeasureReport, Memo
from oit.models import OITAnswer
from ops.scale import EVIDENCE_EVERY, MEASURES_PER_YEAR, Seeder

pytestmark = pytest.mark.django_db


def seed(n=3, years=2, last_year=2566):
    out = StringIO()
    call_command(
        "seed_scale",
        organizations=n,
        years=years,
        last_year=last_year,
        as_json=True,
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_it_makes_organizations_with_departments_users_and_every_year():
    report = seed(n=3, years=2)

    orgs = Organization.objects.filter(slug__startswith="scale-").order_by("slug")
    assert [o.slug for o in orgs] == ["scale-00001", "scale-00002", "scale-00003"]
    assert report["years"] == [2565, 2566]
    assert {"measures.Measure", "measures.Memo", "oit.OITAnswer", "committees.Order"} <= set(
        report["rows"]
    )
    for org in orgs:
        assert org.departments.count() >= 3
        roles = set(User.objects.filter(organization=org).values_list("role", flat=True))
        assert roles == {"admin", "executive", "staff"}
        assert sorted(
            Assessment.objects.filter(organization=org).values_list("year", flat=True)
        ) == [
            2565,
            2566,
        ]
    assert report["rows"]["itaportal.Organization"] == 3
    assert report["total_rows"] == sum(report["rows"].values())


def test_each_year_has_scores_answers_an_order_measures_with_reports_and_a_memo():
    seed(n=2, years=2)
    org = Organization.objects.get(slug="scale-00001")
    for assessment in Assessment.objects.filter(organization=org):
        items = OITItem.objects.in_framework(assessment.framework)
        assert IndicatorScore.objects.filter(assessment=assessment).count() == (
            assessment.framework.indicators.count()
        )
        assert assessment.total is not None  # scores are complete: the total computes
        answers = OITAnswer.objects.filter(organization=org, item__in=items)
        assert answers.count() == items.count() == 43
        assert all(a.events.exists() for a in answers)
        order = Order.objects.get(organization=org, fiscal_year=assessment.year)
        assert Committee.objects.filter(order=order).count() >= 3
        measures = Measure.objects.filter(assessment=assessment)
        low, high = MEASURES_PER_YEAR
        assert low <= measures.count() <= high
        assert MeasureReport.objects.filter(measure__in=measures).count() == 4 * measures.count()
        assert all(m.departments.exists() for m in measures)
        # Each report is a responsible department's own part (COPY writes the column too).
        for report in MeasureReport.objects.filter(measure__in=measures).select_related("measure"):
            assert report.department_id in report.measure.department_ids
        memo = Memo.objects.get(assessment=assessment)
        assert Acknowledgement.objects.filter(memo=memo).exists()
    # past years are approved; the current one is work in progress, in every state
    current = OITAnswer.objects.in_year(2566).filter(organization__slug__startswith="scale-")
    assert set(current.values_list("status", flat=True)) == set(OITAnswer.Status.values)
    past = OITAnswer.objects.filter(organization=org).in_year(2565)
    assert set(past.values_list("status", flat=True)) == {"approved"}


def test_generated_users_share_the_demo_password(settings):
    seed(n=2, years=1)
    mayor = User.objects.get(username="scale-00002-mayor")
    assert mayor.is_executive
    assert mayor.check_password(settings.DEMO_PASSWORD)
    # one hash for everybody: hashing 47,000 passwords would take hours
    assert (
        User.objects.filter(username__startswith="scale-").values("password").distinct().count()
        == 1
    )


def test_years_without_a_framework_get_a_provisional_copy():

    # The shipped years end at 2569; 2570 and 2571 are copied from the nearest complete one.
    report = seed(n=1, years=3, last_year=2571)

    assert report["years"] == [2569, 2570, 2571]
    copy = Framework.objects.get(year=2571)
    assert copy.provisional
    items = OITItem.objects.in_year(2569).count()
    assert OITItem.objects.in_framework(copy).count() == items
    assert copy.indicators.count() == Framework.objects.get(year=2569).indicators.count()


def test_it_refuses_to_seed_a_database_that_already_holds_seeded_data():
    seed(n=1, years=1)
    with pytest.raises(CommandError, match="seed a fresh database"):
        seed(n=1, years=1)


def test_reuse_leaves_an_equally_seeded_database_alone():
    seed(n=2, years=1)
    out = StringIO()
    call_command("seed_scale", organizations=2, years=1, reuse=True, stdout=out)
    assert "reusing" in out.getvalue()
    assert Organization.objects.filter(slug__startswith="scale-").count() == 2


def test_organization_kinds_follow_the_national_mix():
    kinds = Seeder(7850, 1, last_year=2566, log=lambda _m: None).kinds()
    assert kinds.count("pao") == 76
    assert kinds.count("municipality") == 2472
    assert kinds.count("sao") == 5302


def test_organizations_differ_in_size_and_texts_in_length_like_real_ones():
    seed(n=8, years=1, last_year=2566)
    orgs = Organization.objects.filter(slug__startswith="scale-")

    departments = {org.departments.count() for org in orgs}
    users = {User.objects.filter(organization=org).count() for org in orgs}
    measures = {Measure.objects.filter(assessment__organization=org).count() for org in orgs}
    assert len(departments) > 1 and len(users) > 1 and len(measures) > 1
    weaknesses = {len(m.weakness) for m in Measure.objects.all()}
    assert max(weaknesses) > 2 * min(weaknesses)


def test_some_reports_carry_a_real_file_and_current_measures_carry_history():
    seed(n=3, years=1, last_year=2566)

    reports = MeasureReport.objects.count()
    evidence = Evidence.objects.all()
    assert evidence.count() == -(-reports // EVIDENCE_EVERY)
    with evidence.first().file.open("rb") as f:
        assert f.read().startswith(b"%PDF")
    history = Measure.history.model.objects
    assert history.filter(history_type="+").count() == Measure.objects.count()


def test_every_year_is_public_with_the_result_making_it_public_would_freeze():
    seed(n=2, years=2)

    for assessment in Assessment.objects.filter(organization__slug__startswith="scale-"):
        assert assessment.public_on is not None
        assert assessment.public_scores == public_scores(assessment)
        assert assessment.public_scores["total"] is not None
        change = Assessment.history.model.objects.get(id=assessment.pk)
        assert change.history_type == "~" and change.public_on == assessment.public_on
