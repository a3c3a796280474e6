"""A forgotten password: the login page says whom to ask, the agency admin gives a
temporary password that must be changed at the next sign-in (and the history says who
reset it), and a user with an e-mail address resets it through a one-time link."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from itaportal.models import User
from tests.confirming import confirmation_of, press_confirm
from tests.conftest import PASSWORD

NEW_PASSWORD = "ทดสอบ-รหัสใหม่-2570"


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_the_login_page_says_whom_to_contact_and_offers_the_email_reset(client, db):
    html = client.get(reverse("login")).content.decode()
    text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    assert "ติดต่อผู้ดูแลระบบหน่วยงานของคุณ" in text
    assert "ผู้ดูแลระบบกลาง" in text
    assert reverse("password_reset") in html


def reset_by_admin(client, user):
    asked = client.post(reverse("user_password_reset", args=[user.pk]))
    assert confirmation_of(asked)["title"].startswith("ยืนยันการตั้งรหัสผ่านชั่วคราว")
    response = press_confirm(client, asked)
    assert response.status_code == 200
    return (
        BeautifulSoup(response.content, "html.parser")
        .select_one("#temporary-password")
        .get_text(strip=True)
    )


def test_the_agency_admin_gives_a_temporary_password_shown_once(login, analyst, staff_office):
    client = login(analyst)
    edit = client.get(reverse("user_edit", args=[staff_office.pk])).content.decode()
    assert reverse("user_password_reset", args=[staff_office.pk]) in edit
    password = reset_by_admin(client, staff_office)
    staff_office.refresh_from_db()
    assert staff_office.check_password(password)
    assert not staff_office.check_password(PASSWORD)
    assert staff_office.must_change_password
    # The history says who reset it, and never holds the password.
    record = staff_office.history.latest()
    assert record.history_user == analyst
    assert record.must_change_password is True
    assert "ตั้งรหัสผ่านชั่วคราวโดย" in record.history_change_reason
    assert not hasattr(record, "password")
    # Shown once: the user edit page does not show it again.
    assert password not in client.get(reverse("user_edit", args=[staff_office.pk])).content.decode()


def test_asking_without_confirming_changes_nothing(login, analyst, staff_office):
    login(analyst).post(reverse("user_password_reset", args=[staff_office.pk]))
    staff_office.refresh_from_db()
    assert staff_office.check_password(PASSWORD) and not staff_office.must_change_password


@pytest.mark.parametrize("who", ["staff_finance", "mayor", "outsider"])
def test_only_the_agency_admin_of_the_organization_resets(login, staff_office, who, request):
    client = login(request.getfixturevalue(who))
    response = client.post(
        reverse("user_password_reset", args=[staff_office.pk]), {"confirmed": "yes"}
    )
    assert response.status_code in (403, 404)
    staff_office.refresh_from_db()
    assert staff_office.check_password(PASSWORD) and not staff_office.must_change_password


def test_a_temporary_password_must_be_changed_before_anything_else(
    client, login, analyst, staff_office
):
    password = reset_by_admin(login(analyst), staff_office)
    client.logout()
    assert sign_in(client, "staff-office", password).status_code == 302
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    page = client.get(reverse("password_change")).content.decode()
    assert "รหัสผ่านชั่วคราว" in page
    changed = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    staff_office.refresh_from_db()
    assert not staff_office.must_change_password
    assert staff_office.check_password(NEW_PASSWORD)
    assert client.get(reverse("home")).status_code == 200


def test_a_user_with_an_email_resets_the_password_by_a_one_time_link(client, staff_office):
    staff_office.email = "staff@thotsop.go.th"
    staff_office.save()
    sent = client.post(reverse("password_reset"), {"email": "staff@thotsop.go.th"})
    assert sent.status_code == 302 and sent["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["staff@thotsop.go.th"]
    assert "ตั้งรหัสผ่านใหม่" in message.subject
    link = re.search(r"https?://\S+/password/reset/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert "ตั้งรหัสผ่านใหม่" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else "/" + path,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    staff_office.refresh_from_db()
    assert staff_office.check_password(NEW_PASSWORD)
    # Used once: the link no longer works.
    again = client.get("/" + path, follow=True).content.decode()
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in again


def test_an_unknown_email_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []
    assert User.objects.filter(email="nobody@example.com").count() == 0
