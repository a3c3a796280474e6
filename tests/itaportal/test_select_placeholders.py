"""No select box shows Django's "---------": its empty entry says in Thai what it means."""

import pytest
from django.urls import reverse

from tests.measures import factories


@pytest.fixture
def year_data(org, office, finance):
    assessment = factories.assessment(org)
    measure = factories.measure(assessment, 6, [finance])
    return assessment, measure


def _pages(assessment, measure):
    year = assessment.year
    return [
        reverse("measures:create", args=[year]),
        reverse("measures:edit", args=[measure.pk]),
        reverse("measures:memo_create", args=[year]),
        reverse("measures:report_add", args=[measure.pk]),
        reverse("user_create"),
        reverse("department_create"),
        reverse("organization_settings"),
        reverse("announcements:create"),
        reverse("deadlines:calendar"),
        reverse("notices:list"),
        reverse("notices:rules"),
        reverse("committees:create"),
        reverse("campaigns:edit", args=[year]),
        reverse("years:start"),
    ]


def test_the_main_forms_show_no_django_blank_choice(login, analyst, year_data):
    client = login(analyst)
    for url in _pages(*year_data):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "---------" not in response.content.decode(), url


def test_the_measure_form_asks_to_choose_an_indicator_in_thai(login, analyst, year_data):
    assessment, _measure = year_data
    html = login(analyst).get(reverse("measures:create", args=[assessment.year])).content.decode()
    assert "— เลือกตัวชี้วัด —" in html


def test_the_user_form_says_what_no_department_means(login, analyst):
    html = login(analyst).get(reverse("user_create")).content.decode()
    assert "— ไม่สังกัดส่วนราชการ (ผู้ดูแลระบบ ผู้บริหาร) —" in html
