"""Demo of FY 2570's IIT/EIT campaign for อบต.หนองปรุง, as it stands in early December
2026: targets, the (made-up) ITAS links and codes, a few invited stakeholders, three
readings of the response counts, and the analyst as holder of the ITAS account. Made
through the app's services, except the dated readings: the services refuse days after
today, and the demo is dated early December 2026 whatever the machine's clock says. A
rerun removes the year's campaign and makes it again."""

from datetime import date

from django.utils import timezone

from campaigns.imports import StakeholderRow
from campaigns.models import Campaign, ResponseCount
from campaigns.services import campaign_save, stakeholders_import
from itaportal.models import User

YEAR = 2570
CHECKED_ON = date(2026, 11, 20)

STAKEHOLDERS = [
    ("นายประเสริฐ ทองดี", "ผู้นำชุมชน", "0810000001"),
    ("นางสาวมาลี ศรีสุข", "ผู้รับบริการ", "0810000002"),
    ("ร้านวัสดุก่อสร้างเขาย้อย", "ผู้ประกอบการ", "0810000003"),
    ("กลุ่มอาสาสมัครสาธารณสุขประจำหมู่บ้าน", "ภาคประชาสังคม", ""),
    ("โรงเรียนบ้านหนองปรุง", "หน่วยงานภาครัฐ", ""),
    ("นายสมศักดิ์ ใจกว้าง", "ผู้รับบริการ", ""),
]
# (instrument, day read off ITAS, responses so far)
COUNTS = [
    ("IIT", date(2026, 11, 20), 6),
    ("IIT", date(2026, 11, 27), 15),
    ("IIT", date(2026, 12, 2), 21),
    ("EIT", date(2026, 11, 20), 1),
    ("EIT", date(2026, 11, 27), 3),
    ("EIT", date(2026, 12, 2), 4),
]


def load(org):
    """Create or refresh this app's demo records for `org`; safe to run again."""
    Campaign.objects.filter(organization=org, year=YEAR).delete()
    analyst = User.objects.filter(organization=org, username="analyst").first()
    campaign_save(
        organization=org,
        year=YEAR,
        version=1,
        actor=analyst,
        iit_target=28,
        iit_link="https://itas.nacc.go.th/go/iit/demo-nongprung",
        iit_code="ตัวอย่าง-IIT",
        eit_link="https://itas.nacc.go.th/go/eit/demo-nongprung",
        eit_code="ตัวอย่าง-EIT",
        itas_holder=analyst,
        itas_checked_on=min(CHECKED_ON, timezone.localdate()),
    )
    rows = [
        StakeholderRow(line=n, name=name, group=group, phone=phone)
        for n, (name, group, phone) in enumerate(STAKEHOLDERS, start=2)
    ]
    stakeholders_import(organization=org, year=YEAR, rows=rows, actor=analyst)
    campaign = Campaign.objects.get(organization=org, year=YEAR)
    ResponseCount.objects.bulk_create(
        ResponseCount(
            campaign=campaign,
            instrument=instrument,
            counted_on=day,
            count=count,
            recorded_by=analyst,
        )
        for instrument, day, count in COUNTS
    )
