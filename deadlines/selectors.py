"""What is due: the short list each user's home page starts with, the year's calendar, and
the dates a user's calendar feed holds.

`due_items(user, today)` gathers one list from several sources, each a function
`(user, context) -> [DueItem]` reading a fixed number of rows whatever the data size; the
reminders (notices app) are driven from the same list, so what the home page asks and
what the mail reminds of cannot disagree.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from assessments.selectors import (
    organization_framework,
    organization_years,
    organization_years_ahead,
)
from deadlines.models import CalendarFeed, DeadlineSettings, Milestone, OrganizationDeadline
from itaportal import access, thai
from itaportal.kept_urls import kept_reverse
from itaportal.prepared import PreparedQuery
from measures.models import Measure, Memo
from measures.panels import measures_of_year, measures_of_year_ahead
from oit.models import LinkCheck, OITAnswer
from oit.selectors import answer_status_counts, year_item_count

# How far ahead NACC's windows show on the admin's list before they open.
MILESTONE_LOOKAHEAD = datetime.timedelta(days=30)
# Milestones that ask the agency admin to do something in ITAS.
ACTION_MILESTONES = {
    Milestone.Kind.REGISTRATION: "ลงทะเบียนและนำเข้าข้อมูลในระบบ ITAS",
    Milestone.Kind.IIT_EIT: "ประชาสัมพันธ์ให้ตอบแบบวัด IIT/EIT ให้ครบ",
    Milestone.Kind.OIT: "ส่งคำตอบแบบวัด OIT ในระบบ ITAS",
    Milestone.Kind.CLARIFICATION: "ชี้แจงข้อ OIT ที่ไม่ผ่าน",
}


@dataclass
class DueItem:
    """One thing a user must do. `key` is stable across days: reminders remember it."""

    key: str
    title: str
    due: datetime.date | None
    url: str
    kind: str
    detail: str = ""
    provisional: bool = False

    def days_left(self, today):
        return None if self.due is None else (self.due - today).days

    def sort_key(self):
        return (self.due is None, self.due or datetime.date.max, self.title)


@dataclass
class DueContext:
    """What every source needs, read once per list."""

    user: object
    today: datetime.date
    year: int
    settings: DeadlineSettings
    milestones: list = field(default_factory=list)

    def milestone(self, kind):
        return next((m for m in self.milestones if m.kind == kind), None)

    @property
    def oit_close(self):
        window = self.milestone(Milestone.Kind.OIT)
        return window.ends_on if window else None

    @property
    def approval_due(self):
        """The executive's deadline: some days before NACC's OIT window closes."""
        close = self.oit_close
        if close is None:
            return None
        return close - datetime.timedelta(days=self.settings.approval_days_before_oit_close)

    @property
    def oit_provisional(self):
        window = self.milestone(Milestone.Kind.OIT)
        return bool(window and window.provisional)


# Every home page reads the sources below; their querysets are compiled once per
# connection (itaportal.prepared), with ids and years as the only parameters.
_milestones = PreparedQuery(
    lambda year: Milestone.objects.filter(framework__year=year).order_by("starts_on", "pk"),
    "year",
)
_milestones_of_framework = PreparedQuery(
    lambda framework: Milestone.objects.filter(framework=framework).order_by("starts_on", "pk"),
    "framework",
)
# A year's milestones are its framework's, the same for every organization: kept per
# process under the framework's structure token, which a saved or deleted milestone
# renews (deadlines/signals.py). Read them, never change them.
_kept_milestones: dict = {}
KEPT_MILESTONES = 64


def year_milestones(year, organization=None):
    """NACC's milestones of fiscal `year`, in order. With the organization, through its
    years (a page reads them anyway): kept per framework version, no query."""
    found = organization_framework(organization, year) if organization is not None else None
    if found is None:
        return _milestones(year=year)
    kept = _kept_milestones.get(found)
    if kept is None:
        kept = tuple(_milestones_of_framework(framework=found[0]))
        if len(_kept_milestones) >= KEPT_MILESTONES:
            _kept_milestones.clear()
        _kept_milestones[found] = kept
    return list(kept)


def report_due(settings, quarter_end):
    return quarter_end + datetime.timedelta(days=settings.report_days_after_quarter)


def memo_due(settings, memo_date):
    return memo_date + datetime.timedelta(days=settings.memo_ack_days)


def _memos_unacknowledged(org, from_year, department, user):
    """Memos addressed to the department that nobody of it acknowledged yet, of the years
    from `from_year` (the years whose measures are still being carried out)."""
    return (
        Memo.objects.filter(
            assessment__organization=org,
            assessment__year__gte=from_year,
            recipients=department,
        )
        .exclude(acknowledgements__user__department_id=department)
        .exclude(acknowledgements__user=user)
        .distinct()
        .order_by("date", "pk")
    )


# Only what the item shows: the DISTINCT then compares three columns, not the memo's whole
# text and its assessment's.
_memos_due = PreparedQuery(
    lambda **p: _memos_unacknowledged(**p).only("pk", "subject", "date"),
    *("org", "from_year", "department", "user"),
)


def _memos_read(user, year):
    if not user.department_id:
        return None
    return _memos_due.bound(
        org=user.organization_id, from_year=year - 1, department=user.department_id, user=user.pk
    )


def _memos(ctx):
    read = _memos_read(ctx.user, ctx.year)
    if read is None:
        return []
    return [
        DueItem(
            key=f"memo:{memo.pk}",
            title=f"รับทราบบันทึกข้อความ เรื่อง {memo.subject}",
            due=memo_due(ctx.settings, memo.date),
            url=kept_reverse("measures:memo_detail", (memo.pk,)),
            kind="บันทึกข้อความ",
        )
        for memo in read()
    ]


def _reports_of(user):
    """Whose quarterly reports the user owes: (the department, or None for all of the
    organization's), or None when the user owes none."""
    if access.can_manage(user):
        return (None,)
    if user.role == user.Role.STAFF and user.department_id:
        return (user.department_id,)
    return None


def _quarter_reports(ctx):
    """Quarterly reports owed on the measures carried out this year (last year's
    assessment's), per quarter that has begun: the department's, or all for the admin."""
    user = ctx.user
    owed = _reports_of(user)
    if owed is None:
        return []
    manages = access.can_manage(user)
    # As the home page's measures panel loads them (one read for both).
    measures = measures_of_year(user.organization_id, ctx.year - 1, *owed)
    rows = [(m.pk, m.start_date) for m in measures if m.status != Measure.Status.DONE]
    if not rows:
        return []
    reported = {
        (r.measure_id, r.quarter) for m in measures for r in m.reports.all() if r.year == ctx.year
    }
    items = []
    for quarter in (1, 2, 3, 4):
        start, end = thai.quarter_range(ctx.year, quarter)
        if start > ctx.today:
            break
        missing = [
            pk
            for pk, started in rows
            if (pk, quarter) not in reported and not (started and started > end)
        ]
        if not missing:
            continue
        scope = "all" if manages else f"d{user.department_id}"
        items.append(
            DueItem(
                key=f"report:{ctx.year}-{quarter}:{scope}",
                title=f"รายงานผลการดำเนินงานตามมาตรการ ไตรมาส {quarter}/{ctx.year}",
                due=report_due(ctx.settings, end),
                url=kept_reverse("measures:mine") if not manages else kept_reverse("measures:list"),
                kind="รายงานรายไตรมาส",
                detail=f"ยังไม่รายงาน {len(missing)} มาตรการ",
            )
        )
    return items


def _oit_answers(ctx):
    """The year's OIT answers: staff prepare their department's and fix returned ones,
    the executive approves, the admin sees that every item gets an approved answer."""
    user = ctx.user
    # The organization's years (one query the home page's other panels share).
    if ctx.year not in organization_years(user.organization_id):
        return []
    items = []
    list_url = kept_reverse("oit:list", (ctx.year,))
    common = {"due": ctx.approval_due, "provisional": ctx.oit_provisional, "kind": "คำตอบ OIT"}
    if user.is_executive:
        waiting = answer_status_counts(user.organization_id, ctx.year).get(
            OITAnswer.Status.SUBMITTED, 0
        )
        if waiting:
            items.append(
                DueItem(
                    key=f"oit-approve:{ctx.year}",
                    title=f"อนุมัติคำตอบ OIT ปี {ctx.year}",
                    url=kept_reverse("oit:queue", (ctx.year,)),
                    detail=f"รออนุมัติ {waiting} ข้อ",
                    **common,
                )
            )
    elif user.role == user.Role.STAFF and user.department_id:
        counts = answer_status_counts(user.organization_id, ctx.year, user.department_id)
        counts = {
            "draft": counts.get(OITAnswer.Status.DRAFT, 0),
            "returned": counts.get(OITAnswer.Status.RETURNED, 0),
        }
        if counts["returned"]:
            items.append(
                DueItem(
                    key=f"oit-returned:{ctx.year}:d{user.department_id}",
                    title=f"แก้ไขคำตอบ OIT ที่ถูกส่งกลับ ปี {ctx.year}",
                    url=list_url,
                    detail=f"ถูกส่งกลับ {counts['returned']} ข้อ",
                    **common,
                )
            )
        if counts["draft"]:
            items.append(
                DueItem(
                    key=f"oit-prepare:{ctx.year}:d{user.department_id}",
                    title=f"เตรียมคำตอบ OIT ปี {ctx.year} และส่งให้ผู้บริหารอนุมัติ",
                    url=list_url,
                    detail=f"ร่างอยู่ {counts['draft']} ข้อ",
                    **common,
                )
            )
    elif access.can_manage(user):
        total = year_item_count(user.organization_id, ctx.year)
        approved = answer_status_counts(user.organization_id, ctx.year).get(
            OITAnswer.Status.APPROVED, 0
        )
        if total > approved:
            items.append(
                DueItem(
                    key=f"oit-complete:{ctx.year}",
                    title=f"ให้ทุกข้อ OIT ปี {ctx.year} มีคำตอบที่อนุมัติแล้ว",
                    url=list_url,
                    detail=f"อนุมัติแล้ว {approved} จาก {total} ข้อ",
                    **common,
                )
            )
    return items


def _deadlines(org, from_year):
    return OrganizationDeadline.objects.filter(organization=org, done=False, year__gte=from_year)


# The organization's open deadlines of a department, of nobody in particular, or both.
_deadlines_of = PreparedQuery(
    lambda org, from_year, department: _deadlines(org, from_year).filter(department=department),
    *("org", "from_year", "department"),
)
_deadlines_unassigned = PreparedQuery(
    lambda org, from_year: _deadlines(org, from_year).filter(department__isnull=True),
    *("org", "from_year"),
)
_deadlines_of_or_unassigned = PreparedQuery(
    lambda org, from_year, department: _deadlines(org, from_year).filter(
        Q(department=department) | Q(department__isnull=True)
    ),
    *("org", "from_year", "department"),
)


def _own_deadlines_read(user, year):
    org, from_year, department = user.organization_id, year - 1, user.department_id
    if access.can_manage(user):
        if department:
            return _deadlines_of_or_unassigned.bound(
                org=org, from_year=from_year, department=department
            )
        return _deadlines_unassigned.bound(org=org, from_year=from_year)
    if department:
        return _deadlines_of.bound(org=org, from_year=from_year, department=department)
    return None


def _own_deadlines(ctx):
    read = _own_deadlines_read(ctx.user, ctx.year)
    if read is None:
        return []
    return [
        DueItem(
            key=f"deadline:{d.pk}",
            title=d.title,
            due=d.due_on,
            url=kept_reverse("deadlines:calendar"),
            kind=d.get_kind_display(),
        )
        for d in read()
    ]


def _nacc_windows(ctx):
    if not access.can_manage(ctx.user):
        return []
    return [
        DueItem(
            key=f"milestone:{m.pk}",
            title=ACTION_MILESTONES[m.kind],
            due=m.ends_on,
            url=kept_reverse("deadlines:calendar"),
            kind="ปฏิทิน ป.ป.ช.",
            detail=f"{m.name} {thai.thai_date(m.starts_on, 'short', 'arabic')} – "
            f"{thai.thai_date(m.ends_on, 'short', 'arabic')}",
            provisional=m.provisional,
        )
        for m in ctx.milestones
        if m.kind in ACTION_MILESTONES
        and m.ends_on >= ctx.today
        and m.starts_on <= ctx.today + MILESTONE_LOOKAHEAD
    ]


def _broken(org, year):
    # Sorted by the caller: the model's own ordering would join the organization only to
    # sort.
    return (
        LinkCheck.objects.filter(answer__in=OITAnswer.objects.for_year(org, year).current())
        .exclude(verdict="ok")
        .order_by()
    )


# The item codes of the answers with a wrong link: the organization's, or a department's.
_broken_codes = PreparedQuery(
    lambda org, year: _broken(org, year).values_list("answer__item__code", flat=True),
    *("org", "year"),
)
_broken_codes_of = PreparedQuery(
    lambda org, year, department: (
        _broken(org, year)
        .filter(answer__department_id=department)
        .values_list("answer__item__code", flat=True)
    ),
    *("org", "year", "department"),
)


def _broken_read(user, year):
    if access.can_manage(user):
        return _broken_codes.bound(org=user.organization_id, year=year)
    if user.department_id:
        return _broken_codes_of.bound(
            org=user.organization_id, year=year, department=user.department_id
        )
    return None


def _broken_links(ctx):
    """Links of the year's answers that the link checker found wrong: staff fix their
    department's, the admin sees the whole organization's. One item, due with the
    answers; one query."""
    user = ctx.user
    read = _broken_read(user, ctx.year)
    if read is None:
        return []
    mine = access.can_manage(user)
    codes = sorted(set(read()), key=_code_order)
    if not codes:
        return []
    shown = ", ".join(codes[:6]) + (" …" if len(codes) > 6 else "")
    return [
        DueItem(
            key=f"oit-links:{ctx.year}" + ("" if mine else f":d{user.department_id}"),
            title=f"แก้ลิงก์คำตอบ OIT ปี {ctx.year} ที่ตรวจพบปัญหา",
            due=ctx.approval_due,
            url=kept_reverse("oit:links", (ctx.year,)),
            kind="คำตอบ OIT",
            detail=f"{len(codes)} ข้อ ({shown})",
            provisional=ctx.oit_provisional,
        )
    ]


def _code_order(code):
    digits = "".join(c for c in code if c.isdigit())
    return (int(digits) if digits else 0, code)


# Each source is (user, context) -> [DueItem].
SOURCES = [_memos, _quarter_reports, _oit_answers, _broken_links, _own_deadlines, _nacc_windows]


def due_context(user, today):
    year = thai.current_fiscal_year(today)
    return DueContext(
        user=user,
        today=today,
        year=year,
        settings=DeadlineSettings.of(user.organization_id),
        milestones=year_milestones(year, user.organization_id),
    )


def due_items_ahead(user, today):
    """Say ahead (itaportal.prepared) what `due_items(user, today)` reads, so that the
    home page reads it with its other panels' rows in one round trip."""
    if not user.is_authenticated or user.organization_id is None:
        return
    org, year = user.organization_id, thai.current_fiscal_year(today)
    DeadlineSettings.of_ahead(org)
    organization_years_ahead(org)
    owed = _reports_of(user)
    if owed is not None:
        measures_of_year_ahead(org, year - 1, *owed)
    reads = (_memos_read(user, year), _broken_read(user, year), _own_deadlines_read(user, year))
    for read in reads:
        if read is not None:
            read.ahead()


def due_items(user, today, sources=None):
    """What `user` must do as of `today`, most urgent first (undated last)."""
    if not user.is_authenticated or user.organization_id is None:
        return []
    ctx = due_context(user, today)
    items = [item for source in sources or SOURCES for item in source(ctx)]
    return sorted(items, key=DueItem.sort_key)


@dataclass
class CalendarEvent:
    key: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    kind: str
    provisional: bool = False
    url: str = ""


# The calendar page's own reads, said ahead with calendar_events' (`calendar_ahead`).
_feed_of = PreparedQuery(
    lambda user: CalendarFeed.objects.filter(user=user).order_by("pk")[:1], "user"
)
_deadlines_of_year = PreparedQuery(
    lambda org, year: (
        OrganizationDeadline.objects.filter(organization=org, year=year)
        .select_related("department")
        .order_by("due_on", "pk")
    ),
    *("org", "year"),
)


def calendar_ahead(user, year, today):
    """Say ahead (itaportal.prepared) what the calendar page reads: `calendar_events`'
    settings, years and memos, the user's feed and (for the admin) the year's deadlines,
    so that they are read in one round trip."""
    org = user.organization_id
    DeadlineSettings.of_ahead(org)
    organization_years_ahead(org)
    memos = _memos_read(user, thai.current_fiscal_year(today))
    if memos is not None:
        memos.ahead()
    _feed_of.ahead(user=user.pk)
    if access.can_manage(user):
        _deadlines_of_year.ahead(org=org, year=year)


def feed_of(user):
    """The user's calendar feed, or None."""
    found = _feed_of(user=user.pk)
    return found[0] if found else None


def deadlines_of_year(organization_id, year):
    """The organization's own deadlines of fiscal `year`, by date, with their departments."""
    return _deadlines_of_year(org=organization_id, year=year)


def calendar_events(user, year, today):
    """The fiscal year's dates for `user`: NACC's milestones, the organization's own
    deadlines and the derived ones (quarterly reports, the approval deadline), plus the
    memos the user is to acknowledge by a date of that year."""
    start, end = thai.fiscal_year_range(year)
    ctx = due_context(user, today)
    settings = ctx.settings
    milestones = year_milestones(year, user.organization_id)
    events = [
        CalendarEvent(
            key=f"milestone:{m.pk}",
            title=m.name,
            starts_on=m.starts_on,
            ends_on=m.ends_on,
            kind="ปฏิทิน ป.ป.ช.",
            provisional=m.provisional,
        )
        for m in milestones
    ]
    oit = next((m for m in milestones if m.kind == Milestone.Kind.OIT), None)
    for quarter in (1, 2, 3, 4):
        _, q_end = thai.quarter_range(year, quarter)
        due = report_due(settings, q_end)
        events.append(
            CalendarEvent(
                key=f"report-due:{year}-{quarter}",
                title=f"กำหนดส่งรายงานผลตามมาตรการ ไตรมาส {quarter}/{year}",
                starts_on=due,
                ends_on=due,
                kind="รายงานรายไตรมาส",
            )
        )
    if oit is not None:
        approval = oit.ends_on - datetime.timedelta(days=settings.approval_days_before_oit_close)
        events.append(
            CalendarEvent(
                key=f"approval-due:{year}",
                title=f"ผู้บริหารอนุมัติคำตอบ OIT ปี {year} ให้ครบ",
                starts_on=approval,
                ends_on=approval,
                kind="คำตอบ OIT",
                provisional=oit.provisional,
            )
        )
    for d in OrganizationDeadline.objects.filter(
        organization=user.organization_id, due_on__range=(start, end)
    ).select_related("department"):
        title = d.title + (f" ({d.department.name})" if d.department_id else "")
        events.append(
            CalendarEvent(
                key=f"deadline:{d.pk}",
                title=title + (" — ดำเนินการแล้ว" if d.done else ""),
                starts_on=d.due_on,
                ends_on=d.due_on,
                kind=d.get_kind_display(),
            )
        )
    for item in _memos(ctx):
        if item.due and start <= item.due <= end:
            events.append(
                CalendarEvent(
                    key=item.key,
                    title=item.title,
                    starts_on=item.due,
                    ends_on=item.due,
                    kind=item.kind,
                    url=item.url,
                )
            )
    return sorted(events, key=lambda e: (e.starts_on, e.ends_on, e.title))


def calendar_months(events, year):
    """The fiscal year's twelve months (October first), each with the events that touch it."""
    start, _ = thai.fiscal_year_range(year)
    months = []
    for offset in range(12):
        month_index = start.month - 1 + offset
        first = datetime.date(start.year + month_index // 12, month_index % 12 + 1, 1)
        nxt = datetime.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        last = nxt - datetime.timedelta(days=1)
        months.append(
            {
                "first": first,
                "events": [e for e in events if e.starts_on <= last and e.ends_on >= first],
            }
        )
    return months
