"""The page เริ่มปีงบประมาณ: form, preview, confirm; who may use it; where it is linked.

The page starts the current fiscal year by default, so these tests build last year and
this year from the real date (the fiscal year the tests run in).
"""

from datetime import date

import pytest
from django.urls import reverse

from assessments.models import Assessment, Framework
from committees.models import Order
from itaportal import thai
from oit.models import OITAnswer
from tests.assessments.factories import make_answer, make_framework
from tests.trust.helpers import is_thai

URL = reverse("years:start")
FY = thai.fiscal_year(date.today())


@pytest.fixture
def last_year(org, office, mayor, staff_office):
    framework = make_framework(FY - 1)
    Assessment.objects.create(organization=org, framework=framework)
    make_answer(org, framework, "O1", office, OITAnswer.Status.APPROVED, mayor)
    make_answer(org, framework, "O3", office, OITAnswer.Status.DRAFT, staff_office)
    return framework


def post(client, action="preview", **data):
    values = {
        "year": str(FY),
        "source_year": str(FY - 1),
        "copy_order": "on",
        "copy_measures": "on",
        "copy_answers": "on",
        "action": action,
    }
    values.update(data)
    return client.post(URL, {k: v for k, v in values.items() if v is not None})


def test_the_page_offers_the_current_year_in_arabic_digits(login, analyst, last_year):
    page = login(analyst).get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"เริ่มปีงบประมาณ {FY}" in html
    form = page.context["form"]
    assert form["year"].value() == FY and form["source_year"].value() == FY - 1
    assert all(form[name].value() for name in ("copy_order", "copy_measures", "copy_answers"))
    assert 'value="confirm"' not in html  # no confirm before a preview


def test_preview_shows_what_will_be_made_and_writes_nothing(login, analyst, last_year):
    page = post(login(analyst))
    assert page.status_code == 200
    plan = page.context["plan"]
    assert plan.framework.create and plan.answers.action == "copy"
    html = page.content.decode()
    assert "จะสร้าง" in html and f"ยืนยัน เริ่มปีงบประมาณ {FY}" in html
    assert 'name="map-O1"' in html and 'name="map-O3"' in html
    assert not Framework.objects.filter(year=FY).exists()
    assert page.context["form"]["previewed"].value() == f"{FY}:{FY - 1}:111"


def test_confirming_the_preview_starts_the_year(login, analyst, last_year):
    client = login(analyst)
    preview = post(client)
    page = post(
        client,
        "confirm",
        previewed=preview.context["form"]["previewed"].value(),
        **{"map-O1": "O1", "map-O3": "O3"},
    )
    assert page.status_code == 302 and page.url == reverse("assessments:detail", args=[FY])
    assert Framework.objects.get(year=FY).provisional
    copies = OITAnswer.objects.for_year(analyst.organization, FY)
    assert sorted(copies.values_list("item__code", flat=True)) == ["O1", "O3"]
    message = str(list(client.get(page.url).context["messages"])[0])
    assert message.startswith(f"เริ่มปีงบประมาณ {FY} แล้ว")


def test_confirming_other_values_than_previewed_shows_a_new_preview(login, analyst, last_year):
    client = login(analyst)
    page = post(client, "confirm", previewed=f"{FY}:{FY - 1}:000")
    assert page.status_code == 200 and page.context["plan"] is not None
    assert not Framework.objects.filter(year=FY).exists()


def test_a_hand_mapping_onto_one_item_twice_is_refused_beside_the_selects(
    login, analyst, last_year
):
    client = login(analyst)
    preview = post(client)
    page = post(
        client,
        "confirm",
        previewed=preview.context["form"]["previewed"].value(),
        **{"map-O1": "O2", "map-O3": "O2"},
    )
    assert page.status_code == 200
    assert "ข้อเดียวกัน" in page.context["mapping_error"] and is_thai(page.context["mapping_error"])
    assert 'id="mapping-error"' in page.content.decode()
    # the selects keep what the admin chose
    rows = {r["item"].code: r["selected"] for r in page.context["mapping_rows"]}
    assert rows == {"O1": "O2", "O3": "O2"}
    assert not Framework.objects.filter(year=FY).exists()


@pytest.mark.parametrize(
    "data, field, words",
    [
        ({"year": str(FY + 5)}, "year", f"เริ่มได้ไม่เกินปี {FY + 1}"),
        ({"year": "2500"}, "year", "ระบบมีกรอบการประเมินตั้งแต่ปี"),
        ({"year": "ปีหน้า"}, "year", "กรุณากรอกจำนวนเต็ม"),
        ({"source_year": "2500"}, "source_year", "กรุณาเลือกปีที่หน่วยงานมีข้อมูล"),
    ],
)
def test_bad_input_gets_a_thai_message_next_to_its_field(
    login, analyst, last_year, data, field, words
):
    page = post(login(analyst), "confirm", previewed=f"{FY}:{FY - 1}:111", **data)
    assert page.status_code == 200
    errors = page.context["form"].errors[field]
    assert any(words in e for e in errors) and all(is_thai(e) for e in errors)
    assert not Framework.objects.filter(year__gt=FY - 1).exists()


def test_a_year_already_started_offers_what_is_missing_then_says_it_is_complete(
    login, analyst, last_year
):
    client = login(analyst)
    preview = post(client, copy_answers=None)
    post(
        client, "confirm", copy_answers=None, previewed=preview.context["form"]["previewed"].value()
    )
    page = post(client)
    assert "ไว้แล้ว" in page.context["year_note"]
    assert page.context["plan"].answers.action == "copy"
    post(client, "confirm", previewed=page.context["form"]["previewed"].value())
    done = post(client)
    assert any("ไม่มีอะไรต้องทำเพิ่ม" in e for e in done.context["form"].errors["year"])
    assert "ยืนยัน เริ่มปีงบประมาณ" not in done.content.decode()
    assert OITAnswer.objects.for_year(analyst.organization, FY).count() == 2


def test_only_the_agency_admin_may_use_it(client, login, last_year, staff_office, mayor):
    assert client.get(URL).status_code == 302  # to the login page
    for user in (staff_office, mayor):
        assert login(user).get(URL).status_code == 403
        assert post(login(user), "confirm", previewed=f"{FY}:{FY - 1}:111").status_code == 403
    assert not Framework.objects.filter(year=FY).exists()


def test_another_organizations_admin_starts_only_their_own(login, outsider, last_year, org):
    make_framework(FY)
    page = login(outsider).get(URL)
    assert page.status_code == 200
    assert page.context["form"].fields["source_year"].choices[0][0] == ""  # none of org's years
    post(login(outsider), "confirm", source_year="", previewed=f"{FY}:-:111")
    assert Assessment.objects.filter(organization=outsider.organization, year=FY).exists()
    assert not Assessment.objects.filter(organization=org, year=FY).exists()
    assert not Order.objects.exists()


def test_home_and_dashboard_link_the_page_while_the_year_is_not_started(
    login, analyst, staff_office, last_year
):
    client = login(analyst)
    button = f"เริ่มปีงบประมาณ {FY}"
    assert button in client.get(reverse("home")).content.decode()
    assert button in client.get(reverse("assessments:dashboard")).content.decode()
    assert button not in login(staff_office).get(reverse("home")).content.decode()
    Assessment.objects.create(organization=analyst.organization, framework=make_framework(FY))
    client = login(analyst)
    assert button not in client.get(reverse("home")).content.decode()
    assert button not in client.get(reverse("assessments:dashboard")).content.decode()


def test_the_dashboards_button_asks_nothing_the_page_has_not_read(
    login, analyst, staff_office, last_year
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(user):
        client = login(user)
        client.get(reverse("assessments:dashboard"))  # the year's structure is kept
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("assessments:dashboard"))
        return len(captured), response.content.decode()

    (admin, page), (staff, _) = queries(analyst), queries(staff_office)
    assert f"เริ่มปีงบประมาณ {FY}" in page
    # Staff get no button; the admin's is decided from the years the dashboard read.
    assert admin == staff
