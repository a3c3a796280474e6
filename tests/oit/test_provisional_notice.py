"""Every page whose numbers or item lists rest on the year's framework says, in one
element with one wording, when NACC has not published that framework yet; the same
pages of a published year say nothing of the kind."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Framework
from oit.models import OITAnswer
from tests.assessments.factories import make_answer, make_framework

S = OITAnswer.Status
YEAR = 2570

PAGES = [
    ("home", {}),
    ("assessments:dashboard", {}),
    ("assessments:detail", {"year": YEAR}),
    ("assessments:scores", {"year": YEAR}),
    ("assessments:item_results", {"year": YEAR}),
    ("assessments:analysis", {"year": YEAR}),
    ("oit:list", {"year": YEAR}),
    ("oit:answer", {"year": YEAR, "code": "O1"}),
    ("oit:queue", {"year": YEAR}),
    ("oit:progress", {"year": YEAR}),
    ("oit:assign", {"year": YEAR}),
    ("oit:copy", {"year": YEAR}),
    ("public:ita", {"org_slug": "thotsop", "year": YEAR}),
]


def year_of(org, actor, department, provisional):
    """FY 2570 on a framework NACC has (not) published: scores, an item result and
    answers in several states."""
    framework = make_framework(YEAR)
    framework.provisional = provisional
    framework.save()
    assessment = services.assessment_create(organization=org, year=YEAR)
    assessment = services.scores_save(
        assessment=assessment,
        scores={1: Decimal("80"), 2: Decimal("75"), 3: Decimal("50")},
        version=assessment.version,
    )
    services.item_results_save(
        assessment=assessment,
        results={"O4": services.ItemResultInput(met=False)},
        version=assessment.version,
    )
    services.assessment_make_public(
        assessment=assessment, on=date(2026, 12, 1), version=assessment.version
    )
    make_answer(org, framework, "O1", department, S.SUBMITTED, actor)
    make_answer(org, framework, "O2", department, S.APPROVED, actor)
    make_answer(org, framework, "O3", department, S.DRAFT, actor)
    return framework


@pytest.mark.parametrize("name, kwargs", PAGES, ids=[name for name, _ in PAGES])
def test_a_page_on_a_provisional_framework_says_it_is_an_estimate(
    login, analyst, org, office, name, kwargs
):
    year_of(org, analyst, office, provisional=True)
    response = login(analyst).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("data-provisional") == 1
    assert Framework.PROVISIONAL_NOTICE in page


@pytest.mark.parametrize("name, kwargs", PAGES, ids=[name for name, _ in PAGES])
def test_the_same_page_on_a_published_framework_has_no_notice(
    login, analyst, org, office, name, kwargs
):
    year_of(org, analyst, office, provisional=False)
    response = login(analyst).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-provisional" not in page
    assert Framework.PROVISIONAL_NOTICE not in page


@pytest.mark.parametrize("provisional", [True, False])
def test_the_public_json_carries_the_same_notice(client, org, analyst, office, provisional):
    year_of(org, analyst, office, provisional=provisional)
    data = client.get(reverse("public:ita_json", args=[org.slug, YEAR])).json()
    assert data["framework"]["provisional"] is provisional
    assert data["framework"]["notice"] == (Framework.PROVISIONAL_NOTICE if provisional else None)
