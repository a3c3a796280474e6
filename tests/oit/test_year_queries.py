"""The one way from an OIT item or answer to its fiscal year: named queryset methods and
the answer's `year`, instead of spelling the item → framework path at every call."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from assessments.models import OITItem
from oit.models import OITAnswer, OITAnswerAttachment
from tests.assessments.factories import make_answer, make_framework

S = OITAnswer.Status


@pytest.fixture
def two_years(db):
    return make_framework(2565), make_framework(2566)


def test_items_of_a_year_or_a_framework_are_only_that_years(two_years):
    fw2565, fw2566 = two_years
    in_2566 = OITItem.objects.in_year(2566)
    assert {i.sub_indicator.indicator.framework_id for i in in_2566} == {fw2566.pk}
    assert sorted(i.code for i in in_2566) == ["O1", "O2", "O3", "O4", "O5"]
    assert set(OITItem.objects.in_framework(fw2565)) == set(OITItem.objects.in_framework(fw2565.pk))
    assert not set(OITItem.objects.in_framework(fw2565)) & set(in_2566)
    assert OITItem.objects.in_year(2570).count() == 0


def test_an_item_is_found_by_its_natural_key_of_year_and_code(two_years):
    found = OITItem.objects.get_by_natural_key(2566, "O3")
    assert (found.sub_indicator.indicator.framework.year, found.code) == (2566, "O3")


def test_answers_of_a_year_leave_other_years_and_organizations_out(
    two_years, org, other_org, office
):
    fw2565, fw2566 = two_years
    old = make_answer(org, fw2565, "O1", office)
    new = make_answer(org, fw2566, "O1", office)
    theirs = make_answer(other_org, fw2566, "O1")
    assert set(OITAnswer.objects.in_year(2566)) == {new, theirs}
    assert list(OITAnswer.objects.for_year(org, 2566)) == [new]
    assert list(OITAnswer.objects.for_year(org, 2565)) == [old]


def test_with_year_groups_and_orders_answers_by_year(two_years, org, office):
    fw2565, fw2566 = two_years
    for code in ("O1", "O2"):
        make_answer(org, fw2565, code, office, S.SUBMITTED)
    make_answer(org, fw2566, "O1", office, S.SUBMITTED)
    rows = list(
        OITAnswer.objects.filter(organization=org)
        .with_year()
        .values("year")
        .order_by("-year")
        .annotate(n=Count("pk"))
    )
    assert rows == [{"year": 2566, "n": 1}, {"year": 2565, "n": 2}]


def test_the_year_of_an_answer_from_with_year_needs_no_query(two_years, org, office):
    make_answer(org, two_years[1], "O2", office)
    answer = OITAnswer.objects.with_year().get()
    with CaptureQueriesContext(connection) as queries:
        assert answer.year == 2566
    assert len(queries) == 0


def test_the_year_follows_the_item_when_the_answer_is_pointed_at_another(two_years, org, office):
    fw2565, fw2566 = two_years
    make_answer(org, fw2565, "O2", office)
    answer = OITAnswer.objects.with_year().get()
    answer.item = OITItem.objects.in_framework(fw2566).get(code="O2")
    assert answer.year == 2566


def test_the_year_of_an_answer_loaded_plainly_is_read_through_its_item(two_years, org, office):
    make_answer(org, two_years[0], "O4", office)
    assert OITAnswer.objects.get().year == 2565


def test_attachments_of_a_year_are_those_of_that_years_answers(two_years, org, office):
    fw2565, fw2566 = two_years
    old = make_answer(org, fw2565, "O1", office)
    new = make_answer(org, fw2566, "O1", office)
    for answer in (old, new):
        OITAnswerAttachment.objects.create(
            answer=answer, file=f"oit-answers/{answer.pk}.pdf", original_name="a.pdf",
            content_type="application/pdf", size=1,
        )  # fmt: skip
    assert [a.answer for a in OITAnswerAttachment.objects.in_year(2566)] == [new]
