"""The year's link report: every answer's links with their latest verdicts, the items
worth most first; "check every link now" with its progress; and the submission snapshot
(the day the answers went into ITAS, NACC's review period, and the alerts when a kept
link changed)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from assessments.models import Framework
from assessments.selectors import organization_years
from itaportal import access
from oit import linkchecks, snapshots
from oit.models import SubmissionSnapshot


class SnapshotForm(forms.Form):
    submitted_on = forms.DateField(
        label="วันที่กรอกคำตอบในระบบ ITAS", widget=forms.DateInput(attrs={"type": "date"})
    )
    review_starts = forms.DateField(
        label="ป.ป.ช. เริ่มตรวจ", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    review_ends = forms.DateField(
        label="ป.ป.ช. ตรวจถึง", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ReviewPeriodForm(forms.Form):
    review_starts = forms.DateField(
        label="ป.ป.ช. เริ่มตรวจ", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    review_ends = forms.DateField(
        label="ป.ป.ช. ตรวจถึง", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _snapshot(org, year):
    return SubmissionSnapshot.objects.filter(organization=org, year=year).first()


@access.member_required
def oit_links(request, year):
    """The report page; it refreshes itself while a run is in progress."""
    framework = get_object_or_404(Framework.objects.only("pk", "year", "provisional"), year=year)
    org = request.user.organization
    rows, counts = linkchecks.year_report(org, year)
    run = linkchecks.latest_run(org, year)
    snapshot = _snapshot(org, year)
    can_manage = access.can_manage(request.user)
    return render(
        request,
        "oit/links.html",
        {
            "year": year,
            "years": organization_years(request.user.organization_id),
            "framework": framework,
            "rows": rows,
            "counts": counts,
            "at_risk": linkchecks.points_at_risk(rows),
            "problems": sum(n for code, n in counts.items() if code not in ("ok", "unchecked")),
            "run": run,
            "can_run": can_manage or access.can_approve(request.user),
            "can_manage": can_manage,
            "snapshot": snapshot,
            "alerts": list(snapshots.alerts_for(request.user, year)),
            "snapshot_form": SnapshotForm() if can_manage and snapshot is None else None,
            "review_form": ReviewPeriodForm(
                initial={
                    "review_starts": snapshot.review_starts,
                    "review_ends": snapshot.review_ends,
                }
            )
            if can_manage and snapshot
            else None,
            "kept": list(
                snapshot.answers.prefetch_related("kept_links").select_related("department")
            )
            if snapshot
            else [],
        },
    )


@access.member_required
@require_POST
def oit_links_run(request, year):
    """Check every link of the year now, in the background."""
    access.require(
        access.can_manage(request.user) or access.can_approve(request.user),
        "เฉพาะผู้ดูแลระบบหน่วยงานและผู้บริหารเท่านั้นที่สั่งตรวจลิงก์ทั้งหมดได้",
    )
    try:
        run = linkchecks.link_check_run_start(
            organization=request.user.organization, year=year, actor=request.user
        )
    except linkchecks.LinkCheckError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"กำลังตรวจลิงก์ทั้งหมดของปี {year} (เริ่มเมื่อ {timezone.localtime(run.created_at):%H:%M} น.)",
        )
    return redirect("oit:links", year)


@access.admin_required
@require_POST
def oit_snapshot_take(request, year):
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        messages.error(request, "กรุณาระบุวันที่กรอกคำตอบในระบบ ITAS ให้ถูกต้อง")
        return redirect("oit:links", year)
    try:
        snapshot = snapshots.snapshot_take(
            organization=request.user.organization,
            year=year,
            actor=request.user,
            **form.cleaned_data,
        )
    except snapshots.SnapshotError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"บันทึกคำตอบ {snapshot.answers.count()} ข้อที่ส่ง ITAS แล้ว กำลังเก็บสำเนาของทุกลิงก์",
        )
    return redirect("oit:links", year)


@access.admin_required
@require_POST
def oit_snapshot_review(request, year):
    snapshot = _snapshot(request.user.organization, year)
    if snapshot is None:
        messages.error(request, "ยังไม่ได้บันทึกวันที่กรอกคำตอบในระบบ ITAS ของปีนี้")
        return redirect("oit:links", year)
    form = ReviewPeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, "กรุณาระบุช่วงเวลาที่ ป.ป.ช. ตรวจให้ถูกต้อง")
        return redirect("oit:links", year)
    try:
        snapshots.snapshot_set_review(snapshot=snapshot, actor=request.user, **form.cleaned_data)
    except snapshots.SnapshotError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "บันทึกช่วงเวลาที่ ป.ป.ช. ตรวจแล้ว")
    return redirect("oit:links", year)
