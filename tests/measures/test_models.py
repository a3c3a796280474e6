"""Row facts of a measure: the follow-up year, owed reports, overdue reasons."""

from datetime import date

import pytest

from measures.models import Measure, MeasureReport, Quarter
from tests.measures import factories


def test_a_quarter_knows_its_dates_and_order():
    q = Quarter(2566, 2)
    assert (q.start, q.end) == (date(2023, 1, 1), date(2023, 3, 31))
    assert Quarter.of(date(2022, 10, 31)) == Quarter(2566, 1)
    assert Quarter(2566, 4) < Quarter(2567, 1)
    assert Quarter.parse("๒๕๖๖-๓") == Quarter(2566, 3)
    with pytest.raises(ValueError):
        Quarter.parse("2566-5")


def test_measures_of_2565_are_carried_out_in_2566(seed):
    assert seed[6].follow_up_year == 2566


def test_every_elapsed_quarter_since_the_start_needs_a_report(org, depts):
    a = factories.assessment(org)
    m = factories.measure(a, 7, [depts["office"]], start_date=date(2022, 11, 1))
    m = Measure.objects.for_listing().get(pk=m.pk)
    # On 15 May 2023, Q1 (Oct–Dec) and Q2 (Jan–Mar) have ended; Q3 is running.
    assert m.required_quarters(date(2023, 5, 15)) == [Quarter(2566, 1), Quarter(2566, 2)]
    reasons = m.overdue_reasons_on(date(2023, 5, 15))
    assert len(reasons) == 2 and "ไตรมาส 1" in reasons[0]
    MeasureReport.objects.create(measure=m, year=2566, quarter=1, text="ทำแล้ว")
    MeasureReport.objects.create(measure=m, year=2566, quarter=2, text="ทำแล้ว")
    m = Measure.objects.for_listing().get(pk=m.pk)
    assert m.overdue_reasons_on(date(2023, 5, 15)) == []


def test_a_quarter_that_ended_before_the_start_needs_no_report(org, depts):
    a = factories.assessment(org)
    m = factories.measure(a, 7, [depts["office"]], start_date=date(2023, 2, 1))
    assert m.required_quarters(date(2023, 5, 15)) == [Quarter(2566, 2)]


def test_past_the_due_date_and_not_done_is_overdue(org, depts):
    a = factories.assessment(org)
    m = factories.measure(
        a, 7, [depts["office"]], start_date=date(2023, 4, 1), due_date=date(2023, 5, 1)
    )
    reasons = m.overdue_reasons_on(date(2023, 5, 15))
    assert reasons and "เลยกำหนดแล้วเสร็จ" in reasons[-1]
    m.status = Measure.Status.DONE
    m.completed_on = date(2023, 5, 1)
    assert m.overdue_reasons_on(date(2023, 5, 15)) == []


def test_a_done_measure_owes_no_report_for_quarters_after_it_finished(org, depts):
    a = factories.assessment(org)
    m = factories.measure(
        a,
        7,
        [depts["office"]],
        start_date=date(2022, 10, 1),
        status=Measure.Status.DONE,
        completed_on=date(2022, 12, 20),
    )
    assert m.required_quarters(date(2023, 9, 30)) == [Quarter(2566, 1)]


def test_the_database_refuses_progress_over_100_and_due_before_start(org, depts):
    from django.db import IntegrityError, transaction

    a = factories.assessment(org)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.measure(a, 7, progress=101)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.measure(a, 7, start_date=date(2023, 5, 1), due_date=date(2023, 4, 1))
