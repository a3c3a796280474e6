import pytest

from tests.conftest import make_user
from tests.measures import factories


@pytest.fixture
def depts(org, office, finance):
    return factories.departments(org)


@pytest.fixture
def seed(org, depts):
    """The seed's five measures on FY 2565 of `org`: {indicator number: measure}."""
    return factories.seed_measures(org)


@pytest.fixture
def assessment(seed):
    return seed[6].assessment


@pytest.fixture
def staff_works(org, depts):
    return make_user("staff-works", org, "staff", depts["works"])


@pytest.fixture
def current(org, depts):
    """An assessment whose follow-up year is the current fiscal year, with one measure of
    the finance department that started at the beginning of that year."""
    from django.utils import timezone

    from itaportal import thai

    fy = thai.fiscal_year(timezone.localdate())
    a = factories.assessment(org, fy - 1)
    start, end = thai.fiscal_year_range(fy)
    m = factories.measure(
        a, 7, [depts["finance"]], title="มาตรการเผยแพร่ข้อมูลปีนี้", start_date=start, due_date=end
    )
    return m
