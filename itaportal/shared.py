"""Reads that several parts of one page make alike, done once for the page.

The home page is composed of panels from several apps (itaportal/urls.py), each reading
what it needs independently; some ask the same question (which fiscal years the
organization has), as do a year's page and its year switcher. Inside `shared_reads()` (a
GET or HEAD request: itaportal.middleware.page_reads) a read wrapped in
`shared(key, compute)` is computed once and reused; outside it (a request that may write,
a task, a command) it is simply computed, so nothing can be served stale beyond the one
page being composed.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_reads: ContextVar[dict | None] = ContextVar("shared_reads", default=None)


@contextmanager
def shared_reads():
    token = _reads.set({})
    try:
        yield
    finally:
        _reads.reset(token)


def shared(key, compute):
    reads = _reads.get()
    if reads is None:
        return compute()
    if key not in reads:
        reads[key] = compute()
    return reads[key]
