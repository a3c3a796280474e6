"""The main pages run a fixed number of SQL queries, however much data there is.

One organization with one fiscal year is measured alone; then more organizations are
added, with three fiscal years each, and the same pages of the first organization — and
the pages of an organization with three years — must run exactly as many queries. The
pages are the benchmark's own (ops.bench), so what is counted here is what it times.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ops.bench import Bench
from ops.scale import Seeder

pytestmark = pytest.mark.django_db

YEAR = 2566
PAGES = [
    "home_analyst",
    "home_mayor",
    "home_staff",
    "dashboard",
    "approval_queue",
    "measures_mine",
    "measures_list",
    "order",
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

    seed(3, 3, first=2)
    among_many = queries_of("scale-00001", key)
    with_three_years = queries_of("scale-00003", key)

    assert alone == among_many == with_three_years, (alone, among_many, with_three_years)
    assert alone <= MAX_QUERIES
