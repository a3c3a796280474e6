"""Actions on measures, reports and memos: each one transaction, taking keyword data and
raising MeasureError (with a Thai message the view shows) when a rule refuses it.

Measures, reports and memos follow the write contract of itaportal.editing: a change is
based on the version the page showed (lock_version, Conflict otherwise) and saved with
bump_version, so every change of a measure's status, whichever path makes it, leaves a
history row and moves the version on.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from itaportal import access, once, signing
from itaportal.editing import DomainError, bump_version, check_version, lock, lock_version
from itaportal.prepared import PreparedQuery
from itaportal.uploads import atomic_with_files, files_removed_on_error
from measures.models import Acknowledgement, Evidence, Measure, MeasureReport, Memo, Quarter

ALREADY_ACKNOWLEDGED = "คุณรับทราบบันทึกข้อความนี้ไปแล้ว"
MEMO_SIGNED_LOCKED = signing.locked_message("บันทึกข้อความ")
FUTURE_QUARTER = "ยังรายงานผลของไตรมาสที่ยังมาไม่ถึงไม่ได้"
DUE_BEFORE_START = "กำหนดแล้วเสร็จต้องไม่ก่อนวันที่เริ่ม"
NOT_RESPONSIBLE = "ส่วนราชการนี้ไม่ได้รับผิดชอบมาตรการนี้ จึงรายงานผลของมาตรการนี้ไม่ได้"
OTHER_DEPARTMENTS_PART = "คุณแก้ไขได้เฉพาะรายงานผลของส่วนราชการของคุณเอง"


# report_save's default part: the acting user's own department's.
OWN_DEPARTMENT = object()


class MeasureError(DomainError):
    """A measure action that cannot be done (the message is Thai)."""


class DuplicateSubmission(MeasureError):
    """The same creating form sent a second time: the first one was saved."""


def can_edit_measure(user, measure):
    """The agency admin, or staff of a department responsible for the measure."""
    if access.can_manage(user):
        return True
    return any(access.can_edit_department_work(user, pk) for pk in measure.department_ids)


def can_write_part(user, measure, department):
    """Who writes a part of the measure's quarterly report: staff their own department's
    part, the agency admin any part. The whole measure's part (no department) is written
    by whoever may edit the measure."""
    if department is None:
        return can_edit_measure(user, measure)
    return access.can_edit_department_work(user, getattr(department, "pk", department))


def measure_rule_errors(*, assessment, indicator, start_date, due_date, departments, oit_items):
    """[(field, Thai message)] of the rules a measure's values break (empty: none).

    The one statement of these rules: measure_save raises them, the Django admin's form
    shows them."""
    errors = []
    if start_date and due_date and due_date < start_date:
        errors.append(("due_date", DUE_BEFORE_START))
    if indicator is not None and indicator.framework_id != assessment.framework_id:
        errors.append(("indicator", "ตัวชี้วัดต้องอยู่ในกรอบการประเมินปีเดียวกับผลการประเมิน"))
    if any(d.organization_id != assessment.organization_id for d in departments):
        errors.append(("departments", "ส่วนราชการต้องอยู่ในหน่วยงานเดียวกับผลการประเมิน"))
    wrong = [
        i.code
        for i in oit_items
        if i.sub_indicator.indicator.framework_id != assessment.framework_id
    ]
    if wrong:
        errors.append(
            (
                "oit_items",
                "ข้อ OIT ต่อไปนี้ไม่อยู่ในกรอบการประเมินปีเดียวกับผลการประเมิน: " + ", ".join(wrong),
            )
        )
    return errors


def _set_status(measure, status, progress=None, today=None):
    """The status rule, for every path that sets a measure's status: a finished measure
    is at 100 % and remembers the day it was finished; any other status forgets it."""
    measure.status = status
    if progress is not None:
        measure.progress = progress
    if status == Measure.Status.DONE:
        measure.progress = 100
        measure.completed_on = measure.completed_on or today or timezone.localdate()
    else:
        measure.completed_on = None


@transaction.atomic
def measure_save(
    *, assessment, user, measure=None, version=None, indicator, title, order=1, sub_topic="",
    weakness="", improvements=(), departments=(), responsible_people=(), steps=(),
    monitoring=(), oit_items=(), start_date=None, due_date=None,
    status=Measure.Status.NOT_STARTED, progress=0,
):  # fmt: skip
    """Create a measure of `assessment` (`measure` None) or change every column of
    `measure`, which must still be at `version` (else Conflict, and nothing is written).
    """
    departments, oit_items = list(departments), list(oit_items)
    errors = measure_rule_errors(
        assessment=assessment, indicator=indicator, start_date=start_date, due_date=due_date,
        departments=departments, oit_items=oit_items,
    )  # fmt: skip
    if measure is None:
        measure = Measure(assessment=assessment)
    else:
        measure = lock_version(
            Measure.objects.filter(assessment=assessment), pk=measure.pk, version=version
        )
    if errors:
        raise MeasureError(errors=errors)
    measure.indicator, measure.order, measure.title = indicator, order, title
    measure.sub_topic, measure.weakness = sub_topic, weakness
    measure.improvements, measure.responsible_people = list(improvements), list(responsible_people)
    measure.steps, measure.monitoring = list(steps), list(monitoring)
    measure.start_date, measure.due_date = start_date, due_date
    _set_status(measure, status, progress)
    measure.updated_by = user
    if measure.pk is None:
        measure.save()
    else:
        bump_version(measure)
    measure.departments.set(departments)
    measure.oit_items.set(oit_items)
    return measure


@transaction.atomic
def measure_progress_save(*, measure, user, version, status, progress):
    """A responsible department's update of its measure: the status and the progress, on
    the `version` its page showed (else Conflict)."""
    locked = lock_version(Measure, pk=measure.pk, version=version)
    _set_status(locked, status, progress)
    locked.updated_by = user
    return bump_version(locked, update_fields=["status", "progress", "completed_on", "updated_by"])


def _validate_quarter(measure, quarter, today):
    if quarter.start > today:
        raise MeasureError(FUTURE_QUARTER, field="quarter")
    if quarter.year != measure.follow_up_year:
        raise MeasureError(
            f"มาตรการนี้ดำเนินการในปีงบประมาณ {measure.follow_up_year} "
            "จึงรายงานผลได้เฉพาะไตรมาสของปีงบประมาณนั้น",
            field="quarter",
        )


@atomic_with_files
def report_save(
    *, measure, quarter, text, links, files, user, department=OWN_DEPARTMENT, version=None,
    today=None, token="",
):  # fmt: skip
    """Create `department`'s part of the measure's report for `quarter`, or change it
    (then `version` must be the stored part's, else Conflict: a page that showed no part
    carries none), and attach evidence files to it. Another department's part is never
    touched. `department` None is the whole measure's part (a measure no department is
    responsible for); by default it is the user's own department when responsible.

    Refuses a quarter that has not begun yet or lies outside the follow-up year, a
    department not responsible for the measure, and a user who may not write that
    department's part. The first report of a measure not started yet moves it to in
    progress, through the measure's own versioned save (a history row; an edit page of the
    measure opened before is then refused). The measure itself is locked without a page
    version: the report page shows and edits none of its columns.
    """
    today = today or timezone.localdate()
    if not once.claim(token):
        raise DuplicateSubmission(once.DUPLICATE)
    if not isinstance(quarter, Quarter):
        quarter = Quarter(*quarter)
    locked = lock(Measure.objects.select_related("assessment"), pk=measure.pk)
    _validate_quarter(locked, quarter, today)
    parts = MeasureReport.objects.select_for_update().filter(
        measure=locked, year=quarter.year, quarter=quarter.quarter
    )
    responsible = set(locked.departments.values_list("pk", flat=True))
    if department is OWN_DEPARTMENT:
        department = user.department_id if user.department_id in responsible else None
    department_id = getattr(department, "pk", department)
    report = parts.filter(department_id=department_id).first()
    if department_id is None:
        if responsible and report is None:
            raise MeasureError("กรุณาเลือกส่วนราชการที่รายงานผล")
    elif department_id not in responsible and report is None:
        raise MeasureError(NOT_RESPONSIBLE)
    if not can_write_part(user, locked, department_id):
        raise MeasureError(OTHER_DEPARTMENTS_PART)
    if report is None:
        # Two first saves of the same part wait for each other on the measure's lock above:
        # the second finds the first's part and, carrying no version, is a Conflict.
        report = MeasureReport.objects.create(
            measure=locked,
            department_id=department_id,
            year=quarter.year,
            quarter=quarter.quarter,
            text=text,
            links=list(links),
            created_by=user,
        )
    else:
        check_version(report, version)
        report.text, report.links = text, list(links)
        bump_version(report, update_fields=["text", "links"])
    with files_removed_on_error() as keep:
        for upload in files:
            Evidence.store(upload, keep=keep, uploaded_by=user, report=report)
        if locked.status == Measure.Status.NOT_STARTED:
            # A report means work has begun: keep the status honest without another form.
            _set_status(locked, Measure.Status.IN_PROGRESS)
            locked.updated_by = user
            bump_version(locked, update_fields=["status", "completed_on", "updated_by"])
    return report


@transaction.atomic
def evidence_remove(*, evidence, user):
    """Remove one evidence file of a quarterly report: the row now (its history keeps who
    removed which file, and when), the stored file once the removal is committed.

    Refused to anyone who may not write the report's part (can_write_part): staff remove
    their own department's files, the agency admin any."""
    report = lock(MeasureReport.objects.select_related("measure"), pk=evidence.report_id)
    if not can_write_part(user, report.measure, report.department_id):
        raise MeasureError(access.OTHER_DEPARTMENT)
    locked = (
        Evidence.objects.select_for_update(of=("self",))
        .filter(pk=evidence.pk, report=report)
        .first()
    )
    if locked is None:
        raise MeasureError("ไฟล์นี้ถูกลบไปแล้ว")
    stored = locked.file
    locked._history_user = user  # the history row names who removed it, whatever called
    locked.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
    return report


@transaction.atomic
def memo_save(
    *, assessment, memo=None, version=None, issuing_unit, number, date, subject, addressee,
    recipients=(), body=(), closing, signer_prefix="", signer_name, signer_position,
):  # fmt: skip
    """Create a memo of `assessment` (`memo` None) or change `memo`, which must still be
    at `version` (else Conflict, and nothing is written)."""
    recipients = list(recipients)
    if memo is None:
        memo = Memo(assessment=assessment)
    else:
        memo = lock_version(Memo.objects.filter(assessment=assessment), pk=memo.pk, version=version)
        if memo.is_signed:
            raise MeasureError(MEMO_SIGNED_LOCKED)
    if any(d.organization_id != assessment.organization_id for d in recipients):
        raise MeasureError("กรุณาเลือกส่วนราชการของหน่วยงาน", field="recipients")
    memo.issuing_unit, memo.number, memo.date, memo.subject = issuing_unit, number, date, subject
    memo.addressee, memo.body, memo.closing = addressee, list(body), closing
    memo.signer_prefix, memo.signer_name = signer_prefix, signer_name
    memo.signer_position = signer_position
    if memo.pk is None:
        memo.save()
    else:
        bump_version(memo)
    memo.recipients.set(recipients)
    return memo


@transaction.atomic
def memo_sign(*, memo, user, version, signed_on):
    """The agency admin marks `memo` signed on `signed_on`: it prints without "ร่าง" and
    is locked against changes until the executive reopens it."""
    signing.check_signing(user, signed_on, error=MeasureError)
    memo = lock_version(
        Memo.objects.filter(assessment__organization=user.organization), pk=memo.pk, version=version
    )
    if memo.is_signed:
        raise MeasureError(MEMO_SIGNED_LOCKED)
    if signed_on < memo.date:
        raise MeasureError("วันที่ลงนามต้องไม่ก่อนวันที่ของบันทึกข้อความ", field="signed_on")
    memo.signed_on = signed_on
    memo._history_user = user
    bump_version(memo, update_fields=["signed_on"])
    return memo


@transaction.atomic
def memo_reopen(*, memo, user, version, reason):
    """The executive reopens a signed memo for changes; the history records who and why."""
    note = signing.reopen_note(user, reason, noun="บันทึกข้อความ", error=MeasureError)
    memo = lock_version(
        Memo.objects.filter(assessment__organization=user.organization), pk=memo.pk, version=version
    )
    if not memo.is_signed:
        raise MeasureError(signing.not_signed_message("บันทึกข้อความ"))
    memo.signed_on = None
    memo._history_user = user
    memo._change_reason = note
    bump_version(memo, update_fields=["signed_on"])
    return memo


@transaction.atomic
def memo_acknowledge(*, memo, user, acting_for=""):
    """Record that `user` acknowledges `memo`, in the account's own name and position
    (a delegate says whom they sign for in `acting_for`, e.g. "รักษาราชการแทน
    ผู้อำนวยการกองคลัง"); refuses a second acknowledgement."""
    if Acknowledgement.objects.filter(memo=memo, user=user).exists():
        raise MeasureError(ALREADY_ACKNOWLEDGED)
    try:
        with transaction.atomic():
            return Acknowledgement.objects.create(
                memo=memo,
                user=user,
                name=user.display_name or user.username,
                position=user.position_title.strip(),
                acting_for=" ".join(acting_for.split()),
            )
    except IntegrityError:
        raise MeasureError(ALREADY_ACKNOWLEDGED) from None


def _uncovered(assessment):
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


_uncovered_of = PreparedQuery(_uncovered, "assessment")


def uncovered_failed_items_ahead(assessment):
    """Say ahead (itaportal.prepared) that the page reads `uncovered_failed_items`."""
    _uncovered_of.ahead(assessment=assessment.pk)


def uncovered_failed_items(assessment):
    """OIT items NACC marked not met in `assessment` that no measure names yet (the
    measures list asks on every request: compiled once)."""
    return _uncovered_of(assessment=assessment.pk)


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
    items = {i.code: i for i in OITItem.objects.in_framework(target.framework_id)}
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
