"""The navigation bar every page draws (itaportal/templatetags/portal_nav.py): what each
kind of user finds in it, which entry is marked open, and that the bar, built once per
kind of user and page, carries nobody else's name."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.backends.base import SessionBase
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import resolve, reverse, set_script_prefix

from notices.models import Notification
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

APP_PAGES = [
    ("ผลการประเมิน", "assessments:dashboard"),
    ("คำตอบ OIT", "oit:home"),
    ("คำสั่งแต่งตั้ง", "committees:list"),
    ("มาตรการ", "measures:mine"),
    ("IIT/EIT", "campaigns:home"),
    ("บันทึกข้อความ", "measures:memo_list"),
    ("ประกาศ", "announcements:list"),
]


def nav_of(client, url=None):
    response = client.get(url or reverse("home"), follow=True)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("nav.portal-nav")


def menu_links(nav):
    """The entries of the left-hand menu, as (label, href), settings included."""
    return [(a.get_text(strip=True), a["href"]) for a in nav.select("ul.me-auto a")]


def open_entries(nav):
    return [a.get_text(strip=True) for a in nav.select("ul.me-auto a.nav-link.active")]


def user_menu(nav):
    return nav.select("ul.dropdown-menu-end li")


def test_a_visitor_sees_only_the_portals_name(client):
    nav = nav_of(client, reverse("login"))
    assert nav.select_one("a.navbar-brand").get_text(strip=True) == "ITA Portal"
    assert nav.select_one("a.navbar-brand")["href"] == reverse("home")
    assert not nav.select("#mainnav") and not nav.select("form")


def test_staff_find_every_app_search_the_bell_and_their_own_menu(login, staff_office, org):
    nav = nav_of(login(staff_office))
    brand = nav.select_one("a.navbar-brand").get_text()
    assert brand == f"ITA Portal · {org.short_name}"
    assert menu_links(nav) == [("หน้าแรก", reverse("home"))] + [
        (label, reverse(name)) for label, name in APP_PAGES
    ]
    assert nav.select_one("form[role=search]")["action"] == reverse("search:results")
    assert nav.select_one("#nav-search")["value"] == ""
    assert nav.select_one("#notification-bell")["href"] == reverse("notices:list")
    # No settings menu and no admin site for staff.
    assert nav.find(string="ตั้งค่า") is None and nav.find(string="ผู้ดูแลระบบกลาง") is None

    menu = user_menu(nav)
    assert (
        nav.select_one("ul.navbar-nav:not(.me-auto) > li.dropdown > button").get_text(strip=True)
        == staff_office.display_name
    )
    assert menu[0].get_text(strip=True) == "เจ้าหน้าที่ · สำนักปลัด"
    assert [a["href"] for a in nav.select("ul.dropdown-menu-end a")] == [
        reverse("deadlines:calendar"),
        reverse("notices:list"),
        reverse("password_change"),
    ]


def test_the_logout_button_carries_a_working_token(staff_office):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_office)
    form = nav_of(client).select_one("ul.dropdown-menu-end form")
    assert form["method"] == "post" and form["action"] == reverse("logout")
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert client.get(reverse("home")).status_code == 302  # logged out: to the login page


def test_an_agency_admin_also_has_the_settings_menu(login, analyst):
    links = menu_links(nav_of(login(analyst)))
    assert links[-2:] == [
        ("ข้อมูลหน่วยงาน", reverse("organization_settings")),
        ("ผู้ใช้", reverse("user_list")),
    ]


def test_an_operator_without_organization_has_the_admin_site_and_their_own_menu_only(
    login, operator
):
    nav = nav_of(login(operator), reverse("password_change"))
    assert menu_links(nav) == [("ผู้ดูแลระบบกลาง", reverse("admin:index"))]
    assert nav.select_one("a.navbar-brand").get_text(strip=True) == "ITA Portal"
    assert not nav.select("form[role=search]") and not nav.select("#notification-bell")
    assert [a["href"] for a in nav.select("ul.dropdown-menu-end a")] == [reverse("password_change")]


@pytest.mark.parametrize(
    "page, marked",
    [
        ("home", []),
        ("assessments:dashboard", ["ผลการประเมิน"]),
        ("committees:list", ["คำสั่งแต่งตั้ง"]),
        ("measures:mine", ["มาตรการ"]),
        ("announcements:list", ["ประกาศ"]),
        ("notices:list", []),
    ],
)
def test_the_open_app_is_marked(login, analyst, page, marked):
    assert open_entries(nav_of(login(analyst), reverse(page))) == marked


def test_the_memo_pages_mark_the_memos_entry_only(login, analyst):
    # The memos are pages of the measures app, and have an entry of their own.
    client = login(analyst)
    assert open_entries(nav_of(client, reverse("measures:memo_list"))) == ["บันทึกข้อความ"]
    assert open_entries(nav_of(client, reverse("measures:list"))) == ["มาตรการ"]


def test_the_search_box_keeps_what_was_searched_on_the_results_page_only(login, staff_office):
    client = login(staff_office)
    query = '<b>"มาตรการ"&'
    results = client.get(reverse("search:results"), {"q": query})
    html = results.content.decode()
    assert 'value="&lt;b&gt;&quot;มาตรการ&quot;&amp;"' in html
    nav = BeautifulSoup(html, "html.parser").select_one("nav.portal-nav")
    assert nav.select_one("#nav-search")["value"] == query
    assert (
        nav_of(client, reverse("measures:mine") + "?q=x").select_one("#nav-search")["value"] == ""
    )


def test_names_are_escaped(login, org, office):
    org.short_name = 'อบต.<script>"x"</script>'
    org.save()
    user = make_user("odd", org, "staff", office, first_name="<i>สม</i>", last_name="&ใจ")
    html = login(user).get(reverse("home")).content.decode()
    assert "<script>" not in html and "<i>" not in html
    assert "อบต.&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in html
    assert "&lt;i&gt;สม&lt;/i&gt; &amp;ใจ" in html


def test_a_user_of_the_same_kind_sees_their_own_name_count_and_department(
    staff_office, staff_finance
):
    # The bar is built once for staff on the home page; what is each user's own is not.
    Notification.objects.create(user=staff_finance, title="เรื่องใหม่")
    first, second = Client(), Client()
    first.force_login(staff_office)
    second.force_login(staff_finance)
    one, other = nav_of(first), nav_of(second)
    assert staff_office.display_name in one.get_text() and "สำนักปลัด" in one.get_text()
    assert staff_finance.display_name in other.get_text() and "กองคลัง" in other.get_text()
    assert staff_office.display_name not in other.get_text()
    assert one.select_one("#notification-count") is None
    assert other.select_one("#notification-count").get_text() == "1"
    assert (
        one.select_one("input[name=csrfmiddlewaretoken]")["value"]
        != other.select_one("input[name=csrfmiddlewaretoken]")["value"]
    )


def test_the_links_follow_the_script_prefix(staff_office):
    def links():
        request = RequestFactory().get("/")
        request.user, request.session = staff_office, SessionBase()
        request.resolver_match = resolve("/")
        html = render_to_string("base.html", request=request)
        return menu_links(BeautifulSoup(html, "html.parser").select_one("nav.portal-nav"))

    plain = links()
    try:
        set_script_prefix("/portal/")
        prefixed = links()
    finally:
        set_script_prefix("/")
    assert prefixed == [(label, "/portal" + href) for label, href in plain]
    assert links() == plain
