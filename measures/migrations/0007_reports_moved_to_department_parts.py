# Moves the reports written before the parts (one per measure and quarter) to the parts.
# Its own migration: on PostgreSQL a table whose rows were just updated cannot be altered
# in the same transaction.

from django.db import migrations


def reports_to_first_department(apps, schema_editor):
    """Each report written before the parts becomes the part of its measure's first
    responsible department (in the departments' own order, as the pages list them). A
    measure without departments keeps it as the whole measure's part (no department)."""
    MeasureReport = apps.get_model("measures", "MeasureReport")
    Department = apps.get_model("itaportal", "Department")
    measure_ids = (
        MeasureReport.objects.filter(department__isnull=True)
        .values_list("measure_id", flat=True)
        .distinct()
    )
    for measure_id in list(measure_ids):
        first = (
            Department.objects.filter(measures__pk=measure_id)
            .order_by("order", "name", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if first is not None:
            MeasureReport.objects.filter(measure_id=measure_id, department__isnull=True).update(
                department_id=first
            )


def reports_to_whole_measure(apps, schema_editor):
    """Back to one report per measure and quarter: keep the first part of each quarter,
    with the others' text appended under their department's name, so nothing is lost."""
    MeasureReport = apps.get_model("measures", "MeasureReport")
    kept = {}
    for report in MeasureReport.objects.select_related("department").order_by(
        "measure_id", "year", "quarter", "department__order", "department__name", "pk"
    ):
        key = (report.measure_id, report.year, report.quarter)
        first = kept.get(key)
        if first is None:
            kept[key] = report
            continue
        name = report.department.name if report.department_id else ""
        first.text = f"{first.text}\n\n{name}\n{report.text}".strip()
        first.links = list(first.links) + [link for link in report.links if link not in first.links]
        first.save(update_fields=["text", "links"])
        report.evidence.update(report=first)
        report.delete()
    MeasureReport.objects.update(department=None)


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0006_report_parts_per_department'),
    ]

    operations = [
        migrations.RunPython(reports_to_first_department, reports_to_whole_measure),
    ]
