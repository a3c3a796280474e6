from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from deadlines.models import DeadlineSettings
from itaportal import access
from itaportal.editing import show_error
from notices import services
from notices.forms import DeadlineSettingsForm, EmailForm, PreferenceForm, ReminderRulesForm
from notices.models import NoticePreference, Notification, ReminderRule

PER_PAGE = 25


@access.member_required
def notification_list(request):
    preference = NoticePreference.objects.filter(user=request.user).first()
    return _render_list(
        request,
        PreferenceForm(instance=preference),
        EmailForm(initial={"address": request.user.email}),
    )


def _render_list(request, preference_form, email_form, status=200):
    """The user's notifications, newest first, a page at a time, beside the mail settings."""
    mine = Notification.objects.filter(user=request.user)
    return render(
        request,
        "notices/list.html",
        {
            "page": Paginator(mine, PER_PAGE).get_page(request.GET.get("page")),
            "unread": mine.filter(read_at__isnull=True).count(),
            "preference_form": preference_form,
            "email_form": email_form,
        },
        status=status,
    )


@access.member_required
def notification_open(request, pk):
    """Opening a notification marks it read and goes where it leads."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    target = services.notification_open(notification=notification)
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@access.member_required
@require_POST
def mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, "ทำเครื่องหมายว่าอ่านแล้วทั้งหมด")
    return redirect("notices:list")


@access.member_required
@require_POST
def preferences(request):
    preference = NoticePreference.objects.filter(user=request.user).first()
    form = PreferenceForm(request.POST, instance=preference or NoticePreference(user=request.user))
    email_form = EmailForm(request.POST)
    if form.is_valid() and email_form.is_valid():
        with transaction.atomic():
            form.save()
            request.user.email = email_form.cleaned_data["address"]
            request.user.save(update_fields=["email"])
        messages.success(request, "บันทึกการตั้งค่าการแจ้งเตือนแล้ว")
        return redirect("notices:list")
    return _render_list(request, form, email_form, status=400)


def _rules_initial(org):
    rules = services.rules_of(org.pk)
    join = ", ".join
    return {
        "before": join(str(r.days) for r in rules if r.when == ReminderRule.When.BEFORE),
        "after": join(str(r.days) for r in rules if r.when == ReminderRule.When.AFTER),
    }


@access.admin_required
@require_http_methods(["GET", "POST"])
def organization_rules(request):
    """The organization's reminder rules and the settings its deadlines derive from."""
    org = request.user.organization
    current = DeadlineSettings.of(org.pk)
    rules_form = ReminderRulesForm(request.POST or None, initial=_rules_initial(org))
    settings_form = DeadlineSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and rules_form.is_valid() and settings_form.is_valid():
        try:
            with transaction.atomic():
                services.reminder_rules_save(
                    organization=org,
                    before=rules_form.cleaned_data["before"],
                    after=rules_form.cleaned_data["after"],
                )
                settings_form.save()
        except services.NoticeError as exc:
            show_error(rules_form, exc)
        else:
            messages.success(request, "บันทึกการตั้งค่าการเตือนแล้ว")
            return redirect("notices:rules")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "notices/rules.html",
        {"rules_form": rules_form, "settings_form": settings_form},
        status=status,
    )
