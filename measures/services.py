"""Actions on measures, reports and memos: each one transaction, raising MeasureError
(with a Thai message the view shows) when it cannot be done."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from itaportal import access
from itaportal.uploads import files_removed_on_error
from measures.models import Acknowledgement, Evidence, Measure, MeasureReport, Memo, Quarter

STALE = (
    "มีผู้อื่นบันทึกรายการนี้หลังจากที่คุณเปิดหน้านี้ จึงยังไม่ได้บันทึกการแก้ไขของคุณ "
    "ข้อความที่คุณพิมพ์ยังอยู่ในแบบฟอร์มด้านล่าง ตรวจสอบกับข้อมูลล่าสุดแล้วกดบันทึกอีกครั้ง"
)
ALREADY_ACKNOWLEDGED = "คุณรับทราบบันทึกข้อความนี้ไปแล้ว"
FUTURE_QUARTER = "ยังรายงานผลของไตรมาสที่ยังมาไม่ถึงไม่ได้"


class MeasureError(Exception):
    """A measure action that cannot be done (the message is Thai)."""


class StaleEdit(MeasureError):
    """The row changed since the form was opened; `current_version` lets the user retry."""

    def __init__(self, current_version):
        super().__init__(STALE)
        self.current_version = current_version


def can_edit_measure(user, measure):
    """The agency admin, or staff of a department responsible for the measure."""
    if access.can_manage(user):
        return True
    return any(access.can_edit_department_work(user, pk) for pk in measure.department_ids)


def _check_version(model, pk, version):
    current = model.objects.select_for_update().values_list("version", flat=True).get(pk=pk)
    if version is None or int(version) != current:
        raise StaleEdit(current)
    return current


@transaction.atomic
def measure_save(*, form, user, version=None):
    """Save a measure form (new or existing) under optimistic locking.

    `version` is the version the user's page was made from; a mismatch raises StaleEdit
    and nothing is written.
    """
    measure = form.instance
    if measure.pk:
        current = _check_version(Measure, measure.pk, version)
        measure.version = current + 1
    _track_completion(measure)
    measure.updated_by = user
    measure = form.save()
    return measure


def _track_completion(measure):
    if measure.status == Measure.Status.DONE:
        measure.progress = 100
        measure.completed_on = measure.completed_on or timezone.localdate()
    else:
        measure.completed_on = None


def _validate_quarter(measure, quarter, today):
    if quarter.start > today:
        raise MeasureError(FUTURE_QUARTER)
    if quarter.year != measure.follow_up_year:
        raise MeasureError(
            f"มาตรการนี้รายงานผลได้เฉพาะไตรมาสของปีงบประมาณ {measure.follow_up_year} "
            "(ปีที่ดำเนินการตามมาตรการ)"
        )


@transaction.atomic
def report_save(*, measure, quarter, text, links, files, user, today=None):
    """Create or update the measure's report for `quarter` and attach evidence files.

    Refuses a quarter that has not begun yet or lies outside the follow-up year.
    """
    today = today or timezone.localdate()
    if not isinstance(quarter, Quarter):
        quarter = Quarter(*quarter)
    _validate_quarter(measure, quarter, today)
    report, created = MeasureReport.objects.select_for_update().get_or_create(
        measure=measure,
        year=quarter.year,
        quarter=quarter.quarter,
        defaults={"text": text, "links": links, "created_by": user},
    )
    if not created:
        report.text = text
        report.links = links
        report.save(update_fields=["text", "links", "updated_at"])
    with files_removed_on_error() as keep:
        for upload in files:
            evidence = Evidence(
                report=report, original_name=upload.name[:255], size=upload.size, uploaded_by=user
            )
            evidence.file.save(upload.name, upload, save=False)
            keep(evidence.file)
            evidence.save()
        if measure.status == Measure.Status.NOT_STARTED:
            # A report means work has begun: keep the status honest without another form.
            Measure.objects.filter(pk=measure.pk).update(status=Measure.Status.IN_PROGRESS)
    return report


@transaction.atomic
def memo_save(*, form, version=None):
    memo = form.instance
    if memo.pk:
        current = _check_version(Memo, memo.pk, version)
        memo.version = current + 1
    return form.save()


@transaction.atomic
def memo_acknowledge(*, memo, user, name, position):
    """Record that `user` acknowledges `memo`; refuses a second acknowledgement."""
    if Acknowledgement.objects.filter(memo=memo, user=user).exists():
        raise MeasureError(ALREADY_ACKNOWLEDGED)
    try:
        with transaction.atomic():
            return Acknowledgement.objects.create(
                memo=memo, user=user, name=name.strip(), position=position.strip()
            )
    except IntegrityError:
        raise MeasureError(ALREADY_ACKNOWLEDGED) from None


def uncovered_failed_items(assessment):
    """OIT items NACC marked not met in `assessment` that no measure names yet."""
    from assessments.models import OITItemResult

    # Measures without items give NULL here, and NOT IN over a NULL matches nothing.
    covered = Measure.objects.filter(assessment=assessment, oit_items__isnull=False).values(
        "oit_items"
    )
    return (
        OITItemResult.objects.filter(assessment=assessment, met=False)
        .exclude(item__in=covered)
        .select_related("item__sub_indicator__indicator")
        .order_by("item__number")
    )


def _years_later(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def measures_copy_forward(*, source, target, measures=None, item_map=None):
    """Start `target`'s measures from `source`'s (a later year of the same organization).

    Each measure is copied with its columns, departments and the OIT items whose codes
    exist in the target's framework (or, with `item_map` {source code: target code}, the
    items they were matched to); its status is reset (not started, 0 %, no reports) and
    its dates move on by the years between the two. A measure whose indicator number is
    not in the target's framework is skipped, and one already copied (same indicator and
    title) is not copied twice. Returns (copied, skipped) lists of source measures.
    """
    from assessments.models import OITItem

    if source.organization_id != target.organization_id:
        raise MeasureError("คัดลอกได้เฉพาะภายในหน่วยงานเดียวกัน")
    if target.year <= source.year:
        raise MeasureError("คัดลอกมาตรการได้เฉพาะไปยังผลการประเมินปีที่ใหม่กว่า")
    indicators = {i.number: i for i in target.framework.indicators.all()}
    items = {
        i.code: i
        for i in OITItem.objects.filter(sub_indicator__indicator__framework=target.framework_id)
    }
    existing = set(
        Measure.objects.filter(assessment=target).values_list("indicator__number", "title")
    )
    measures = measures if measures is not None else Measure.objects.filter(assessment=source)
    copied, skipped = [], []
    for measure in measures.filter(assessment=source).for_listing():
        indicator = indicators.get(measure.indicator.number)
        if indicator is None:
            skipped.append(measure)
            continue
        if (indicator.number, measure.title) in existing:
            continue
        new = Measure.objects.create(
            assessment=target,
            indicator=indicator,
            order=measure.order,
            sub_topic=measure.sub_topic,
            weakness=measure.weakness,
            improvements=list(measure.improvements),
            responsible_people=list(measure.responsible_people),
            steps=list(measure.steps),
            monitoring=list(measure.monitoring),
            title=measure.title,
            start_date=_years_later(measure.start_date, target.year - source.year),
            due_date=_years_later(measure.due_date, target.year - source.year),
        )
        new.departments.set(measure.departments.all())
        codes = [i.code for i in measure.oit_items.all()]
        if item_map is not None:
            codes = [item_map.get(code) for code in codes]
        new.oit_items.set([items[code] for code in codes if code in items])
        copied.append(measure)
    return copied, skipped
