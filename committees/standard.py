"""The standard text of an ITA committee order, offered on the new-order page for the
agency admin to edit before saving.

It is the real order ๙๘/๒๕๖๕ of อบต.หนองปรุง (committees/demo.py, the one copy of that
text) made general: its subject, reasons and duties with the organization's own name, the
executive's position and the fiscal year put in (relative years moved by
itaportal/years.py, so the laws' and the national strategy's years stay as they are). What
was particular to หนองปรุง is written anew: the first paragraph (whose target "ภายใน
ปีงบประมาณ พ.ศ. ๒๕๖๕ … ร้อยละ ๘๐" was a fact of that year), the working group's members
(the organization's own department heads) and, for organizations that are not an อบต.,
the law that gives the executive the power to appoint.
"""

from committees import demo
from committees.services import CommitteeData, MemberData
from itaportal.models import Department, Organization, User
from itaportal.years import shift_years

DEMO_NAME = "องค์การบริหารส่วนตำบลหนองปรุง"
DEMO_YEAR = 2565

SAO_LAW = "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗ มาตรา ๕๙"
LAWS = {
    Organization.Kind.SAO: SAO_LAW,
    Organization.Kind.MUNICIPALITY: "พระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖ มาตรา ๔๘ เตรส",
    Organization.Kind.PAO: "พระราชบัญญัติองค์การบริหารส่วนจังหวัด พ.ศ. ๒๕๔๐ มาตรา ๓๕",
}
OTHER_LAW = "กฎหมายว่าด้วยการจัดตั้งหน่วยงาน (โปรดระบุชื่อกฎหมายและมาตรา)"

FIRST_PARAGRAPH = (
    "ตามที่ แผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็น การต่อต้านการทุจริตและประพฤติมิชอบ "
    "(พ.ศ. ๒๕๖๑ – ๒๕๘๐) ได้กำหนดให้การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment : ITA) เป็นตัวชี้วัดหนึ่งของแผนย่อยการป้องกันการทุจริต"
    "และประพฤติมิชอบ และสำนักงาน ป.ป.ช. ได้ดำเนินการประเมินหน่วยงานภาครัฐเป็นประจำทุกปี "
    "โดยมุ่งหมายให้หน่วยงานผ่านเกณฑ์การประเมินที่ ๘๕ คะแนนขึ้นไป"
)
# The working group when the organization has entered no department yet.
DEFAULT_HEADS = ["หัวหน้าสำนักปลัด", "ผู้อำนวยการกองคลัง", "ผู้อำนวยการกองช่าง"]
ANALYST = "นักวิเคราะห์นโยบายและแผน"


def executive_position(organization, executive=None):
    """The executive's position as orders print it: the executive user's own title, else
    the title the organization's kind gives (นายกเทศมนตรี… for a เทศบาล)."""
    if executive is not None and executive.position_title.strip():
        return executive.position_title.strip()
    if organization.kind == Organization.Kind.MUNICIPALITY:
        return organization.name.replace("เทศบาล", "นายกเทศมนตรี", 1)
    return f"นายก{organization.name}"


def standard_order(*, organization, fiscal_year):
    """The header fields and the committees (CommitteeData) of a standard ITA committee
    order of `organization` for `fiscal_year`, signed by its current executive. Writes
    nothing."""
    executive = User.objects.current_executive(organization)
    position = executive_position(organization, executive)
    delta = fiscal_year - DEMO_YEAR

    def general(text):
        text = text.replace(demo.NAYOK, position).replace(DEMO_NAME, organization.name)
        return shift_years(text, delta, source_year=DEMO_YEAR)

    reasons = general(demo.PREAMBLE[1]).replace(SAO_LAW, LAWS.get(organization.kind, OTHER_LAW))
    direction, group, executive_duty, admin_duty = demo.COMMITTEES
    heads = [
        d.head_title
        for d in Department.objects.filter(organization=organization)
        if d.head_title.strip()
    ] or DEFAULT_HEADS
    committees = [
        CommitteeData(
            name=direction.name,
            kind=direction.kind,
            duties_heading=direction.duties_heading,
            members=[
                MemberData(position_title=general(m.position_title), role=m.role)
                for m in direction.members
            ],
            duties=[general(d) for d in direction.duties],
        ),
        CommitteeData(
            name=group.name,
            kind=group.kind,
            duties_heading=group.duties_heading,
            members=[
                MemberData(f"ปลัด{organization.name}", "หัวหน้าคณะทำงาน"),
                *[MemberData(head, "คณะทำงาน") for head in heads],
                MemberData(ANALYST, "คณะทำงาน/เลขานุการ"),
            ],
            duties=[general(d) for d in group.duties],
        ),
        CommitteeData(
            name=executive_duty.name,
            kind=executive_duty.kind,
            duties_heading=executive_duty.duties_heading,
            members=[MemberData(position_title=position)],
            duties=[general(d) for d in executive_duty.duties],
        ),
        CommitteeData(
            name=admin_duty.name,
            kind=admin_duty.kind,
            duties_heading=admin_duty.duties_heading,
            members=[MemberData(position_title=ANALYST)],
            duties=[general(d) for d in admin_duty.duties],
        ),
    ]
    header = {
        "subject": general(demo.SUBJECT),
        "fiscal_year": fiscal_year,
        "preamble": "\n\n".join([FIRST_PARAGRAPH, reasons]),
        "signer_prefix": executive.name_prefix if executive else "",
        "signer_name": f"{executive.first_name} {executive.last_name}".strip() if executive else "",
        "signer_position": position,
    }
    return header, committees
