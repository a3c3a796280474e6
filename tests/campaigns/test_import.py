"""The stakeholder CSV: UTF-8, UTF-8 with BOM and TIS-620/windows-874 are read alike;
wrong columns or an unreadable encoding are refused with a Thai message and save nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.errors import CampaignError
from campaigns.imports import parse_stakeholders
from campaigns.models import Stakeholder

CSV = "ชื่อ,กลุ่ม,โทรศัพท์,อีเมล\r\nนายสมชาย ใจดี,ผู้รับบริการ,0812345678,somchai@example.com\r\nร้านค้าชุมชนหนองปรุง,ผู้ประกอบการ,,\r\n"


@pytest.mark.parametrize(
    "data",
    [
        CSV.encode("utf-8"),
        b"\xef\xbb\xbf" + CSV.encode("utf-8"),
        CSV.encode("tis-620"),
        CSV.encode("cp874"),
    ],
    ids=["utf-8", "utf-8-bom", "tis-620", "windows-874"],
)
def test_every_thai_encoding_reads_the_same_rows(data):
    rows = parse_stakeholders(data)
    assert [(r.name, r.group, r.phone, r.email) for r in rows] == [
        ("นายสมชาย ใจดี", "ผู้รับบริการ", "0812345678", "somchai@example.com"),
        ("ร้านค้าชุมชนหนองปรุง", "ผู้ประกอบการ", "", ""),
    ]


def test_only_a_name_column_is_required():
    rows = parse_stakeholders("ชื่อ-สกุล\nนางสาวใจงาม ดีมาก\n".encode())
    assert [r.name for r in rows] == ["นางสาวใจงาม ดีมาก"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("ชื่อผู้ตอบ,เบอร์\nก,1\n".encode(), "คอลัมน์ของไฟล์ไม่ถูกต้อง"),
        ("กลุ่ม,โทรศัพท์\nผู้รับบริการ,1\n".encode(), "คอลัมน์ของไฟล์ไม่ถูกต้อง"),
        ("ชื่อ,ชื่อ\nก,ข\n".encode(), "คอลัมน์ซ้ำกัน"),
        (CSV.encode("utf-16"), "อ่านไฟล์ไม่ได้"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdb\xfe", "อ่านไฟล์ไม่ได้"),
        (b"", "ไฟล์ว่าง"),
        ("ชื่อ\n".encode(), "ไฟล์ไม่มีรายชื่อ"),
        ("ชื่อ,อีเมล\nก,not-an-email\n".encode(), "แถวที่ 2: อีเมล"),
        ("ชื่อ,กลุ่ม\n,ผู้รับบริการ\n".encode(), "แถวที่ 2: ไม่มีชื่อ"),
        ("ชื่อ\nก\nข\nก\n".encode(), "ซ้ำกับแถวที่ 2"),
    ],
    ids=[
        "unknown-columns",
        "no-name-column",
        "repeated-column",
        "utf-16",
        "xlsx",
        "empty",
        "header-only",
        "bad-email",
        "missing-name",
        "duplicate-name",
    ],
)
def test_a_bad_file_is_refused_with_a_thai_message(data, message):
    with pytest.raises(CampaignError) as refused:
        parse_stakeholders(data)
    assert message in str(refused.value)


def upload(data, name="stakeholders.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_the_admin_imports_a_tis620_file_through_the_page(login, analyst, year):
    client = login(analyst)
    url = reverse("campaigns:stakeholder_import", args=[year])
    response = client.post(url, {"file": upload(CSV.encode("tis-620"))})
    assert response.status_code == 302
    assert sorted(Stakeholder.objects.values_list("name", flat=True)) == [
        "นายสมชาย ใจดี",
        "ร้านค้าชุมชนหนองปรุง",
    ]
    page = client.get(reverse("campaigns:stakeholders", args=[year])).content.decode()
    assert "นายสมชาย ใจดี" in page and "somchai@example.com" in page


def test_importing_again_updates_instead_of_duplicating(login, analyst, year):
    client = login(analyst)
    url = reverse("campaigns:stakeholder_import", args=[year])
    client.post(url, {"file": upload(CSV.encode())})
    changed = CSV.replace("0812345678", "0899999999").encode()
    client.post(url, {"file": upload(changed)})
    assert Stakeholder.objects.count() == 2
    assert Stakeholder.objects.get(name="นายสมชาย ใจดี").phone == "0899999999"


def test_a_file_with_one_bad_row_saves_nothing_and_says_which_row(login, analyst, year):
    data = (CSV + "นายผิด พลาด,ผู้รับบริการ,,ไม่ใช่อีเมล\r\n").encode()
    response = login(analyst).post(
        reverse("campaigns:stakeholder_import", args=[year]), {"file": upload(data)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "แถวที่ 4: อีเมล" in page and "ยังไม่ได้บันทึกรายชื่อใดจากไฟล์นี้" in page
    assert Stakeholder.objects.count() == 0


def test_wrong_columns_through_the_page_save_nothing(login, analyst, year):
    response = login(analyst).post(
        reverse("campaigns:stakeholder_import", args=[year]),
        {"file": upload("name_th,tel\nก,1\n".encode())},
    )
    assert response.status_code == 400
    assert "คอลัมน์ของไฟล์ไม่ถูกต้อง" in response.content.decode()
    assert Stakeholder.objects.count() == 0


def test_staff_may_not_import(login, staff_office, year):
    response = login(staff_office).post(
        reverse("campaigns:stakeholder_import", args=[year]), {"file": upload(CSV.encode())}
    )
    assert response.status_code == 403
    assert Stakeholder.objects.count() == 0


def test_a_file_over_one_megabyte_is_refused(login, analyst, year):
    data = ("ชื่อ\n" + "ก" * 400_000).encode()
    response = login(analyst).post(
        reverse("campaigns:stakeholder_import", args=[year]), {"file": upload(data)}
    )
    assert response.status_code == 400
    assert "ไฟล์ใหญ่เกิน 1 MB" in response.content.decode()
    assert Stakeholder.objects.count() == 0
