"""Demo of what is due in FY 2570 for อบต.หนองปรุง (called by `manage.py loaddemo` after
the year is started): NACC's calendar of the known years, two deadlines the organization
set itself, and the memo that circulates FY 2569's measures to the departments — sent at
the end of November 2026 and acknowledged so far by กองคลัง only, so on the demo's day
(3 December 2026) staff of the other departments see it on their home page.

Safe to run again: rows are found by their natural keys and updated.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from assessments.models import Assessment
from deadlines.milestones import milestones_seed
from deadlines.models import DeadlineSettings, OrganizationDeadline
from itaportal.demo import department
from itaportal.models import Department, User
from measures.models import Acknowledgement, Memo

BANGKOK = ZoneInfo("Asia/Bangkok")
YEAR = 2570

OWN_DEADLINES = [
    # (kind, title, due, department key or None for the admin)
    (
        OrganizationDeadline.Kind.ORDER,
        "เสนอนายกลงนามคำสั่งแต่งตั้งคณะทำงานการประเมิน ITA ปี 2570",
        date(2026, 12, 15),
        None,
    ),
    (
        OrganizationDeadline.Kind.OTHER,
        "ส่งรายชื่อผู้มีส่วนได้ส่วนเสียสำหรับแบบวัด EIT ปี 2570",
        date(2026, 12, 25),
        "office",
    ),
]

MEMO_SUBJECT = "แจ้งมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"
MEMO_DATE = date(2026, 11, 30)


def load(org):
    milestones_seed()
    DeadlineSettings.objects.get_or_create(organization=org)
    for kind, title, due, dept_key in OWN_DEADLINES:
        OrganizationDeadline.objects.update_or_create(
            organization=org,
            year=YEAR,
            title=title,
            defaults={
                "kind": kind,
                "due_on": due,
                "department": department(org, dept_key) if dept_key else None,
            },
        )
    assessment = Assessment.objects.get(organization=org, year=YEAR - 1)
    office = department(org, "office")
    memo, _ = Memo.objects.update_or_create(
        assessment=assessment,
        subject=MEMO_SUBJECT,
        defaults={
            "date": MEMO_DATE,
            "issuing_unit": f"{office.name} {org.name}",
            "addressee": "ผู้อำนวยการกองคลัง ผู้อำนวยการกองช่าง ผู้อำนวยการกองการศึกษา ศาสนา "
            "และวัฒนธรรม และหัวหน้าสำนักปลัด",
            "body": [
                "ตามผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
                "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ องค์การบริหารส่วนตำบลหนองปรุงได้จัดทำมาตรการ"
                "เพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                "จึงขอให้ทุกส่วนราชการถือปฏิบัติ และรายงานผลการดำเนินงานทุกไตรมาส",
            ],
            "signer_name": User.objects.get(username="mayor").get_full_name(),
            "signer_position": f"นายก{org.name}",
        },
    )
    memo.recipients.set(Department.objects.filter(organization=org))
    finance = User.objects.get(username="staff-finance")
    Acknowledgement.objects.update_or_create(
        memo=memo,
        user=finance,
        defaults={
            "name": finance.get_full_name(),
            "position": finance.position_title or "ผู้อำนวยการกองคลัง",
            "at": datetime.combine(date(2026, 12, 1), time(9, 30), tzinfo=BANGKOK),
        },
    )
    return {"memo": memo}
