"""The submission snapshot: what the organization entered into NACC's ITAS, kept as evidence.

The agency admin records the day the answers went into ITAS. `snapshot_take` freezes the
year's approved answers (links, where to find them, explanation) and queues a fetch of
every link; `snapshot_fetch` keeps each link's bytes on the media store with their hash,
status and time. While NACC reviews (the period the admin sets on the snapshot), the
nightly check runs `snapshot_compare`, which opens each link again and marks it changed,
broken or gone; those marks are the alerts the item's department and the admin see on the
year's link report and on their home page.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from itaportal import access, linkcheck
from itaportal.editing import DomainError
from itaportal.prepared import PreparedQuery
from oit.linkchecks import required_years
from oit.models import OITAnswer, SnapshotAnswer, SnapshotLink, SubmissionSnapshot

Change = SnapshotLink.Change


class SnapshotError(DomainError):
    """A refused snapshot action; str() is the Thai message."""


def _check_admin(actor, organization):
    if actor.organization_id != organization.pk or not access.can_manage(actor):
        raise SnapshotError(access.ADMIN_ONLY)


def _check_period(review_starts, review_ends):
    if review_starts and review_ends and review_ends < review_starts:
        raise SnapshotError("วันสิ้นสุดการตรวจของ ป.ป.ช. ต้องไม่ก่อนวันเริ่ม")


@transaction.atomic
def snapshot_take(*, organization, year, submitted_on, actor, review_starts=None, review_ends=None):
    """Record that the year's answers were entered into ITAS on `submitted_on`: freeze the
    approved answers and queue the copy of each link. One snapshot per year."""
    _check_admin(actor, organization)
    if submitted_on > timezone.localdate():
        raise SnapshotError("วันที่กรอกคำตอบในระบบ ITAS ต้องไม่เป็นวันในอนาคต")
    _check_period(review_starts, review_ends)
    if SubmissionSnapshot.objects.filter(organization=organization, year=year).exists():
        raise SnapshotError(f"บันทึกคำตอบที่ส่ง ITAS ของปี {year} ไว้แล้ว")
    # What ITAS holds is what was approved by the end of that day: an answer approved
    # later (reopened and approved again since) was not part of it.
    day_end = timezone.make_aware(
        datetime.datetime.combine(submitted_on + datetime.timedelta(days=1), datetime.time())
    )
    answers = list(
        OITAnswer.objects.for_year(organization, year)
        .current()
        .approved()
        .filter(Q(approved_at__lt=day_end) | Q(approved_at__isnull=True))
        .for_listing()
    )
    if not answers:
        raise SnapshotError(f"ปี {year} ยังไม่มีคำตอบที่ผู้บริหารอนุมัติ จึงยังไม่มีอะไรให้บันทึก")
    snapshot = SubmissionSnapshot.objects.create(
        organization=organization,
        year=year,
        submitted_on=submitted_on,
        review_starts=review_starts,
        review_ends=review_ends,
        created_by=actor,
    )
    for answer in answers:
        frozen = SnapshotAnswer.objects.create(
            snapshot=snapshot,
            answer=answer,
            item_code=answer.item.code,
            department=answer.department,
            links=[dict(link) for link in answer.links],
            where_to_find=answer.where_to_find,
            explanation=answer.explanation,
            approved_at=answer.approved_at,
        )
        for position, link in enumerate(answer.links, start=1):
            url = (link.get("url") or "").strip()
            if url:
                SnapshotLink.objects.create(
                    snapshot_answer=frozen, position=position, url=url[:2000]
                )
    from oit import tasks  # the tasks import this module

    # The database backend stores the task in this transaction: both happen or neither.
    tasks.fetch_snapshot.enqueue(snapshot.pk)
    return snapshot


@transaction.atomic
def snapshot_set_review(*, snapshot, actor, review_starts, review_ends):
    """Set NACC's review period, during which the links are compared with their copies."""
    _check_admin(actor, snapshot.organization)
    _check_period(review_starts, review_ends)
    snapshot = SubmissionSnapshot.objects.select_for_update().get(pk=snapshot.pk)
    snapshot.review_starts, snapshot.review_ends = review_starts, review_ends
    snapshot.save(update_fields=["review_starts", "review_ends"])
    return snapshot


def _links(snapshot):
    return (
        SnapshotLink.objects.filter(snapshot_answer__snapshot=snapshot)
        .select_related("snapshot_answer__answer__item__sub_indicator__indicator__framework")
        .select_related("snapshot_answer__answer__organization")
        .order_by("snapshot_answer__answer__item__number", "position")
    )


def snapshot_fetch(snapshot, *, check=linkcheck.check):
    """Keep a copy of each link not kept yet: bytes, hash, status, time. Safe to repeat."""
    for kept in _links(snapshot).filter(fetched_at__isnull=True):
        answer = kept.snapshot_answer.answer
        result = check(kept.url, domains=answer.organization.domains, years=required_years(answer))
        kept.status = result.status
        kept.final_url = (result.final_url or "")[:2000]
        kept.content_type = (result.content_type or "")[:200]
        kept.size = result.size
        kept.verdict = result.verdict
        kept.content_hash = result.content_hash if result.body else ""
        if result.body:
            name = f"{snapshot.year}-{kept.snapshot_answer.item_code}-{kept.position}"
            name += ".pdf" if result.content_type == "application/pdf" else ".html"
            kept.copy.save(name, ContentFile(result.body), save=False)
        kept.fetched_at = timezone.now()
        kept.save()
    SubmissionSnapshot.objects.filter(pk=snapshot.pk).update(fetched_at=timezone.now())


def _change(kept, result):
    """(change code, Thai message) of a link now against its kept copy."""
    if result.verdict == "broken":
        if result.status in (404, 410) or result.status is None and "DNS" in result.message:
            return Change.GONE, f"หน้านี้หายไปแล้ว: {result.message}"
        return Change.BROKEN, result.message
    if result.verdict in ("refused", "login", "soft_404", "homepage"):
        return Change.BROKEN, result.message
    if kept.content_hash and result.body and result.content_hash != kept.content_hash:
        return Change.CHANGED, (
            "เนื้อหาของลิงก์ต่างจากสำเนาที่เก็บไว้ในวันที่กรอกคำตอบในระบบ ITAS ตรวจว่าข้อมูลที่ผู้ประเมินเห็นยังครบถ้วน"
        )
    return Change.SAME, ""


def snapshot_compare(snapshot, *, check=linkcheck.check):
    """Open each kept link again and mark what changed since the submission day; a link
    that comes back as it was loses its mark. Returns the links marked now."""
    marked = []
    for kept in _links(snapshot).filter(fetched_at__isnull=False):
        answer = kept.snapshot_answer.answer
        result = check(kept.url, domains=answer.organization.domains, years=required_years(answer))
        change, message = _change(kept, result)
        if change != kept.change:
            kept.changed_at = timezone.now() if change else None
        kept.change, kept.change_message = change, message
        kept.save(update_fields=["change", "change_message", "changed_at"])
        if change:
            marked.append(kept)
    SubmissionSnapshot.objects.filter(pk=snapshot.pk).update(compared_at=timezone.now())
    return marked


def snapshots_in_review(day: datetime.date):
    return [
        s for s in SubmissionSnapshot.objects.filter(review_starts__lte=day) if s.in_review(day)
    ]


def _alerts(org):
    return (
        SnapshotLink.objects.filter(snapshot_answer__snapshot__organization=org)
        .exclude(change=Change.SAME)
        .select_related("snapshot_answer__snapshot", "snapshot_answer__department")
        .order_by("-changed_at", "pk")
    )


# The home page's newest alerts, compiled once per connection (itaportal.prepared).
HOME_ALERTS = 10
_home_alerts = PreparedQuery(lambda org: _alerts(org)[:HOME_ALERTS], "org")
_home_alerts_of = PreparedQuery(
    lambda org, department: _alerts(org).filter(snapshot_answer__department=department)[
        :HOME_ALERTS
    ],
    *("org", "department"),
)


def newest_alerts_read(user):
    """What `newest_alerts_for(user)` reads (itaportal.prepared.Bound), or None."""
    if user.organization_id is None:
        return None
    if access.can_manage(user):
        return _home_alerts.bound(org=user.organization_id)
    if user.department_id:
        return _home_alerts_of.bound(org=user.organization_id, department=user.department_id)
    return None


def newest_alerts_for(user):
    """`alerts_for(user)[:HOME_ALERTS]`, as a list."""
    read = newest_alerts_read(user)
    return read() if read is not None else []


def alerts_for(user, year=None):
    """The kept links that changed, broke or disappeared, for the agency admin (all of the
    organization's) and for staff (their department's items)."""
    if user.organization_id is None:
        return SnapshotLink.objects.none()
    rows = _alerts(user.organization_id)
    if year is not None:
        rows = rows.filter(snapshot_answer__snapshot__year=year)
    if access.can_manage(user):
        return rows
    if user.department_id:
        return rows.filter(snapshot_answer__department=user.department_id)
    return SnapshotLink.objects.none()
