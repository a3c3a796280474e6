"""The public pages as a citizen sees them: the list of an organization's published years,
each year's page with its neighbours, the rating scale, the date it was published, its
own header (never a way into the staff pages), the favicon and the page's metadata."""

from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from tests.assessments.test_dashboard_public import add_years, count_queries, make_public

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81"
    b"\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def years_url(org):
    return reverse("public:years", args=[org.slug])


def year_url(org, year):
    return reverse("public:ita", args=[org.slug, year])


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def four_years(scored2565, frameworks):
    """2565 to 2568 assessed; 2565, 2566 and 2568 made public on their own days, 2567
    scored but never made public."""
    org = scored2565.organization
    make_public(scored2565, on=date(2022, 9, 30))
    add_years(org, frameworks, years=(2566, 2567, 2568))
    days = {2566: date(2023, 10, 2), 2568: date(2025, 9, 15)}
    for assessment in org.assessments.filter(year__in=(2566, 2568)):
        make_public(assessment, on=days[assessment.year])
    services.assessment_withdraw_public(
        assessment=(a := org.assessments.get(year=2567)), version=a.version
    )
    return org


def test_the_list_shows_only_published_years_newest_first_with_their_dates(client, four_years):
    page = soup(client, years_url(four_years))
    rows = page.select("[data-year]")
    assert [r["data-year"] for r in rows] == ["2568", "2566", "2565"]
    first, last = rows[0].get_text(" ", strip=True), rows[-1].get_text(" ", strip=True)
    assert "เผยแพร่เมื่อ 15 กันยายน 2568" in first
    assert "เผยแพร่เมื่อ 30 กันยายน 2565" in last
    assert "60.61" in last and "D" in last.split()
    assert rows[-1].a["href"] == year_url(four_years, 2565)
    assert "2567" not in page.get_text() and year_url(four_years, 2567) not in str(page)


def test_the_list_shows_what_was_published_not_what_is_typed_since(client, scored2565):
    org = make_public(scored2565).organization
    services.scores_save(
        assessment=scored2565, scores={10: Decimal("99.99")}, version=scored2565.version
    )
    text = soup(client, years_url(org)).get_text()
    assert "60.61" in text and "99.99" not in text


def test_a_year_links_to_its_published_neighbours_and_back_to_the_list(client, four_years):
    nav = soup(client, year_url(four_years, 2566)).select_one("nav.public-year-nav")
    links = {a.get("rel", [""])[0]: a["href"] for a in nav.select("a")}
    assert links["prev"] == year_url(four_years, 2565)
    assert links["next"] == year_url(four_years, 2568)  # 2567 was never made public
    assert years_url(four_years) in links.values()
    newest = soup(client, year_url(four_years, 2568)).select_one("nav.public-year-nav")
    assert [a.get("rel", [""])[0] for a in newest.select("a")] == ["prev", ""]
    assert year_url(four_years, 2567) not in str(soup(client, year_url(four_years, 2568)))


def test_the_year_page_shows_its_publication_date_in_buddhist_era(client, four_years):
    page = soup(client, year_url(four_years, 2566))
    assert page.select_one("[data-public-on]").get_text(strip=True) == "เผยแพร่เมื่อ 2 ตุลาคม 2566"
    # FY 2566 has the 43 OIT items of the shipped framework; none approved here.
    assert "แสดงเฉพาะคำตอบที่ผู้บริหารอนุมัติแล้ว 0 ข้อ จาก 43 ข้อ" in page.get_text(" ", strip=True)


def test_the_rating_scale_is_the_years_own_with_the_organizations_band_marked(
    client, four_years, frameworks
):
    page = soup(client, year_url(four_years, 2565))
    rows = page.select(".rating-scale [data-band]")
    assert [r["data-band"] for r in rows] == ["AA", "A", "B", "C", "D", "E", "F"]
    marked = page.select(".rating-scale [aria-current=true]")
    assert [r["data-band"] for r in marked] == ["D"]
    assert "ตั้งแต่ 55.00" in marked[0].get_text() and "ผลของหน่วยงาน" in marked[0].get_text()
    assert "ต่ำกว่า 50.00" in rows[-1].get_text()
    # FY 2566 rates by the Rating Score, with the per-instrument condition, from its data.
    labels = [b.label for b in sorted(frameworks[2566].rating_bands.all(), key=lambda b: b.order)]
    later = soup(client, year_url(four_years, 2566)).select(".rating-scale [data-band]")
    assert [r["data-band"] for r in later] == labels
    assert "ทุกเครื่องมือตั้งแต่ 95.00" in later[0].get_text()


def test_the_public_pages_never_lead_to_the_staff_pages_or_their_login(client, four_years):
    for url in (years_url(four_years), year_url(four_years, 2565)):
        page = soup(client, url)
        hrefs = [a["href"] for a in page.select("a[href]")]
        assert reverse("login") not in " ".join(hrefs)
        assert "/" not in hrefs  # the staff home, which leads to the login
        assert not page.select("nav.portal-nav")
        assert page.select_one("header a.public-brand")["href"] == years_url(four_years)


def test_the_public_pages_carry_a_favicon_and_their_metadata(client, four_years):
    page = soup(client, year_url(four_years, 2565))
    assert page.html["lang"] == "th"
    assert page.title.get_text() == "ผลการประเมิน ITA ปีงบประมาณ 2565 · องค์การบริหารส่วนตำบลทดสอบ"
    assert page.select_one("link[rel=icon]")["href"].endswith("img/favicon.svg")
    assert page.select_one("link[rel=apple-touch-icon]")
    description = page.select_one("meta[name=description]")["content"]
    assert "60.61" in description and "2565" in description
    assert page.select_one("meta[property='og:title']")["content"] == page.title.get_text()
    assert "60.61" in page.select_one("meta[property='og:description']")["content"]
    assert page.select_one("link[rel=canonical]")["href"] == "http://testserver" + year_url(
        four_years, 2565
    )
    listing = soup(client, years_url(four_years))
    assert "องค์การบริหารส่วนตำบลทดสอบ" in listing.title.get_text()
    assert listing.select_one("link[rel=canonical]")["href"].endswith(years_url(four_years))
    assert listing.select_one("meta[property='og:description']")["content"]


def test_the_favicon_is_served_and_the_staff_pages_link_it_too(client, login, analyst):
    from django.contrib.staticfiles import finders

    path = finders.find("img/favicon.svg")
    assert path and open(path, encoding="utf-8").read().lstrip().startswith("<svg")
    touch = finders.find("img/apple-touch-icon.png")
    assert touch and open(touch, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    staff = BeautifulSoup(login(analyst).get(reverse("home")).content, "html.parser")
    assert staff.select_one("link[rel=icon]")["href"].endswith("img/favicon.svg")
    assert staff.select_one("link[rel=apple-touch-icon]")["href"].endswith("apple-touch-icon.png")
    assert client.get("/favicon.ico").url.endswith("img/favicon.svg")  # browsers ask anyway


@pytest.mark.parametrize("slug", ["nobody", "other"])
def test_an_unknown_organization_or_one_without_a_public_year_gets_a_thai_404(
    client, scored2565, other_org, slug
):
    make_public(scored2565)
    for url in (reverse("public:years", args=[slug]), reverse("public:ita", args=[slug, 2565])):
        response = client.get(url)
        assert response.status_code == 404
        page = BeautifulSoup(response.content, "html.parser")
        assert "ไม่พบผลการประเมินที่เผยแพร่" in page.get_text()
        assert reverse("login") not in str(page) and not page.select("a[href='/']")
        assert "เทศบาลตำบลอื่น" not in page.get_text()  # nothing public: not even its name


def test_an_organization_that_withdrew_its_only_year_has_no_public_list(client, scored2565):
    org = make_public(scored2565).organization
    services.assessment_withdraw_public(assessment=scored2565, version=scored2565.version)
    assert client.get(years_url(org)).status_code == 404


def test_a_missing_year_of_a_published_organization_leads_back_to_its_list(client, four_years):
    response = client.get(year_url(four_years, 2567))
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("main a")["href"] == years_url(four_years)


def test_the_emblem_shows_on_the_public_pages_only_once_a_year_is_public(client, scored2565):
    org = scored2565.organization
    org.emblem = SimpleUploadedFile("emblem.png", PNG)
    org.save()
    emblem = reverse("public:emblem", args=[org.slug])
    assert client.get(emblem).status_code == 404
    make_public(scored2565)
    assert client.get(emblem).status_code == 200
    page = soup(client, year_url(org, 2565))
    assert page.select_one("header img.public-emblem")["src"] == emblem


def test_the_list_runs_the_same_queries_for_one_year_or_four(
    client, scored2565, frameworks, django_assert_num_queries
):
    org = make_public(scored2565).organization
    one_year = count_queries(client, years_url(org))
    add_years(org, frameworks)
    with django_assert_num_queries(one_year):
        client.get(years_url(org))


def test_the_public_page_keeps_compounds_whole_at_line_ends(client, scored2565):
    org = make_public(scored2565).organization
    kept = {span.get_text() for span in soup(client, year_url(org, 2565)).select(".nobr")}
    # Indicator 1 "การปฏิบัติหน้าที่" must not break inside หน้าที่ at a line end.
    assert any("หน้าที่" in word for word in kept), kept
