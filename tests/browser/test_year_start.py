"""The analyst starts the current fiscal year on a phone, from the demo's FY 2565 seed."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

import years.demo
from assessments.models import Framework
from committees.models import Order
from itaportal import thai
from itaportal.models import Organization
from measures.models import Measure
from oit.models import OITAnswer
from tests.browser.conftest import PHONE
from tests.browser.journeys_support import horizontal_overflow, screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("loaddemo", stdout=io.StringIO())
    org = Organization.objects.get(slug="nongprung")
    # loaddemo has started FY 2570 already; this journey starts the year from the seed.
    years.demo.unload(org)
    return org


def test_the_analyst_starts_the_year_from_the_home_page_on_a_phone(new_page, live_server, demo):
    year = thai.fiscal_year(timezone.localdate())
    page = sign_in(new_page, live_server, "analyst", viewport=PHONE)
    page.get_by_role("link", name=f"เริ่มปีงบประมาณ {year}").click()
    page.wait_for_url("**/years/start/")
    assert page.get_by_role("heading", level=1).inner_text() == (f"เริ่มปีงบประมาณ {year}")

    page.get_by_role("button", name="ดูสิ่งที่จะสร้างและคัดลอก").click()
    page.wait_for_selector("#preview")
    assert "จะสร้าง" in page.locator("#preview + .list-group").inner_text()
    assert horizontal_overflow(page) == 0
    screenshot(page, "year-start-preview-phone")

    page.get_by_role("button", name=f"ยืนยัน เริ่มปีงบประมาณ {year}").click()
    page.wait_for_url(f"**/assessments/{year}/")
    assert f"เริ่มปีงบประมาณ {year} แล้ว" in page.locator(".alert-success").inner_text()

    framework = Framework.objects.get(year=year)
    assert framework.provisional
    order = Order.objects.get(organization=demo, fiscal_year=year)
    assert order.status == Order.Status.DRAFT and order.number is None
    assert order.subject.endswith(f"ประจำปีงบประมาณ พ.ศ. {thai.thai_digits(year)}")
    assert Measure.objects.filter(assessment__organization=demo, assessment__year=year).count() == 5
    answers = OITAnswer.objects.for_year(demo, year)
    assert answers.exists()
    assert set(answers.values_list("status", flat=True)) == {OITAnswer.Status.DRAFT}
