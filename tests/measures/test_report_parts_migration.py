"""Reports written before the parts move to their measure's first responsible department.

The database is taken back to the measures migration before the parts, filled through
the models of then, and migrated forward: each report is now its measure's first
responsible department's part (in the departments' own order), a report of a measure
without departments is the whole measure's part, and text, evidence and version are kept.
Migrating back folds the parts of a quarter into one report without losing a text.
"""

from decimal import Decimal

import pytest

from tests.migrating import latest, migrate_to

BEFORE_THE_PARTS = [("measures", "0005_acknowledgement_acting_for")]
THE_PARTS = [("measures", "0006_report_parts_per_department")]


def _before_the_parts():
    """Every app at its latest migration, the measures app before the parts."""
    return [node for node in latest() if node[0] != "measures"] + BEFORE_THE_PARTS


def _fill(apps):
    get = apps.get_model
    org = get("itaportal", "Organization").objects.create(
        name="องค์การบริหารส่วนตำบลหนองปรุง", short_name="อบต.หนองปรุง", slug="nongprung"
    )
    # The office is listed second: "first" is the departments' own order, not the name.
    office = get("itaportal", "Department").objects.create(
        organization=org, name="สำนักปลัด", order=2
    )
    finance = get("itaportal", "Department").objects.create(
        organization=org, name="กองคลัง", order=1
    )
    framework = get("assessments", "Framework").objects.create(year=2565, name="ITA 2565")
    eit = get("assessments", "Instrument").objects.create(
        framework=framework, code="EIT", name="แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
        weight=Decimal("30"),
    )  # fmt: skip
    indicator = get("assessments", "Indicator").objects.create(
        framework=framework, instrument=eit, number=7, name="คุณภาพการดำเนินงาน",
        weight=Decimal("10"),
    )  # fmt: skip
    assessment = get("assessments", "Assessment").objects.create(
        organization=org, framework=framework, year=2565
    )
    Measure = get("measures", "Measure")
    shared = Measure.objects.create(assessment=assessment, indicator=indicator, title="ร่วมกัน")
    shared.departments.set([office, finance])
    alone = Measure.objects.create(assessment=assessment, indicator=indicator, title="ไม่มีกอง")
    Report = get("measures", "MeasureReport")
    first = Report.objects.create(
        measure=shared, year=2566, quarter=1, text="รายงานเดิมของมาตรการ", version=3,
        links=["https://www.nongprung.go.th/news/1"],
    )  # fmt: skip
    get("measures", "Evidence").objects.create(
        report=first, file="evidence/0123.pdf", original_name="หลักฐาน.pdf",
        content_type="application/pdf", size=10,
    )  # fmt: skip
    lone = Report.objects.create(measure=alone, year=2566, quarter=1, text="ไม่มีส่วนราชการ")
    return first.pk, lone.pk, office.pk, finance.pk


@pytest.mark.django_db(transaction=True)
def test_an_existing_report_becomes_its_measures_first_departments_part():
    try:
        before = _before_the_parts()
        loader = migrate_to(before)
        first_pk, lone_pk, office_pk, finance_pk = _fill(loader.project_state(before).apps)

        migrate_to(latest())

        from measures.models import MeasureReport

        moved = MeasureReport.objects.get(pk=first_pk)
        assert moved.department_id == finance_pk  # order 1, whatever the name
        assert (moved.text, moved.version, moved.links) == (
            "รายงานเดิมของมาตรการ",
            3,
            ["https://www.nongprung.go.th/news/1"],
        )
        assert [e.original_name for e in moved.evidence.all()] == ["หลักฐาน.pdf"]
        assert MeasureReport.objects.get(pk=lone_pk).department_id is None  # the whole measure's

        # The office writes its own part beside the moved one; back before the parts, the
        # quarter is one report again, with both texts.
        MeasureReport.objects.create(
            measure=moved.measure, department_id=office_pk, year=2566, quarter=1,
            text="ส่วนของสำนักปลัด", links=["https://www.nongprung.go.th/news/2"],
        )  # fmt: skip
        loader = migrate_to(before)
        Report = loader.project_state(before).apps.get_model("measures", "MeasureReport")
        folded = Report.objects.get(measure_id=moved.measure_id)
        assert folded.pk == first_pk
        assert "รายงานเดิมของมาตรการ" in folded.text and "ส่วนของสำนักปลัด" in folded.text
        assert folded.links == [
            "https://www.nongprung.go.th/news/1",
            "https://www.nongprung.go.th/news/2",
        ]
    finally:
        migrate_to(latest())  # later tests need the latest schema, whatever happened here
