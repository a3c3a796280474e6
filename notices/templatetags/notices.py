from django import template

from notices.models import Notification

register = template.Library()


@register.inclusion_tag("notices/_bell.html", takes_context=True)
def notification_bell(context):
    """The bell in the navigation: one COUNT query per page."""
    user = context["request"].user
    unread = Notification.objects.filter(user=user).unread().count() if user.is_authenticated else 0
    return {"unread": unread}
