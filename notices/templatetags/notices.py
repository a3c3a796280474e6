from django import template

from itaportal.html import format_html
from itaportal.kept_urls import kept_reverse
from notices.models import Notification

register = template.Library()

# Written in Python, as the navigation it sits in (itaportal/templatetags/portal_nav.py).
_BELL = (
    '<li class="nav-item"><a class="nav-link position-relative" href="{url}" '
    'id="notification-bell" aria-label="การแจ้งเตือน{unread_label}" title="การแจ้งเตือน">'
    '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" fill="currentColor" '
    'viewBox="0 0 16 16" aria-hidden="true"><path d="M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2M8 '
    "1.918l-.797.161A4 4 0 0 0 4 6c0 .628-.134 2.197-.459 3.742-.16.767-.376 1.566-.663 "
    "2.258h10.244c-.287-.692-.502-1.49-.663-2.258C12.134 8.197 12 6.628 12 6a4 4 0 0 "
    "0-3.203-3.92zM14.22 12c.223.447.481.801.78 1H1c.299-.199.557-.553.78-1C2.68 10.2 3 6.88 "
    "3 6c0-2.42 1.72-4.44 4.005-4.901a1 1 0 1 1 1.99 0A5 5 0 0 1 13 6c0 .88.32 4.2 1.22 "
    '6"/></svg>{count}<span class="d-lg-none ms-1">การแจ้งเตือน</span></a></li>'
)


@register.simple_tag(takes_context=True)
def notification_bell(context):
    """The bell in the navigation, with the user's unread count. The count comes with the
    logged-in user (`unread_notifications`, see NoticesConfig.ready); a user loaded
    otherwise costs one COUNT query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = getattr(user, "unread_notifications", None)
        if unread is None:
            unread = Notification.objects.filter(user=user).unread().count()
    return format_html(
        _BELL,
        url=kept_reverse("notices:list", request=request),
        unread_label=format_html(" ยังไม่อ่าน {} รายการ", unread) if unread else "",
        count=format_html(
            '<span class="badge rounded-pill text-bg-danger ms-1" id="notification-count">{}'
            "</span>",
            unread,
        )
        if unread
        else "",
    )
