"""NACC's verdicts on the OIT items and the organization's clarifications (ชี้แจง).

The agency admin records the assessors' preliminary verdict per item. Each failed item
gets a clarification draft for its department (the department of the item's answer);
the executive approves it like an answer; the approved ones are exported as one PDF and
a CSV to enter into ITAS. The final verdicts become the assessment's item results,
written only through `assessments.services.item_results_save`, which also recomputes
the OIT indicator scores.

Each action is one transaction raising ClarificationError (a Thai message) when refused.
"""

import csv
import io

from django.db import transaction
from django.utils import timezone

from assessments.errors import AssessmentError
from assessments.models import Assessment, OITItem
from assessments.services import ItemResultInput, item_results_save
from itaportal import access
from itaportal.documents import Document, render_pdf
from itaportal.editing import DomainError, bump_version, check_version, lock
from itaportal.uploads import files_removed_on_error
from oit.models import (
    MAX_LINKS,
    AnswerEvent,
    Clarification,
    ClarificationAttachment,
    ClarificationEvent,
    ItemVerdict,
    OITAnswer,
)
from oit.services import removed_files_note

Status = Clarification.Status
Action = AnswerEvent.Action


class ClarificationError(DomainError):
    """A refused action on a verdict or a clarification; str() is the Thai message."""


def _check_admin(organization, actor):
    if not access.can_manage(actor) or actor.organization_id != organization.pk:
        raise ClarificationError(access.ADMIN_ONLY)


def _year_item(year, code):
    # No item code holds a NUL character, and PostgreSQL refuses one in a query (500).
    item = None if "\x00" in code else OITItem.objects.in_year(year).filter(code=code).first()
    if item is None:
        shown = code.replace("\x00", "")
        raise ClarificationError(f"ไม่มีข้อ {shown} ในกรอบการประเมินปี {year} จึงบันทึกผลของข้อนี้ไม่ได้")
    return item


@transaction.atomic
def verdict_record(*, organization, year, code, met, comment, actor, final=False):
    """Record the assessors' verdict on item `code` of `year` (the preliminary one, or
    with `final` the one after clarification). Admin only.

    A preliminary failure opens a clarification draft for the department of the item's
    answer; a preliminary pass on an item whose clarification was never written removes
    that draft, and is refused once someone has worked on it.
    """
    _check_admin(organization, actor)
    item = _year_item(year, code)
    comment = (comment or "").strip()
    verdict = (
        ItemVerdict.objects.select_for_update().filter(organization=organization, item=item).first()
    )
    if final:
        if verdict is None:
            raise ClarificationError(f"ข้อ {code} ยังไม่มีผลเบื้องต้น กรุณาบันทึกผลเบื้องต้นก่อนผลสุดท้าย")
        verdict.final_met, verdict.final_comment = met, comment
    else:
        if met is None:
            raise ClarificationError(f"กรุณาเลือกผลเบื้องต้นของข้อ {code}: ผ่าน หรือ ไม่ผ่าน")
        if verdict is None:
            verdict = ItemVerdict(organization=organization, item=item, preliminary_met=met)
        verdict.preliminary_met, verdict.preliminary_comment = met, comment
    verdict.recorded_by = actor
    if verdict.pk:
        bump_version(verdict)
    else:
        verdict.save()
    existing = Clarification.objects.filter(verdict=verdict).first()
    if not verdict.preliminary_met and existing is None:
        answer = OITAnswer.objects.filter(organization=organization, item=item).first()
        Clarification.objects.create(
            verdict=verdict, department=answer.department if answer else None, updated_by=actor
        )
    elif verdict.preliminary_met and existing is not None:
        if existing.status != Status.DRAFT or existing.text or existing.links:
            raise ClarificationError(
                f"ข้อ {code} มีคำชี้แจงที่เริ่มทำแล้ว จึงเปลี่ยนผลเบื้องต้นเป็นผ่านไม่ได้ กรุณาตรวจผลที่บันทึกอีกครั้ง"
            )
        existing.delete()
    return verdict


@transaction.atomic
def clarification_start(*, organization, year, code, actor):
    """The clarification of item `code`: only an item that failed its preliminary verdict
    is clarified."""
    _check_admin(organization, actor)
    item = _year_item(year, code)
    verdict = ItemVerdict.objects.filter(organization=organization, item=item).first()
    if verdict is None:
        raise ClarificationError(f"ข้อ {code} ยังไม่มีผลการประเมินเบื้องต้น จึงยังไม่ต้องชี้แจง")
    if verdict.preliminary_met:
        raise ClarificationError(f"ข้อ {code} ผ่านการประเมินเบื้องต้นแล้ว ไม่ต้องชี้แจง")
    clarification, _ = Clarification.objects.get_or_create(
        verdict=verdict, defaults={"updated_by": actor}
    )
    return clarification


def _lock(clarification):
    return lock(Clarification.objects.select_related("verdict__item"), pk=clarification.pk)


def _check_member(clarification, actor):
    if actor.organization_id != clarification.verdict.organization_id:
        raise ClarificationError("คำชี้แจงนี้ไม่ใช่ของหน่วยงานของคุณ")


def _check_can_edit(clarification, actor):
    _check_member(clarification, actor)
    if not access.can_edit_department_work(actor, clarification.department_id):
        raise ClarificationError(access.OTHER_DEPARTMENT)


def _check_executive(clarification, actor):
    _check_member(clarification, actor)
    if not access.can_approve(actor):
        raise ClarificationError("เฉพาะผู้บริหารเท่านั้นที่อนุมัติหรือส่งกลับคำชี้แจงได้")


def _refuse_passed(clarification):
    if clarification.verdict.preliminary_met:
        raise ClarificationError(
            f"ข้อ {clarification.verdict.item.code} ผ่านการประเมินเบื้องต้นแล้ว ไม่ต้องชี้แจง"
        )


def _event(clarification, *, action, to_status, actor, comment=""):
    ClarificationEvent.objects.create(
        clarification=clarification,
        action=action,
        from_status=clarification.status,
        to_status=to_status,
        actor=actor,
        comment=comment,
    )
    clarification.status = to_status


@transaction.atomic
def clarification_save(
    *, clarification, actor, version, text, links, new_files=(), remove_file_ids=()
):
    """Save the department's draft (at `version`): text, new or corrected links and
    files. Refused for an item that passed, a submitted or approved clarification, and
    anyone outside the department (the admin may edit any)."""
    locked = _lock(clarification)
    _check_can_edit(locked, actor)
    check_version(locked, version)
    _refuse_passed(locked)
    if not locked.is_editable:
        raise ClarificationError(
            f"คำชี้แจงข้อ {locked.verdict.item.code} {locked.get_status_display()} แก้ไขไม่ได้"
        )
    links = [dict(link) for link in links]
    if len(links) > MAX_LINKS:
        raise ClarificationError(f"ใส่ลิงก์ได้ไม่เกิน {MAX_LINKS} ลิงก์")
    locked.text = (text or "").strip()
    locked.links = links
    locked.updated_by = actor
    bump_version(locked)
    removed = list(locked.attachments.filter(pk__in=list(remove_file_ids)))
    for attachment in removed:
        stored = attachment.file
        attachment.delete()
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))
    with files_removed_on_error() as keep:
        for upload in new_files:
            ClarificationAttachment.store(
                upload, keep=keep, uploaded_by=actor, clarification=locked
            )
        ClarificationEvent.objects.create(
            clarification=locked, action=Action.EDIT, from_status=locked.status,
            to_status=locked.status, actor=actor, comment=removed_files_note(removed),
        )  # fmt: skip
    return locked


@transaction.atomic
def clarification_submit(*, clarification, actor, version):
    """Send the draft (at `version`) to the executive; it must say something."""
    locked = _lock(clarification)
    _check_can_edit(locked, actor)
    check_version(locked, version)
    _refuse_passed(locked)
    if not locked.is_editable:
        raise ClarificationError(f"คำชี้แจงข้อ {locked.verdict.item.code} ส่งไปแล้ว")
    if not locked.text:
        raise ClarificationError(f"ยังส่งคำชี้แจงข้อ {locked.verdict.item.code} ไม่ได้ กรุณาเขียนคำชี้แจงก่อน")
    _event(locked, action=Action.SUBMIT, to_status=Status.SUBMITTED, actor=actor)
    bump_version(locked)
    return locked


@transaction.atomic
def clarification_approve(*, clarification, actor, version):
    """The executive approves a submitted clarification (at `version`)."""
    locked = _lock(clarification)
    _check_executive(locked, actor)
    check_version(locked, version)
    if locked.status != Status.SUBMITTED:
        raise ClarificationError(f"คำชี้แจงข้อ {locked.verdict.item.code} ไม่ได้รออนุมัติ")
    _event(locked, action=Action.APPROVE, to_status=Status.APPROVED, actor=actor)
    locked.approved_at = timezone.now()
    locked.review_comment = ""
    bump_version(locked)
    return locked


@transaction.atomic
def clarification_return(*, clarification, actor, comment, version):
    """The executive sends a submitted clarification (at `version`) back with a comment."""
    locked = _lock(clarification)
    _check_executive(locked, actor)
    comment = (comment or "").strip()
    if not comment:
        raise ClarificationError("กรุณาเขียนความเห็นว่าต้องแก้ไขอะไร ก่อนส่งกลับ")
    check_version(locked, version)
    if locked.status != Status.SUBMITTED:
        raise ClarificationError(f"คำชี้แจงข้อ {locked.verdict.item.code} ไม่ได้รออนุมัติ")
    _event(locked, action=Action.RETURN, to_status=Status.RETURNED, actor=actor, comment=comment)
    locked.review_comment = comment
    bump_version(locked)
    return locked


@transaction.atomic
def verdicts_to_item_results(*, organization, year, actor):
    """Write the verdicts of `year` as the assessment's OIT item results: the final
    verdict of each item, or its preliminary pass; failed items still without a final
    verdict are left out. Returns {indicator number: score} recomputed by the scoring.
    """
    _check_admin(organization, actor)
    assessment = Assessment.objects.filter(organization=organization, year=year).first()
    if assessment is None:
        raise ClarificationError(f"ยังไม่มีผลการประเมินปี {year} ของหน่วยงาน กรุณาสร้างก่อน")
    verdicts = list(
        ItemVerdict.objects.filter(
            organization=organization, item__in=OITItem.objects.in_year(year)
        )
        .select_related("item")
        .order_by("item__number")
    )
    results = {
        v.item.code: ItemResultInput(
            met=v.result_met, reason=v.final_comment or v.preliminary_comment
        )
        for v in verdicts
        if v.result_met is not None
    }
    if not results:
        raise ClarificationError(f"ยังไม่มีผลการประเมินรายข้อของปี {year} ที่จะบันทึก")
    try:
        return item_results_save(assessment=assessment, results=results, version=assessment.version)
    except AssessmentError as exc:
        raise ClarificationError(str(exc)) from exc


# --- export -----------------------------------------------------------------------------


def approved_clarifications(organization, year):
    return list(
        Clarification.objects.filter(
            verdict__organization=organization,
            verdict__item__in=OITItem.objects.in_year(year),
            status=Status.APPROVED,
        )
        .select_related("verdict__item", "department")
        .prefetch_related("attachments")
        .order_by("verdict__item__number")
    )


def render_clarifications(organization, year) -> Document:
    """The approved clarifications of `year` as one Thai PDF, to enter into ITAS."""
    clarifications = approved_clarifications(organization, year)
    failed = ItemVerdict.objects.filter(
        organization=organization, item__in=OITItem.objects.in_year(year), preliminary_met=False
    ).count()
    return render_pdf(
        "documents/clarifications.html",
        {
            "year": year,
            "clarifications": clarifications,
            "failed": failed,
            "printed_on": timezone.localdate(),
        },
        filename=f"คำชี้แจงผลการประเมิน-OIT-{year}.pdf",
        organization=organization,
    )


CSV_HEADER = ["ข้อ", "ชื่อข้อ", "ผลเบื้องต้น", "ความเห็นของผู้ประเมิน", "คำชี้แจง", "ลิงก์", "ไฟล์แนบ", "ส่วนราชการ"]


def render_clarifications_csv(organization, year) -> Document:
    """The same clarifications as CSV rows (UTF-8 with BOM, for spreadsheet programs)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for c in approved_clarifications(organization, year):
        writer.writerow(
            [
                c.verdict.item.code,
                c.verdict.item.title,
                "ไม่ผ่าน",
                c.verdict.preliminary_comment,
                c.text,
                "\n".join(link.get("url", "") for link in c.links),
                "\n".join(a.original_name for a in c.attachments.all()),
                c.department.name if c.department else "",
            ]
        )
    return Document(
        filename=f"คำชี้แจงผลการประเมิน-OIT-{year}.csv",
        content_type="text/csv; charset=utf-8",
        content=("\ufeff" + out.getvalue()).encode("utf-8"),
    )
