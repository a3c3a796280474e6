"""The order as a PDF: the demo order ๙๘/๒๕๖๕ as the seed prints it, on A4 with Sarabun."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from committees import demo
from committees.documents import order_document, render_order
from committees.models import Order
from itaportal.documents import DocumentError
from tests import pdf
from tests.committees.conftest import make_order


@pytest.fixture
def demo_order(org):
    return demo.load(org)


@pytest.fixture
def demo_pdf(demo_order):
    return render_order(demo_order).content


def test_the_demo_order_prints_on_a4_with_sarabun_embedded(demo_pdf):
    sizes = pdf.page_sizes(demo_pdf)
    assert sizes and set(sizes) == {(595, 842)}
    assert any("Sarabun" in name for name in pdf.fonts(demo_pdf))
    assert 2 <= len(sizes) <= 4


def test_the_heading_number_and_subject_come_first(demo_pdf, org):
    text = pdf.text(demo_pdf)
    assert pdf.in_order(
        text,
        f"คำสั่ง{org.name}",
        "ที่ ๙๘/๒๕๖๕",
        "เรื่อง แต่งตั้งคณะกรรมการเพื่อยกระดับผลการประเมินคุณธรรมและความโปร่งใส",
        "ตามที่ แผนแม่บทภายใต้ยุทธศาสตร์ชาติ",
        "มาตรา ๕๙",
    )


def test_all_members_print_in_order_with_their_roles(demo_pdf):
    text = pdf.text(demo_pdf)
    needles = []
    for number, committee in enumerate(demo.COMMITTEES[:2], start=1):
        needles.append(f"{to_thai(number)}) {committee.name}")
        for n, member in enumerate(committee.members, start=1):
            needles += [f"{'๑๒'[number - 1]}.{to_thai(n)} {member.position_title}", member.role]
    assert len(demo.COMMITTEES[0].members) == 5 and len(demo.COMMITTEES[1].members) == 13
    assert pdf.in_order(text, *needles)


def to_thai(n):
    return str(n).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def test_duties_are_numbered_and_the_order_ends_with_date_and_signer(demo_pdf):
    text = pdf.text(demo_pdf)
    assert pdf.in_order(
        text,
        "มีอำนาจหน้าที่ ดังต่อไปนี้",
        "(๑) ให้คำปรึกษา แนะนำ",
        "(๕) ส่งเสริม สนับสนุน ประชาสัมพันธ์",
        "๒) คณะทำงาน ประกอบด้วย",
        "(๖) ปฏิบัติหน้าที่อื่นตามที่นายกองค์การบริหารส่วนตำบลหนองปรุงมอบหมาย",
        "๓) ผู้บริหารที่รับผิดชอบการประเมินของหน่วยงาน ได้แก่",
        "(๑) นายกองค์การบริหารส่วนตำบลหนองปรุง",
        "มีหน้าที่ในการกำกับดูแลการประเมินในภาพรวมของหน่วยงาน",
        "๔) ผู้ดูแลระบบของหน่วยงาน (Admin หน่วยงาน) ได้แก่",
        "(๑) นักวิเคราะห์นโยบายและแผน",
        "มีหน้าที่ลงทะเบียนและเปิดใช้งานระบบ ITAS",
        "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป",
        "สั่ง ณ วันที่ ๑๗ มกราคม พ.ศ. ๒๕๖๕",
        "ด.ต.",
        "(สนธยา คงสนิท)",
        "นายกองค์การบริหารส่วนตำบลหนองปรุง",
    )


def test_pages_after_the_first_are_numbered_in_thai(demo_pdf):
    pages = pdf.page_texts(demo_pdf)
    assert "- ๒ -" not in pages[0]
    assert "- ๒ -" in pages[1]
    assert "- ๓ -" not in pages[1]


def test_no_arabic_digits_are_printed(demo_pdf):
    assert not any(ch.isascii() and ch.isdigit() for ch in pdf.text(demo_pdf))


def test_the_seeds_typos_are_fixed(demo_pdf):
    text = pdf.text(demo_pdf)
    assert "นายกององค์การ" not in text and "นายกองค้การ" not in text


def test_an_unsigned_draft_leaves_the_date_blank_but_keeps_the_year(org):
    draft = make_order(org, number=3, year=2566, signed_on=None, status=Order.Status.DRAFT)
    text = pdf.text(render_order(draft).content)
    assert "สั่ง ณ วันที่" in text and "พ.ศ. ๒๕๖๖" in text


def test_the_emblem_is_drawn_when_the_organization_has_one(org, emblem_png, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    order = make_order(org)
    without = render_order(order).content
    org.emblem.save("emblem.png", ContentFile(emblem_png))
    with_emblem = render_order(order).content
    assert b"/Image" in with_emblem and b"/Image" not in without


def test_order_document_finds_the_order_by_year_and_number(demo_order, org):
    document = order_document(org, 2565, "98")
    assert document.filename == "order-98-2565.pdf"
    assert document.content.startswith(b"%PDF")


def test_order_document_explains_a_missing_order_in_thai(org, other_org, demo_order):
    with pytest.raises(DocumentError, match="ไม่พบคำสั่งที่ 97/2565"):
        order_document(org, 2565, 97)
    with pytest.raises(DocumentError, match="ไม่พบคำสั่ง"):
        order_document(other_org, 2565, 98)
    with pytest.raises(DocumentError, match="ไม่พบคำสั่งของปี 2564"):
        order_document(org, 2564, None)
    with pytest.raises(DocumentError, match="ต้องเป็นตัวเลข"):
        order_document(org, 2565, "๙x")


def test_without_a_number_the_years_only_order_is_printed_in_thai_digits_too(demo_order, org):
    assert order_document(org, 2565, None).filename == "order-98-2565.pdf"
    assert order_document(org, 2565, "๙๘").filename == "order-98-2565.pdf"


def test_printdoc_prints_the_draft_order_of_the_demos_current_year(db, tmp_path):
    """The demo's FY 2570 order is a draft without a number: printdoc still finds it."""
    call_command("loaddemo", verbosity=0)
    output = tmp_path / "order-2570.pdf"
    call_command(
        "printdoc", "order", "--org", "nongprung", "--year", "2570", "--output", str(output)
    )
    assert pdf.contains(output.read_bytes(), "ประจำปีงบประมาณ พ.ศ. ๒๕๗๐")


def test_printdoc_writes_the_order(demo_order, org, tmp_path):
    output = tmp_path / "order.pdf"
    call_command(
        "printdoc",
        "order",
        "--org",
        org.slug,
        "--year",
        "2565",
        "--number",
        "98",
        "--output",
        str(output),
    )
    assert pdf.contains(output.read_bytes(), "(สนธยา คงสนิท)")
    with pytest.raises(CommandError, match="ไม่พบคำสั่ง"):
        call_command(
            "printdoc",
            "order",
            "--org",
            org.slug,
            "--year",
            "2566",
            "--number",
            "98",
            "--output",
            str(output),
        )


def test_the_admin_action_returns_the_pdf(demo_order, operator, login):
    response = login(operator).post(
        "/admin/committees/order/",
        {"action": "print_pdf", "_selected_action": [demo_order.pk]},
    )
    assert response["Content-Type"] == "application/pdf"
    assert pdf.contains(response.content, "สั่ง ณ วันที่ ๑๗ มกราคม พ.ศ. ๒๕๖๕")


def test_the_demo_signing_date(demo_order):
    assert demo_order.signed_on == date(2022, 1, 17)
