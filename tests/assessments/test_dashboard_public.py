"""The dashboard, the per-year page, the home panel and the public page: what they show,
and that they run a fixed number of queries however many years and indicators exist."""

import json
from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from tests.assessments.seed import SEED_2565, decimals


def add_years(org, frameworks, years=(2566, 2567, 2568)):
    """More assessed years (2567/2568 as copies of 2566), each with full scores."""
    for year in years:
        if year not in frameworks:
            frameworks[year] = services.framework_copy(framework=frameworks[2566], year=year)
        assessment = services.assessment_create(organization=org, year=year)
        services.scores_save(
            assessment=assessment,
            scores={n: Decimal(70 + year - 2560 + n) for n in range(1, 11)},
            version=assessment.version,
        )
        make_public(assessment)


def make_public(assessment, on=date(2022, 9, 30)):
    services.assessment_make_public(assessment=assessment, on=on, version=assessment.version)
    return assessment


def count_queries(client, url):
    """The page's queries once the process keeps the structures of the years it shows (the
    first request after a framework is added or edited loads it)."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_shows_the_latest_year_and_its_weakest_indicator(login, mayor, scored2565):
    response = login(mayor).get(reverse("assessments:dashboard"))
    assert response.status_code == 200
    current = response.context["current"]
    assert (current["year"], current["total"], current["level"]) == (2565, Decimal("60.61"), "D")
    assert current["distance"] == Decimal("24.39")
    ranked = response.context["ranked"]
    assert [r["number"] for r in ranked][:3] == [7, 6, 1]  # 88.91, 88.42, 86.52 as in the seed
    assert [r["number"] for r in ranked if r.get("weakest")] == [10]
    page = response.content.decode()
    assert "คะแนนสูงสุดรายตัวชี้วัด" in page
    assert "<svg" in page and "<script>" not in page  # the chart is drawn on the server
    assert "ต่ำสุด" in page


def test_the_dashboard_compares_every_year_on_record(login, analyst, scored2565, frameworks):
    add_years(scored2565.organization, frameworks)
    response = login(analyst).get(reverse("assessments:dashboard"))
    history = response.context["history"]
    assert history["years"] == [2565, 2566, 2567, 2568]
    assert response.context["current"]["year"] == 2568
    row1 = history["rows"][0]
    assert row1["cells"][0]["score"] == Decimal("86.52")
    assert row1["cells"][1]["change"] == Decimal("77") - Decimal("86.52")
    assert [b["year"] for b in history["chart"]["bars"]] == [2565, 2566, 2567, 2568]
    page = response.content.decode()
    assert [y for y in (2565, 2566, 2567, 2568) if f"<title>ปี {y}:" in page] == [
        2565,
        2566,
        2567,
        2568,
    ]


def test_the_dashboard_without_any_assessment_says_so(login, analyst, frameworks):
    page = login(analyst).get(reverse("assessments:dashboard")).content.decode()
    assert "ยังไม่มีผลการประเมินของหน่วยงาน" in page


@pytest.mark.parametrize("url", ["assessments:dashboard", "home"])
def test_the_page_runs_the_same_queries_for_one_year_or_four(
    login, analyst, scored2565, frameworks, url, django_assert_num_queries
):
    client = login(analyst)
    one_year = count_queries(client, reverse(url))
    add_years(scored2565.organization, frameworks)
    client.get(reverse(url))
    with django_assert_num_queries(one_year):
        client.get(reverse(url))


def test_the_year_page_runs_a_fixed_number_of_queries(
    login, analyst, scored2565, frameworks, django_assert_num_queries
):
    client = login(analyst)
    detail = count_queries(client, reverse("assessments:detail", args=[2565]))
    results = count_queries(client, reverse("assessments:item_results", args=[2565]))
    add_years(scored2565.organization, frameworks)
    client.get(reverse("assessments:detail", args=[2565]))
    with django_assert_num_queries(detail):
        client.get(reverse("assessments:detail", args=[2565]))
    with django_assert_num_queries(results):
        client.get(reverse("assessments:item_results", args=[2565]))


def test_the_home_panel_shows_total_level_and_distance(login, staff_office, scored2565):
    page = login(staff_office).get(reverse("home")).content.decode()
    assert "ผลการประเมิน ITA" in page
    assert "60.61" in page and "24.39" in page
    assert reverse("assessments:dashboard") in page


def public_url(org, year=2565, json_=False):
    name = "public:ita_json" if json_ else "public:ita"
    return reverse(name, kwargs={"org_slug": org.slug, "year": year})


def test_the_public_page_needs_no_login(client, scored2565):
    make_public(scored2565)
    response = client.get(public_url(scored2565.organization))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser").get_text()
    assert "60.61" in page and "องค์การบริหารส่วนตำบลทดสอบ" in page
    assert "การป้องกันการทุจริต" in page and "12.50" in page


def test_the_public_json_has_the_documented_shape(client, scored2565):
    make_public(scored2565)
    response = client.get(public_url(scored2565.organization, json_=True))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert list(data) == [
        "organization",
        "year",
        "framework",
        "total",
        "level",
        "passed",
        "instruments",
        "indicators",
        "oit_answers",
        "published",
        "public_on",
    ]
    assert data["organization"] == {
        "slug": "thotsop",
        "name": "องค์การบริหารส่วนตำบลทดสอบ",
        "short_name": "อบต.ทดสอบ",
    }
    assert (data["year"], data["total"], data["level"], data["passed"]) == (
        2565,
        "60.61",
        "D",
        False,
    )
    assert data["instruments"][0] == {
        "code": "IIT",
        "name": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
        "weight": "30.00",
        "score": "80.42",
    }
    assert data["indicators"][9] == {
        "number": 10,
        "name": "การป้องกันการทุจริต",
        "instrument": "OIT",
        "weight": "20.00",
        "score": "12.50",
    }
    assert {i["number"]: i["score"] for i in data["indicators"]} == SEED_2565
    assert data["oit_answers"] == []
    assert data["framework"]["pass_mark"] == "85.00"
    assert data["framework"]["provisional"] is False and data["framework"]["notice"] is None
    assert data["published"] is None  # nothing recorded of what NACC published
    assert data["public_on"] == "2022-09-30"


def test_an_incomplete_year_publishes_nulls(client, assessment2565):
    services.scores_save(
        assessment=assessment2565, scores={1: Decimal("90")}, version=assessment2565.version
    )
    make_public(assessment2565)
    data = json.loads(client.get(public_url(assessment2565.organization, json_=True)).content)
    assert data["total"] is None and data["level"] is None and data["passed"] is None
    assert data["indicators"][1]["score"] is None


def test_unknown_organization_or_year_is_404(client, scored2565, other_org):
    make_public(scored2565)
    org = scored2565.organization
    assert client.get(public_url(org, 2566)).status_code == 404
    assert client.get(public_url(org, 2566, json_=True)).status_code == 404
    assert client.get(public_url(other_org)).status_code == 404
    bad = reverse("public:ita", kwargs={"org_slug": "nobody", "year": 2565})
    assert client.get(bad).status_code == 404


@pytest.mark.parametrize("json_", [False, True])
def test_the_public_page_runs_a_fixed_number_of_queries(
    client, scored2565, frameworks, json_, django_assert_num_queries
):
    org = make_public(scored2565).organization
    one_year = count_queries(client, public_url(org, json_=json_))
    add_years(org, frameworks)
    client.get(public_url(org, 2568, json_=json_))  # the process keeps 2568's structure
    with django_assert_num_queries(one_year):
        client.get(public_url(org, 2568, json_=json_))


def test_a_year_with_decimals_in_thai_digits_is_stored_exactly(assessment2565):
    services.scores_save(
        assessment=assessment2565, scores=decimals(SEED_2565), version=assessment2565.version
    )
    assert assessment2565.scores.get(indicator__number=6).score == Decimal("88.42")


def test_a_year_is_not_public_until_the_admin_makes_it_public(client, login, analyst, scored2565):
    org = scored2565.organization
    assert client.get(public_url(org)).status_code == 404
    assert client.get(public_url(org, json_=True)).status_code == 404
    response = login(analyst).post(
        reverse("assessments:make_public", args=[2565]),
        {"public_on": "2022-09-30", "version": scored2565.version},
    )
    assert response.status_code == 302
    client.logout()
    data = json.loads(client.get(public_url(org, json_=True)).content)
    assert (data["total"], data["public_on"]) == ("60.61", "2022-09-30")


def test_the_public_page_shows_what_was_published_not_what_is_typed_since(client, scored2565):
    org = make_public(scored2565).organization
    services.scores_save(
        assessment=scored2565, scores={10: Decimal("99.99")}, version=scored2565.version
    )
    data = json.loads(client.get(public_url(org, json_=True)).content)
    assert data["total"] == "60.61"
    assert data["indicators"][9]["score"] == "12.50"
    assert "99.99" not in client.get(public_url(org)).content.decode()
    make_public(scored2565, on=date(2022, 10, 5))  # published again: the new result shows
    data = json.loads(client.get(public_url(org, json_=True)).content)
    assert data["indicators"][9]["score"] == "99.99" and data["public_on"] == "2022-10-05"


def test_a_withdrawn_year_leaves_the_public_page(client, login, analyst, scored2565):
    org = make_public(scored2565).organization
    response = login(analyst).post(
        reverse("assessments:make_public", args=[2565]),
        {"withdraw": "1", "version": scored2565.version},
    )
    assert response.status_code == 302
    assert client.get(public_url(org, json_=True)).status_code == 404


def test_only_the_agency_admin_makes_a_year_public(login, mayor, staff_office, scored2565):
    for user in (mayor, staff_office):
        response = login(user).post(
            reverse("assessments:make_public", args=[2565]),
            {"public_on": "2022-09-30", "version": scored2565.version},
        )
        assert response.status_code == 403
    scored2565.refresh_from_db()
    assert scored2565.public_on is None


def test_the_dashboard_names_each_instrument_with_its_code_once(login, mayor, scored2565):
    page = login(mayor).get(reverse("assessments:dashboard")).content.decode()
    assert "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)" not in page
    assert "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน" in page
