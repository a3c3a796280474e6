from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from announcements import services
from announcements.documents import render_announcement
from announcements.forms import AnnouncementForm, AttachForm
from announcements.models import Announcement
from announcements.standard import standard_announcement, suggested_item
from assessments.models import ITEM_YEAR, OITItem
from itaportal import access, signing, thai
from itaportal.documents import DocumentError
from itaportal.editing import Conflict, conflict_response, show_error
from itaportal.forms import ReopenForm, SignForm


def _items(year):
    return OITItem.objects.filter(**{ITEM_YEAR: year}).order_by("number", "code")


@access.member_required
def announcement_list(request):
    announcements = Announcement.objects.for_organization(request.user.organization).order_by(
        "-fiscal_year", "kind", "-pk"
    )
    return render(
        request,
        "announcements/list.html",
        {
            "announcements": announcements,
            "kinds": Announcement.Kind.choices,
            "can_manage": access.can_manage(request.user),
        },
    )


def _detail_context(request, announcement):
    user = request.user
    items = _items(announcement.fiscal_year)
    suggested = suggested_item(list(items), announcement.kind)
    return {
        "announcement": announcement,
        "can_manage": access.can_manage(user),
        "sign_form": SignForm(initial={"version": announcement.version})
        if access.can_manage(user) and not announcement.is_signed
        else None,
        "reopen_form": ReopenForm(initial={"version": announcement.version})
        if access.can_approve(user) and announcement.is_signed
        else None,
        "attach_form": AttachForm(items=items, initial={"item": suggested})
        if access.can_manage(user) and announcement.is_signed and items.exists()
        else None,
    }


@access.member_required
def announcement_detail(request, pk):
    announcement = access.get_for_user(request.user, Announcement, pk=pk)
    return render(request, "announcements/detail.html", _detail_context(request, announcement))


@access.member_required
def announcement_document(request, pk, format="pdf"):
    announcement = access.get_for_user(request.user, Announcement, pk=pk)
    try:
        return render_announcement(announcement, format=format).as_response(inline=format == "pdf")
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("announcements:detail", pk=announcement.pk)


FIELDS = AnnouncementForm.Meta.fields


@access.admin_required
@require_http_methods(["GET", "POST"])
def announcement_edit(request, pk=None):
    """Write an announcement; a new one starts from the template of its kind (?kind=)."""
    org = request.user.organization
    if pk:
        announcement = access.get_for_user(request.user, Announcement, pk=pk)
    else:
        kind = request.GET.get("kind", Announcement.Kind.GENERIC)
        if kind not in Announcement.Kind.values:
            kind = Announcement.Kind.GENERIC
        announcement = Announcement(
            organization=org,
            **standard_announcement(
                organization=org, kind=kind, fiscal_year=thai.current_fiscal_year()
            ),
        )
    form = AnnouncementForm(request.POST or None, instance=announcement)
    context = {"announcement": announcement}
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in FIELDS}
        try:
            saved = services.announcement_save(
                organization=org,
                user=request.user,
                announcement=announcement if announcement.pk else None,
                version=form.cleaned_data["version"],
                **data,
            )
        except Conflict as exc:
            return conflict_response(
                request, "announcements/form.html", context, form=form, conflict=exc, fields=FIELDS
            )
        except services.AnnouncementError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "บันทึกประกาศแล้ว")
            return redirect("announcements:detail", pk=saved.pk)
    return render(request, "announcements/form.html", {**context, "form": form})


def _action(request, pk, action):
    announcement = access.get_for_user(request.user, Announcement, pk=pk)

    def page():
        current = access.get_for_user(request.user, Announcement, pk=pk)
        return "announcements/detail.html", _detail_context(request, current), current

    return signing.signing_view(
        request,
        action=action,
        sign=partial(services.announcement_sign, announcement=announcement, user=request.user),
        reopen=partial(services.announcement_reopen, announcement=announcement, user=request.user),
        error=services.AnnouncementError,
        done="บันทึกว่าลงนามแล้ว ประกาศนี้ถูกล็อกไม่ให้แก้ไข"
        if action == "sign"
        else "เปิดประกาศให้แก้ไขแล้ว และบันทึกไว้ในประวัติ",
        page=page,
        back=reverse("announcements:detail", kwargs={"pk": announcement.pk}),
        fields=["signed_on"],
    )


@access.admin_required
@require_POST
def announcement_sign(request, pk):
    return _action(request, pk, "sign")


@access.member_required
@require_POST
def announcement_reopen(request, pk):
    access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
    return _action(request, pk, "reopen")


@access.admin_required
@require_POST
def announcement_attach(request, pk):
    """Attach the signed announcement's PDF to the OIT answer it serves."""
    announcement = access.get_for_user(request.user, Announcement, pk=pk)
    form = AttachForm(request.POST, items=_items(announcement.fiscal_year))
    if not form.is_valid():
        messages.error(request, "กรุณาเลือกข้อ OIT")
        return redirect("announcements:detail", pk=announcement.pk)
    item = form.cleaned_data["item"]
    try:
        services.announcement_attach(announcement=announcement, user=request.user, item=item)
    except Conflict:
        messages.error(request, f"คำตอบข้อ {item.code} ถูกแก้ไขพร้อมกันนี้ กรุณาลองแนบอีกครั้ง")
    except services.AnnouncementError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"แนบประกาศ (PDF) กับคำตอบข้อ {item.code} แล้ว")
    return redirect("announcements:detail", pk=announcement.pk)
