"""Demo of the fiscal year in progress for อบต.หนองปรุง: FY 2570 as it stands in early
December 2026 (Q1 = October–December 2026), called by `manage.py loaddemo` after the
FY 2565 seed (which it leaves as it is).

The year is made the way the agency admin and the departments make it, through the
services of the apps:

- the admin (analyst) starts FY 2570 from FY 2565 with years.services.fiscal_year_start:
  a provisional framework (a copy of the newest shipped one, 2569's, with its years
  moved), the year's assessment, a draft committee order without a number, the measures
  and the OIT answers carried forward as drafts needing new evidence. Most items find
  their new number by title; the admin matches the two manuals by hand (ITEM_MAPPING);
- measures are carried out in the year after the assessment they answer
  (Measure.follow_up_year), so the ones reported on in Q1 of FY 2570 belong to FY 2569:
  the admin starts FY 2569 from FY 2565 with the measures only (on the shipped
  provisional 2569 framework), and staff of the
  responsible departments report Q1 and set their progress (measures.services);
- staff answer, submit and the mayor approves or returns OIT items of 2570
  (oit.services), so that every state is there: approved, waiting, returned with the
  mayor's comment, a draft, and an item nobody has started.

Dates the services take are fixed (the start on 1 October 2026, the Q1 reports on
20 November 2026), so what is made does not depend on the day it runs; the stamps the
services take from the clock (events, approvals) are the run's own.

Safe to run again: the demo's work of these years (the OIT answers of 2570, the measures
of 2569 and 2570, the order of FY 2570) is removed and made again, so a rerun gives the
same records; the framework and the assessments made by the first run are kept.
"""

from datetime import date

from django.db import transaction

from assessments.models import Assessment, Framework, OITItem
from committees.models import Order
from itaportal.demo import department
from itaportal.models import User
from measures.models import Measure, Quarter
from measures.services import measure_progress_save, report_save
from oit.models import OITAnswer
from oit.services import (
    oit_answer_approve,
    oit_answer_return,
    oit_answer_save,
    oit_answer_submit,
    oit_items_assign,
)
from years.services import fiscal_year_start

YEAR = 2570
SOURCE_YEAR = 2565
MEASURES_YEAR = YEAR - 1  # the assessment whose measures are carried out in FY 2570
STARTED_ON = date(2026, 10, 1)
REPORTED_ON = date(2026, 11, 20)
SITE = "https://www.nongprung.go.th"

# The admin's hand matching of FY 2565 items to the provisional 2570 list, where the
# titles differ too much for the automatic matching: the works department's manual (O13
# of 2565) is the new O8, the officers' work manual; the education department's service
# manual (O14) is the new O9, the manual for people asking for a service.
ITEM_MAPPING = {"O13": "O8", "O14": "O9"}

STAFF = {
    "office": "staff-office",
    "finance": "staff-finance",
    "works": "staff-works",
    "edu": "staff-edu",
}

S = OITAnswer.Status

# code: (department key, final state, (path, label), where to find it, mayor's comment).
# Items of the year that 2565 had no answer for and nobody has taken up (O12, the yearly
# procurement report, among them) stay not started.
ANSWERS = {
    "O1": (
        "office", S.APPROVED, ("/structure", "แผนผังโครงสร้างส่วนราชการ อบต.หนองปรุง ปี 2570"),
        "หน้าหลัก › ข้อมูลหน่วยงาน › โครงสร้าง", "",
    ),
    "O2": (
        "office", S.SUBMITTED, ("/executives", "คณะผู้บริหารและหัวหน้าส่วนราชการ (ปรับปรุง ต.ค. 2569)"),
        "หน้าหลัก › ข้อมูลหน่วยงาน › คณะผู้บริหาร", "",
    ),
    "O3": (
        "office", S.RETURNED, ("/contact", "ข้อมูลการติดต่อ อบต.หนองปรุง"),
        "หน้าหลัก › ติดต่อเรา",
        "ยังไม่มีช่องทางการสอบถามออนไลน์ ขอให้เพิ่มแบบฟอร์มหรือบัญชีไลน์ของหน่วยงานในหน้าเดียวกัน",
    ),
    "O8": (
        "works", S.DRAFT, ("/manual/works-2570", "คู่มือการปฏิบัติงานของเจ้าหน้าที่ กองช่าง ฉบับปี 2570"),
        "หน้าหลัก › คู่มือ › คู่มือการปฏิบัติงาน", "",
    ),
    "O19": (
        "finance", S.RETURNED, ("/participation/budget-2570", "ประชุมประชาคมจัดทำแผนและงบประมาณ ปี 2570"),
        "หน้าหลัก › การมีส่วนร่วม",
        "เป็นภาพกิจกรรมปี 2569 ขอให้แนบกิจกรรมที่ประชาชนมีส่วนร่วมในปีงบประมาณ 2570",
    ),
}  # fmt: skip

# Q1 reports of FY 2570 on the FY 2569 measures: (indicator, department key, text, progress)
REPORTS = [
    (6, "office", "แต่งตั้งคณะทำงานจัดทำคู่มือการปฏิบัติงานประจำปี 2570 แล้ว อยู่ระหว่างทบทวนคู่มือเดิม", 25),
    (7, "edu", "เผยแพร่ผลงานศูนย์พัฒนาเด็กเล็กเดือนตุลาคมและพฤศจิกายนบนเว็บไซต์และเพจของหน่วยงาน", 20),
    (8, "works", "เชิญผู้นำชุมชนร่วมตรวจรับงานซ่อมถนนหมู่ 3 และบันทึกการมีส่วนร่วมไว้แล้ว", 15),
    (10, "finance", "ประชาสัมพันธ์ช่องทางให้ประชาชนเสนอความเห็นต่อร่างแผนการใช้จ่ายงบประมาณ 2570", 10),
]  # fmt: skip


@transaction.atomic
def load(org):
    """Create or remake FY 2570 (and the FY 2569 measures) of `org` as described above."""
    users = {u.username: u for u in User.objects.filter(organization=org)}
    analyst = users["analyst"]
    _remove_demo_work(org)
    # FY 2570's framework is the copy of the newest shipped one (2569).
    result = fiscal_year_start(
        organization=org, year=YEAR, source_year=SOURCE_YEAR, actor=analyst,
        copy_order=True, copy_measures=True, copy_answers=True,
        item_mapping=ITEM_MAPPING, today=STARTED_ON,
    )  # fmt: skip
    fiscal_year_start(
        organization=org, year=MEASURES_YEAR, source_year=SOURCE_YEAR, actor=analyst,
        copy_order=False, copy_measures=True, copy_answers=False, today=STARTED_ON,
    )  # fmt: skip
    _report_measures(org, users)
    _work_answers(org, users)
    return result


def unload(org):
    """Take back what `load` made, leaving `org` as the FY 2565 seed alone would: for a
    test that starts the current year itself, from the seed, as the admin would."""
    _remove_demo_work(org)
    years = [MEASURES_YEAR, YEAR]
    Assessment.objects.filter(organization=org, year__in=years).delete()
    # The provisional copy the start made, unless another organization uses it.
    Framework.objects.filter(year=YEAR, provisional=True).exclude(
        assessments__isnull=False
    ).delete()


def _remove_demo_work(org):
    """What a run before made of these years, so that this run makes it again the same."""
    OITAnswer.objects.for_year(org, YEAR).delete()
    Measure.objects.filter(
        assessment__organization=org, assessment__year__in=[MEASURES_YEAR, YEAR]
    ).delete()
    Order.objects.filter(organization=org, fiscal_year=YEAR).delete()


def _report_measures(org, users):
    measures = {
        m.indicator.number: m
        for m in Measure.objects.filter(
            assessment__organization=org, assessment__year=MEASURES_YEAR
        ).select_related("indicator")
    }
    for indicator, dept, text, progress in REPORTS:
        staff = users[STAFF[dept]]
        measure = measures[indicator]
        report_save(
            measure=measure, quarter=Quarter(YEAR, 1), text=text, links=[], files=[],
            user=staff, today=REPORTED_ON,
        )  # fmt: skip
        measure.refresh_from_db()
        measure_progress_save(
            measure=measure, user=staff, version=measure.version,
            status=Measure.Status.IN_PROGRESS, progress=progress,
        )  # fmt: skip


def _work_answers(org, users):
    analyst, mayor = users["analyst"], users["mayor"]
    items = {i.code: i for i in OITItem.objects.in_year(YEAR)}
    answers = {a.item.code: a for a in OITAnswer.objects.for_year(org, YEAR).select_related("item")}
    for code, (dept, status, (path, label), where, comment) in ANSWERS.items():
        item = items[code]
        staff = users[STAFF[dept]]
        answer = answers.get(code)
        if answer is None:
            # A new item without last year's answer: the admin gives it to a department.
            oit_items_assign(
                organization=org, year=YEAR, item_ids=[item.pk],
                department=department(org, dept), actor=analyst,
            )  # fmt: skip
            answer = OITAnswer.objects.get(organization=org, item=item)
        answer = oit_answer_save(
            answer=answer, actor=staff, version=answer.version,
            links=[{"url": SITE + path, "label": label}], where_to_find=where, explanation="",
            element_evidence={
                str(n): "link:1" for n in range(1, len(item.required_elements) + 1)
            },
            # The officer opened each link carried from 2565 and confirmed it for 2570.
            renewed=[key for key, _ in answer.carried_choices()],
        )  # fmt: skip
        if status == S.DRAFT:
            continue
        answer = oit_answer_submit(answer=answer, actor=staff, version=answer.version)
        if status == S.APPROVED:
            oit_answer_approve(answer=answer, actor=mayor, version=answer.version)
        elif status == S.RETURNED:
            oit_answer_return(answer=answer, actor=mayor, comment=comment, version=answer.version)
