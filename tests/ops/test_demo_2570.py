"""The demo's fiscal year in progress: FY 2570 as of early December 2026, started by the
admin through the years app and worked on by the departments and the mayor."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Assessment, Framework
from committees.models import Order
from itaportal.models import User
from measures.models import Measure, MeasureReport
from oit.models import OITAnswer

S = OITAnswer.Status


@pytest.fixture
def demo(db):
    call_command("loaddemo", verbosity=0)
    return User.objects.get(username="analyst").organization


def test_fy_2570_is_started_with_a_provisional_framework_and_a_draft_order(demo):
    framework = Framework.objects.get(year=2570)
    assert framework.provisional
    assert Assessment.objects.filter(organization=demo, year=2570, framework=framework).exists()
    order = Order.objects.get(organization=demo, fiscal_year=2570)
    assert order.status == Order.Status.DRAFT
    assert order.number is None
    assert order.subject.endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๗๐")
    assert order.signer_name == User.objects.get(username="mayor").get_full_name()
    # The FY 2565 seed is left as it was.
    seed = Order.objects.get(organization=demo, fiscal_year=2565)
    assert (seed.number, seed.status) == (98, Order.Status.SIGNED)


def test_measures_carried_out_in_fy_2570_have_q1_reports_by_their_departments(demo):
    # Measures are carried out the year after their assessment: FY 2569's in FY 2570.
    reports = MeasureReport.objects.filter(
        measure__assessment__organization=demo, year=2570, quarter=1
    ).select_related("measure__indicator", "created_by__department")
    assert reports.count() == 4
    for report in reports:
        measure = report.measure
        assert measure.follow_up_year == 2570
        assert measure.status == Measure.Status.IN_PROGRESS and measure.progress > 0
        assert report.created_by.role == User.Role.STAFF
        assert report.created_by.department in measure.departments.all()
    assert Measure.objects.filter(
        assessment__organization=demo, assessment__year=2569, status=Measure.Status.NOT_STARTED
    ).exists()
    # The measures copied into 2570 wait for the year's results: not started, no report.
    copied = Measure.objects.filter(assessment__organization=demo, assessment__year=2570)
    assert copied.count() == 5
    assert set(copied.values_list("status", flat=True)) == {Measure.Status.NOT_STARTED}
    assert not MeasureReport.objects.filter(measure__in=copied).exists()


def test_oit_answers_of_2570_are_in_every_state_and_some_items_are_not_started(demo):
    answers = OITAnswer.objects.for_year(demo, 2570).select_related("item", "department")
    by_code = {a.item.code: a for a in answers}
    assert set(answers.values_list("status", flat=True)) == set(S.values)
    assert "O12" not in by_code  # an item of the year nobody has started
    assert by_code["O1"].copied_from.item.code == "O1"
    assert by_code["O3"].copied_from.item.code == "O5"  # found by its title
    assert by_code["O8"].copied_from.item.code == "O13"  # the admin's hand matching
    assert by_code["O1"].approved_at is not None
    assert not any(a.needs_new_evidence for a in answers if a.status != S.DRAFT)
    for answer in answers.filter(status=S.RETURNED):
        last = answer.events.order_by("-at", "-pk").first()
        assert (last.action, last.actor.username) == ("return", "mayor")
        assert last.comment == answer.review_comment != ""
    submitted = answers.filter(status__in=[S.SUBMITTED, S.APPROVED, S.RETURNED])
    for answer in submitted:
        submit = answer.events.get(action="submit")
        assert submit.actor.role == User.Role.STAFF
        assert submit.actor.department == answer.department


def home_of(client, username):
    client.force_login(User.objects.get(username=username))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_each_demo_user_sees_the_work_of_2570_on_the_home_page(demo, client):
    mayor = home_of(client, "mayor")
    assert "เปิดรายการรออนุมัติ ปี 2570 (1 ข้อ)" in mayor
    assert reverse("oit:queue", args=[2570]) in mayor
    analyst = home_of(client, "analyst")
    assert "ดูรายการ ปี 2570 (1 ข้อ)" in analyst
    assert "มาตรการตามผลการประเมินปี 2569" in analyst  # carried out in FY 2570
    office = home_of(client, "staff-office")
    o3 = OITAnswer.objects.for_year(demo, 2570).get(item__code="O3")
    assert reverse("oit:answer", args=[2570, "O3"]) in office
    assert o3.review_comment in office
    finance = home_of(client, "staff-finance")
    o19 = OITAnswer.objects.for_year(demo, 2570).get(item__code="O19")
    assert reverse("oit:answer", args=[2570, "O19"]) in finance
    assert o19.review_comment in finance
    assert "ผลการประเมินปี 2569" in finance  # the measures carried out in FY 2570


def snapshot(org):
    answers = OITAnswer.objects.for_year(org, 2570)
    return (
        sorted(
            answers.values_list(
                "item__code", "status", "department__name", "version", "review_comment",
                "needs_new_evidence", "copied_from__item__code",
            )
        ),
        sorted(answers.values_list("item__code", "events__action", "events__actor__username")),
        sorted(
            Measure.objects.filter(assessment__organization=org)
            .exclude(assessment__year=2565)
            .values_list("assessment__year", "indicator__number", "status", "progress", "version")
        ),
        sorted(
            MeasureReport.objects.filter(year=2570).values_list(
                "measure__indicator__number", "quarter", "text", "created_by__username"
            )
        ),
        sorted(Order.objects.filter(organization=org).values_list("fiscal_year", "number", "status")),
        Framework.objects.count(),
        Assessment.objects.filter(organization=org).count(),
    )  # fmt: skip


def test_loading_the_demo_again_gives_the_same_fy_2570(demo):
    before = snapshot(demo)
    call_command("loaddemo", verbosity=0)
    assert snapshot(demo) == before


def test_unloading_the_year_leaves_the_seed_alone(demo):
    import years.demo

    years.demo.unload(demo)
    assert list(Assessment.objects.filter(organization=demo).values_list("year", flat=True)) == [
        2565
    ]
    assert sorted(Framework.objects.values_list("year", flat=True)) == [
        2565,
        2566,
        2567,
        2568,
        2569,
    ]
    assert not Order.objects.filter(organization=demo, fiscal_year=2570).exists()
    assert Order.objects.filter(organization=demo, fiscal_year=2565, number=98).exists()
