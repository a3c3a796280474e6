"""The order's lines break between words: never inside a name, a position or a number,
for the demo order and for a stress order of 30 members with long names and positions."""

import pytest

from committees import demo
from committees.documents import render_order
from committees.services import CommitteeData, MemberData
from tests import pdf
from tests.committees.conftest import make_order

SURNAMES = [
    "ศรีสุวรรณวิเศษกุล",
    "เจริญรุ่งเรืองพัฒนากิจ",
    "ทองประเสริฐวงศ์",
    "วิริยะอุตสาหกรรมไทย",
    "ปัญญาวัฒนานุกูล",
    "ธนสารสมบูรณ์ผล",
]
POSITIONS = [
    "ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม",
    "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ",
    "นักวิชาการเงินและบัญชีชำนาญการ",
    "เจ้าพนักงานธุรการปฏิบัติงาน",
    "ผู้ช่วยนักทรัพยากรบุคคล",
    "รองปลัดองค์การบริหารส่วนตำบลทดสอบ",
]
ROLES = ["ประธานกรรมการ", "รองประธานกรรมการ", "กรรมการ", "กรรมการและผู้ช่วยเลขานุการ"]


def stress_members(count=30):
    return [
        MemberData(
            POSITIONS[i % len(POSITIONS)],
            ROLES[i % len(ROLES)],
            f"นางสาวพิมพ์ประภา{SURNAMES[i % len(SURNAMES)]}"
            if i % 2
            else f"นายธีรวัฒน์ {SURNAMES[i % len(SURNAMES)]}",
        )
        for i in range(count)
    ]


@pytest.fixture
def stress_order(org):
    members = stress_members()
    return make_order(
        org,
        committees=[
            CommitteeData(
                name="คณะกรรมการขับเคลื่อนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน",
                members=members[:18],
                duties=[
                    "กำกับติดตามการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ งบประมาณ ๑๕๐,๐๐๐ บาท"
                ]
                * 3,
            ),
            CommitteeData(
                name="คณะทำงานจัดทำข้อมูลสาธารณะ", members=members[18:], duties=["จัดทำข้อมูล"]
            ),
        ],
    )


def data_words(order):
    words, people = set(), {order.signer_name}
    for committee in order.committees.all():
        for member in committee.members.all():
            words |= {member.position_title, member.role}
            people.add(member.person_name)
    return words | {order.organization.name, order.signer_position}, people


def test_no_line_of_the_stress_order_ends_inside_a_name_position_or_number(stress_order):
    content = render_order(stress_order).content
    assert pdf.split_words(content, *data_words(stress_order)) == []


def test_no_line_of_the_demo_order_ends_inside_a_name_or_number(org):
    order = demo.load(org)
    content = render_order(order).content
    assert pdf.split_words(content, *data_words(order)) == []


def test_the_checker_itself_sees_a_split_name():
    content = pdf_of_lines(["นายธีรวัฒน์ ศรีสุวรรณวิเศษ", "กุล ประธานกรรมการ ๑๕๐,๐๐", "๐ บาท"])
    assert set(pdf.split_words(content, [], people=["นายธีรวัฒน์ ศรีสุวรรณวิเศษกุล"])) == {
        "นายธีรวัฒน์ ศรีสุวรรณวิเศษ|กุล",
        "๐|๐",
    }


def pdf_of_lines(lines):
    from itaportal import documents

    html = "".join(f"<p>{line}</p>" for line in lines)
    return documents.html_to_pdf(
        f"<style>{documents.font_faces_css()} p {{ font-family: 'Sarabun Document' }}</style>{html}"
    )


def test_the_signers_position_breaks_where_the_clerk_typed_a_new_line(org):
    order = make_order(org)
    order.signer_position = "นายกองค์การบริหารส่วนตำบลทดสอบ\nรักษาราชการแทนปลัด"
    order.save()
    printed = pdf.lines(render_order(order).content)
    assert printed[-2:] == ["นายกองค์การบริหารส่วนตำบลทดสอบ", "รักษาราชการแทนปลัด"]


def test_the_last_page_of_a_long_order_carries_body_lines_with_the_signature(stress_order):
    last_page = pdf.read(render_order(stress_order).content).pages[-1].extract_text()
    body = last_page.split("สั่ง ณ วันที่")[0].replace("\u200b", "")
    body_lines = [line for line in body.split("\n") if line.strip() and not line.startswith("- ")]
    assert len(body_lines) >= 2, last_page


def test_the_roles_line_up_in_one_column_through_the_order(stress_order):
    from committees.documents import role_column_width

    members = [m for c in stress_order.committees.all() for m in c.members.all()]
    width = float(role_column_width(members).removesuffix("cm"))
    # The longest role, "กรรมการและผู้ช่วยเลขานุการ", fits on one line of the column.
    from itaportal.documents import text_width_cm

    assert text_width_cm("กรรมการและผู้ช่วยเลขานุการ") < width < 7
