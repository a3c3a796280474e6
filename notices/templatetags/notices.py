from django import template

from notices.models import Notification

register = template.Library()


@register.inclusion_tag("notices/_bell.html", takes_context=True)
def notification_bell(context):
    """The bell in the navigation: one COUNT query per page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread": 0}
    unread = Notification.objects.filter(user=user).unread().count()
    return {"unread": unread}
