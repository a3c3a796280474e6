"""The demo data: the seed's measures, memo and acknowledgements for nongprung."""

import pytest
from django.core.management import call_command

from measures.models import Acknowledgement, Measure, MeasureReport, Memo


@pytest.fixture
def demo_org(db):
    from itaportal.models import Organization

    call_command("loaddemo", stdout=open("/dev/null", "w"))
    return Organization.objects.get(slug="nongprung")


def test_loaddemo_gives_the_seed_measures_and_is_idempotent(demo_org):
    call_command("loaddemo", stdout=open("/dev/null", "w"))
    measures = Measure.objects.filter(assessment__organization=demo_org, assessment__year=2565)
    assert sorted(m.indicator.number for m in measures) == [6, 7, 8, 9, 10]
    seed_memos = Memo.objects.filter(assessment__organization=demo_org, assessment__year=2565)
    assert seed_memos.count() == 1
    assert Acknowledgement.objects.filter(memo__in=seed_memos).count() == 4
    assert MeasureReport.objects.filter(measure__in=measures).count() == 8


def test_each_demo_report_is_its_writers_department_part(demo_org):
    reports = MeasureReport.objects.filter(measure__assessment__organization=demo_org)
    for report in reports.select_related("measure", "created_by"):
        assert report.department_id in report.measure.department_ids, report
        if report.created_by is not None:
            assert report.department_id == report.created_by.department_id, report


def test_every_demo_staff_department_has_measures(demo_org):
    from itaportal.models import User

    for username in ("staff-office", "staff-finance", "staff-works", "staff-edu"):
        user = User.objects.get(username=username)
        assert Measure.objects.for_department(user.department).exists(), username
    # ...and some measure belongs to another department, so refusals can be tried.
    finance = User.objects.get(username="staff-finance").department
    assert Measure.objects.exclude(departments=finance).exists()


def test_the_demo_memo_lists_the_seeds_acknowledgements(demo_org):
    from measures import documents
    from tests import pdf

    text = pdf.text(documents.memo_document(demo_org, 2565).content)
    assert pdf.in_order(
        text,
        "พบ ๗๕๘๐๑/-",
        "๓๑ ตุลาคม ๒๕๖๕",
        "(สนธยา คงสนิท)",
        "-รับทราบ",
        "นางสถาพร กลิ่นโพธิ์กลับ",
        "นายสมบัติ ทับล้อม",
        "นางสาวชุตติกาญจน์ ดั่งสท้าน",
        "นางสาววงเดือน พรมแก้ว",
    )
