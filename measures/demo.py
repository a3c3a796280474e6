"""Demo data of this app for อบต.หนองปรุง, called by `manage.py loaddemo`.

The measures are the seed's "องค์ประกอบที่ ๓" rows (EIT indicators 6–8 and OIT 9–10),
the memo of ๓๑ ตุลาคม ๒๕๖๕ that circulated them with its acknowledgements, and a few
quarterly reports of the follow-up year (FY 2566).
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from assessments.models import Assessment, Indicator, OITItem
from itaportal.models import Department, User
from measures.models import Acknowledgement, Measure, MeasureReport, Memo, Quarter

YEAR = 2565
BANGKOK = ZoneInfo("Asia/Bangkok")

ALL_HEADS = ["ผอ.ทุกกอง", "นักจัดการงานทั่วไป ชก", "พนักงานทุกคน"]
PARTICIPATION_SUB_TOPIC = (
    "หน่วยงานที่ท่านติดต่อเปิดโอกาสให้ผู้รับบริการ ผู้มาติดต่อหรือผู้มีส่วนได้ส่วนเสีย"
    "เข้าไปมีส่วนร่วมในการดำเนินงานตามภารกิจของหน่วยงาน"
)
PARTICIPATION_WEAKNESS = "เปิดโอกาสให้บุคคลภายนอกได้มีส่วนร่วมในการดำเนินงานตามภารกิจของหน่วยงาน"
PARTICIPATION_IMPROVE = "การส่งเสริมให้บุคคลภายนอกเข้ามามีส่วนร่วมในการดำเนินงานตามภารกิจของหน่วยงาน"
PARTICIPATION_MONITORING = [
    "แต่งตั้งคณะทำงานติดตามและรายงานผล ในทุกโครงการที่บุคคลภายนอกมีส่วนร่วม",
    "รายงานผลให้ผู้บริหารทราบ",
    "รายงานผลรายไตรมาส",
]
PARTICIPATION_MEASURE = "มาตรการส่งเสริมให้บุคคลภายนอกมีส่วนร่วมในการดำเนินงานตามภารกิจ"

# The seed's rows, in order. departments: keys of itaportal.demo.DEPARTMENTS.
SEED_MEASURES = [
    {
        "indicator": 6,
        "sub_topic": (
            "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ มีการปิดบัง หรือบิดเบือนข้อมูลเกี่ยวกับ"
            "การดำเนินการ/ให้บริการแก่ท่าน มากเกินไป"
        ),
        "weakness": "การปิดบังหรือบิดเบือนข้อมูลเกี่ยวกับการดำเนินการ/ให้บริการของเจ้าหน้าที่ของหน่วยงาน",
        "improvements": [
            "การจัดทำคู่มือหรือมาตรฐานการปฏิบัติงาน",
            "การส่งเสริมการให้บริการโดยมุ่งเน้นในด้านการเปิดเผยหรือการให้ข้อมูลแก่ผู้มาติดต่อหรือรับบริการ",
            "การจัดทำคู่มือการรับบริการต่างๆ",
            "การประชาสัมพันธ์คู่มือการรับบริการ",
        ],
        "departments": ["office", "finance", "works", "edu"],
        "responsible_people": ALL_HEADS,
        "steps": [
            "แต่งตั้งคณะทำงานจัดทำคู่มือหรือมาตรฐานการปฏิบัติงาน",
            "แต่งตั้งคณะทำงานส่งเสริมการให้บริการ ด้านการเปิดเผยหรือรับบริการ",
            "จัดทำคู่มือการรับบริการต่างๆ",
            "ประชาสัมพันธ์คู่มือการรับบริการ",
        ],
        "monitoring": ["มาตรการเปิดเผยข้อมูลการดำเนินงานและการบริการประชาชนให้มีความโปร่งใส ตรวจสอบได้"],
        "title": "มาตรการเปิดเผยข้อมูลการดำเนินงานและการบริการประชาชนให้มีความโปร่งใส ตรวจสอบได้",
        "oit_items": ["O14"],
    },
    {
        "indicator": 7,
        "sub_topic": ("หน่วยงานที่ท่านติดต่อเผยแพร่ผลงานหรือข้อมูลที่สาธารณชนควรรับทราบอย่างชัดเจน มากน้อยเพียงใด"),
        "weakness": "การเผยแพร่ผลงานหรือข้อมูลที่สาธารณชนควรรับทราบ",
        "improvements": [
            "การเผยแพร่ข้อมูลของหน่วยงานให้เข้าถึงง่าย ไม่ซับซ้อน",
            "การเพิ่มช่องทางเผยแพร่ให้หลากหลาย",
            "อำนวยความสะดวกในการเข้าใช้งาน",
            "การจัดทำคู่มือวิธีการใช้ช่องทางเผยแพร่ผลงาน",
        ],
        "departments": ["office", "finance", "works", "edu"],
        "responsible_people": ALL_HEADS,
        "steps": [
            "แต่งตั้งคณะทำงานเผยแพร่ข้อมูลของหน่วยงานให้เข้าถึงง่าย ไม่ซับซ้อน",
            "เพิ่มช่องทางเผยแพร่ให้หลากหลายในทุกสื่อ",
            "อำนวยความสะดวกในการเข้าใช้งาน",
            "จัดทำคู่มือวิธีการใช้ช่องทางเผยแพร่ผลงาน",
        ],
        "monitoring": ["มาตรการเผยแพร่ข้อมูลของหน่วยงานให้มีความโปร่งใส ตรวจสอบได้"],
        "title": "มาตรการเผยแพร่ข้อมูลของหน่วยงานให้มีความโปร่งใส ตรวจสอบได้",
        "oit_items": ["O7"],
    },
    {
        "indicator": 8,
        "sub_topic": (
            "หน่วยงานที่ท่านติดต่อเปิดโอกาสให้ผู้รับบริการ ผู้มาติดต่อหรือผู้มีส่วนได้ส่วนเสีย"
            "เข้าไปมีส่วนร่วมในการปรับปรุงพัฒนาการดำเนินงาน/การให้บริการของหน่วยงานได้ดียิ่งขึ้น"
        ),
        "weakness": (
            "เปิดโอกาสให้ผู้รับบริการ ผู้มาติดต่อหรือผู้มีส่วนได้ส่วนเสียเข้าไปมีส่วนร่วม"
            "ในการปรับปรุงพัฒนาการดำเนินงาน/การให้บริการของหน่วยงาน"
        ),
        # The seed's cell repeats its column heading; kept as the organization wrote it.
        "improvements": ["ประเด็นที่จะต้องพัฒนาให้ดีขึ้น สอดคล้องกับผลการประเมิน"],
        "departments": ["office", "works"],
        "responsible_people": ["ผอ.ทุกกอง", "นักจัดการงานทั่วไป", "พนักงานทุกคน"],
        "steps": [
            "แต่งตั้งคณะทำงานส่งเสริมให้บุคคลภายนอกมีส่วนร่วมในการกิจกรรมของหน่วยงานทุกโครงการ",
            "จัดทำช่องทางประชาสัมพันธ์การมีส่วนร่วมในการปฏิบัติงานต่างๆ",
            "รายงานผู้บริหาร",
        ],
        "monitoring": ["กำหนดระยะเวลาการทำงาน และผลการรายงานผล", *PARTICIPATION_MONITORING],
        "title": PARTICIPATION_MEASURE,
        "oit_items": ["O32"],
    },
    {
        "indicator": 9,
        "sub_topic": PARTICIPATION_SUB_TOPIC,
        "weakness": PARTICIPATION_WEAKNESS,
        "improvements": [PARTICIPATION_IMPROVE],
        "departments": ["office", "edu"],
        "responsible_people": ALL_HEADS,
        "steps": [
            "แต่งตั้งคณะทำงานส่งเสริมให้บุคคลภายนอกมีส่วนร่วมในภารกิจของหน่วยงานทุกโครงการ",
            "รายงานผลให้ผู้บริหารทราบ",
            "รายงานผลรายไตรมาส",
        ],
        "monitoring": PARTICIPATION_MONITORING,
        "title": PARTICIPATION_MEASURE,
        "oit_items": ["O33"],
    },
    {
        "indicator": 10,
        "sub_topic": PARTICIPATION_SUB_TOPIC,
        "weakness": PARTICIPATION_WEAKNESS,
        "improvements": [PARTICIPATION_IMPROVE],
        "departments": ["office", "finance"],
        "responsible_people": ALL_HEADS,
        "steps": [
            "แต่งตั้งคณะทำงานส่งเสริมให้บุคคลภายนอกมีส่วนร่วมในภารกิจของหน่วยงานทุกโครงการ",
            "จัดทำช่องทางประชาสัมพันธ์การมีส่วนร่วมในภารกิจงานต่างๆ",
            "รายงานผู้บริหาร",
        ],
        "monitoring": PARTICIPATION_MONITORING,
        "title": PARTICIPATION_MEASURE,
        "oit_items": ["O35", "O42", "O43"],
    },
]

# Dates of the follow-up year FY 2566 (1 Oct 2022 – 30 Sep 2023).
START = date(2022, 11, 1)
DUE = date(2023, 9, 30)
STATUS = {
    6: (Measure.Status.DONE, 100),
    7: (Measure.Status.IN_PROGRESS, 75),
    8: (Measure.Status.IN_PROGRESS, 50),
    9: (Measure.Status.IN_PROGRESS, 60),
    10: (Measure.Status.NOT_STARTED, 0),
}
# (indicator, quarter of FY 2566, reporting department key, text)
REPORTS = [
    (6, 1, "office", "แต่งตั้งคณะทำงานจัดทำคู่มือหรือมาตรฐานการปฏิบัติงานแล้ว ตามคำสั่งที่ ๒๑๐/๒๕๖๕"),
    (6, 2, "finance", "จัดทำคู่มือการรับบริการงานจัดเก็บรายได้และงานพัสดุ เผยแพร่บนเว็บไซต์แล้ว"),
    (6, 3, "works", "จัดทำคู่มือการขออนุญาตก่อสร้างอาคาร และประชาสัมพันธ์ผ่านเพจของหน่วยงาน"),
    (6, 4, "edu", "ประชาสัมพันธ์คู่มือการรับบริการทุกกองผ่านเว็บไซต์และบอร์ดประชาสัมพันธ์"),
    (7, 1, "office", "เพิ่มช่องทาง LINE Official Account และเพจ Facebook ของหน่วยงาน"),
    (7, 2, "edu", "เผยแพร่ผลงานของศูนย์พัฒนาเด็กเล็กบนเว็บไซต์ทุกเดือน"),
    (8, 1, "works", "แต่งตั้งคณะทำงานส่งเสริมการมีส่วนร่วม และเชิญผู้นำชุมชนร่วมตรวจรับงานก่อสร้าง"),
    (9, 1, "office", "แต่งตั้งคณะทำงานส่งเสริมให้บุคคลภายนอกมีส่วนร่วมในภารกิจของหน่วยงานแล้ว"),
]

MEMO = {
    "number": "",
    "date": date(2022, 10, 31),
    "subject": (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงานขององค์การบริหารส่วนตำบลหนองปรุง "
        "ประจำปีงบประมาณ พ.ศ.๒๕๖๕"
    ),
    "addressee": (
        "ผู้อำนวยการกองคลัง ผู้อำนวยการกองช่าง ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม และหัวหน้าสำนักปลัด"
    ),
    "body": [
        "ด้วยองค์การบริหารส่วนตำบลหนองปรุง ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        "ในการดำเนินงานขององค์การบริหารส่วนตำบลหนองปรุง ปีงบประมาณ ๒๕๖๕ ตามมติที่ประชุมคณะทำงาน"
        "จัดทำมาตรการคุณธรรมและความโปร่งใสในการดำเนินงานขององค์การบริหารส่วนตำบลหนองปรุง "
        "ปีงบประมาณ พ.ศ.\u00a0๒๕๖๕ ในคราวประชุม ครั้งที่ ๑/๒๕๖๕ เมื่อวันที่ ๒๔ กันยายน ๒๕๖๕",
        "สำนักปลัดจึงขอแจ้งส่วนราชการเพื่อรับทราบและถือปฏิบัติตามมาตรการส่งเสริมคุณธรรม"
        "และความโปร่งใสภายในองค์การบริหารส่วนตำบลหนองปรุง ประจำปีงบประมาณ พ.ศ.๒๕๖๕ "
        "เพื่อยกระดับคะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
        "ในปีงบประมาณ พ.ศ.\u00a0๒๕๖๖ ในรายตัวชี้วัด และคะแนนโดยภาพรวม อันจะนำไปสู่"
        "การดำเนินการตามคุณธรรมและความโปร่งใสของหน่วยงานเพิ่มขึ้นต่อไป",
    ],
    "closing": "จึงเรียนมาเพื่อทราบ",
    "signer_prefix": "ด.ต.",
    "signer_name": "สนธยา คงสนิท",
    "signer_position": "นายกองค์การบริหารส่วนตำบลหนองปรุง",
}
# (username or None for a paper acknowledgement, name, position lines, day)
ACKNOWLEDGEMENTS = [
    (
        "staff-finance",
        "นางสถาพร กลิ่นโพธิ์กลับ",
        "ผู้อำนวยการกองคลัง\nรักษาราชการแทน ปลัดองค์การบริหารส่วนตำบล",
        date(2022, 11, 1),
    ),
    ("staff-works", "นายสมบัติ ทับล้อม", "ผู้อำนวยการกองช่าง", date(2022, 11, 1)),
    ("staff-edu", "นางสาวชุตติกาญจน์ ดั่งสท้าน", "ผู้อำนวยการกองการศึกษา ฯ", date(2022, 11, 2)),
    (
        None,
        "นางสาววงเดือน พรมแก้ว",
        "นักจัดการงานทั่วไป ชำนาญการ\nรักษาราชการแทน หน.สำนักปลัด",
        date(2022, 11, 2),
    ),
]


def _department_keys(org):
    from itaportal import demo as core_demo

    return {key: core_demo.department(org, key) for key, _name, _title in core_demo.DEPARTMENTS}


def create_seed_measures(assessment, departments, start=START, due=DUE):
    """Create (or refresh) the seed's five measures on `assessment`.

    `departments` maps the keys office/finance/works/edu to Department rows. Returns the
    measures by indicator number. Used by the demo and by the tests' factory.
    """
    framework_id = assessment.framework_id
    measures = {}
    for row in SEED_MEASURES:
        indicator = Indicator.objects.get(framework_id=framework_id, number=row["indicator"])
        status, progress = STATUS[row["indicator"]]
        measure, _ = Measure.objects.update_or_create(
            assessment=assessment,
            indicator=indicator,
            order=1,
            defaults={
                "sub_topic": row["sub_topic"],
                "weakness": row["weakness"],
                "improvements": row["improvements"],
                "responsible_people": row["responsible_people"],
                "steps": row["steps"],
                "monitoring": row["monitoring"],
                "title": row["title"],
                "start_date": start,
                "due_date": due,
                "status": status,
                "progress": progress,
                "completed_on": date(due.year, 6, 30) if status == Measure.Status.DONE else None,
            },
        )
        measure.departments.set([departments[k] for k in row["departments"] if k in departments])
        items = OITItem.objects.in_framework(framework_id).filter(code__in=row["oit_items"])
        measure.oit_items.set(items)
        measures[row["indicator"]] = measure
    return measures


@transaction.atomic
def load(org):
    """Create or refresh this app's demo records for `org`; safe to run again."""
    try:
        assessment = Assessment.objects.get(organization=org, year=YEAR)
    except Assessment.DoesNotExist:
        raise RuntimeError(
            f"measures.demo needs the FY {YEAR} assessment of {org.slug}: "
            "assessments.demo.load(org) must run first and create it"
        ) from None
    departments = _department_keys(org)
    measures = create_seed_measures(assessment, departments)
    users = {u.username: u for u in User.objects.filter(organization=org)}
    staff_by_department = {
        key: next(
            (u for u in users.values() if u.department_id == d.pk and u.role == "staff"), None
        )
        for key, d in departments.items()
    }
    for indicator, quarter, dept_key, text in REPORTS:
        # Each report is the part of the department that wrote it.
        report, _ = MeasureReport.objects.update_or_create(
            measure=measures[indicator],
            department=departments[dept_key],
            year=YEAR + 1,
            quarter=quarter,
            defaults={"text": text, "created_by": staff_by_department.get(dept_key)},
        )
        # Reported in the last week of its quarter, as the departments did. The one
        # QuerySet.update() on a tracked model outside migrations, and on purpose: save()
        # cannot write these stamps (auto_now_add/auto_now put "now" back), and they are
        # no content anyone edits, so no version bump (no page sends them) and no history
        # row (the report's creation is in its history already) is owed.
        at = datetime.combine(Quarter(YEAR + 1, quarter).end, time(15, 0), tzinfo=BANGKOK)
        MeasureReport.objects.filter(pk=report.pk).update(created_at=at, updated_at=at)
    memo, _ = Memo.objects.update_or_create(
        assessment=assessment,
        date=MEMO["date"],
        defaults={
            **{k: v for k, v in MEMO.items() if k != "date"},
            "issuing_unit": f"{departments['office'].name} {org.name}",
            # The seed's memo went out signed: it prints without "ร่าง".
            "signed_on": MEMO["date"],
        },
    )
    memo.recipients.set(Department.objects.filter(organization=org))
    for username, name, position, day in ACKNOWLEDGEMENTS:
        at = datetime.combine(day, time(10, 0), tzinfo=BANGKOK)
        user = users.get(username) if username else None
        if user is not None:
            Acknowledgement.objects.update_or_create(
                memo=memo, user=user, defaults={"name": name, "position": position, "at": at}
            )
        else:
            Acknowledgement.objects.update_or_create(
                memo=memo, user=None, name=name, defaults={"position": position, "at": at}
            )
    return {"measures": measures, "memo": memo}
