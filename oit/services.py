"""Actions on OIT answers: save, submit, withdraw, approve, return, reopen, assign, copy
forward.

Each is one transaction that locks the rows it changes, checks who acts and from which
status, writes an AnswerEvent for the trace, and raises AnswerError (a Thai message the
view shows) when it refuses, leaving every row as it was. Whatever a person does from a
page (save, submit, approve, return, reopen, approve several) carries the version the
page showed and is refused with Conflict when the answer changed since.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from assessments.models import OITItem
from itaportal import access
from itaportal.editing import (
    Conflict,
    DomainError,
    bump_version,
    check_version,
    lock,
    parse_version,
)
from itaportal.uploads import atomic_with_files, files_removed_on_error
from oit.models import AnswerEvent, OITAnswer, OITAnswerAttachment

Status = OITAnswer.Status
Action = AnswerEvent.Action


class AnswerError(DomainError):
    """A refused action on an OIT answer; str() is the Thai message for the user."""


def _lock(answer):
    """The answer's row, locked; the version is checked after who acts (check_version)."""
    return lock(OITAnswer.objects.select_related("item", "organization"), pk=answer.pk)


def _check_member(answer, actor):
    if actor.organization_id != answer.organization_id:
        raise AnswerError("คำตอบนี้ไม่ใช่ของหน่วยงานของคุณ")


def _check_can_edit(answer, actor):
    _check_member(answer, actor)
    if not access.can_edit_department_work(actor, answer.department_id):
        if answer.department_id is None:
            raise AnswerError("ข้อนี้ยังไม่ได้มอบหมายให้ส่วนราชการใด ผู้ดูแลระบบหน่วยงานต้องมอบหมายก่อน")
        raise AnswerError(access.OTHER_DEPARTMENT)


def _check_executive(answer, actor):
    _check_member(answer, actor)
    if not access.can_approve(actor):
        raise AnswerError("เฉพาะผู้บริหารเท่านั้นที่อนุมัติ ส่งกลับ หรือเปิดคำตอบให้แก้ไขได้")


def _refuse_locked(answer):
    if answer.status == Status.APPROVED:
        raise AnswerError(
            f"ข้อ {answer.item.code} อนุมัติแล้วจึงถูกล็อก แก้ไขไม่ได้จนกว่าผู้บริหารจะเปิดให้แก้ไขอีกครั้ง"
        )
    if answer.status == Status.SUBMITTED:
        raise AnswerError(f"ข้อ {answer.item.code} ส่งให้ผู้บริหารพิจารณาแล้ว แก้ไขไม่ได้จนกว่าผู้บริหารจะส่งกลับ")


def _transition(answer, *, action, to_status, actor, comment=""):
    event = AnswerEvent.objects.create(
        answer=answer,
        action=action,
        from_status=answer.status,
        to_status=to_status,
        actor=actor,
        comment=comment,
    )
    answer.status = to_status
    answer.updated_by = actor
    return event


def _wrong_state(answer, doing):
    return AnswerError(
        f"ข้อ {answer.item.code} อยู่ในสถานะ “{answer.get_status_display()}” จึง{doing}ไม่ได้"
    )


@atomic_with_files
def oit_answer_save(
    *, answer, actor, version, links, where_to_find, explanation, element_evidence,
    department=None, set_department=False, new_files=(), remove_file_ids=(),
    exception_reasons=None, renewed=None,
):  # fmt: skip
    """Save what a department typed for one item (creating the answer on first save).

    `exception_reasons` ({exception key: text}) records why the submitter lets an
    exception stand (an empty text withdraws the reason); `renewed` lists the carried
    links and files ("link:<url>", "file:<id>") confirmed as this year's evidence. Left
    None, both stay as stored. Saving unchanged does not renew a copied answer: only a
    replaced or confirmed link or file does.

    Refuses a locked or waiting answer, someone outside the answer's department, and a
    save of a stored answer whose `version` is not the stored one (Conflict).
    """
    if answer.pk is None:
        _check_can_edit(answer, actor)
        if set_department and not access.can_manage(actor):
            raise AnswerError(access.ADMIN_ONLY)
        if set_department:
            answer.department = department
        if OITAnswer.objects.filter(organization=answer.organization, item=answer.item).exists():
            raise AnswerError(f"มีผู้อื่นเริ่มคำตอบข้อ {answer.item.code} ไปแล้ว กรุณาเปิดหน้านี้ใหม่แล้วลองอีกครั้ง")
        locked, removed = answer, []
    else:
        locked = _lock(answer)
        _check_can_edit(locked, actor)
        # A stale page first: if the answer was submitted meanwhile, the user sees that
        # (and keeps the typed text) rather than a bare "cannot edit".
        check_version(locked, version)
        _refuse_locked(locked)
        if set_department:
            if not access.can_manage(actor):
                raise AnswerError(access.ADMIN_ONLY)
            locked.department = department
        removed = list(locked.attachments.filter(pk__in=list(remove_file_ids)))
    removed_ids = {a.pk for a in removed}
    locked.links = list(links)
    locked.where_to_find = where_to_find.strip()
    locked.explanation = explanation.strip()
    # Ticks pointing at a removed file are dropped: that evidence is gone.
    locked.element_evidence = {
        key: ref
        for key, ref in element_evidence.items()
        if ref and not (ref.startswith("file:") and int(ref[5:]) in removed_ids)
    }
    if exception_reasons is not None:
        reasons = dict(locked.exception_reasons or {})
        for key, text in exception_reasons.items():
            text = (text or "").strip()
            if text:
                reasons[key] = text
            else:
                reasons.pop(key, None)
        locked.exception_reasons = reasons
    remaining = (
        [a for a in locked.attachments.all() if a.pk not in removed_ids] if locked.pk else []
    )
    if renewed is not None:
        carried = {key for key, _ in locked.carried_choices(remaining)}
        locked.renewed_evidence = sorted(set(renewed) & carried)
    locked.needs_new_evidence = bool(locked.unrenewed_evidence(remaining))
    locked.updated_by = actor
    if locked.pk is None:
        locked.save()
    else:
        bump_version(locked)

    for attachment in removed:
        stored = attachment.file
        attachment.delete()
        # The stored file goes only once the deletion is committed.
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))
    with files_removed_on_error() as keep:
        for upload in new_files:
            OITAnswerAttachment.store(upload, keep=keep, uploaded_by=actor, answer=locked)
        AnswerEvent.objects.create(
            answer=locked, action=Action.EDIT, from_status=locked.status, to_status=locked.status,
            actor=actor, comment=removed_files_note(removed),
        )  # fmt: skip
    return locked


def removed_files_note(removed):
    """What an edit event says of the files it removed (empty when none)."""
    return ("ลบไฟล์: " + ", ".join(a.original_name for a in removed)) if removed else ""


def _exceptions_note(exceptions):
    """The exceptions and their reasons as the submit event keeps them."""
    return "\n".join(f"ข้อยกเว้น: {e['text']} — เหตุผล: {e['reason']}" for e in exceptions)


@transaction.atomic
def oit_answer_submit(*, answer, actor, version, portal_hosts=()):
    """Send a draft or returned answer (at `version`, as the page showed it) to the
    executive.

    The rules hold unless the submitter wrote why, exception by exception: every
    required element has its evidence, no link points off the organization's website
    or at the portal (`portal_hosts` adds the request's host to SITE_URL's), and every
    link or file copied from last year was replaced or confirmed for this year. The
    exceptions let through, with their reasons, are kept on the submit event.
    """
    locked = _lock(answer)
    _check_can_edit(locked, actor)
    check_version(locked, version)
    if locked.status not in OITAnswer.EDITABLE:
        raise _wrong_state(locked, "ส่งให้ผู้บริหารพิจารณา")
    missing = []
    if not locked.links:
        missing.append("ลิงก์คำตอบอย่างน้อย 1 ลิงก์")
    if not locked.where_to_find.strip():
        missing.append("ตำแหน่งบนเว็บไซต์ (หน้าหลัก › เมนู › …)")
    if missing:
        raise AnswerError(f"ยังส่งข้อ {locked.item.code} ไม่ได้ ต้องมี{' และ'.join(missing)}")
    exceptions = locked.exceptions(portal_hosts, list(locked.attachments.all()))
    unexplained = [e["text"] for e in exceptions if not e["reason"]]
    if unexplained:
        raise AnswerError(
            f"ยังส่งข้อ {locked.item.code} ไม่ได้ มี {len(unexplained)} เรื่องที่ยังไม่เป็นไปตามเกณฑ์ "
            f"และยังไม่ได้เขียนเหตุผล: {'; '.join(unexplained)} "
            "กรุณาแก้ไขให้ถูกต้อง หรือเขียนเหตุผลของแต่ละเรื่องในแบบฟอร์มแล้วบันทึกก่อนส่ง"
        )
    _transition(
        locked,
        action=Action.SUBMIT,
        to_status=Status.SUBMITTED,
        actor=actor,
        comment=_exceptions_note(exceptions),
    )
    bump_version(locked)
    return locked


@transaction.atomic
def oit_answer_withdraw(*, answer, actor, version):
    """Staff of the answer's department take back an answer they sent (at `version`)
    while it still waits for the executive; it becomes a draft they can edit again."""
    locked = _lock(answer)
    _check_can_edit(locked, actor)
    check_version(locked, version)
    if locked.status != Status.SUBMITTED:
        raise AnswerError(
            f"ข้อ {locked.item.code} อยู่ในสถานะ “{locked.get_status_display()}” "
            "ถอนกลับได้เฉพาะคำตอบที่ยังรอผู้บริหารพิจารณา"
        )
    _transition(locked, action=Action.WITHDRAW, to_status=Status.DRAFT, actor=actor)
    bump_version(locked)
    return locked


def _approve_locked(locked, actor):
    _check_executive(locked, actor)
    if locked.status != Status.SUBMITTED:
        raise _wrong_state(locked, "อนุมัติ")
    _transition(locked, action=Action.APPROVE, to_status=Status.APPROVED, actor=actor)
    locked.approved_at = timezone.now()
    locked.review_comment = ""
    bump_version(locked)


@transaction.atomic
def oit_answer_approve(*, answer, actor, version):
    """The executive approves one submitted answer (at `version`); it is locked from then
    on."""
    locked = _lock(answer)
    _check_executive(locked, actor)
    check_version(locked, version)
    _approve_locked(locked, actor)
    return locked


@transaction.atomic
def oit_answer_approve_many(*, organization, answer_versions, actor):
    """The executive approves several submitted answers at once: all of them or none.

    `answer_versions` maps each chosen answer's id to the version the queue showed; an
    answer changed since (returned, reassigned, approved by someone else) refuses the lot.
    """
    versions = {int(pk): version for pk, version in answer_versions.items()}
    if not versions:
        raise AnswerError("กรุณาเลือกคำตอบที่จะอนุมัติอย่างน้อย 1 ข้อ")
    if not access.can_approve(actor) or actor.organization_id != organization.pk:
        raise AnswerError("เฉพาะผู้บริหารเท่านั้นที่อนุมัติคำตอบได้")
    answers = list(
        OITAnswer.objects.select_for_update()
        .select_related("item")
        .filter(organization=organization, pk__in=sorted(versions))
        .order_by("item__number", "pk")
    )
    if len(answers) != len(versions):
        raise AnswerError("มีคำตอบที่เลือกไม่พบในหน่วยงานนี้ จึงยังไม่ได้อนุมัติข้อใดเลย")
    stale = [a for a in answers if a.version != parse_version(versions[a.pk])]
    if stale:
        raise Conflict(
            stale[0],
            f"ข้อ {', '.join(a.item.code for a in stale)} มีการเปลี่ยนแปลงหลังจากที่คุณเปิดหน้านี้ "
            "จึงยังไม่ได้อนุมัติข้อใดเลย กรุณาตรวจข้อมูลล่าสุดด้านล่างแล้วเลือกใหม่",
        )
    not_waiting = [a.item.code for a in answers if a.status != Status.SUBMITTED]
    if not_waiting:
        raise AnswerError(
            f"ข้อ {', '.join(not_waiting)} ไม่ได้อยู่ในสถานะรออนุมัติแล้ว จึงยังไม่ได้อนุมัติข้อใดเลย "
            "กรุณาเปิดหน้ารายการใหม่"
        )
    for locked in answers:
        _approve_locked(locked, actor)
    return answers


@transaction.atomic
def oit_answer_return(*, answer, actor, comment, version):
    """The executive sends a submitted answer (at `version`) back to its department with
    a comment."""
    locked = _lock(answer)
    _check_executive(locked, actor)
    comment = (comment or "").strip()
    if not comment:
        raise AnswerError("กรุณาเขียนความเห็นว่าต้องแก้ไขอะไร ก่อนส่งกลับ")
    check_version(locked, version)
    if locked.status != Status.SUBMITTED:
        raise _wrong_state(locked, "ส่งกลับ")
    _transition(
        locked, action=Action.RETURN, to_status=Status.RETURNED, actor=actor, comment=comment
    )
    locked.review_comment = comment
    bump_version(locked)
    return locked


@transaction.atomic
def oit_answer_reopen(*, answer, actor, reason, version):
    """The executive unlocks an approved answer (at `version`) for editing, giving the
    reason."""
    locked = _lock(answer)
    _check_executive(locked, actor)
    reason = (reason or "").strip()
    if not reason:
        raise AnswerError("กรุณาระบุเหตุผลที่เปิดคำตอบที่อนุมัติแล้วให้แก้ไขอีกครั้ง")
    check_version(locked, version)
    if locked.status != Status.APPROVED:
        raise _wrong_state(locked, "เปิดให้แก้ไขอีกครั้ง")
    _transition(locked, action=Action.REOPEN, to_status=Status.DRAFT, actor=actor, comment=reason)
    locked.approved_at = None
    locked.review_comment = reason
    bump_version(locked)
    return locked


@transaction.atomic
def oit_items_assign(*, organization, year, item_ids, department, actor):
    """Make `department` responsible for the chosen items of the year (admin only).

    Items without an answer get an empty draft. Approved answers are locked, so choosing
    one refuses the whole assignment. The rows are locked without a page version: the
    assignment page shows no answer's content, only which department holds it, and it
    changes nothing but that; the version still moves on, so an answer page opened
    before is refused rather than silently putting the old department back.
    """
    if not access.can_manage(actor) or actor.organization_id != organization.pk:
        raise AnswerError(access.ADMIN_ONLY)
    if department is not None and department.organization_id != organization.pk:
        raise AnswerError("ส่วนราชการนี้ไม่ได้อยู่ในหน่วยงานของคุณ")
    ids = {int(pk) for pk in item_ids}
    if not ids:
        raise AnswerError("กรุณาเลือกข้อ OIT อย่างน้อย 1 ข้อ")
    items = list(OITItem.objects.in_year(year).filter(pk__in=ids))
    if len(items) != len(ids):
        raise AnswerError(f"มีข้อที่เลือกไม่อยู่ในกรอบการประเมินปี {year}")
    existing = {
        a.item_id: a
        for a in OITAnswer.objects.select_for_update()
        .select_related("item")
        .filter(organization=organization, item__in=items)
    }
    locked = sorted(a.item.code for a in existing.values() if a.status == Status.APPROVED)
    if locked:
        raise AnswerError(
            f"ข้อ {', '.join(locked)} อนุมัติแล้วจึงเปลี่ยนส่วนราชการไม่ได้ ยังไม่ได้มอบหมายข้อใดเลย"
        )
    changed = []
    for item in sorted(items, key=lambda i: i.number):
        answer = existing.get(item.pk) or OITAnswer(organization=organization, item=item)
        if answer.pk and answer.department_id == (department.pk if department else None):
            continue
        answer.department = department
        answer.updated_by = actor
        if answer.pk:
            bump_version(answer)
        else:
            answer.save()
        name = department.name if department else "ไม่ระบุ"
        AnswerEvent.objects.create(
            answer=answer, action=Action.ASSIGN, from_status=answer.status,
            to_status=answer.status, actor=actor, comment=f"มอบหมายให้ {name}",
        )  # fmt: skip
        changed.append(answer)
    return changed


def _title_key(title):
    return " ".join(title.split())


@dataclass
class CopyPlan:
    source_year: int | None
    pairs: list = field(default_factory=list)  # (old answer, new item)
    unmatched_answers: list = field(default_factory=list)  # old answers with no new item
    new_items_without_source: list = field(default_factory=list)
    blocking: list = field(default_factory=list)  # new-year answers already worked on
    already_copied: list = field(default_factory=list)  # (old answer, its copy) from a run before


def oit_copy_plan(*, organization, year, source_year=None, item_map=None):
    """What copying the last year's answers into `year` would do (reads only).

    By default the source is the latest earlier year with answers and an answer goes to
    the item of the same code and title; `source_year` and `item_map` ({old item code:
    new item code}, as assessments.matching pairs them) choose otherwise.
    """
    if source_year is None:
        source_year = (
            OITAnswer.objects.filter(organization=organization)
            .with_year()
            .filter(year__lt=year)
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
    plan = CopyPlan(source_year=source_year)
    new_items = list(OITItem.objects.in_year(year).order_by("number"))
    if source_year is None:
        plan.new_items_without_source = new_items
        return plan
    old_answers = list(
        OITAnswer.objects.for_year(organization, source_year)
        .current()  # the answers of retired items stay behind with them
        .select_related("item", "department")
        .prefetch_related("attachments")
        .order_by("item__number")
    )
    by_key = {(i.code, _title_key(i.title)): i for i in new_items}
    by_code = {i.code: i for i in new_items}
    used = set()
    for old in old_answers:
        if item_map is None:
            item = by_key.get((old.item.code, _title_key(old.item.title)))
        else:
            item = by_code.get(item_map.get(old.item.code))
        if item is None:
            plan.unmatched_answers.append(old)
        else:
            plan.pairs.append((old, item))
            used.add(item.pk)
    plan.new_items_without_source = [i for i in new_items if i.pk not in used]
    started = OITAnswer.objects.for_year(organization, year).select_related("item")
    # A copy made from this very answer before is done, not new work: it is kept as it is.
    copies = {a.copied_from_id: a for a in started if a.copied_from_id}
    plan.already_copied = [(old, copies[old.pk]) for old, _ in plan.pairs if old.pk in copies]
    plan.pairs = [(old, item) for old, item in plan.pairs if old.pk not in copies]
    kept = {copy.pk for _, copy in plan.already_copied}
    plan.blocking = [
        a
        for a in started.order_by("item__number")
        if a.pk not in kept and (a.has_content or a.status != Status.DRAFT)
    ]
    return plan


@atomic_with_files
def oit_answers_copy_forward(*, organization, year, actor, source_year=None, item_map=None):
    """Copy the last year's answers into `year`'s items matched by code and title (or as
    `source_year` and `item_map` say: see oit_copy_plan).

    All or nothing. Copies are drafts flagged as needing evidence of the new period; no
    approval and no element tick is carried over. Answers copied by an earlier run are
    left as they are, so running it again copies only what is missing. Returns the
    CopyPlan that was applied. The rows are locked without a page version: only empty,
    untouched drafts of the new year are overwritten (anything worked on refuses the
    copy), so nobody's typing is at stake; their versions still move on.
    """
    if not access.can_manage(actor) or actor.organization_id != organization.pk:
        raise AnswerError(access.ADMIN_ONLY)
    plan = oit_copy_plan(
        organization=organization, year=year, source_year=source_year, item_map=item_map
    )
    if plan.source_year is None:
        raise AnswerError(f"ไม่พบคำตอบ OIT ของปีก่อน {year} ที่จะคัดลอก")
    if plan.blocking:
        codes = ", ".join(a.item.code for a in plan.blocking)
        raise AnswerError(f"ปี {year} มีคำตอบที่เริ่มทำแล้ว ({codes}) จึงไม่คัดลอกทับ ยังไม่ได้คัดลอกข้อใดเลย")
    if not plan.pairs and plan.already_copied:
        return plan
    if not plan.pairs:
        raise AnswerError(f"ไม่มีข้อของปี {plan.source_year} ที่ตรงกับข้อของปี {year} (รหัสและชื่อข้อ)")
    existing = {
        a.item_id: a
        for a in OITAnswer.objects.select_for_update().filter(
            organization=organization, item__in=[item for _, item in plan.pairs]
        )
    }
    with files_removed_on_error() as keep:
        for old, item in plan.pairs:
            answer = existing.get(item.pk) or OITAnswer(organization=organization, item=item)
            answer.department = answer.department or old.department
            answer.links = [dict(link) for link in old.links]
            answer.where_to_find = old.where_to_find
            answer.explanation = old.explanation
            answer.element_evidence = {}
            answer.exception_reasons = {}
            answer.renewed_evidence = []
            answer.needs_new_evidence = True
            answer.status = Status.DRAFT
            answer.approved_at = None
            answer.review_comment = ""
            answer.copied_from = old
            answer.updated_by = actor
            if answer.pk:
                bump_version(answer)
            else:
                answer.save()
            copied_files = []
            for attachment in old.attachments.all():
                with attachment.file.open("rb") as source:
                    copied = OITAnswerAttachment.store(
                        source, keep=keep, uploaded_by=actor, answer=answer,
                        original_name=attachment.original_name,
                    )  # fmt: skip
                copied_files.append(copied.pk)
            # What was carried, so that each link or file must be replaced or confirmed.
            answer.carried_evidence = {
                "links": [link.get("url") for link in answer.links if link.get("url")],
                "files": copied_files,
            }
            answer.save(update_fields=["carried_evidence"])
            AnswerEvent.objects.create(
                answer=answer, action=Action.COPY, from_status="", to_status=Status.DRAFT,
                actor=actor, comment=f"คัดลอกจากปี {plan.source_year} ต้องใช้หลักฐานของปี {year}",
            )  # fmt: skip
    return plan
