import logging
from pathlib import PurePosixPath

from django.contrib import messages
from django.db import DatabaseError, IntegrityError, transaction
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from itaportal import access, confirmation, thai
from itaportal.attachments import serve_file
from itaportal.auth import user_password_reset as reset_password
from itaportal.forms import (
    USERNAME_UNAVAILABLE,
    DepartmentForm,
    OrganizationSettingsForm,
    UserForm,
)
from itaportal.models import Department, User
from itaportal.uploads import STORAGE_FAILED, atomic_with_files, files_removed_on_error

logger = logging.getLogger(__name__)


@access.member_required
def home(request, panels=(), reads=()):
    """The home page: each app contributes panels, `provider(request) -> [{title,
    template, context}]`, composed in itaportal/urls.py, and says ahead what they will read
    (`reads`: `say(request)`), so that it is read in one round trip."""
    org = request.user.organization
    today = timezone.localdate()
    year, quarter = thai.fiscal_quarter(today)
    ctx = {
        "org": org,
        "fiscal_year": year,
        "quarter": quarter,
        "quarter_name": thai.quarter_name(quarter),
        "today": today,
    }
    # The panels are independent; what several of them read alike is read once
    # (itaportal.middleware.page_reads), and what they read is read together.
    for say in reads:
        say(request)
    ctx["panels"] = [panel for provider in panels for panel in provider(request)]
    return render(request, "itaportal/home.html", ctx)


@access.admin_required
@require_http_methods(["GET", "POST"])
def organization_settings(request):
    org = request.user.organization
    replaced = org.emblem.name
    form = OrganizationSettingsForm(request.POST or None, request.FILES or None, instance=org)
    if request.method == "POST":
        if form.is_valid():
            try:
                _organization_save(form, replaced)
            except (OSError, DatabaseError):
                logger.exception("saving the settings of %s failed", org.slug)
                form.add_error(None, STORAGE_FAILED)
                org.refresh_from_db()
                return render(
                    request,
                    "itaportal/organization_settings.html",
                    {"form": form, "org": org, "departments": org.departments.all()},
                    status=503,
                )
            messages.success(request, "บันทึกข้อมูลหน่วยงานแล้ว")
            return redirect("organization_settings")
        # The invalid upload must not replace the emblem already saved.
        org.refresh_from_db()
    departments = Department.objects.filter(organization=org)
    return render(
        request,
        "itaportal/organization_settings.html",
        {"form": form, "org": org, "departments": departments},
    )


@atomic_with_files
def _organization_save(form, replaced):
    """Save the settings; a new emblem is stored first and removed if the row does not
    commit, the emblem it replaced is deleted only once it has."""
    with files_removed_on_error() as keep:
        org = form.save()
        if org.emblem and org.emblem.name != replaced:
            keep(org.emblem)
    if replaced and replaced != org.emblem.name:
        storage = org.emblem.storage
        transaction.on_commit(lambda: storage.delete(replaced))


@access.admin_required
def user_list(request):
    users = thai.sort_thai(
        User.objects.for_organization(request.user.organization),
        key=lambda u: u.first_name or u.username,
    )
    return render(request, "itaportal/user_list.html", {"users": users})


@access.admin_required
@require_http_methods(["GET", "POST"])
def user_edit(request, pk=None):
    org = request.user.organization
    user = access.get_for_user(request.user, User, pk=pk) if pk else User(organization=org)
    # The home page's setup checklist links here with ?role=executive.
    role = request.GET.get("role")
    initial = {"role": role} if not pk and role in User.Role.values else None
    form = UserForm(request.POST or None, instance=user, organization=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # the same user name taken a moment ago, in any organization
            form.add_error("username", USERNAME_UNAVAILABLE)
        else:
            messages.success(request, f"บันทึกผู้ใช้ {form.instance.username} แล้ว")
            return redirect("user_list")
    return render(request, "itaportal/user_form.html", {"form": form, "edited": user})


@access.admin_required
@require_POST
def user_password_reset(request, pk):
    """The agency admin gives a user who forgot their password a temporary one, shown on
    this page once; the user must change it at the next sign-in."""
    user = access.get_for_user(request.user, User, pk=pk)
    edit_url = reverse("user_edit", args=[user.pk])
    if not confirmation.is_confirmed(request):
        return confirmation.confirmation_page(
            request,
            title=f"ยืนยันการตั้งรหัสผ่านชั่วคราวให้ {user.display_name or user.username}",
            summary=f"รหัสผ่านเดิมของ {user.username} จะใช้ไม่ได้ทันที ระบบจะแสดงรหัสผ่านชั่วคราว"
            "ครั้งเดียว ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าสู่ระบบครั้งถัดไป",
            items=[f"ผู้ใช้ {user.username} {user.display_name}".strip()],
            action_label="ยืนยัน ตั้งรหัสผ่านชั่วคราว",
            cancel_url=edit_url,
        )
    password = reset_password(user=user, actor=request.user)
    response = render(
        request,
        "itaportal/user_password_reset.html",
        {"edited": user, "password": password, "edit_url": edit_url},
    )
    response["Cache-Control"] = "no-store"
    return response


@access.admin_required
@require_http_methods(["GET", "POST"])
def department_edit(request, pk=None):
    org = request.user.organization
    department = (
        access.get_for_user(request.user, Department, pk=pk) if pk else Department(organization=org)
    )
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # the same name saved by someone else a moment ago
            form.add_error("name", DepartmentForm.DUPLICATE)
        else:
            messages.success(request, f"บันทึกส่วนราชการ {department.name} แล้ว")
            return redirect("organization_settings")
    return render(request, "itaportal/department_form.html", {"form": form, "edited": department})


@access.member_required
def organization_emblem(request):
    """The emblem image, for members only (uploaded files are never served directly)."""
    org = request.user.organization
    suffix = PurePosixPath(org.emblem.name or "").suffix
    return serve_file(org.emblem, original_name=f"ตราสัญลักษณ์-{org.slug}{suffix}")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the pages link: send them to the portal's own
    icon (static/img/favicon.svg) instead of a 404."""
    return redirect(static("img/favicon.svg"), permanent=True)
