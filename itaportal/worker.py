"""What a serving process does once, before its first request.

gunicorn's master calls `prepare()` after it has preloaded the app and before it forks the
workers (gunicorn.conf.py); `manage.py bench` calls it before it times pages, so that the
bench measures what a worker runs.
"""

import gc

from itaportal.documents import warm_up


def prepare() -> None:
    warm_up()
    # Everything loaded so far (Django, the apps, WeasyPrint, the fonts) lives as long as
    # the process. Frozen, it is out of the cyclic collector's reach: a worker's full
    # collections scan only what the worker made (over the loaded modules one took about
    # 45 ms on national data, a request in every few hundred), and they no longer write
    # into the memory pages the workers share with the master (copy-on-write).
    gc.freeze()
