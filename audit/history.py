"""Reading the history of one record as a list of changes a person can follow."""

from datetime import date, datetime

from django.db.models import ForeignKey
from django.utils import timezone

from itaportal import thai

HISTORY_TYPES = {"+": "สร้าง", "~": "แก้ไข", "-": "ลบ"}
# A part of a record (a file, a member) is added to it rather than created.
PART_TYPES = {"+": "เพิ่ม", "~": "แก้ไข", "-": "ลบ"}

# Bookkeeping people never set: the lock counter and stamps the system keeps itself.
HIDDEN_FIELDS = {"version", "updated_at", "created_at", "modified_at"}


def _person_or_record(field, value):
    """A foreign key's stored id as what it points at: a person's name, a record's title."""
    target = field.related_model._default_manager.filter(pk=value).first()
    if target is None:
        return f"(รายการที่ถูกลบ #{value})"
    return getattr(target, "display_name", None) or str(target)


def _display(field, value):
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(field, ForeignKey):
        return _person_or_record(field, value)
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{thai.thai_date(value, digits='arabic')} {value.strftime('%H:%M')}"
    if isinstance(value, date):
        return thai.thai_date(value, digits="arabic")
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_display(None, item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(str(_display(None, item)) for item in value)
    return value


def part_changes(model, ids):
    """The changes of a record's parts (its quarterly reports, its committees' members,
    its files), each naming the part: "เพิ่มหลักฐาน", "ลบไฟล์แนบ" with the part's name."""
    records = (
        model.history.filter(id__in=ids)
        .select_related("history_user")
        .order_by("id", "-history_date", "-history_id")
    )
    by_part = {}
    for record in records:
        by_part.setdefault(record.id, []).append(record)
    changes = []
    for part_records in by_part.values():
        for change in _changes(model, part_records):
            record = change.pop("record")
            change["part"] = str(record.instance)
            change["action"] = f"{PART_TYPES[record.history_type]}{model._meta.verbose_name}"
            changes.append(change)
    return changes


def record_changes(model, pk):
    """Newest first: [{when, who, action, fields: [(label, old, new)]}] for one record."""
    records = list(
        model.history.filter(id=pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    changes = _changes(model, records)
    for change in changes:
        del change["record"]
    return changes


def _changes(model, records):
    """The readable changes of one record's history rows (newest first)."""
    changes = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        fields = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                if change.field in HIDDEN_FIELDS:
                    continue
                old, new = _display(field, change.old), _display(field, change.new)
                fields.append((field.verbose_name, old, new))
            if not fields and not record.history_change_reason:
                # A save that changed only bookkeeping has nothing a person needs to read.
                continue
        changes.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "action": HISTORY_TYPES.get(record.history_type, record.history_type),
                "fields": fields,
                "comment": record.history_change_reason,
                "record": record,
            }
        )
    return changes
