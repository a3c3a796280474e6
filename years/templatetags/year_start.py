"""`{% start_year_button years %}`: the agency admin's button to start the current fiscal
year, shown only while that year has no assessment (pages of other apps include it);
`years`, the organization's years when the page has them, spares reading them again."""

from django import template

from years.panels import year_to_start

register = template.Library()


@register.inclusion_tag("years/_start_button.html", takes_context=True)
def start_year_button(context, years=None):
    request = context.get("request")
    return {"year": year_to_start(request.user, years) if request else None}
