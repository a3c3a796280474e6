"""The setup checklist on the home page of a new organization's agency admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from itaportal.models import Organization, User
from itaportal.thai import current_fiscal_year
from tests.assessments.factories import make_framework
from tests.conftest import PASSWORD, make_user, png_bytes
from years.selectors import setup_steps

HOME = reverse("home")
STEPS = ["ข้อมูลหน่วยงาน", "ตราสัญลักษณ์", "ส่วนราชการ", "ผู้ใช้งาน", "ผู้บริหาร", "ปีงบประมาณ"]


@pytest.fixture
def new_org(db):
    """An organization as `manage.py createorg` leaves it, and its first admin."""
    call_command(
        "createorg",
        *["--slug", "bangkrachao", "--name", "องค์การบริหารส่วนตำบลบางกะเจ้า"],
        *["--short-name", "อบต.บางกะเจ้า", "--district", "พระประแดง"],
        *["--province", "สมุทรปราการ", "--admin", "bk-admin", "--password", PASSWORD],
        verbosity=0,
    )
    return Organization.objects.get(slug="bangkrachao")


@pytest.fixture
def new_admin(new_org):
    return User.objects.get(username="bk-admin")


def checklist(page):
    """The steps shown on the home page: {title prefix: done}, or None without a checklist."""
    panels = [p for p in page.context["panels"] if p["template"] == "years/_setup_checklist.html"]
    if not panels:
        return None
    steps = panels[0]["context"]["steps"]
    return {prefix: s.done for prefix in STEPS for s in steps if s.title.startswith(prefix)}


def test_a_new_organization_sees_every_step_open_with_its_link(login, new_admin):
    page = login(new_admin).get(HOME)
    assert checklist(page) == dict.fromkeys(STEPS, False)
    html = page.content.decode()
    assert html.count("ยังไม่ได้ทำ") == len(STEPS) and "เสร็จแล้ว</span>" not in html
    for url in (
        reverse("organization_settings"),
        reverse("department_create"),
        reverse("user_create"),
        reverse("years:start"),
    ):
        assert f'href="{url}' in html
    assert "ทำแล้ว 0 จาก 6 ขั้นตอน" in html


def test_each_step_is_ticked_when_done_through_the_portal_pages(login, new_org, new_admin):
    client = login(new_admin)
    settings_form = {
        "name": new_org.name,
        "short_name": new_org.short_name,
        "kind": new_org.kind,
        "district": new_org.district,
        "province": new_org.province,
        "website_domains": "bangkrachao.go.th",
    }
    assert client.post(reverse("organization_settings"), settings_form).status_code == 302
    assert checklist(client.get(HOME))["ข้อมูลหน่วยงาน"] is True

    emblem = SimpleUploadedFile("emblem.png", png_bytes(), content_type="image/png")
    client.post(reverse("organization_settings"), {**settings_form, "emblem": emblem})
    assert checklist(client.get(HOME))["ตราสัญลักษณ์"] is True

    make_framework(current_fiscal_year())
    start = {"year": current_fiscal_year(), "copy_order": "on", "action": "preview"}
    preview = client.post(reverse("years:start"), start)
    confirm = {**start, "action": "confirm", "previewed": preview.context["form"].fingerprint()}
    assert client.post(reverse("years:start"), confirm).status_code == 302
    assert checklist(client.get(HOME))["ปีงบประมาณ"] is True

    client.post(reverse("department_create"), {"name": "สำนักปลัด", "order": 1})
    assert checklist(client.get(HOME))["ส่วนราชการ"] is False  # one is not the list yet
    client.post(reverse("department_create"), {"name": "กองคลัง", "order": 2})
    assert checklist(client.get(HOME))["ส่วนราชการ"] is True

    office = new_org.departments.get(name="สำนักปลัด")
    staff = {"first_name": "สมศรี", "last_name": "ใจดี", "password": "a-long-staff-pass-1"}
    staff |= {"username": "bk-staff", "role": "staff", "department": office.pk, "is_active": "on"}
    assert client.post(reverse("user_create"), staff).status_code == 302
    steps = checklist(client.get(HOME))
    assert steps["ผู้ใช้งาน"] is True and steps["ผู้บริหาร"] is False

    mayor = {**staff, "username": "bk-mayor", "role": "executive", "department": ""}
    assert client.post(reverse("user_create") + "?role=executive", mayor).status_code == 302
    # Every step done: the checklist goes away, and with the year started nothing replaces it.
    page = client.get(HOME)
    assert checklist(page) is None
    assert "เริ่มต้นใช้งานระบบ" not in page.content.decode()


def test_the_executive_link_opens_the_user_form_with_the_role_chosen(login, new_admin):
    form = login(new_admin).get(reverse("user_create") + "?role=executive").context["form"]
    assert form["role"].value() == "executive"


def test_staff_and_executives_never_see_it(login, new_org, new_admin):
    office = new_org.departments.create(name="สำนักปลัด")
    for user in (
        make_user("bk-staff", new_org, "staff", office),
        make_user("bk-mayor", new_org, "executive"),
    ):
        page = login(user).get(HOME)
        assert page.status_code == 200 and checklist(page) is None
        assert "เริ่มต้นใช้งานระบบ" not in page.content.decode()


def test_another_organizations_data_ticks_nothing(login, new_admin, org, office, finance, mayor):
    # `org` has domains, departments, users and an executive, and the year started.
    from assessments.models import Assessment

    org.emblem = SimpleUploadedFile("e.png", png_bytes(), content_type="image/png")
    org.save()
    make_user("org-staff", org, "staff", office)
    Assessment.objects.create(organization=org, framework=make_framework(current_fiscal_year()))
    assert all(step.done for step in setup_steps(org))
    assert checklist(login(new_admin).get(HOME)) == dict.fromkeys(STEPS, False)


def test_once_set_up_only_a_new_year_brings_back_the_start_panel_not_the_checklist(
    login, org, office, finance, analyst, mayor
):
    org.emblem = SimpleUploadedFile("e.png", png_bytes(), content_type="image/png")
    org.save()
    page = login(analyst).get(HOME)
    assert checklist(page) is None
    titles = [p["title"] for p in page.context["panels"]]
    assert f"ปีงบประมาณ {current_fiscal_year()} ยังไม่ได้เริ่ม" in titles
