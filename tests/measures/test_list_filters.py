"""The measures list filters by indicator, status and overdue, and pages long lists."""

from datetime import date

import pytest
from django.urls import reverse

from measures.models import Measure
from measures.views import MEASURES_PER_PAGE
from tests.measures import factories

CARD = 'class="list-group-item py-3"'


def shown(page, measure):
    return f'href="/measures/{measure.pk}/"' in page


def test_the_list_filters_by_indicator(login, analyst, seed):
    page = login(analyst).get(reverse("measures:list"), {"indicator": 9}).content.decode()
    assert shown(page, seed[9])
    assert not any(shown(page, seed[n]) for n in (6, 7, 8, 10))
    assert "ตัวชี้วัดที่ 9" in page


def test_the_list_filters_by_status(login, analyst, seed):
    Measure.objects.filter(pk=seed[7].pk).update(status=Measure.Status.DONE)
    page = login(analyst).get(reverse("measures:list"), {"status": "done"}).content.decode()
    done = [n for n, m in seed.items() if Measure.objects.get(pk=m.pk).status == "done"]
    assert 7 in done
    for n, m in seed.items():
        assert shown(page, m) == (n in done), n


def test_the_list_shows_only_the_overdue_when_asked(login, analyst, seed, assessment, depts):
    # Finished before the follow-up year began: nothing was ever owed.
    finished = factories.measure(
        assessment,
        6,
        [depts["office"]],
        title="มาตรการที่เสร็จแล้ว",
        order=9,
        status=Measure.Status.DONE,
        completed_on=date(2022, 9, 1),
    )
    assert not finished.is_overdue
    overdue = {n for n, m in seed.items() if Measure.objects.get(pk=m.pk).is_overdue}
    assert overdue
    client = login(analyst)
    page = client.get(reverse("measures:list"), {"overdue": "1"}).content.decode()
    for n, m in seed.items():
        assert shown(page, m) == (n in overdue), n
    assert not shown(page, finished)
    assert "เฉพาะที่เลยกำหนด" in page
    assert shown(client.get(reverse("measures:list")).content.decode(), finished)


def test_filters_combine(login, analyst, seed):
    Measure.objects.filter(pk=seed[9].pk).update(status=Measure.Status.DONE)
    client = login(analyst)
    page = client.get(reverse("measures:list"), {"indicator": 9, "status": "done"})
    assert shown(page.content.decode(), seed[9])
    page = client.get(reverse("measures:list"), {"indicator": 9, "status": "in_progress"})
    assert not shown(page.content.decode(), seed[9])
    assert "ไม่มีมาตรการที่ตรงกับเงื่อนไขที่เลือก" in page.content.decode()


def test_a_long_list_paginates_and_keeps_its_filters(login, analyst, assessment, depts):
    for i in range(MEASURES_PER_PAGE + 5):
        factories.measure(assessment, 6, [depts["office"]], title=f"มาตรการที่ {i}", order=10 + i)
    client = login(analyst)
    first = client.get(reverse("measures:list"), {"indicator": 6}).content.decode()
    assert first.count(CARD) == MEASURES_PER_PAGE
    assert "ถัดไป" in first
    assert "indicator=6&amp;page=2" in first
    second = client.get(reverse("measures:list"), {"indicator": 6, "page": 2}).content.decode()
    assert second.count(CARD) == 6  # the seed's measure of indicator 6 and five more


@pytest.mark.parametrize(
    "params",
    [
        {"indicator": "abc"},
        {"indicator": "99999999999999999999"},
        {"status": "lost"},
        {"overdue": "yes"},
        {"page": "abc"},
        {"page": "9" * 5000},
        {"page": "-3"},
    ],
)
def test_a_filter_that_means_nothing_shows_the_whole_list(login, analyst, seed, params):
    response = login(analyst).get(reverse("measures:list"), params)
    assert response.status_code == 200
    assert all(shown(response.content.decode(), m) for m in seed.values())


def test_a_year_that_is_not_a_number_or_too_large_never_fails(login, analyst, seed):
    client = login(analyst)
    assert client.get(reverse("measures:list"), {"year": "abc"}).status_code == 200
    assert client.get(reverse("measures:list"), {"year": "9" * 5000}).status_code == 200
    assert client.get(reverse("measures:list"), {"year": "99999999"}).status_code == 404
