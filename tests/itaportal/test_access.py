"""Who may open the portal's core pages."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


def test_login_with_a_wrong_password_gets_a_thai_message(client, analyst):
    response = client.post(reverse("login"), {"username": "analyst", "password": "wrong"})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_then_home_shows_the_organization_and_fiscal_year(client, analyst):
    response = client.post(
        reverse("login"), {"username": "analyst", "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert "องค์การบริหารส่วนตำบลทดสอบ" in page
    assert "ปีงบประมาณ พ.ศ. 25" in page


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_operator_without_organization_is_refused_portal_pages_in_thai(login, operator):
    response = login(operator).get(reverse("home"))
    assert response.status_code == 403
    assert "ไม่ได้สังกัดหน่วยงาน" in response.content.decode()


@pytest.mark.parametrize("url_name", ["organization_settings", "user_list", "user_create"])
def test_only_the_agency_admin_manages_the_organization(
    login, url_name, mayor, staff_office, analyst
):
    assert login(staff_office).get(reverse(url_name)).status_code == 403
    assert login(mayor).get(reverse(url_name)).status_code == 403
    assert login(analyst).get(reverse(url_name)).status_code == 200


def test_a_user_of_another_organization_gets_404_for_our_user(
    login, analyst, outsider, staff_office
):
    response = login(outsider).get(reverse("user_edit", args=[staff_office.pk]))
    assert response.status_code == 404


def test_the_admin_cannot_edit_a_department_of_another_organization(login, analyst, outsider):
    dept = outsider.department
    assert login(analyst).get(reverse("department_edit", args=[dept.pk])).status_code == 404
