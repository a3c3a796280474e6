"""The editable templates of the announcement kit, filled with the organization's data.

The admin starts an announcement from one of these and edits the text before printing;
nothing here is written to the database.
"""

from announcements.models import Announcement
from committees.standard import executive_position
from itaportal import thai
from itaportal.models import Organization, User

STAFF = {
    Organization.Kind.SAO: "พนักงานส่วนตำบล",
    Organization.Kind.MUNICIPALITY: "พนักงานเทศบาล",
    Organization.Kind.PAO: "พนักงานส่วนจังหวัด",
}

CLOSING = "จึงประกาศมาให้ทราบโดยทั่วกัน"

INTEGRITY = [
    "ตามที่ สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) "
    "ได้กำหนดให้มีการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment : ITA) เพื่อเป็นกลไกในการป้องกันการทุจริต "
    "และส่งเสริมให้หน่วยงานภาครัฐบริหารงานอย่างโปร่งใสและมีคุณธรรม นั้น",
    "ข้าพเจ้า {signer} {position} ขอประกาศเจตจำนงว่าจะบริหารงานด้วยความซื่อสัตย์สุจริต "
    "มีคุณธรรม โปร่งใส และพร้อมรับผิดชอบต่อผลการปฏิบัติงาน ไม่กระทำการใด ๆ "
    "อันเป็นการทุจริตและประพฤติมิชอบ ยึดประโยชน์ส่วนรวมเหนือประโยชน์ส่วนตน "
    "เปิดเผยข้อมูลการดำเนินงานต่อสาธารณะ และเปิดโอกาสให้ประชาชนมีส่วนร่วม "
    "เพื่อนำพา{org}ให้เป็นองค์กรที่มีคุณธรรมและความโปร่งใสในการดำเนินงาน "
    "ประจำปีงบประมาณ พ.ศ. {year}",
    CLOSING,
]

NO_GIFT = [
    "เพื่อให้การบริหารงานของ{org}เป็นไปด้วยความซื่อสัตย์สุจริต โปร่งใส "
    "และเป็นไปตามพระราชบัญญัติประกอบรัฐธรรมนูญว่าด้วยการป้องกันและปราบปรามการทุจริต "
    "พ.ศ. ๒๕๖๑ มาตรา ๑๒๘ และประกาศคณะกรรมการ ป.ป.ช. ว่าด้วยหลักเกณฑ์การรับทรัพย์สิน"
    "หรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าหน้าที่ของรัฐ",
    "{org}จึงประกาศนโยบายให้ผู้บริหาร {staff} ลูกจ้าง และพนักงานจ้างทุกคน "
    "งดให้และงดรับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy) "
    "ทั้งในเทศกาลและโอกาสอื่นใด เว้นแต่การรับโดยธรรมจรรยาตามที่กฎหมายกำหนด "
    "ตั้งแต่ปีงบประมาณ พ.ศ. {year} เป็นต้นไป",
    CLOSING,
]

SUBJECTS = {
    Announcement.Kind.INTEGRITY: "เจตจำนงสุจริตในการบริหารงาน",
    Announcement.Kind.NO_GIFT: "นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",
    Announcement.Kind.GENERIC: "",
}
BODIES = {
    Announcement.Kind.INTEGRITY: INTEGRITY,
    Announcement.Kind.NO_GIFT: NO_GIFT,
    Announcement.Kind.GENERIC: [CLOSING],
}

# Words in an OIT item's title that tell which item an announcement serves.
SERVES = {
    Announcement.Kind.INTEGRITY: ("เจตจำนง",),
    Announcement.Kind.NO_GIFT: ("ของขวัญ", "No Gift", "ประโยชน์อื่นใด"),
}


def standard_announcement(*, organization, kind, fiscal_year):
    """The fields of a new announcement of `kind`, signed by the current executive."""
    executive = User.objects.current_executive(organization)
    position = executive_position(organization, executive)
    name = f"{executive.first_name} {executive.last_name}".strip() if executive else ""
    values = {
        "org": organization.name,
        "signer": name or "……………………",
        "position": position,
        "staff": STAFF.get(organization.kind, "พนักงาน"),
        "year": thai.thai_digits(fiscal_year),
    }
    return {
        "kind": kind,
        "fiscal_year": fiscal_year,
        "subject": SUBJECTS[kind],
        "body": "\n".join(paragraph.format(**values) for paragraph in BODIES[kind]),
        "signer_prefix": executive.name_prefix if executive else "",
        "signer_name": name,
        "signer_position": position,
    }


def suggested_item(items, kind):
    """The OIT item (of `items`) an announcement of `kind` most likely serves, or None."""
    words = SERVES.get(kind, ())
    return next((i for i in items if any(w in i.title for w in words)), None)
