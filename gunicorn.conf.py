"""gunicorn settings for production: `make serve`, or
`gunicorn -c gunicorn.conf.py itaportal.wsgi`. Everything comes from the environment
(see docs/DEPLOY.md):

- BIND (default 0.0.0.0:8000; PORT alone also works, as on most platforms)
- WEB_CONCURRENCY: worker processes (default 2 × CPUs + 1)
- GUNICORN_THREADS: threads per worker (default 1: sync workers)
- GUNICORN_TIMEOUT: seconds before a stuck worker is killed (default 60: the measures
  report PDF of a large organization takes a few seconds, never a minute)
- GUNICORN_MAX_REQUESTS: recycle a worker after this many requests (default 2000, with
  jitter) so a slow leak in a library never grows without bound
"""

import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from None


wsgi_app = "itaportal.wsgi:application"
bind = os.environ.get("BIND") or f"0.0.0.0:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

# Worker heartbeats in memory, not on a possibly slow or overlay disk (containers).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Django and WeasyPrint are imported once in the master and shared copy-on-write by the
# workers: faster start and less memory per worker.
preload_app = True


def when_ready(server):
    """In the master, after the app is preloaded and before the workers fork: lay out one
    small document so every worker starts with WeasyPrint and the fonts loaded (the first
    PDF of a cold worker took 2.5 s), and freeze what is loaded out of the collector's
    reach (itaportal.worker)."""
    from itaportal.worker import prepare

    prepare()


# Behind a load balancer or reverse proxy that sets X-Forwarded-* (docs/DEPLOY.md).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# No runtime control socket (gunicorn ≥ 25 puts one in ~/.gunicorn): it is not used, and
# two instances on one host (a server and `make bench`) would fight over its path.
control_socket_disable = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Request time in microseconds (%(D)s) for the access log: the load balancer and the
# bench read the same figure.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
