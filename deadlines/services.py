"""The organization's own deadlines, kept by its agency admin."""

from django.db import transaction

from deadlines.models import OrganizationDeadline
from itaportal import thai
from itaportal.editing import DomainError


class DeadlineError(DomainError):
    pass


@transaction.atomic
def organization_deadline_add(*, organization, kind, title, due_on, department=None):
    """Add a deadline of `organization` in the fiscal year its date falls in."""
    if department is not None and department.organization_id != organization.pk:
        raise DeadlineError("กรุณาเลือกส่วนราชการของหน่วยงาน", field="department")
    if not title.strip():
        raise DeadlineError("กรุณากรอกสิ่งที่ต้องทำ", field="title")
    return OrganizationDeadline.objects.create(
        organization=organization,
        year=thai.fiscal_year(due_on),
        kind=kind,
        title=title.strip(),
        due_on=due_on,
        department=department,
    )


@transaction.atomic
def organization_deadline_set_done(*, deadline, done):
    deadline.done = done
    deadline.save(update_fields=["done"])
    return deadline


@transaction.atomic
def organization_deadline_delete(*, deadline):
    deadline.delete()
