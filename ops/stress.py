"""A stress set for the documents: what a real organization can throw at them.

An order of 30 members with long names and positions, and 17 measures with long
unspaced Thai, numbers and English, added to an organization's year. The benchmark
builds it inside a transaction it rolls back; tests may build it in their database.
"""

from committees.models import Committee, Order
from committees.services import CommitteeData, MemberData, committees_replace
from measures.models import Measure

LONG_THAI = (
    "ปรับปรุงกระบวนการเปิดเผยข้อมูลสาธารณะบนเว็บไซต์หลักของหน่วยงานให้ครบถ้วนตามเกณฑ์"
    "การประเมินOITประจำปีงบประมาณพ.ศ.๒๕๖๖วงเงิน๑๕๐,๐๐๐บาทและรายงานผลทุกไตรมาสSTATUS-LINE"
)
LONG_NAMES = [
    ("นางสาวประภาพรรณ ศรีสุวรรณวิเศษกุล", "ผู้อำนวยการกองส่งเสริมการเกษตรและสิ่งแวดล้อม"),
    ("นายเกียรติศักดิ์ เจริญรุ่งเรืองศักดิ์", "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ"),
    ("ว่าที่ร้อยตรีธนพัฒน์ วงศ์สวัสดิ์พิพัฒน์", "ผู้อำนวยการกองการศึกษา ศาสนา และวัฒนธรรม"),
]


def stress_order(organization, *, year, number=999):
    """A signed-ready order of `year` with 30 members and long names and positions."""
    order = Order.objects.create(
        organization=organization,
        number=number,
        year=year,
        fiscal_year=year,
        subject="แต่งตั้งคณะทำงานขับเคลื่อนการยกระดับผลการประเมินคุณธรรมและความโปร่งใส"
        f"ในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {year}",
        preamble=LONG_THAI * 2,
        signer_name="สนธยา คงสนิท",
        signer_position=f"นายก{organization.name}",
    )
    members = [
        MemberData(
            f"{LONG_NAMES[n % 3][1]} ลำดับที่ {n + 1}",
            "คณะทำงาน/ผู้ช่วยเลขานุการ" if n % 2 else "คณะทำงาน",
            LONG_NAMES[n % 3][0],
        )
        for n in range(30)
    ]
    committees_replace(
        order=order,
        committees=[
            CommitteeData(
                name="คณะทำงานขับเคลื่อนการประเมิน",
                members=members,
                duties_heading="มีหน้าที่ ดังต่อไปนี้",
                duties=[LONG_THAI, "ติดตามและรายงานผลต่อผู้บริหารทุกไตรมาส"],
                kind=Committee.Kind.BOARD,
            )
        ],
    )
    return order


def stress_measures(assessment, *, count=17):
    """`count` long measures on the assessment's first indicator (more if some exist)."""
    indicator = assessment.framework.indicators.order_by("number").first()
    created = []
    for n in range(count):
        created.append(
            Measure.objects.create(
                assessment=assessment,
                indicator=indicator,
                title=f"{LONG_THAI} ข้อ {n + 1}",
                sub_topic=LONG_THAI,
                weakness=LONG_THAI * 2,
                improvements=[LONG_THAI, "เผยแพร่ข้อมูลภายในวันที่ 15 ของทุกเดือน"],
                responsible_people=[name for name, _ in LONG_NAMES],
                steps=[LONG_THAI] * 3,
                monitoring=[LONG_THAI, "รายงานผลต่อนายกทุกไตรมาส"],
            )
        )
    return created
