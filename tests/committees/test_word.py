"""The order as a Word file: the same order as the PDF, in the same layout, editable."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from committees import demo
from committees.documents import order_document, render_order
from committees.models import Order
from committees.services import CommitteeData, MemberData
from itaportal.wordfiles import DOCX, libreoffice_pdf
from tests import pdf, word
from tests.committees.conftest import make_order


@pytest.fixture
def demo_order(org):
    return demo.load(org)


@pytest.fixture
def demo_docx(demo_order):
    return render_order(demo_order, format="docx")


def test_the_demo_order_is_a_word_file_on_a4_portrait_with_the_official_margins(demo_docx):
    assert demo_docx.content_type == DOCX
    assert demo_docx.filename == "order-98-2565.docx"
    doc = word.open_docx(demo_docx.content)
    assert [word.section_layout(s) for s in doc.sections] == [
        ("portrait", 21.0, 29.7, (2.5, 2.0, 2.0, 3.0))
    ]
    assert word.fonts(doc) == {"TH SarabunIT๙"} and word.normal_size_pt(doc) == 16


def test_it_carries_the_same_text_as_the_pdf_in_the_same_order(demo_docx, org):
    text = word.text(word.open_docx(demo_docx.content))
    assert word.in_order(
        text,
        f"คำสั่ง{org.name}",
        "ที่ ๙๘/๒๕๖๕",
        "เรื่อง แต่งตั้งคณะกรรมการเพื่อยกระดับผลการประเมินคุณธรรมและความโปร่งใส",
        "๑) คณะทำงานอำนวยการ ประกอบด้วย",
        f"๑.๑\t{demo.COMMITTEES[0].members[0].position_title}",
        demo.COMMITTEES[0].members[0].role,
        "(๑) ให้คำปรึกษา แนะนำ",
        "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป",
        "สั่ง ณ วันที่ ๑๗ มกราคม พ.ศ.\u00a0๒๕๖๕",
        "(สนธยา คงสนิท)",
        "นายกองค์การบริหารส่วนตำบลหนองปรุง",
    )
    assert not any(ch.isascii() and ch.isdigit() for ch in text)


def test_a_signed_order_has_no_watermark_and_a_draft_has_one(demo_docx, org):
    assert not word.has_watermark(word.open_docx(demo_docx.content))
    draft = make_order(org, number=3, year=2566, signed_on=None, status=Order.Status.DRAFT)
    assert word.has_watermark(word.open_docx(render_order(draft, format="docx").content))


def test_the_emblem_is_placed_3_cm_high_when_the_organization_has_one(org, emblem_png):
    order = make_order(org)
    without = word.open_docx(render_order(order, format="docx").content)
    assert not without.inline_shapes
    org.emblem.save("emblem.png", ContentFile(emblem_png))
    doc = word.open_docx(render_order(order, format="docx").content)
    (shape,) = doc.inline_shapes
    assert round(shape.height.cm, 2) == 3.0


def test_printdoc_writes_the_word_file(demo_order, tmp_path):
    out = tmp_path / "order.docx"
    call_command(
        "printdoc", "order", "--org", "thotsop", "--year", "2565", "--format", "docx",
        "--output", str(out),
    )  # fmt: skip
    assert "ที่ ๙๘/๒๕๖๕" in word.text(word.open_docx(out.read_bytes()))
    assert order_document(demo_order.organization, 2565, "98").content.startswith(b"%PDF")


def test_members_download_the_word_file_beside_the_pdf(login, staff_office, demo_order):
    client = login(staff_office)
    page = client.get(reverse("committees:detail", args=[demo_order.pk])).content.decode()
    url = reverse("committees:docx", args=[demo_order.pk])
    assert url in page and reverse("committees:pdf", args=[demo_order.pk]) in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment")


def test_the_admin_action_gives_the_word_file(client, operator, demo_order):
    client.force_login(operator)
    response = client.post(
        reverse("admin:committees_order_changelist"),
        {"action": "print_docx", "_selected_action": [demo_order.pk]},
    )
    assert response["Content-Type"] == DOCX


def long_order(org):
    """30 members with long names and positions, in one committee."""
    members = [
        MemberData(
            f"ผู้อำนวยการกองส่งเสริมการเกษตรและสิ่งแวดล้อมชำนาญการพิเศษ ลำดับ {n}",
            "คณะทำงาน/ผู้ช่วยเลขานุการ" if n % 2 else "คณะทำงาน",
            f"นางสาวประภาพรรณ ศรีสุวรรณวิเศษกุล{n}",
        )
        for n in range(1, 31)
    ]
    return make_order(
        org,
        number=7,
        year=2566,
        committees=[CommitteeData(name="คณะทำงานขับเคลื่อน", members=members, duties=["ติดตาม"])],
    )


def test_an_order_of_30_members_lists_every_member(org):
    doc = word.open_docx(render_order(long_order(org), format="docx").content)
    text = word.text(doc)
    assert word.in_order(text, *(f"๑.{n}\t" for n in "๑ ๒ ๑๐ ๒๙ ๓๐".split()))
    assert "นางสาวประภาพรรณ ศรีสุวรรณวิเศษกุล๓๐ ผู้อำนวยการกอง" in text


@word.needs_soffice
@pytest.mark.parametrize("which", ["demo", "long"])
def test_libreoffice_converts_the_order_without_errors(which, demo_order, org):
    order = demo_order if which == "demo" else long_order(org)
    converted = libreoffice_pdf(render_order(order, format="docx").content)
    assert set(pdf.page_sizes(converted)) == {(595, 842)}
    text = word.pdf_text(converted)
    assert "คำสั่ง" in text and f"คำสั่ง{org.name}" in text


def test_the_role_column_starts_where_the_longest_role_fits(org):
    from docx.oxml.ns import qn

    def role_stops(order):
        doc = word.open_docx(render_order(order, format="docx").content)
        stops = set()
        for p in doc.paragraphs:
            tabs = p._p.findall(f".//{qn('w:tab')}[@{qn('w:pos')}]")
            if len(tabs) == 2:
                stops.add(int(tabs[1].get(qn("w:pos"))))
        return stops

    short = make_order(org, number=1)
    long_roles = make_order(
        org,
        number=2,
        committees=[
            CommitteeData(
                name="คณะทำงาน",
                members=[MemberData("ปลัด", "คณะทำงานและผู้ช่วยเลขานุการคณะทำงานฝ่ายเลขานุการ")],
            )
        ],
    )
    (long_stop,) = role_stops(long_roles)
    assert long_stop < min(role_stops(short))
