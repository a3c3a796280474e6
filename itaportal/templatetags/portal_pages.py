"""Links between the pages of a list or a year: page links for paginated lists
(templates/_pagination.html) and the year switcher of every year-scoped page."""

from django import template
from django.utils.safestring import mark_safe

from itaportal.html import format_html, format_html_join
from itaportal.kept_urls import kept_reverse

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


_CURRENT_BADGE = mark_safe(' <span class="badge text-bg-success">ปีปัจจุบัน</span>')
_YEAR_LINK = (
    '\n    <li><a class="year-switcher-link{active}"{current} href="{url}">ปี {year}{badge}</a></li>'
)


@register.simple_tag(takes_context=True)
def year_switcher(context, year, url_name, query=False):
    """`{% year_switcher year "oit:list" %}`: the organization's years (the context's
    `years`, newest first) as plain links in a <details> that opens and closes by mouse,
    touch and keyboard (no JavaScript), the year shown and the current fiscal year marked.
    The year goes in the URL, or with query=True in ?year=. Written here, not in a
    template: it is on most pages, a link per year."""
    years = context.get("years")
    if not years:
        return ""
    this_year = context.get("current_fiscal_year")
    request = getattr(context, "request", None)
    plain = kept_reverse(url_name, request=request) if query else None
    links = format_html_join(
        "",
        _YEAR_LINK,
        (
            {
                "active": " active" if y == year else "",
                "current": mark_safe(' aria-current="page"') if y == year else "",
                "url": f"{plain}?year={y}"
                if query
                else kept_reverse(url_name, (y,), request=request),
                "year": y,
                "badge": _CURRENT_BADGE if y == this_year else "",
            }
            for y in years
        ),
    )
    return format_html(
        '<details class="year-switcher no-print">\n'
        '  <summary class="btn btn-outline-primary btn-sm" aria-label="เลือกปีงบประมาณ '
        '(ตอนนี้ปี {year})">ปีงบประมาณ {year}{now}</summary>\n'
        '  <ul class="year-switcher-menu list-unstyled shadow-sm">{links}\n  </ul>\n'
        "</details>",
        year=year,
        now=" · ปีปัจจุบัน" if year == this_year else "",
        links=links,
    )
