"""Property-based: every form of the portal and every query-string parameter of every GET
view, sent random text, huge values, Unicode digits and control characters as every role,
answers with a page, a form error, a redirect or a 4xx, never a 500.

The pages come from the URL matrix (every URL name of the portal) on the demo data; the
forms are read from the pages as a browser would send them, then one or more of their
fields is replaced by a hostile value. Slow requests are logged, not asserted (timings
belong to the benchmark).
"""

import logging
import time

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import sent_form_data
from tests.trust.test_url_matrix import MATRIX, ROLES, scenario  # noqa: F401

log = logging.getLogger(__name__)
SLOW_SECONDS = 1.0
DOWNLOADS = (".pdf", ".xlsx", ".json")
# Every parameter a GET view reads from the query string (grep request.GET), plus one
# no view reads.
QUERY_PARAMETERS = [
    "year",
    "department",
    "indicator",
    "quarter",
    "part",
    "mine",
    "role",
    "next",
    "x",
]

hostile = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "9" * 50_000,
            "9" * 30,
            "-1",
            "0",
            "²",
            "١٢٣",
            "๒๕๖๕",
            "๑๐๐",
            "1e400",
            "NaN",
            "Infinity",
            "99999-4",
            "9999999999-1",
            "2565-0",
            "\x0b",
            "ผลงาน\x0bบรรทัดใหม่",
            "\x00",
            "a\r\nSet-Cookie: x=1",
            '"; filename="x',
            "../../../etc/passwd",
            "ก" * 70_000,
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "file:²",
            "file:9999999999999999999999",
            "https://",
            "2565-13-45",
            "0001-01-01",
            "9999-12-31",
        ]
    ),
    st.text(alphabet=st.characters(categories=["Nd", "Cc", "No"]), min_size=1, max_size=30),
)


def _forms(html, url):
    """(method, action, data) for each form on the page."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for index, form in enumerate(soup.find_all("form")):
        form["data-fuzz"] = str(index)
        method = (form.get("method") or "get").lower()
        action = form.get("action") or url
        if action.startswith("http") or action.startswith("/admin/"):
            continue
        data = sent_form_data(str(soup), f'form[data-fuzz="{index}"]')
        found.append((method, action, data))
    return found


@pytest.fixture
def targets(client, scenario):  # noqa: F811
    """{role: [(method, url, base data)]}: every GET view with the known query
    parameters, and every form each role is shown."""
    # (On PostgreSQL the scenario has analyzed its tables: test_url_matrix.scenario.)
    by_role = {}
    for role in ROLES:
        client.logout()
        if scenario.users[role] is not None:
            client.force_login(scenario.users[role])
        found = []
        for name, entry in MATRIX.items():
            url = reverse(name, kwargs=entry.kwargs(scenario) if entry.kwargs else {})
            if entry.method != "get":
                data = entry.data(scenario) if callable(entry.data) else entry.data
                found.append(("post", url, dict(data)))
                continue
            found.append(("get", url, {p: "" for p in QUERY_PARAMETERS}))
            if url.endswith(DOWNLOADS) or "/files/" in url:
                continue  # no forms in a document or a file
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                found.extend(_forms(response.content.decode(), url))
        by_role[role] = found
    return by_role


def _send(client, method, url, data):
    started = time.monotonic()
    response = getattr(client, method)(url, data)
    elapsed = time.monotonic() - started
    if elapsed > SLOW_SECONDS:
        log.warning("slow request: %s %s took %.2f s", method.upper(), url, elapsed)
    return response


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(data=st.data())
def test_no_input_makes_any_view_answer_500(client, scenario, targets, data):  # noqa: F811
    client.raise_request_exception = True
    role = data.draw(st.sampled_from(ROLES), label="role")
    client.logout()
    if scenario.users[role] is not None:
        client.force_login(scenario.users[role])
    method, url, base = data.draw(st.sampled_from(targets[role]), label="target")
    sent = dict(base)
    names = sorted(sent) or ["x"]
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3), label="fields")
    for name in chosen:
        sent[name] = data.draw(hostile, label=name)
    response = _send(client, method, url, sent)
    assert response.status_code < 500, (method, url, chosen, response.status_code)
