"""Fixtures of the assessments tests: the shipped frameworks and the seed's FY 2565
assessment of the test organization."""

import pytest

from tests.assessments.seed import SEED_2565, decimals


@pytest.fixture
def frameworks(db):
    """FY 2565, 2566 and the partial 2567 as shipped in fixtures/ (the same path loaddemo
    uses)."""
    from assessments.frameworks import load_frameworks
    from assessments.models import Framework

    load_frameworks()
    return {f.year: f for f in Framework.objects.with_structure().order_by("year")}


@pytest.fixture
def fw2565(frameworks):
    return frameworks[2565]


@pytest.fixture
def fw2566(frameworks):
    return frameworks[2566]


@pytest.fixture
def fw2567(frameworks):
    return frameworks[2567]


@pytest.fixture
def assessment2565(org, fw2565):
    from assessments.services import assessment_create

    return assessment_create(organization=org, year=2565)


@pytest.fixture
def scored2565(assessment2565):
    from assessments.services import scores_save

    scores_save(
        assessment=assessment2565, scores=decimals(SEED_2565), version=assessment2565.version
    )
    return assessment2565
