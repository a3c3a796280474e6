from django import template
from django.urls import reverse

from audit.tracked import org_path_for
from itaportal import access

register = template.Library()


@register.inclusion_tag("audit/_history_link.html", takes_context=True)
def history_link(context, obj, label="ประวัติการแก้ไข"):
    """A link to `obj`'s change history, shown to the agency admin and the executive."""
    user = context["request"].user
    show = (
        obj is not None
        and org_path_for(type(obj)) is not None
        and (access.can_manage(user) or access.can_approve(user))
    )
    url = (
        reverse("audit:history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])
        if show
        else ""
    )
    return {"show": show, "url": url, "label": label}
