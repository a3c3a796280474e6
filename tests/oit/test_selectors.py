"""The OIT counts the home page shows come from one read of the organization's answers
(oit.selectors): they must equal counting the answers themselves."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import OITItem
from itaportal.shared import shared_reads
from oit.models import OITAnswer
from oit.selectors import answer_status_counts, submitted_by_year
from tests.assessments.factories import make_answer, make_framework

S = OITAnswer.Status


@pytest.fixture
def answers(org, other_org, office, finance):
    old, new = make_framework(2565), make_framework(2566)
    make_answer(org, old, "O1", office, S.SUBMITTED)
    make_answer(org, old, "O2", finance, S.APPROVED)
    make_answer(org, new, "O1", office, S.SUBMITTED)
    make_answer(org, new, "O2", office, S.DRAFT)
    make_answer(org, new, "O3", finance, S.SUBMITTED)
    make_answer(org, new, "O4", None, S.RETURNED)
    retired = make_answer(org, new, "O5", finance, S.SUBMITTED)
    make_answer(other_org, new, "O1", None, S.SUBMITTED)  # another organization's
    # An item NACC dropped: its answer is kept but no longer counts for the year.
    OITItem.objects.filter(pk=retired.item_id).update(retired=True)
    return old, new


def _counted(org, year, department=None):
    rows = OITAnswer.objects.for_year(org, year).current()
    if department is not None:
        rows = rows.filter(department=department)
    counts = {}
    for status in rows.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_status_counts_of_a_year_and_a_department_equal_the_answers(answers, org, office, finance):
    for year in (2565, 2566, 2570):
        assert answer_status_counts(org, year) == _counted(org, year)
        for department in (office, finance):
            assert answer_status_counts(org, year, department) == _counted(org, year, department)
    assert answer_status_counts(org, 2566) == {S.SUBMITTED: 2, S.DRAFT: 1, S.RETURNED: 1}


def test_what_waits_for_approval_by_year_newest_first(answers, org):
    # As each year's queue shows them: not the answer to the item NACC dropped.
    assert submitted_by_year(org) == [(2566, 2), (2565, 1)]


def test_a_home_page_reads_every_count_once(answers, org, office):
    with shared_reads(), CaptureQueriesContext(connection) as queries:
        answer_status_counts(org, 2566)
        answer_status_counts(org, 2566, office)
        submitted_by_year(org)
    assert len(queries) == 1


def test_a_years_item_count_comes_with_the_organizations_years(answers, org):
    from assessments.models import Assessment
    from assessments.selectors import organization_years
    from assessments.structure import structure_of
    from oit.selectors import year_item_count

    _old, new = answers
    Assessment.objects.create(organization=org, framework=new)
    structure_of(new)  # kept by the process from its first page on
    with shared_reads():
        organization_years(org)  # what every page with a year switcher reads
        with CaptureQueriesContext(connection) as queries:
            counted = year_item_count(org, 2566)
        assert len(queries) == 0
    # The retired item is not one the year uses.
    assert counted == OITItem.objects.in_year(2566).count() == 4
    # A year the organization has no assessment of is counted by the year.
    assert year_item_count(org, 2565) == 5
