"""Reads that several parts of one page make alike, done once for the page.

The home page is composed of panels from several apps (itaportal/urls.py), each reading
what it needs independently; some ask the same question (which fiscal years the
organization has), as do a year's page and its year switcher. Inside `shared_reads()` (a
GET or HEAD request: itaportal.middleware.page_reads) a read wrapped in
`shared(key, compute)` is computed once and reused; outside it (a request that may write,
a task, a command) it is simply computed, so nothing can be served stale beyond the one
page being composed. `page_state(name, make)` keeps other per-page state there (the
queries said ahead, itaportal.prepared).
"""

from contextlib import contextmanager
from contextvars import ContextVar

_reads: ContextVar[dict | None] = ContextVar("shared_reads", default=None)


@contextmanager
def shared_reads():
    reads = {}
    token = _reads.set(reads)
    try:
        yield
    finally:
        _reads.reset(token)
        for state in reads.get(_STATES, {}).values():
            state.close()


def shared(key, compute):
    reads = _reads.get()
    if reads is None:
        return compute()
    if key not in reads:
        reads[key] = compute()
    return reads[key]


_STATES = object()


def page_state(name, make):
    """The page's own `make()` under `name` (made on first use; its `close()` is called
    when the page ends), or None outside shared reads."""
    reads = _reads.get()
    if reads is None:
        return None
    states = reads.setdefault(_STATES, {})
    if name not in states:
        states[name] = make()
    return states[name]
