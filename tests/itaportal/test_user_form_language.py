"""The user form answers in Thai, Django's own refusals included."""

import re

from django.contrib.auth.password_validation import password_validators_help_texts
from django.urls import reverse

from itaportal.models import User

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _refusals(response):
    return [message for errors in response.context["form"].errors.values() for message in errors]


def _post_user(client, **changes):
    data = {
        "username": "staff-new",
        "first_name": "ใหม่",
        "last_name": "ทดลอง",
        "role": "admin",
        "password": "long-enough-pass-9",
        "is_active": "on",
    }
    data.update(changes)
    return client.post(reverse("user_create"), data)


def test_a_short_numeric_password_and_a_bad_username_are_refused_only_in_thai(login, analyst):
    response = _post_user(login(analyst), username="สม ชาย!", password="1234")
    assert response.status_code == 200
    refusals = _refusals(response)
    # The username and the three password validators this password trips all answer.
    assert any("ชื่อผู้ใช้ไม่ถูกต้อง" in text for text in refusals)
    assert any("รหัสผ่านสั้นเกินไป ต้องยาวอย่างน้อย 10 ตัวอักษร" in text for text in refusals)
    assert any("รหัสผ่านเป็นตัวเลขทั้งหมด" in text for text in refusals)
    assert any("ใช้กันทั่วไป" in text for text in refusals)
    assert [text for text in refusals if LATIN_WORD.search(text)] == []
    page = response.content.decode()
    assert "This password" not in page and "Enter a valid" not in page
    assert not User.objects.filter(last_name="ทดลอง").exists()


def test_a_password_like_the_username_and_a_taken_username_are_refused_in_thai(
    login, analyst, staff_office
):
    response = _post_user(login(analyst), username=staff_office.username, password="staff-office")
    refusals = _refusals(response)
    # The portal says less than Django would: not whether the name exists elsewhere.
    assert "ใช้ชื่อผู้ใช้นี้ไม่ได้ กรุณาเลือกชื่ออื่น" in refusals
    assert any(text.startswith("รหัสผ่านคล้ายกับ") for text in refusals)
    assert [text for text in refusals if LATIN_WORD.search(text)] == []


def test_missing_required_fields_are_named_in_thai(login, analyst):
    response = _post_user(login(analyst), username="", first_name="", password="")
    refusals = _refusals(response)
    assert refusals
    assert [text for text in refusals if LATIN_WORD.search(text)] == []


def test_the_password_rules_read_in_thai(settings):
    assert settings.LANGUAGE_CODE == "th"
    texts = password_validators_help_texts()
    assert texts
    assert [text for text in texts if LATIN_WORD.search(text)] == []


def test_a_browser_that_asks_for_english_is_answered_in_thai(client, analyst):
    client.force_login(analyst)
    response = client.post(
        reverse("user_create"),
        {"username": "", "role": "admin", "password": "1234"},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    assert response.status_code == 200
    refusals = _refusals(response)
    assert refusals and [text for text in refusals if LATIN_WORD.search(text)] == []
    assert "Content-Language" not in response.headers or response["Content-Language"] == "th"
