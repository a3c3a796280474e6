from django import template

from notices.models import Notification

register = template.Library()


@register.inclusion_tag("notices/_bell.html", takes_context=True)
def notification_bell(context):
    """The bell in the navigation. The count comes with the logged-in user
    (`unread_notifications`, see NoticesConfig.ready); a user loaded otherwise costs one
    COUNT query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread": 0}
    unread = getattr(user, "unread_notifications", None)
    if unread is None:
        unread = Notification.objects.filter(user=user).unread().count()
    return {"unread": unread}
