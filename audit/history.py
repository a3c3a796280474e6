"""Reading the history of one record as a list of changes a person can follow."""

from django.db.models import ForeignKey

HISTORY_TYPES = {"+": "สร้าง", "~": "แก้ไข", "-": "ลบ"}


def _display(field, value):
    if value is None or value == "":
        return "–"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    return value


def record_changes(model, pk):
    """Newest first: [{when, who, action, fields: [(label, old, new)]}] for one record."""
    records = list(
        model.history.filter(id=pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    changes = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        fields = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                if isinstance(field, ForeignKey):
                    label = field.verbose_name
                    old, new = change.old, change.new
                else:
                    label = field.verbose_name
                    old, new = _display(field, change.old), _display(field, change.new)
                fields.append((label, old, new))
        changes.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "action": HISTORY_TYPES.get(record.history_type, record.history_type),
                "fields": fields,
                "comment": record.history_change_reason,
            }
        )
    return changes
