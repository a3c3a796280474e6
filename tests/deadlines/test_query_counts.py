"""The home page (with the due list first) and the notifications page with the bell run
a fixed number of queries, however many memos, measures, answers, deadlines and
notifications there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deadlines.models import OrganizationDeadline
from itaportal.shared import shared_reads
from notices.models import Notification
from oit.models import OITAnswer
from tests.assessments.factories import make_answer
from tests.deadlines.conftest import make_memo
from tests.measures import factories

CODES = ["O7", "O14", "O15", "O32", "O33", "O35", "O36", "O42", "O43"]
# Generous ceilings on top of "does not grow": the home page composes every app's panels;
# the due list is a few queries of it.
MAX_QUERIES = 40
MAX_DUE_LIST_QUERIES = 10


def add_data(n, *, year, users, office, finance, today, fy, start=0):
    org = year["current"].organization
    for i in range(start, start + n):
        make_memo(
            year["last"], [office, finance], today - datetime.timedelta(days=i % 5), f"บันทึก {i}"
        )
        factories.measure(year["last"], 6 + i % 5, [office], title=f"มาตรการ {i}")
        OrganizationDeadline.objects.create(
            organization=org, year=fy, title=f"งาน {i}", due_on=today, department=office
        )
        OrganizationDeadline.objects.create(
            organization=org, year=fy, title=f"งาน {i}", due_on=today
        )
        make_answer(org, year["current"].framework, CODES[i], office, OITAnswer.Status.SUBMITTED)
        for user in users:
            Notification.objects.create(user=user, title=f"แจ้ง {i}", url="/")


def count(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["home", "notices:list", "deadlines:calendar"])
def test_pages_run_the_same_queries_with_one_or_many_of_everything(
    client, url_name, year, oit_window, analyst, mayor, staff_office, office, finance, today, fy
):
    users = [analyst, mayor, staff_office]
    data = {"year": year, "users": users, "office": office, "finance": finance}
    add_data(1, **data, today=today, fy=fy)
    url = reverse(url_name)
    few = {}
    for user in users:
        client.force_login(user)
        few[user.username] = count(client, url)

    add_data(8, **data, today=today, fy=fy, start=1)
    for user in users:
        client.force_login(user)
        many = count(client, url)
        assert many == few[user.username], (user.username, few[user.username], many)
        assert many <= MAX_QUERIES


def test_the_due_list_itself_is_a_handful_of_queries_for_every_role(
    year, oit_window, analyst, mayor, staff_office, office, finance, today, fy
):
    from assessments.models import Framework
    from assessments.structure import structure_of
    from deadlines.selectors import due_items

    users = [analyst, mayor, staff_office]
    add_data(9, year=year, users=users, office=office, finance=finance, today=today, fy=fy)
    # The years' structures are loaded once per process (assessments/structure.py).
    for framework in Framework.objects.all():
        structure_of(framework)
    for user in users:
        # As a page reads it: reads alike shared (itaportal.middleware.page_reads).
        with shared_reads(), CaptureQueriesContext(connection) as queries:
            items = due_items(user, today)
        assert items, user.username
        assert len(queries) <= MAX_DUE_LIST_QUERIES, (user.username, len(queries))


def test_the_home_page_reads_its_panels_rows_together_and_uses_every_one(
    client, year, oit_window, analyst, mayor, staff_office, office, finance, today, fy, round_trips
):
    """The panels say ahead what they will read (itaportal.prepared): on PostgreSQL it is
    sent in one pipeline, one round trip instead of one per query; on every database each
    read said ahead is then taken by the panel that said it (none is read for nothing)."""
    users = [analyst, mayor, staff_office]
    add_data(2, year=year, users=users, office=office, finance=finance, today=today, fy=fy)
    for user in users:
        client.force_login(user)
        assert client.get(reverse("home")).status_code == 200
        trips = round_trips(lambda: client.get(reverse("home")))
        # The session with the user; the panels' reads; what a panel decides from rows
        # read (here the working year's assessment and the older ones: no result yet).
        assert trips in (None, 4), (user.username, trips)


@pytest.mark.parametrize(
    "url_name, trips",
    [
        ("assessments:detail", 2),
        ("assessments:item_results", 2),
        ("oit:list", 2),
        # Also the older years: neither of the two newest has a score here.
        ("oit:progress", 3),
        ("oit:queue", 2),
    ],
)
def test_a_year_page_reads_in_one_round_trip_after_the_session(
    client, url_name, trips, year, analyst, mayor, office, finance, staff_office, today, fy,
    round_trips,
):  # fmt: skip
    """A year's page says ahead what it reads besides the organization's years (the year
    switcher, the year's framework): one round trip on PostgreSQL after the session's."""
    users = [analyst, mayor, staff_office]
    add_data(2, year=year, users=users, office=office, finance=finance, today=today, fy=fy)
    client.force_login(mayor if url_name == "oit:queue" else analyst)
    url = reverse(url_name, args=[fy])
    assert client.get(url).status_code == 200
    assert round_trips(lambda: client.get(url)) in (None, trips)


def test_an_items_page_reads_its_answer_with_files_checks_and_history_together(
    client, year, analyst, mayor, office, finance, staff_office, today, fy, round_trips
):
    """The item page reads the answer with its files, its links' checks and its history in
    one round trip: after the session's, and the organization's years (the item's place in
    the year's framework gives the answer's item)."""
    users = [analyst, mayor, staff_office]
    add_data(2, year=year, users=users, office=office, finance=finance, today=today, fy=fy)
    client.force_login(staff_office)
    url = reverse("oit:answer", args=[fy, CODES[1]])
    page = client.get(url)
    assert page.status_code == 200 and CODES[1] in page.content.decode()
    assert round_trips(lambda: client.get(url)) in (None, 3)


def test_the_calendar_reads_in_one_round_trip_after_the_session_and_its_deadlines(
    client, year, oit_window, analyst, mayor, staff_office, office, finance, today, fy,
    round_trips,
):  # fmt: skip
    """The calendar says ahead its settings, years, memos, feed and (the admin's) list of
    deadlines: one round trip after the session's, and one for the deadlines by date."""
    users = [analyst, mayor, staff_office]
    add_data(2, year=year, users=users, office=office, finance=finance, today=today, fy=fy)
    for user in users:
        client.force_login(user)
        page = client.get(reverse("deadlines:calendar"))
        assert page.status_code == 200 and "งาน 1" in page.content.decode()
        trips = round_trips(lambda: client.get(reverse("deadlines:calendar")))
        assert trips in (None, 3), (user.username, trips)
