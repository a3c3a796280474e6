"""The announcement kit: ประกาศ from editable templates, as PDF and Word, draft until
signed, locked once signed, and attached to the OIT answer it serves."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from announcements import services
from announcements.documents import render_announcement
from announcements.models import Announcement
from announcements.standard import standard_announcement, suggested_item
from assessments.models import OITItem, OITSubIndicator
from committees.standard import executive_position
from itaportal.wordfiles import DOCX, libreoffice_pdf
from oit.models import AnswerEvent, OITAnswer
from tests import pdf, word
from tests.measures import factories

YEAR = 2569


@pytest.fixture
def integrity(org, analyst, mayor):
    fields = standard_announcement(
        organization=org, kind=Announcement.Kind.INTEGRITY, fiscal_year=YEAR
    )
    return services.announcement_save(organization=org, user=analyst, **fields)


@pytest.fixture
def item(db):
    """The year's OIT item on the executive's integrity statement."""
    fw = factories.framework(YEAR)
    sub = OITSubIndicator.objects.get(indicator__framework=fw, code="10.1")
    return OITItem.objects.create(
        sub_indicator=sub, code="O34", number=34, title="เจตจำนงสุจริตของผู้บริหาร"
    )


def sign(announcement, user, day=date(2025, 10, 1)):
    return services.announcement_sign(
        announcement=announcement, user=user, version=announcement.version, signed_on=day
    )


def test_the_integrity_template_is_filled_with_the_organizations_data(org, mayor):
    fields = standard_announcement(
        organization=org, kind=Announcement.Kind.INTEGRITY, fiscal_year=YEAR
    )
    assert fields["subject"] == "เจตจำนงสุจริตในการบริหารงาน"
    position = executive_position(org, mayor)
    assert f"ข้าพเจ้า {mayor.first_name} {mayor.last_name} {position} ขอประกาศ" in fields["body"]
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙" in fields["body"]
    assert fields["signer_name"] == f"{mayor.first_name} {mayor.last_name}"


def test_the_no_gift_template_names_the_staff_of_the_organizations_kind(org):
    body = standard_announcement(
        organization=org, kind=Announcement.Kind.NO_GIFT, fiscal_year=YEAR
    )["body"]
    assert "พนักงานส่วนตำบล" in body and "(No Gift Policy)" in body and org.name in body


def test_the_pdf_is_an_official_announcement_with_a_draft_watermark_until_signed(
    integrity, analyst, org
):
    draft = render_announcement(integrity).content
    assert set(pdf.page_sizes(draft)) == {(595, 842)}
    text = pdf.text(draft)
    assert pdf.in_order(
        text,
        f"ประกาศ{org.name}",
        "เรื่อง เจตจำนงสุจริตในการบริหารงาน",
        "ตามที่ สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
        "จึงประกาศมาให้ทราบโดยทั่วกัน",
        "ประกาศ ณ วันที่",
        "พ.ศ. ๒๕๖๙",
    )
    assert pdf.contains(text, "ร่าง")
    signed = render_announcement(sign(integrity, analyst)).content
    assert pdf.contains(signed, "ประกาศ ณ วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๘")
    assert not pdf.contains(signed, "ร่าง")


def test_the_word_file_has_the_same_layout_and_text(integrity, analyst, org):
    document = render_announcement(integrity, format="docx")
    assert document.content_type == DOCX and document.filename.endswith(".docx")
    doc = word.open_docx(document.content)
    assert [word.section_layout(s) for s in doc.sections] == [
        ("portrait", 21.0, 29.7, (2.5, 2.0, 2.0, 3.0))
    ]
    assert word.fonts(doc) == {"TH SarabunIT๙"}
    assert word.in_order(
        word.text(doc),
        f"ประกาศ{org.name}",
        "เรื่อง เจตจำนงสุจริตในการบริหารงาน",
        "จึงประกาศมาให้ทราบโดยทั่วกัน",
        "ประกาศ ณ วันที่",
    )
    assert word.has_watermark(doc)
    signed = render_announcement(sign(integrity, analyst), format="docx").content
    assert not word.has_watermark(word.open_docx(signed))


def test_a_signed_announcement_is_locked_until_the_executive_reopens_it(integrity, analyst, mayor):
    signed = sign(integrity, analyst)
    fields = {
        "kind": signed.kind, "fiscal_year": YEAR, "subject": "แก้", "body": "แก้",
    }  # fmt: skip
    with pytest.raises(services.AnnouncementError, match="ลงนามแล้ว"):
        services.announcement_save(
            organization=signed.organization, user=analyst, announcement=signed,
            version=signed.version, **fields,
        )  # fmt: skip
    with pytest.raises(services.AnnouncementError, match="เฉพาะผู้บริหาร"):
        services.announcement_reopen(
            announcement=signed, user=analyst, version=signed.version, reason="แก้คำ"
        )
    reopened = services.announcement_reopen(
        announcement=signed, user=mayor, version=signed.version, reason="แก้คำ"
    )
    assert not reopened.is_signed
    last = reopened.history.order_by("-history_id").first()
    assert last.history_change_reason == "เปิดแก้ไขหลังลงนาม: แก้คำ"
    saved = services.announcement_save(
        organization=signed.organization, user=analyst, announcement=reopened,
        version=reopened.version, **fields,
    )  # fmt: skip
    assert saved.subject == "แก้"


def test_the_signed_announcement_is_attached_to_the_oit_answer_it_serves(integrity, analyst, item):
    assert suggested_item([item], Announcement.Kind.INTEGRITY) == item
    with pytest.raises(services.AnnouncementError, match="ลงนามแล้ว"):
        services.announcement_attach(announcement=integrity, user=analyst, item=item)
    answer = services.announcement_attach(
        announcement=sign(integrity, analyst), user=analyst, item=item
    )
    (attachment,) = answer.attachments.all()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == integrity.pdf_filename
    assert attachment.file.read().startswith(b"%PDF")
    assert AnswerEvent.objects.filter(answer=answer, action="edit", actor=analyst).exists()


def test_an_approved_answer_is_not_changed_by_attaching(integrity, analyst, item, org):
    OITAnswer.objects.create(organization=org, item=item, status=OITAnswer.Status.APPROVED)
    with pytest.raises(services.AnnouncementError, match="อนุมัติแล้ว"):
        services.announcement_attach(announcement=sign(integrity, analyst), user=analyst, item=item)


def test_the_admin_writes_one_from_the_template_page(login, analyst, mayor):
    client = login(analyst)
    page = client.get(reverse("announcements:create") + "?kind=no_gift").content.decode()
    assert "นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่" in page
    response = client.post(
        reverse("announcements:create"),
        {
            "kind": "generic", "fiscal_year": "2569", "subject": "การประชาสัมพันธ์",
            "body": "ข้อความ\nจึงประกาศมาให้ทราบโดยทั่วกัน", "signer_name": "สนธยา คงสนิท",
            "signer_position": "นายก", "version": "",
        },
    )  # fmt: skip
    announcement = Announcement.objects.get()
    assert response.status_code == 302 and announcement.subject == "การประชาสัมพันธ์"
    detail = client.get(reverse("announcements:detail", args=[announcement.pk])).content.decode()
    assert reverse("announcements:docx", args=[announcement.pk]) in detail
    assert reverse("announcements:sign", args=[announcement.pk]) in detail
    response = client.post(
        reverse("announcements:sign", args=[announcement.pk]),
        {"signed_on": "2025-10-02", "version": announcement.version},
    )
    announcement.refresh_from_db()
    assert response.status_code == 302 and announcement.signed_on == date(2025, 10, 2)
    got = client.get(reverse("announcements:docx", args=[announcement.pk]))
    assert got["Content-Type"] == DOCX


def test_staff_read_but_do_not_write_announcements(login, staff_office, integrity):
    client = login(staff_office)
    assert client.get(reverse("announcements:list")).status_code == 200
    assert client.get(reverse("announcements:pdf", args=[integrity.pk])).status_code == 200
    assert client.get(reverse("announcements:create")).status_code == 403


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_printdoc_prints_the_announcements(integrity, tmp_path, fmt):
    out = tmp_path / f"integrity.{fmt}"
    call_command(
        "printdoc", "integrity", "--org", "thotsop", "--year", str(YEAR), "--format", fmt,
        "--output", str(out),
    )  # fmt: skip
    content = out.read_bytes()
    assert content.startswith(b"%PDF" if fmt == "pdf" else b"PK")


@word.needs_soffice
def test_libreoffice_converts_the_announcement(integrity):
    converted = libreoffice_pdf(render_announcement(integrity, format="docx").content)
    assert "เจตจำนงสุจริตในการบริหารงาน" in word.pdf_text(converted)


def test_the_list_page_runs_the_same_queries_for_two_or_six_announcements(login, analyst, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(analyst)

    def add(n):
        for kind in ["integrity", "no_gift"] * n:
            Announcement.objects.create(
                organization=org, kind=kind, fiscal_year=YEAR, subject="ก", body="ข"
            )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("announcements:list")).status_code == 200
        return len(queries)

    add(1)
    few = count()
    add(2)
    assert count() == few
