"""The one write contract of every record people edit.

- Services raise `DomainError` (str() is the Thai message the view shows) and change
  nothing when they refuse. A refusal about one field names it (`field`), so the view
  puts the message beside that field (`show_error`).
- Edited records inherit `Versioned`. A service locks the row with `lock_version`,
  which refuses a missing, malformed or older version with `Conflict`, then saves the row
  with `bump_version` (so field history gets its row and the version moves on). A service
  that must check who acts first locks with `lock` and then calls `check_version`; one
  whose user never saw a version (a file import, a background step) locks with `lock`
  alone, says why, and still saves with `bump_version`.
- Views answer a `Conflict` with `conflict_response`: HTTP 409, the user's typed text kept
  in the form (now based on the stored version), and what the other person changed shown
  (templates/_conflict.html). Forms carry the version in an `itaportal.forms.VersionField`
  and check shapes only; the rules are the services'.
"""

import contextlib
from datetime import date

from django.db import IntegrityError, models, transaction
from django.shortcuts import render

from itaportal import thai


class DomainError(Exception):
    """A refused action; str() is the Thai message for the user.

    `field` names the form field the refusal is about (None: the whole form); a refusal
    with several reasons gives them all as `errors`, [(field or None, message)].
    """

    def __init__(self, message="", *, field=None, errors=None):
        self.errors = list(errors) if errors else [(field, message)]
        super().__init__(message or " ".join(text for _, text in self.errors))
        self.field = self.errors[0][0] if len(self.errors) == 1 else None


def show_error(form, error):
    """Put a DomainError on `form`: each reason beside its field when the form has it,
    else on top of the form."""
    for field, message in getattr(error, "errors", [(None, str(error))]):
        form.add_error(field if field in form.fields else None, message)


def _last_editor(record):
    user = getattr(record, "updated_by", None)
    if user is None and hasattr(record, "history"):
        # Records without an updated_by column: the field history knows who saved last.
        last = record.history.order_by("-history_date", "-history_id").first()
        user = last.history_user if last else None
    return getattr(user, "display_name", "") or "ผู้ใช้อื่น"


class Conflict(DomainError):
    """Someone saved the record after the user's page was made from it (or the page
    carried no usable version).

    `current` is the stored row (locked and read inside the refusing transaction).
    """

    def __init__(self, current, message=None):
        self.current = current
        name = str(current._meta.verbose_name)
        this = f"{name} นี้" if name[-1:].isascii() else f"{name}นี้"  # "คำตอบ OIT นี้"
        super().__init__(
            message
            or f"{this}ถูกแก้ไขโดย {_last_editor(current)} "
            "หลังจากที่คุณเปิดหน้านี้ จึงยังไม่ได้บันทึกการแก้ไขของคุณ "
            "ข้อความที่คุณพิมพ์ยังอยู่ในแบบฟอร์ม กรุณาตรวจเทียบกับข้อมูลล่าสุดแล้วบันทึกอีกครั้ง"
        )


UNKNOWN_VERSION = (
    "ไม่ทราบว่าหน้านี้เปิดจากข้อมูลรุ่นใด จึงยังไม่ได้บันทึกการแก้ไขของคุณ "
    "ข้อความที่คุณพิมพ์ยังอยู่ในแบบฟอร์ม กรุณาตรวจเทียบกับข้อมูลล่าสุดแล้วบันทึกอีกครั้ง"
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
    current = lock(queryset, pk=pk)
    check_version(current, version)
    return current


def check_version(current, version):
    """Raise `Conflict` unless `version` (as a page carried it) is `current`'s, for a
    service that locked the row with `lock` and had to check who acts first."""
    expected = parse_version(version)
    if expected is None:
        raise Conflict(current, UNKNOWN_VERSION)
    if expected != current.version:
        raise Conflict(current)


def lock(queryset, *, pk):
    """Lock the row `pk` for this transaction without a version check: only for actions
    whose user never saw a version (a background step, a file that replaces what is
    stored); the caller says why. The save still goes through `bump_version`."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    # Only the record's own row: rows joined in by select_related stay free.
    return queryset.select_for_update(of=("self",)).get(pk=pk)


def bump_version(obj, *, update_fields=None):
    """Save `obj` with its version moved on (inside the caller's transaction)."""
    obj.version = (obj.version or 0) + 1
    if update_fields is not None:
        # The "last changed" stamps (auto_now) move with every save, named or not.
        stamps = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
        update_fields = list(dict.fromkeys([*update_fields, "version", *stamps]))
    obj.save(update_fields=update_fields)
    return obj


def _display(value):
    """A stored value as a person reads it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, date):  # datetimes too, in Thai local time
        return thai.thai_date(value, "long", "arabic")
    if isinstance(value, list | tuple):
        return "\n".join(
            " ".join(str(v) for v in item.values() if v) if isinstance(item, dict) else str(item)
            for item in value
        )
    return str(value)


def _comparable(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet):
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, list | tuple) and value and isinstance(value[0], models.Model):
        return sorted(v.pk for v in value)
    return value


def changed_fields(conflict, typed, fields):
    """[(label, stored value)] of `fields` where the stored row differs from `typed`
    (the values the user sent; None: show every field): what the other person changed,
    to show beside the form."""
    current = conflict.current
    rows = []
    for name in fields:
        field = current._meta.get_field(name)
        if field.many_to_many:
            stored = list(getattr(current, name).all())
            comparable = sorted(v.pk for v in stored)
            shown = ", ".join(str(v) for v in stored)
        else:
            stored = getattr(current, name)
            comparable = _comparable(stored)
            display = getattr(current, f"get_{name}_display", None)
            shown = display() if display else _display(stored)
        if typed is not None and name in typed:
            if _comparable(typed[name]) == comparable or str(typed[name]) == str(stored):
                continue
        rows.append((field.verbose_name, shown))
    return rows


def conflict_response(
    request, template, context, *, form, conflict, fields=(), changes=None, form_name="form"
):
    """Answer a Conflict: 409, the typed text kept in `form`, the stored values shown.

    What changed is `changes` ([(label, stored value)]) when the view knows better (rows
    that are not fields of the record), else the `fields` of the record that differ from
    what the user typed. The form's hidden version becomes the stored one, so saving again
    (after the user has looked at the changes) is based on what is stored now. The form
    goes into the context as `form_name` (a page with several forms names the one sent).
    """
    if form.is_bound:
        form.data = form.data.copy()
        form.data["version"] = conflict.current.version
    form.add_error(None, str(conflict))
    typed = getattr(form, "cleaned_data", None)
    if changes is None:
        changes = changed_fields(conflict, typed, fields)
    context = {
        **context,
        form_name: form,
        "conflict": conflict.current,
        "conflict_changes": changes,
        "conflict_form": form_name,
    }
    return render(request, template, context, status=409)


@contextlib.contextmanager
def refused_if_taken(error):
    """Run the block in a savepoint and answer a unique constraint's refusal with `error`
    (the form's own "already exists" message): a service checks that a year, number or
    name is free before it writes, but two requests may pass that check together, and the
    database refuses the second one (on PostgreSQL, an IntegrityError that would be a 500)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise error from None
