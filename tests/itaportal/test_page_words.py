"""The organization's names that pages keep whole at line ends are read once a minute,
not on every request, and a change of a name is seen at once."""

import pytest

from itaportal.documents import page_words
from itaportal.models import Department

pytestmark = pytest.mark.django_db


def test_pages_read_the_words_once_and_see_a_new_department_at_once(
    org, office, staff_office, django_assert_num_queries
):
    words = page_words(org)
    assert office.name in words and staff_office.display_name in words
    with django_assert_num_queries(0):
        assert page_words(org) == words

    Department.objects.create(organization=org, name="กองส่งเสริมการเกษตร", order=9)
    assert "กองส่งเสริมการเกษตร" in page_words(org)


def test_a_renamed_person_and_a_renamed_organization_are_seen_at_once(org, staff_office):
    page_words(org)
    staff_office.last_name = "ศรีสุวรรณวิเศษกุล"
    staff_office.save()
    assert staff_office.display_name in page_words(org)

    org.district = "หนองหญ้าปล้อง"
    org.save()
    assert "อำเภอหนองหญ้าปล้อง" in page_words(org)


def test_a_log_in_does_not_drop_the_words(login, org, staff_office, django_assert_num_queries):
    page_words(org)
    login(staff_office)  # saves last_login only
    with django_assert_num_queries(0):
        page_words(org)
