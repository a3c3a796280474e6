"""`manage.py startyear`: the same service as the page, from the command line."""

import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Assessment, Framework
from committees.models import Order
from oit.models import AnswerEvent, OITAnswer
from tests.years.conftest import TODAY, YEAR


@pytest.fixture(autouse=True)
def today():
    # The command asks the service for today's fiscal year: make it 2 December 2026.
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield


def run(*args):
    out = io.StringIO()
    call_command("startyear", *args, stdout=out)
    return out.getvalue()


def test_it_starts_the_year_and_says_what_it_made(org, last_year):
    out = run("--org", org.slug, "--year", str(YEAR))
    assert "เริ่มปีงบประมาณ 2570" in out and "สร้างร่างคำตอบ OIT 3 ข้อ" in out
    assert Framework.objects.get(year=YEAR).provisional
    assert Assessment.objects.filter(organization=org, year=YEAR).exists()
    assert Order.objects.get(fiscal_year=YEAR).number is None
    # recorded as done by the organization's agency admin
    copy = OITAnswer.objects.for_year(org, YEAR).first()
    assert copy.events.get(action=AnswerEvent.Action.COPY).actor.username == "analyst"


def test_running_it_again_changes_nothing(org, last_year):
    run("--org", org.slug, "--year", str(YEAR))
    count = OITAnswer.objects.count(), Order.objects.count()
    out = run("--org", org.slug, "--year", str(YEAR), "--from", "2569")
    assert "ไม่มีอะไรเปลี่ยน" in out
    assert (OITAnswer.objects.count(), Order.objects.count()) == count


def test_a_dry_run_prints_the_plan_and_writes_nothing(org, last_year):
    out = run("--org", org.slug, "--year", str(YEAR), "--dry-run", "--no-order")
    assert "จะสร้างกรอบเบื้องต้นจากปี 2569" in out
    assert "คำสั่ง: ไม่คัดลอก" in out and "คำตอบ OIT: จะคัดลอก (3 ข้อ)" in out
    assert not Framework.objects.filter(year=YEAR).exists()


def test_items_are_mapped_by_hand_with_map(org, last_year, published2570):
    run("--org", org.slug, "--year", str(YEAR), "--map", "O1=O3", "--map", "O5=", "--no-order")
    codes = set(OITAnswer.objects.for_year(org, YEAR).values_list("item__code", flat=True))
    assert codes == {"O3", "O4"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--year", "2580"], "เริ่มได้ไม่เกินปี 2571"),
        (["--year", str(YEAR), "--from", "2560"], "ไม่มีข้อมูลปีงบประมาณ 2560"),
        (["--year", str(YEAR), "--map", "O1"], "OLD=NEW"),
        (["--year", str(YEAR), "--map", "O1=O2", "--map", "O3=O2"], "ข้อเดียวกัน"),
        (["--year", str(YEAR), "--user", "staff-office"], "ไม่ใช่ผู้ดูแลระบบหน่วยงาน"),
    ],
)
def test_bad_input_stops_with_a_thai_message(org, last_year, args, message):
    with pytest.raises(CommandError, match=message):
        run("--org", org.slug, *args)
    assert not Framework.objects.filter(year=YEAR).exists()


def test_an_unknown_organization_is_named(db):
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน nowhere"):
        run("--org", "nowhere", "--year", str(YEAR))
