"""The home page starts with this panel: what the user must do, by when, most urgent
first (composed in itaportal/urls.py, before the other apps' panels)."""

from django.utils import timezone

from deadlines.selectors import due_items, due_items_ahead

SHOWN = 8


def home_reads(request):
    due_items_ahead(request.user, timezone.localdate())


def home_panels(request):
    today = timezone.localdate()
    items = due_items(request.user, today)
    for item in items:
        item.left = item.days_left(today)
    return [
        {
            "title": "สิ่งที่ต้องทำ",
            "template": "deadlines/_due_panel.html",
            "context": {"items": items[:SHOWN], "more": max(0, len(items) - SHOWN)},
            "wide": True,
        }
    ]
