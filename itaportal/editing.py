"""The one write contract of every record people edit.

- Services raise `DomainError` (str() is the Thai message the view shows) and change
  nothing when they refuse.
- Edited records inherit `Versioned`. A service locks the row with `lock_version`,
  which refuses a missing, malformed or older version with `Conflict`, then saves the row
  with `bump_version` (so field history gets its row and the version moves on).
- Views answer a `Conflict` with `conflict_response`: HTTP 409, the user's typed text kept
  in the form (now based on the stored version), and what the other person changed shown.
"""

from django.db import models
from django.shortcuts import render


class DomainError(Exception):
    """A refused action; str() is the Thai message for the user."""


class Conflict(DomainError):
    """Someone saved the record after the user's page was made from it.

    `current` is the stored row (locked and read inside the refusing transaction).
    """

    def __init__(self, current, message=None):
        self.current = current
        who = getattr(getattr(current, "updated_by", None), "display_name", "") or "ผู้ใช้อื่น"
        super().__init__(
            message
            or f"{current._meta.verbose_name}นี้ถูกแก้ไขโดย {who} หลังจากที่คุณเปิดหน้านี้ "
            "ข้อความที่คุณพิมพ์ยังอยู่ในแบบฟอร์ม กรุณาตรวจเทียบกับข้อมูลล่าสุดด้านล่างแล้วบันทึกอีกครั้ง"
        )


class Versioned(models.Model):
    """Optimistic locking: every save through a service bumps `version`; a save that was
    made from an older version is refused (`lock_version`)."""

    version = models.PositiveIntegerField("รุ่นข้อมูล", default=1, editable=False)

    class Meta:
        abstract = True


def parse_version(version):
    """The version a form carried, as an int, or None when missing or malformed."""
    if isinstance(version, bool):
        return None
    try:
        value = int(str(version).strip())
    except (TypeError, ValueError):
        return None
    return value if value >= 1 else None


def lock_version(queryset, *, pk, version):
    """Lock the row `pk` of `queryset` (a model or a queryset) for this transaction and
    return it; raise `Conflict` unless `version` is the stored one. A missing or
    malformed version is refused too: a page always carries the version it was made
    from."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    current = queryset.select_for_update().get(pk=pk)
    expected = parse_version(version)
    if expected is None or expected != current.version:
        raise Conflict(current)
    return current


def bump_version(obj, *, update_fields=None):
    """Save `obj` with its version moved on (inside the caller's transaction)."""
    obj.version = (obj.version or 0) + 1
    if update_fields is not None:
        update_fields = [*update_fields, "version"]
    obj.save(update_fields=update_fields)
    return obj


def changed_fields(conflict, typed, fields):
    """[(label, stored value)] of `fields` where the stored row differs from `typed`
    (the values the user sent): what the other person changed, to show beside the form."""
    current = conflict.current
    rows = []
    for name in fields:
        field = current._meta.get_field(name)
        stored = getattr(current, name)
        if typed is not None and name in typed and str(typed[name]) == str(stored):
            continue
        display = getattr(current, f"get_{name}_display", None)
        rows.append((field.verbose_name, display() if display else stored))
    return rows


def conflict_response(request, template, context, *, form, conflict, fields=()):
    """Answer a Conflict: 409, the typed text kept in `form`, the stored values shown.

    The form's hidden version becomes the stored one, so saving again (after the user
    has looked at the changes) is based on what is stored now.
    """
    form.data = form.data.copy()
    form.data["version"] = conflict.current.version
    form.add_error(None, str(conflict))
    typed = getattr(form, "cleaned_data", None)
    context = {
        **context,
        "form": form,
        "conflict": conflict.current,
        "conflict_changes": changed_fields(conflict, typed, fields),
    }
    return render(request, template, context, status=409)
