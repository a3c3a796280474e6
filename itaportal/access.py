"""Who may see and change what.

Every portal view starts with one of these helpers. The rules:

- Everything a user sees belongs to their own organization; any object of another
  organization answers 404, so its existence is not revealed.
- The agency admin (planning analyst) may change everything of the organization.
- The executive (mayor) reads everything, approves or returns OIT answers and acknowledges.
- Staff read everything of the organization and change what belongs to their department.
- The operator (superuser) works in the Django admin; portal pages need an organization.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

NO_ORGANIZATION = "บัญชีนี้ไม่ได้สังกัดหน่วยงาน จึงใช้หน้านี้ไม่ได้ (ผู้ดูแลระบบกลางใช้หน้าผู้ดูแลระบบ)"
ADMIN_ONLY = "เฉพาะผู้ดูแลระบบหน่วยงานเท่านั้นที่ทำรายการนี้ได้"
EXECUTIVE_ONLY = "เฉพาะผู้บริหารเท่านั้นที่ทำรายการนี้ได้"
OTHER_DEPARTMENT = "รายการนี้เป็นของส่วนราชการอื่น คุณดูได้แต่แก้ไขไม่ได้"


def member_required(view):
    """Logged in and belonging to an organization; otherwise login or 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.organization_id is None:
            raise PermissionDenied(NO_ORGANIZATION)
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view):
    """The agency admin of the organization only."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require(can_manage(request.user), ADMIN_ONLY)
        return view(request, *args, **kwargs)

    return wrapper


def require(condition, message="คุณไม่มีสิทธิ์ทำรายการนี้"):
    if not condition:
        raise PermissionDenied(message)


def can_manage(user):
    return bool(user.is_authenticated and user.is_agency_admin)


def can_approve(user):
    return bool(user.is_authenticated and user.is_executive)


def can_edit_department_work(user, department_id):
    """Staff change their own department's work; the agency admin changes anyone's."""
    if can_manage(user):
        return True
    return bool(
        user.is_authenticated
        and user.organization_id
        and user.role == user.Role.STAFF
        and department_id is not None
        and user.department_id == department_id
    )


def scoped(user, model_or_queryset, org_field="organization"):
    """The rows of `model_or_queryset` that belong to the user's organization."""
    qs = (
        model_or_queryset
        if isinstance(model_or_queryset, QuerySet)
        else model_or_queryset._default_manager.all()
    )
    if not user.is_authenticated or user.organization_id is None:
        return qs.none()
    return qs.filter(**{org_field: user.organization_id})


def get_for_user(user, model_or_queryset, org_field="organization", **lookup) -> Model:
    """One row of the user's organization, or 404 (also for another organization's row)."""
    return get_object_or_404(scoped(user, model_or_queryset, org_field), **lookup)


def get_prepared_for_user(user, prepared, **values) -> Model:
    """`get_for_user` through a compiled query (itaportal.prepared.PreparedQuery) whose
    parameter `org` is the organization: one row of the user's organization, or 404."""
    if not user.is_authenticated or user.organization_id is None:
        raise Http404
    found = prepared(org=user.organization_id, **values)
    if not found:
        raise Http404
    return found[0]
