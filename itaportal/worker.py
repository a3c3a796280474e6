"""What a serving process does once, before its first request.

gunicorn's master calls `prepare()` after it has preloaded the app and before it forks the
workers (gunicorn.conf.py); `manage.py bench` calls it before it times pages, so that the
bench measures what a worker runs.
"""

import gc

from django.core.signals import request_finished

from itaportal.documents import warm_up

# Allocations between two automatic collections of the first generation.
YOUNG_THRESHOLD = 20_000


def prepare() -> None:
    warm_up()
    # Everything loaded so far (Django, the apps, WeasyPrint, the fonts) lives as long as
    # the process. Frozen, it is out of the cyclic collector's reach: a worker's full
    # collections scan only what the worker made (over the loaded modules one took about
    # 45 ms on national data, a request in every few hundred), and they no longer write
    # into the memory pages the workers share with the master (copy-on-write).
    gc.freeze()
    # The young generations are collected when a response is done (collect_young), so
    # the first one's automatic collection need not come every 700 allocations (Python's
    # default): a page made one or two of them mid-request, scanning rows it still used.
    # At 20,000 a page's garbage is collected once, after it: 0.1-0.4 ms less per page on
    # national data, and PDFs laid out 8-15 % faster (alternated in one process).
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    request_finished.connect(collect_young, dispatch_uid="itaportal-collect-young")


def collect_young(**kwargs) -> None:
    """Collect the young generations' cyclic garbage once a response is done (sent, under
    gunicorn), rather than in whichever request the collector's counters run out: a page's
    model rows and their prefetched relations refer to each other, and left to the
    automatic collector, every ninth request or so paid about 1.5 ms to free the last
    nine's (p95 0.4-1 ms above the median, alternated on national data). The automatic
    collector stays on for a request that makes more garbage than usual (a PDF)."""
    gc.collect(1)
