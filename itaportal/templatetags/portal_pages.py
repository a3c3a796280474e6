"""Page links for paginated lists (templates/_pagination.html)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The request's query string with ?page= set to `number`, the filters kept."""
    params = context["request"].GET.copy()
    params["page"] = number
    return params.urlencode()


@register.filter
def elided_pages(page):
    """Page numbers around the current one, with Paginator.ELLIPSIS between far ones."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
