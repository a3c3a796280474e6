"""The main pages run a fixed number of SQL queries, however much data there is.

One organization with one fiscal year is measured alone; then more organizations are
added, with five fiscal years each (as many as the national bench has), and the same pages
of the first organization — and the pages of an organization with five years — must run
exactly as many queries. The pages are every page the benchmark times (ops.bench), so
what is counted here is what it times.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ops.bench import Bench
from ops.scale import Seeder

pytestmark = pytest.mark.django_db

YEAR = 2566
# Every page `make bench` times but the health check, which reads no session.
PAGES = [
    "minimal",
    "home_analyst",
    "home_mayor",
    "home_staff",
    "dashboard",
    "assessment",
    "item_results",
    "oit_list",
    "oit_list_mine",
    "oit_progress",
    "approval_queue",
    "measures_mine",
    "measures_list",
    "memos",
    "orders",
    "users",
    "search",
    "notices",
    "calendar",
    "order",
    "measure",
    "memo",
    "oit_answer",
    "public_page",
    "public_json",
]
# A generous ceiling on top of "does not grow": a page that needs more is doing too much.
MAX_QUERIES = 25


def quiet(_message):
    pass


def seed(n, years, first):
    Seeder(n, years, last_year=YEAR, first=first, log=quiet).run()


def queries_of(slug, key):
    bench = Bench(org_slug=slug, year=YEAR, log=quiet)
    page = next(p for p in bench.pages() if p.key == key)
    url = bench.resolve(page)
    client = bench.client(page.user, raise_errors=True)
    assert client.get(url, secure=True).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("key", PAGES)
def test_page_queries_do_not_grow_with_organizations_or_years(key):
    seed(1, 1, first=1)
    alone = queries_of("scale-00001", key)

    seed(3, 5, first=2)
    among_many = queries_of("scale-00001", key)
    with_five_years = queries_of("scale-00003", key)

    assert alone == among_many == with_five_years, (alone, among_many, with_five_years)
    assert alone <= MAX_QUERIES


def test_every_page_the_bench_times_is_counted():
    seed(1, 1, first=1)
    timed = {page.key for page in Bench(org_slug="scale-00001", year=YEAR, log=quiet).pages()}
    assert set(PAGES) == timed - {"healthz"}
