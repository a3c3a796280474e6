"""Every year-scoped page opens on the current fiscal year (2570 on 2 December 2026) when
the organization has it, else on its latest year, and switches between its years with the
same switcher; the home page keeps the last published result beside the current year's
progress."""

import re
from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from assessments.services import assessment_create
from measures.models import Measure, Memo
from tests.assessments.conftest import assessment2565, frameworks, fw2565, scored2565  # noqa: F401
from tests.assessments.factories import make_framework
from tests.committees.conftest import make_order

TODAY = date(2026, 12, 2)  # fiscal year 2570


@pytest.fixture(autouse=True)
def today():
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield


def add_year_work(org, office, assessment):
    """A measure of `office`, a memo and a committee order of the assessment's year."""
    measure = Measure.objects.create(
        assessment=assessment,
        indicator=assessment.framework.indicators.order_by("number").first(),
        title=f"มาตรการปี {assessment.year}",
    )
    measure.departments.set([office])
    Memo.objects.create(
        assessment=assessment,
        date=date(2026, 11, 1),
        issuing_unit="สำนักปลัด",
        subject=f"บันทึกปี {assessment.year}",
        addressee="เรียน",
        body=["ย่อหน้า"],
        signer_name="ก",
        signer_position="ข",
    )
    make_order(org, number=assessment.year - 2500, year=assessment.year)


@pytest.fixture
def only2565(org, office, scored2565):  # noqa: F811
    add_year_work(org, office, scored2565)
    return scored2565


@pytest.fixture
def with2570(org, office, only2565):
    make_framework(2570)
    assessment = assessment_create(organization=org, year=2570)
    add_year_work(org, office, assessment)
    return assessment


def switcher(page):
    """{year: (href, marked current)} of the page's year switcher."""
    found = re.findall(r'<details class="year-switcher.*?</details>', page, re.S)
    assert len(found) == 1, "one year switcher per page"
    links = re.findall(
        r'<a class="year-switcher-link[^"]*"[^>]*href="([^"]+)">ปี (\d{4})(.*?)</a>', found[0]
    )
    return {int(year): (href.replace("&amp;", "&"), "ปีปัจจุบัน" in rest) for href, year, rest in links}


# (entry URL name, how the page says which year it shows, the 2565 URL its switcher links)
PAGES = {
    "assessments:dashboard": (lambda c: c["current"]["year"], "/assessments/2565/"),
    "oit:list": (lambda c: c["year"], "/assessments/2565/oit/"),
    "measures:list": (lambda c: c["assessment"].year, "/measures/?year=2565"),
    "measures:mine": (lambda c: c["assessment"].year, "/measures/mine/?year=2565"),
    "measures:memo_list": (lambda c: c["assessment"].year, "/measures/memos/?year=2565"),
    "committees:list": (lambda c: c["year"], "/committees/?year=2565"),
}


def entry(client, name):
    """The page a year-less entry URL lands on (the OIT list is entered by oit:home)."""
    if name == "oit:list":
        response = client.get(reverse("oit:home"))
        assert response.status_code == 302
        return client.get(response.url)
    return client.get(reverse(name))


@pytest.mark.parametrize("name", PAGES)
def test_a_year_less_entry_lands_on_the_current_year_and_switches_to_the_others(
    login, analyst, with2570, name
):
    client = login(analyst)
    response = entry(client, name)
    year_of, url_2565 = PAGES[name]
    assert response.status_code == 200
    assert year_of(response.context) == 2570
    years = switcher(response.content.decode())
    assert list(years) == [2570, 2565]
    assert years[2570][1] and not years[2565][1]
    assert years[2565][0] == url_2565
    other = client.get(url_2565)
    assert other.status_code == 200
    assert year_of(other.context) == 2565


@pytest.mark.parametrize("name", PAGES)
def test_without_the_current_year_a_page_lands_on_the_latest(login, analyst, only2565, name):
    response = entry(login(analyst), name)
    assert response.status_code == 200
    assert PAGES[name][0](response.context) == 2565
    assert list(switcher(response.content.decode())) == [2565]


def test_the_oit_entry_redirects_to_the_current_years_list(login, analyst, with2570):
    response = login(analyst).get(reverse("oit:home"))
    assert response.url == reverse("oit:list", args=[2570])


@pytest.mark.parametrize("name", ["oit:queue", "oit:progress", "assessments:item_results"])
def test_a_years_page_switches_to_the_same_page_of_another_year(login, analyst, with2570, name):
    client = login(analyst)
    years = switcher(client.get(reverse(name, args=[2570])).content.decode())
    assert years == {
        2570: (reverse(name, args=[2570]), True),
        2565: (reverse(name, args=[2565]), False),
    }
    assert client.get(years[2565][0]).status_code == 200


def test_a_year_started_ahead_does_not_move_the_pages_off_the_current_year(
    login, analyst, org, with2570
):
    make_framework(2571)
    assessment_create(organization=org, year=2571)
    response = login(analyst).get(reverse("oit:home"))
    assert response.url == reverse("oit:list", args=[2570])


def test_home_shows_the_last_published_result_beside_the_current_years_progress(
    login, analyst, with2570
):
    page = login(analyst).get(reverse("home")).content.decode()
    published = page[page.index("data-published-result") :]
    assert "ผลการประเมินล่าสุด ปี 2565" in published
    assert "60.61" in published
    assert 'data-working-year="2570"' in page
    assert 'data-oit-progress="2570"' in page
    assert "ยังไม่ครบ" not in page


def test_home_shows_the_result_nacc_published_when_no_scores_are_typed(
    login,
    analyst,
    org,
    fw2565,  # noqa: F811
):
    from decimal import Decimal

    assessment = assessment_create(organization=org, year=2565)
    assessment.published_total = Decimal("71.25")
    assessment.save()
    page = login(analyst).get(reverse("home")).content.decode()
    assert "ผลการประเมินล่าสุด ปี 2565" in page
    assert "71.25" in page
    assert "ตามที่ ป.ป.ช. ประกาศ" in page


def test_the_year_switcher_links_each_year_and_marks_the_shown_and_current_ones(rf):
    from django.template import Context, Template

    def switcher(tag, **values):
        context = Context({"years": [2570, 2569, 2565], "current_fiscal_year": 2570, **values})
        context.request = rf.get("/")
        return Template("{% load portal_pages %}" + tag).render(context)

    html = switcher('{% year_switcher 2569 "oit:list" %}')
    assert 'aria-label="เลือกปีงบประมาณ (ตอนนี้ปี 2569)">ปีงบประมาณ 2569</summary>' in html
    links = re.findall(r'<li><a class="([^"]*)"([^>]*) href="([^"]*)">(.*?)</a></li>', html)
    assert links == [
        (
            "year-switcher-link",
            "",
            reverse("oit:list", args=[2570]),
            'ปี 2570 <span class="badge text-bg-success">ปีปัจจุบัน</span>',
        ),
        (
            "year-switcher-link active",
            ' aria-current="page"',
            reverse("oit:list", args=[2569]),
            "ปี 2569",
        ),
        ("year-switcher-link", "", reverse("oit:list", args=[2565]), "ปี 2565"),
    ]
    html = switcher('{% year_switcher 2570 "measures:list" query=True %}')
    assert "ปีงบประมาณ 2570 · ปีปัจจุบัน</summary>" in html
    assert f'href="{reverse("measures:list")}?year=2565"' in html
    assert switcher('{% year_switcher 2570 "oit:list" %}', years=[]) == ""
