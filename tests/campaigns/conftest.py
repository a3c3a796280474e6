import pytest

from tests.measures import factories


@pytest.fixture
def year(org):
    """FY 2570 assessed by `org`: the campaign pages exist for the years assessed."""
    factories.assessment(org, 2570, scores={}, analysis=False)
    return 2570


@pytest.fixture
def other_year(other_org):
    factories.assessment(other_org, 2570, scores={}, analysis=False)
    return 2570
