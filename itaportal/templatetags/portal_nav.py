"""The layout's navigation bar, written in Python.

Every page draws it. Through the template engine its forty-odd nodes (the user, the
organization, a score of links, which app is open) took 0.19 ms, a seventh of the
smallest page. As the measures' cards, it is written with format_html, which escapes every
value; its links are built once per process (`itaportal.kept_urls`).

`{% portal_nav %}…{% endportal_nav %}` in base.html: what is between the two tags (the
notification bell of the notices app, which the core does not import) goes on the right,
before the user's menu.
"""

from typing import NamedTuple

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString

from itaportal.html import format_html, format_html_join
from itaportal.kept_urls import kept_markup, kept_reverse

register = template.Library()

# Each app adds its own entry here, in menu order: its label, the page it opens, and where
# it is marked open: on the pages of an app (its URL namespace), or on named pages. A page
# an entry names is that entry's alone (the memos are pages of `measures`).
APP_ENTRIES = (
    ("ผลการประเมิน", "assessments:dashboard", "assessments", ()),
    ("คำตอบ OIT", "oit:home", "oit", ()),
    ("คำสั่งแต่งตั้ง", "committees:list", "committees", ()),
    ("มาตรการ", "measures:mine", "measures", ()),
    ("IIT/EIT", "campaigns:home", "campaigns", ()),
    ("บันทึกข้อความ", "measures:memo_list", None, ("measures:memo_list", "measures:memo_detail")),
    ("ประกาศ", "announcements:list", "announcements", ()),
)

_NAV = (
    '<nav class="navbar navbar-expand-lg navbar-dark bg-primary-subtle border-bottom mb-3 '
    'portal-nav">\n'
    '  <div class="container-lg">\n'
    '    <a class="navbar-brand fw-semibold" href="{home}">ITA Portal{organization}</a>\n'
    "{menus}"
    "  </div>\n"
    "</nav>"
)
_ORGANIZATION = '<span class="d-none d-sm-inline d-lg-none d-xl-inline"> · {}</span>'

_MENUS = (
    '    <button class="navbar-toggler" type="button" data-bs-toggle="collapse" '
    'data-bs-target="#mainnav" aria-controls="mainnav" aria-expanded="false" aria-label="เมนู">\n'
    '      <span class="navbar-toggler-icon"></span>\n'
    "    </button>\n"
    '    <div class="collapse navbar-collapse" id="mainnav">\n'
    '      <ul class="navbar-nav me-auto">\n'
    "{pages}"
    "{operator}"
    "      </ul>\n"
    "{search}"
    '      <ul class="navbar-nav">\n'
    "{right}"
    '        <li class="nav-item dropdown">\n'
    '          <button class="nav-link dropdown-toggle" type="button" data-bs-toggle="dropdown" '
    'aria-expanded="false">{name}</button>\n'
    '          <ul class="dropdown-menu dropdown-menu-end">\n'
    '            <li><span class="dropdown-item-text small text-muted">{role}</span></li>\n'
    "{own_pages}"
    '            <li><a class="dropdown-item" href="{password}">เปลี่ยนรหัสผ่าน</a></li>\n'
    '            <li><hr class="dropdown-divider"></li>\n'
    '            <li><form method="post" action="{logout}">{csrf}<button class="dropdown-item" '
    'type="submit">ออกจากระบบ</button></form></li>\n'
    "          </ul>\n"
    "        </li>\n"
    "      </ul>\n"
    "    </div>\n"
)
_ITEM = '        <li class="nav-item"><a class="nav-link{}" href="{}">{}</a></li>\n'
_SETTINGS = (
    '        <li class="nav-item dropdown">\n'
    '          <button class="nav-link dropdown-toggle" type="button" data-bs-toggle="dropdown" '
    'aria-expanded="false">ตั้งค่า</button>\n'
    '          <ul class="dropdown-menu">\n'
    '            <li><a class="dropdown-item" href="{}">ข้อมูลหน่วยงาน</a></li>\n'
    '            <li><a class="dropdown-item" href="{}">ผู้ใช้</a></li>\n'
    "          </ul>\n"
    "        </li>\n"
)
_SEARCH = (
    '      <form class="d-flex my-2 my-lg-0 me-lg-2 nav-search" role="search" method="get" '
    'action="{url}">\n'
    '        <label class="visually-hidden" for="nav-search">ค้นหา</label>\n'
    '        <input id="nav-search" class="form-control form-control-sm" type="search" name="q" '
    'maxlength="200" placeholder="ค้นหา…" value="{query}">\n'
    "      </form>\n"
)
_SEARCH_LINK = (
    '        <li class="nav-item nav-search-link"><a class="nav-link" href="{}"><svg '
    'aria-hidden="true" width="18" height="18" viewBox="0 0 16 16" fill="currentColor"><path '
    'd="M11.7 10.3a6.5 6.5 0 1 0-1.4 1.4l3.6 3.6 1.4-1.4-3.6-3.6zM6.5 11a4.5 4.5 0 1 1 '
    '0-9 4.5 4.5 0 0 1 0 9z"/></svg><span class="visually-hidden">ค้นหา</span></a></li>\n'
    "        {}\n"
)
_OWN_PAGES = (
    '            <li><a class="dropdown-item" href="{}">ปฏิทินและกำหนดส่ง</a></li>\n'
    '            <li><a class="dropdown-item" href="{}">การแจ้งเตือน</a></li>\n'
)


@register.simple_block_tag(takes_context=True)
def portal_nav(context, content):
    """The bar: the portal's name (and the organization's) for everyone; for a logged-in
    user the apps' pages, the agency admin's settings, the operator's admin site, search,
    `content`, and their own menu.

    Its links are the same for every user of the same kind on the same kind of page, so
    the bar is built once per process for each (`kept_markup`), with slots for what is
    the user's own; a request fills the slots."""
    request = getattr(context, "request", None)
    user = context.get("user")
    organization = context.get("current_organization")
    match = getattr(request, "resolver_match", None)
    app = getattr(match, "app_name", None)
    signed_in = user is not None and user.is_authenticated
    shape = _Shape(
        signed_in,
        bool(organization),
        signed_in and user.is_agency_admin,
        signed_in and user.is_superuser,
        _open_entries(app, getattr(match, "view_name", None)),
    )
    pieces = kept_markup(
        ("portal_nav", shape),
        lambda: _pieces(shape, request),
        request,
    )
    slots = {
        "organization": format_html(_ORGANIZATION, organization.short_name) if organization else ""
    }
    if signed_in:
        department = user.department
        slots.update(
            name=format_html("{}", user.display_name or user.username),
            role=format_html("{} · {}", user.get_role_display(), department)
            if department
            else format_html("{}", user.get_role_display()),
            query=format_html("{}", request.GET.get("q", "")) if app == "search" else "",
            bell=content,
            csrf=CsrfTokenNode().render(context),
        )
    return SafeString("".join(slots[piece] if i % 2 else piece for i, piece in enumerate(pieces)))


class _Shape(NamedTuple):
    signed_in: bool
    organization: bool
    agency_admin: bool
    operator: bool
    open_entries: tuple


def _open_entries(app, view_name):
    named = tuple(i for i, entry in enumerate(APP_ENTRIES) if view_name in entry[3])
    return named or tuple(i for i, entry in enumerate(APP_ENTRIES) if app and app == entry[2])


def _slot(name):
    return SafeString(f"\x00{name}\x00")


def _pieces(shape, request):
    """The bar of users and pages of this shape, as fixed text and slot names in turn."""

    def url(name):
        return kept_reverse(name, request=request)

    organization = shape.organization
    menus = ""
    if shape.signed_in:
        search = url("search:results")
        menus = format_html(
            _MENUS,
            pages=_organization_pages(shape, url) if organization else "",
            operator=format_html(_ITEM, "", url("admin:index"), "ผู้ดูแลระบบกลาง")
            if shape.operator
            else "",
            search=format_html(_SEARCH, url=search, query=_slot("query")) if organization else "",
            right=format_html(_SEARCH_LINK, search, _slot("bell")) if organization else "",
            name=_slot("name"),
            role=_slot("role"),
            own_pages=format_html(_OWN_PAGES, url("deadlines:calendar"), url("notices:list"))
            if organization
            else "",
            password=url("password_change"),
            logout=url("logout"),
            csrf=_slot("csrf"),
        )
    bar = format_html(_NAV, home=url("home"), organization=_slot("organization"), menus=menus)
    return tuple(bar.split("\x00"))


def _organization_pages(shape, url):
    """The home page, one entry per app (the open ones marked), and the settings menu of
    an agency admin."""
    entries = format_html_join(
        "",
        _ITEM,
        (
            (" active" if i in shape.open_entries else "", url(name), label)
            for i, (label, name, _app, _pages) in enumerate(APP_ENTRIES)
        ),
    )
    settings = (
        format_html(_SETTINGS, url("organization_settings"), url("user_list"))
        if shape.agency_admin
        else ""
    )
    return SafeString(format_html(_ITEM, "", url("home"), "หน้าแรก") + entries + settings)
