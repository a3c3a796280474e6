"""An organization that worked through FY 2569 and starts FY 2570 on 2 December 2026.

FY 2569 has a small framework whose texts name years (relative ones and a law's), the
organization's assessment, a signed committee order, a finished measure with a report,
and OIT answers in three states.
"""

from datetime import date

import pytest

from assessments.models import Assessment, OITItem
from committees.services import CommitteeData, MemberData
from measures.models import Measure, MeasureReport
from oit.models import OITAnswer
from tests.assessments.factories import make_answer, make_framework
from tests.committees.conftest import make_order

TODAY = date(2026, 12, 2)  # fiscal year 2570
SOURCE, YEAR = 2569, 2570

OIT_2569 = {
    3: {
        "3.1": [("O1", "โครงสร้าง", []), ("O2", "ข้อมูลผู้บริหาร", [])],
        "3.2": [
            (
                "O3",
                "แผนดำเนินงานประจำปี",
                ["แผนของปีงบประมาณ พ.ศ. 2569", "อ้างอิง พ.ร.บ.ข้อมูลข่าวสารของราชการ พ.ศ. 2540"],
            )
        ],
    },
    4: {"4.1": [("O4", "นโยบาย No Gift Policy", []), ("O5", "การประเมินความเสี่ยงการทุจริต", [])]},
}
# NACC's 2570 list: a new item O3 pushes the old O3–O5 one place on.
OIT_2570 = {
    3: {
        "3.1": [("O1", "โครงสร้าง", []), ("O2", "ข้อมูลผู้บริหาร", [])],
        "3.2": [("O3", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", []), ("O4", "แผนดำเนินงานประจำปี", [])],
    },
    4: {"4.1": [("O5", "นโยบาย No Gift Policy", []), ("O6", "การประเมินความเสี่ยงการทุจริต", [])]},
}

ORDER_PREAMBLE = (
    "ตามยุทธศาสตร์ชาติ (พ.ศ. ๒๕๖๑ – ๒๕๘๐) และอาศัยอำนาจตามพระราชบัญญัติสภาตำบลและ"
    "องค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗ จึงแต่งตั้งคณะกรรมการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"
)
ORDER_DUTY = "วิเคราะห์ผลการประเมิน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ตามมติที่ประชุม เมื่อวันที่ ๘ มิถุนายน ๒๕๖๖"


def item(year, code):
    return OITItem.objects.in_year(year).get(code=code)


def make_2569_framework():
    framework = make_framework(SOURCE, oit=OIT_2569)
    framework.name = "ITA ประจำปีงบประมาณ พ.ศ. 2569"
    framework.notes = "น้ำหนักใช้ตามปี 2568"
    framework.save()
    OITItem.objects.filter(pk=item(SOURCE, "O3").pk).update(
        evidence_period="ข้อมูลของปีงบประมาณ พ.ศ. 2569 (ปีที่ประเมิน)", group="แผนปี 2569"
    )
    OITItem.objects.filter(pk=item(SOURCE, "O5").pk).update(
        evidence_period="ข้อมูลของปีงบประมาณ พ.ศ. 2568 (ปีที่ผ่านมา)"
    )
    return framework


@pytest.fixture
def fw2569(db):
    return make_2569_framework()


@pytest.fixture
def last_year(org, office, finance, analyst, mayor, staff_office, fw2569):
    """FY 2569 of `org`: assessment, order, a measure with a report, three answers."""
    assessment = Assessment.objects.create(organization=org, framework=fw2569)
    order = make_order(
        org,
        number=7,
        year=2569,
        fiscal_year=2569,
        subject="แต่งตั้งคณะกรรมการ ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
        preamble=ORDER_PREAMBLE,
        signed_on=date(2026, 1, 15),
        status="signed",
        committees=[
            CommitteeData(
                name="คณะทำงาน ITA ปีงบประมาณ ๒๕๖๙",
                members=[MemberData("นักวิเคราะห์นโยบายและแผน", "เลขานุการ")],
                duties=[ORDER_DUTY],
            )
        ],
    )
    measure = Measure.objects.create(
        assessment=assessment,
        indicator=fw2569.indicators.get(number=3),
        title="มาตรการเผยแพร่แผนดำเนินงาน",
        steps=["จัดทำแผน", "เผยแพร่บนเว็บไซต์"],
        start_date=date(2025, 10, 1),
        due_date=date(2026, 9, 30),
        status=Measure.Status.DONE,
        progress=100,
    )
    measure.departments.set([office, finance])
    measure.oit_items.set([item(SOURCE, "O3")])
    MeasureReport.objects.create(measure=measure, year=2570, quarter=1, text="เผยแพร่แล้ว")
    answers = {
        "O1": make_answer(org, fw2569, "O1", office, OITAnswer.Status.APPROVED, mayor),
        "O3": make_answer(org, fw2569, "O3", office, OITAnswer.Status.SUBMITTED, staff_office),
        "O5": make_answer(org, fw2569, "O5", finance, OITAnswer.Status.DRAFT, staff_office),
    }
    return {"assessment": assessment, "order": order, "measure": measure, "answers": answers}


@pytest.fixture
def published2570(db):
    """NACC's own 2570 framework (not provisional), renumbered from 2569."""
    framework = make_framework(YEAR, oit=OIT_2570)
    return framework
