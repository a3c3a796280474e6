import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from deadlines import feeds, selectors, services
from deadlines.forms import DeadlineForm
from deadlines.models import CalendarFeed, OrganizationDeadline
from itaportal import access, confirmation, thai
from itaportal.editing import show_error
from itaportal.models import User


def _year(request):
    current = thai.current_fiscal_year(timezone.localdate())
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        raise Http404 from None
    if not 2500 <= year <= 2700:
        raise Http404
    return year


def _year_or_current(request):
    """The year the admin came from, for the way back; the current one if none is."""
    try:
        return _year(request)
    except Http404:
        return thai.current_fiscal_year(timezone.localdate())


@access.member_required
def calendar(request):
    """The fiscal year by month; the same page prints on A4 (the print stylesheet hides
    the navigation, the feed box and the admin's deadlines)."""
    year = _year(request)
    today = timezone.localdate()
    can_manage = access.can_manage(request.user)
    selectors.calendar_ahead(request.user, year, today)
    events = selectors.calendar_events(request.user, year, today)
    feed = selectors.feed_of(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("deadlines:feed", args=[feed.token])) if feed else ""
    )
    return render(
        request,
        "deadlines/calendar.html",
        {
            "year": year,
            "months": selectors.calendar_months(events, year),
            "today": today,
            "feed_url": feed_url,
            "any_provisional": any(e.provisional for e in events),
            "can_manage": can_manage,
            "deadlines": selectors.deadlines_of_year(request.user.organization_id, year)
            if can_manage
            else [],
        },
    )


@access.admin_required
def deadline_add(request):
    """The admin adds one of the organization's own deadlines, on a page of its own: the
    calendar every member opens does not build a form only the admin uses, seldom."""
    posted = request.POST if request.method == "POST" else None
    form = DeadlineForm(posted, organization=request.user.organization)
    if request.method == "POST" and form.is_valid():
        try:
            deadline = services.organization_deadline_add(
                organization=request.user.organization, **form.cleaned_data
            )
        except services.DeadlineError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"เพิ่มกำหนด “{deadline.title}” แล้ว")
            return redirect(f"{reverse('deadlines:calendar')}?year={deadline.year}#deadlines")
    return render(
        request, "deadlines/deadline_form.html", {"form": form, "year": _year_or_current(request)}
    )


@access.admin_required
@require_POST
def deadline_done(request, pk):
    deadline = access.get_for_user(request.user, OrganizationDeadline, pk=pk)
    services.organization_deadline_set_done(deadline=deadline, done=not deadline.done)
    return redirect(f"{reverse('deadlines:calendar')}?year={deadline.year}#deadlines")


@access.admin_required
@require_POST
def deadline_delete(request, pk):
    deadline = access.get_for_user(request.user, OrganizationDeadline, pk=pk)
    if not confirmation.is_confirmed(request):
        return confirmation.confirmation_page(
            request,
            title="ลบกำหนดของหน่วยงาน",
            summary=f"จะลบกำหนด “{deadline.title}” วันที่ "
            f"{thai.thai_date(deadline.due_on, 'short', 'arabic')} ออกจากปฏิทินและรายการสิ่งที่ต้องทำ",
            action_label="ลบกำหนดนี้",
            cancel_url=f"{reverse('deadlines:calendar')}?year={deadline.year}#deadlines",
        )
    services.organization_deadline_delete(deadline=deadline)
    messages.success(request, "ลบกำหนดแล้ว")
    return redirect(f"{reverse('deadlines:calendar')}?year={deadline.year}#deadlines")


@access.member_required
@require_POST
def feed_create(request):
    """Make (or replace) the user's secret feed address: the old one stops working."""
    CalendarFeed.objects.filter(user=request.user).delete()
    CalendarFeed.objects.create(user=request.user)
    messages.success(request, "สร้างลิงก์ปฏิทินส่วนตัวใหม่แล้ว ลิงก์เดิม (ถ้ามี) ใช้ไม่ได้อีก")
    return redirect("deadlines:calendar")


@access.member_required
@require_POST
def feed_revoke(request):
    CalendarFeed.objects.filter(user=request.user).delete()
    messages.success(request, "ยกเลิกลิงก์ปฏิทินส่วนตัวแล้ว")
    return redirect("deadlines:calendar")


def feed(request, token):
    """The iCalendar feed behind a secret address: no login (calendar apps have none), so
    the token is the key; revoked, unknown or of a deactivated user, it answers 404."""
    found = (
        CalendarFeed.objects.select_related("user__organization")
        .filter(token=token, user__is_active=True, user__organization__isnull=False)
        .first()
    )
    if found is None:
        raise Http404
    user: User = found.user
    today = timezone.localdate()
    year = thai.current_fiscal_year(today)
    events = selectors.calendar_events(user, year, today) + selectors.calendar_events(
        user, year + 1, today
    )
    body = feeds.render_ics(user, events, stamp=datetime.datetime.now(datetime.UTC))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ita-portal.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
