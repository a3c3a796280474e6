"""Every page of every role passes axe-core (WCAG 2.1 A/AA and best practices), on a desk
(1366 px) and on a phone (390 px), and the check itself can fail.

The pages are one list of addresses per role (PAGES): a new page is checked by adding its
address there. `{name}` in an address is filled from the demo (see `demo_places`); an
address may be paired with the status it answers, for the error pages.
Each role logs in once; each page is opened once and checked at both widths.
"""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from committees.models import Order
from itaportal.demo import department
from itaportal.models import Organization, User
from measures.models import Measure, Memo
from oit.models import OITAnswer
from tests.browser.accessibility_support import axe_violations, focus_problem
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"1366": DESK, "390": PHONE}

SEED, LIVE = 2565, 2570

# What each role opens in its work. Anything a role may open belongs here.
PAGES = {
    "public": [
        "/login/",
        "/p/nongprung/",
        "/p/nongprung/ita/2565/",
        ("/p/nongprung/ita/1999/", 404),
        ("/p/nobody/", 404),
    ],
    "staff-office": [
        "/",
        "/measures/mine/",
        "/measures/?year=2565",
        "/measures/{office_measure}/",
        "/measures/{office_measure}/edit/",
        "/measures/{office_measure}/reports/add/",
        "/measures/memos/",
        "/measures/memos/{memo}/",
        "/assessments/oit/",
        "/assessments/2570/oit/",
        "/assessments/2570/oit/{office_answer}/",
        "/assessments/2570/oit/progress/",
        "/assessments/",
        "/assessments/2565/",
        "/committees/",
        "/committees/{order}/",
        "/password/",
        "/calendar/",
        "/notices/",
        "/search/?q=มาตรการ",
        "/campaign/2570/",
        "/announcements/",
        "/assessments/2570/oit/links/",
        "/assessments/2570/oit/clarifications/",
        ("/committees/new/", 403),
    ],
    "mayor": [
        "/",
        "/assessments/2565/oit/queue/",
        "/assessments/2570/oit/queue/",
        "/assessments/2570/oit/{submitted_answer}/",
        "/assessments/2565/oit/",
        "/measures/",
        "/measures/{office_measure}/",
        "/measures/memos/{memo}/",
        "/history/measures/measure/{office_measure}/",
        "/notices/",
        "/assessments/2570/oit/links/",
        "/assessments/2570/oit/clarifications/",
    ],
    "analyst": [
        "/",
        "/assessments/",
        "/assessments/new/",
        "/assessments/2565/",
        "/assessments/2565/scores/",
        "/assessments/2565/results/",
        "/assessments/2565/analysis/",
        "/assessments/2570/",
        "/assessments/2565/oit/",
        "/assessments/2565/oit/queue/",
        "/assessments/2565/oit/progress/",
        "/assessments/2570/oit/assign/",
        "/assessments/2570/oit/copy/",
        "/assessments/2570/oit/{office_answer}/",
        "/committees/",
        "/committees/new/",
        "/committees/{order}/",
        "/committees/{order}/edit/",
        "/committees/{order}/copy/",
        "/measures/?year=2565",
        "/measures/year/2565/new/",
        "/measures/{office_measure}/edit/",
        "/measures/memos/",
        "/measures/memos/{memo}/edit/",
        "/measures/memos/year/2565/new/",
        "/settings/organization/",
        "/settings/departments/new/",
        "/settings/users/",
        "/settings/users/new/",
        "/settings/users/{mayor_user}/",
        "/years/start/",
        "/history/measures/measure/{office_measure}/",
        "/calendar/",
        "/notices/",
        "/notices/rules/",
        "/search/?q=มาตรการ",
        "/campaign/2570/",
        "/campaign/2570/edit/",
        "/campaign/2570/stakeholders/",
        "/announcements/",
        "/announcements/new/",
        "/assessments/2570/oit/links/",
        "/assessments/2570/oit/verdicts/",
        "/assessments/2570/oit/clarifications/",
    ],
}


@pytest.fixture
def demo_places(transactional_db):
    """The demo as `manage.py loaddemo` leaves it, and the records the addresses name."""
    call_command("loaddemo", stdout=io.StringIO())
    org = Organization.objects.get(slug="nongprung")
    answers = OITAnswer.objects.for_year(org, LIVE).select_related("item")
    office = department(org, "office")
    return {
        "order": Order.objects.filter(organization=org, year=SEED).first().pk,
        "office_measure": Measure.objects.filter(
            assessment__organization=org, assessment__year=SEED, departments=office
        )
        .first()
        .pk,
        "memo": Memo.objects.filter(assessment__organization=org).first().pk,
        "office_answer": answers.filter(status=OITAnswer.Status.RETURNED, department=office)
        .first()
        .item.code,
        "submitted_answer": answers.filter(status=OITAnswer.Status.SUBMITTED).first().item.code,
        "mayor_user": User.objects.get(username="mayor").pk,
    }


@pytest.fixture
def axe_page(chromium, live_server):
    """axe_page(username or None) -> a page in its own context, logged in once. The
    context bypasses the CSP so that Playwright may inject axe; production keeps it."""
    contexts = []

    def _axe_page(username):
        context = chromium.new_context(viewport=DESK, locale="th-TH", bypass_csp=True)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if username:
            log_in(page, live_server, username, settings.DEMO_PASSWORD)
        return page

    yield _axe_page
    for context in contexts:
        context.close()


def audit(page, base_url, addresses, places):
    """Open each address, check it at both widths; every violation found, by page."""
    found = []
    for entry in addresses:
        address, status = entry if isinstance(entry, tuple) else (entry, 200)
        url = base_url + address.format(**places)
        page.set_viewport_size(DESK)
        response = page.goto(url)
        assert response.status == status, f"{url}: {response.status}, not {status}"
        for width, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            found += [f"{address} @{width}: {v}" for v in axe_violations(page)]
    return found


@pytest.mark.parametrize("role", PAGES)
def test_every_page_of_the_role_has_no_accessibility_violations(
    role, axe_page, live_server, demo_places
):
    page = axe_page(None if role == "public" else role)
    found = audit(page, live_server.url, PAGES[role], demo_places)
    assert not found, f"{len(found)} violations:\n" + "\n".join(found)


def test_the_check_fails_on_text_too_pale_to_read(axe_page, live_server, demo_places):
    # The same login page, with its text made light grey on white (about 1.6:1).
    page = axe_page(None)
    page.goto(f"{live_server.url}/login/")
    assert axe_violations(page) == []
    page.add_style_tag(content="body, body * { color: #c8c8c8 !important; }")
    found = axe_violations(page)
    assert found and all(v.startswith("color-contrast") for v in found), found


def test_the_focus_check_fails_on_a_hidden_ring_or_a_covering_bar(axe_page, live_server):
    page = axe_page(None)
    page.goto(f"{live_server.url}/login/")
    field = page.get_by_label("ชื่อผู้ใช้")
    field.focus()
    assert focus_problem(page) == ""
    page.add_style_tag(content="#id_username:focus { outline: none !important; }")
    assert "shows no focus outline" in focus_problem(page)
    page.add_style_tag(
        content="main::after { content: ''; position: fixed; inset: 0; background: #fff; }"
    )
    assert "is covered by" in focus_problem(page)
