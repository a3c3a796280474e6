import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaportal.models import User
from tests.conftest import assert_served_as_upload, png_bytes


def _org_form(org, **changes):
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "kind": org.kind,
        "district": org.district,
        "province": org.province,
        "memo_prefix": org.memo_prefix,
        "phone": "",
        "website": org.website,
        "website_domains": org.website_domains,
    }
    data.update(changes)
    return data


def test_admin_uploads_the_emblem(login, analyst, org):
    upload = SimpleUploadedFile("krut.png", png_bytes(), content_type="image/png")
    response = login(analyst).post(reverse("organization_settings"), _org_form(org, emblem=upload))
    assert response.status_code == 302
    org.refresh_from_db()
    assert re.fullmatch(r"emblems/[0-9a-f]{32}\.png", org.emblem.name)  # not the slug
    served = login(analyst).get(reverse("organization_emblem"))
    assert_served_as_upload(served, "inline")
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes()


def test_the_emblem_is_only_ever_the_users_own_organizations(login, org, outsider, emblem_png):
    org.emblem.save("krut.png", ContentFile(emblem_png))
    # The view takes no id: another organization's member asks for their own (none).
    assert login(outsider).get(reverse("organization_emblem")).status_code == 404


def _gif():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content",
    [
        ("krut.gif", _gif()),  # an image, but not PNG or JPEG
        ("krut.jpg", png_bytes()),  # a PNG renamed: the bytes disagree with the name
    ],
)
def test_an_emblem_that_is_not_a_png_or_jpeg_as_named_is_refused(
    login, analyst, org, name, content
):
    upload = SimpleUploadedFile(name, content)
    response = login(analyst).post(reverse("organization_settings"), _org_form(org, emblem=upload))
    assert response.status_code == 200
    assert "PNG หรือ JPEG" in response.content.decode()
    org.refresh_from_db()
    assert not org.emblem


def test_an_emblem_that_is_not_an_image_is_refused_and_nothing_changes(login, analyst, org):
    upload = SimpleUploadedFile("krut.png", b"not an image at all", content_type="image/png")
    response = login(analyst).post(
        reverse("organization_settings"), _org_form(org, short_name="เปลี่ยน", emblem=upload)
    )
    assert response.status_code == 200
    assert "ไม่ใช่รูปภาพ" in response.content.decode()
    org.refresh_from_db()
    assert org.short_name == "อบต.ทดสอบ"
    assert not org.emblem


def test_an_emblem_over_2_mb_is_refused(login, analyst, org):
    big = png_bytes(size=(2400, 2400), color=(0, 0, 0))
    # Pad to exceed 2 MB while staying a valid PNG (trailing bytes are ignored by readers).
    upload = SimpleUploadedFile(
        "krut.png", big + b"\0" * (2 * 1024 * 1024), content_type="image/png"
    )
    response = login(analyst).post(reverse("organization_settings"), _org_form(org, emblem=upload))
    assert response.status_code == 200
    assert "ไม่เกิน 2 MB" in response.content.decode()
    org.refresh_from_db()
    assert not org.emblem


def test_admin_creates_a_staff_user_who_can_log_in(login, analyst, office, client):
    response = login(analyst).post(
        reverse("user_create"),
        {
            "username": "newstaff",
            "name_prefix": "นาย",
            "first_name": "ใหม่",
            "last_name": "ทดลอง",
            "position_title": "นักจัดการงานทั่วไป",
            "department": office.pk,
            "role": "staff",
            "email": "",
            "is_active": "on",
            "password": "long-enough-pass-9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newstaff")
    assert user.organization == analyst.organization
    client.logout()
    response = client.post(
        reverse("login"), {"username": "newstaff", "password": "long-enough-pass-9"}
    )
    assert response.status_code == 302


def test_a_weak_password_and_a_staff_without_department_are_refused(login, analyst):
    response = login(analyst).post(
        reverse("user_create"),
        {
            "username": "weak",
            "first_name": "ก",
            "last_name": "ข",
            "role": "staff",
            "password": "123",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "เจ้าหน้าที่ต้องสังกัดส่วนราชการ" in page
    assert not User.objects.filter(username="weak").exists()


def test_the_admin_cannot_pick_another_organizations_department(login, analyst, outsider):
    response = login(analyst).post(
        reverse("user_create"),
        {
            "username": "sneaky",
            "first_name": "ก",
            "last_name": "ข",
            "role": "staff",
            "department": outsider.department.pk,
            "password": "long-enough-pass-9",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="sneaky").exists()
