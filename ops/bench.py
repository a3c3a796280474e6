"""The performance figures behind `make bench` (see `manage.py bench` and docs/benchmarks.md).

Three kinds of measurement, all against the data `seed_scale` made:

- pages: server-side time of repeated requests through `django.test.Client` (the whole
  middleware stack, session, templates; no network), median and p95, and the SQL query
  count of one more request (CaptureQueriesContext);
- documents: wall time of rendering the order, the memo and the measures report PDFs
  through the same functions `printdoc` uses;
- throughput: requests per second of gunicorn (gunicorn.conf.py, loopback only) under a
  bounded burst of concurrent clients holding a logged-in session cookie.

Every page is measured interleaved, request by request, with a bare Django view on
Django's default middleware (ops/bare.py) in the same process, and reported as a ratio to
it: the ratio says what the portal adds, whatever the machine. The minimal logged-in page
(`/healthz/page/`: the base layout and nothing else) is the portal's own floor. A reference
loop of pure Python is timed too, so runs on different machines can be compared, and the
load average is recorded beside each figure.
"""

import http.client
import math
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from assessments.models import Assessment, IndicatorScore, OITItemResult
from committees.documents import order_document
from committees.models import Member, Order
from itaportal import keptdocs
from itaportal.models import Organization, User
from measures.documents import measures_report_document, memo_document
from measures.models import Acknowledgement, Evidence, Measure, MeasureReport, Memo
from oit.models import AnswerEvent, OITAnswer
from ops.bare import DEFAULT_MIDDLEWARE
from ops.scale import seeded_organizations

# The targets the report holds each page to (docs/benchmarks.md): p95 of every page under
# 30 ms and within 10× of the bare Django view at p95, so that a slow page is the page's
# own cost and not the machine's; the minimal page within 2× of it; the order and memo
# PDFs under 0.5 s, the measures report under 1.5 s.
PAGE_P95_MS = 30.0
PAGE_RATIO = 10.0
FLOOR_RATIO = 2.0
PDF_TARGETS_S = {"order_pdf": 0.5, "memo_pdf": 0.5, "measures_report_pdf": 1.5}

BASE_DIR = Path(__file__).resolve().parent.parent


@dataclass
class Page:
    key: str
    title: str
    url_name: str
    user: str  # "analyst", "mayor", "staff", or "" for anonymous
    kwargs: dict = field(default_factory=dict)
    query: str = ""


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _ms(seconds):
    return round(seconds * 1000, 2)


def _load():
    return round(os.getloadavg()[0], 2)


def reference_loop_ms(rounds=5):
    """Best of `rounds` runs of a fixed pure-Python loop: the machine's speed in one number."""
    best = None
    for _ in range(rounds):
        started = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i * i
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return _ms(best)


class Bench:
    def __init__(self, *, org_slug=None, year=None, repeat=50, pdf_repeat=5, log=print):
        self.repeat = repeat
        self.pdf_repeat = pdf_repeat
        self.log = log
        orgs = seeded_organizations()
        count = orgs.count()
        if org_slug:
            self.org = Organization.objects.get(slug=org_slug)
        else:
            if not count:
                raise RuntimeError("no seeded organizations: run `manage.py seed_scale` first")
            # One in the middle of the id range: neither the first rows nor the last.
            self.org = orgs.order_by("slug")[count // 2]
        self.seeded = count
        years = list(
            Assessment.objects.filter(organization=self.org)
            .order_by("year")
            .values_list("year", flat=True)
        )
        self.years = years
        if not (year or years):
            raise RuntimeError(f"{self.org.slug} has no assessment to measure: run seed_scale")
        self.year = year or years[-1]
        self.users = {
            key: User.objects.filter(username=f"{self.org.slug}-{suffix}").first()
            for key, suffix in (("analyst", "analyst"), ("mayor", "mayor"), ("staff", "staff1"))
        }
        self.order = Order.objects.filter(organization=self.org, fiscal_year=self.year).first()
        self.measure = (
            Measure.objects.filter(assessment__organization=self.org).order_by("-pk").first()
        )
        self.memo = Memo.objects.filter(assessment__organization=self.org).order_by("-pk").first()
        self.answer = (
            OITAnswer.objects.filter(
                organization=self.org, item__sub_indicator__indicator__framework__year=self.year
            )
            .select_related("item")
            .first()
        )

    # what is measured

    def pages(self):
        """Every key page of every role, with the organization's own objects."""
        y, slug = self.year, self.org.slug
        some = []
        if self.order:
            some.append(
                Page("order", "order page", "committees:detail", "analyst", {"pk": self.order.pk})
            )
        if self.measure:
            some.append(
                Page("measure", "measure page", "measures:detail", "staff", {"pk": self.measure.pk})
            )
        if self.memo:
            some.append(
                Page("memo", "memo page", "measures:memo_detail", "staff", {"pk": self.memo.pk})
            )
        if self.answer:
            some.append(
                Page(
                    "oit_answer",
                    "OIT answer page",
                    "oit:answer",
                    "staff",
                    {"year": y, "code": self.answer.item.code},
                )
            )
        return [
            Page("healthz", "health check (no session)", "healthz", ""),
            Page("minimal", "minimal logged-in page (floor)", "healthz_page", "analyst"),
            Page("home_analyst", "home page, analyst", "home", "analyst"),
            Page("home_mayor", "home page, executive", "home", "mayor"),
            Page("home_staff", "home page, staff", "home", "staff"),
            Page("dashboard", "dashboard", "assessments:dashboard", "analyst"),
            Page("assessment", "year's scores", "assessments:detail", "analyst", {"year": y}),
            Page(
                "item_results",
                "OIT item results",
                "assessments:item_results",
                "analyst",
                {"year": y},
            ),
            Page("oit_list", "OIT answers list", "oit:list", "analyst", {"year": y}),
            Page(
                "oit_list_mine",
                "OIT answers, my department",
                "oit:list",
                "staff",
                {"year": y},
                "?mine=1",
            ),
            Page("oit_progress", "OIT progress", "oit:progress", "analyst", {"year": y}),
            Page("approval_queue", "mayor's approval queue", "oit:queue", "mayor", {"year": y}),
            Page("measures_mine", "staff measures page", "measures:mine", "staff"),
            Page("measures_list", "measures list", "measures:list", "analyst", query=f"?year={y}"),
            Page("memos", "memos list", "measures:memo_list", "staff"),
            Page("orders", "committee orders list", "committees:list", "analyst"),
            Page("users", "users of the organization", "user_list", "analyst"),
            *some,
            Page("public_page", "public ITA page", "public:ita", "", {"org_slug": slug, "year": y}),
            Page(
                "public_json",
                "public ITA JSON",
                "public:ita_json",
                "",
                {"org_slug": slug, "year": y},
            ),
        ]

    def documents(self):
        """(key, the renderer printdoc uses, document number) of each timed document."""
        number = str(self.order.number) if self.order else None
        return [
            ("order_pdf", order_document, number),
            ("memo_pdf", memo_document, None),
            ("measures_report_pdf", measures_report_document, None),
        ]

    # helpers

    def client(self, user_key, raise_errors=False):
        # In the bench a page that fails answers 500 in the report instead of stopping it.
        client = Client(raise_request_exception=raise_errors)
        if user_key:
            user = self.users.get(user_key)
            if user is None:
                return None
            client.force_login(user)
        return client

    @staticmethod
    def bare_client():
        """A client whose handler runs Django's default middleware and the bare view."""
        with override_settings(MIDDLEWARE=DEFAULT_MIDDLEWARE):
            client = Client()
            client.handler.load_middleware()
        return client

    @staticmethod
    def resolve(page):
        return reverse(page.url_name, kwargs=page.kwargs or None) + page.query

    # pages through the test client

    def measure_page(self, page, bare):
        """The page's times, each request followed by one of the bare view, so both meet
        the same machine load."""
        url = self.resolve(page)
        client = self.client(page.user)
        if client is None:
            return {"title": page.title, "status": "missing", "reason": "no such user"}
        # secure=True: production serves HTTPS (SECURE_SSL_REDIRECT would answer 301).
        get = lambda: client.get(url, secure=True)  # noqa: E731
        get_bare = lambda: bare.get("/bare/", secure=True)  # noqa: E731
        response = get()
        if response.status_code != 200:
            return {"title": page.title, "url": url, "status": response.status_code}
        for _ in range(3):
            get()
            get_bare()
        times, cpu, bare_times = [], [], []
        load_before = _load()
        for _ in range(self.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            get()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            started = time.perf_counter()
            get_bare()
            bare_times.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as queries:
            response = get()
        bare_p95 = percentile(bare_times, 0.95)
        p95 = percentile(times, 0.95)
        return {
            "title": page.title,
            "url": url,
            "user": page.user or "anonymous",
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": len(queries),
            "median_ms": _ms(statistics.median(times)),
            "p95_ms": _ms(p95),
            "max_ms": _ms(max(times)),
            # This process's CPU time (not PostgreSQL's): less sensitive to other load.
            "median_cpu_ms": _ms(statistics.median(cpu)),
            "bare_median_ms": _ms(statistics.median(bare_times)),
            "bare_p95_ms": _ms(bare_p95),
            "ratio_to_bare": round(p95 / bare_p95, 1),
            "load_average": [load_before, _load()],
            "n": len(times),
        }

    def measure_pages(self):
        hosts = list({*settings.ALLOWED_HOSTS, "testserver"})
        results = {}
        with override_settings(ALLOWED_HOSTS=hosts):
            bare = self.bare_client()
            for page in self.pages():
                results[page.key] = self.measure_page(page, bare)
                r = results[page.key]
                self.log(
                    f"  {page.key:<16} "
                    + (
                        f"p50 {r['median_ms']:>7} ms  p95 {r['p95_ms']:>7} ms  "
                        f"{r['ratio_to_bare']:>5}× bare  {r['queries']} queries  "
                        f"load {r['load_average'][1]}"
                        if "p95_ms" in r
                        else f"{r['status']}"
                    )
                )
            self._compare_with_first_organization(results)
        floor = results.get("minimal", {}).get("p95_ms")
        for key, r in results.items():
            if "p95_ms" not in r or key == "healthz":
                continue
            if key == "minimal":
                r["meets_target"] = r["ratio_to_bare"] <= FLOOR_RATIO
                continue
            r["ratio_to_minimal"] = round(r["p95_ms"] / floor, 1) if floor else None
            r["meets_target"] = r["p95_ms"] < PAGE_P95_MS and r["ratio_to_bare"] <= PAGE_RATIO
        return results

    def _compare_with_first_organization(self, results):
        """The query count of each page for the first seeded organization too (another
        kind, other departments, the same year): the same number shows the count does
        not depend on whose data it is."""
        first = seeded_organizations().order_by("slug").first()
        if first is None or first.pk == self.org.pk:
            return
        other = Bench(org_slug=first.slug, year=self.year, log=self.log)
        for page in other.pages():
            r = results.get(page.key, {})
            url = other.resolve(page)
            client = other.client(page.user) if "queries" in r else None
            if client is None:
                continue
            client.get(url, secure=True)
            with CaptureQueriesContext(connection) as queries:
                client.get(url, secure=True)
            r["queries_first_organization"] = len(queries)

    def explain(self, min_ms=1.0, log=print):
        """For each page: its queries by time; the plan of each one slower than `min_ms`."""
        hosts = list({*settings.ALLOWED_HOSTS, "testserver"})
        with override_settings(ALLOWED_HOSTS=hosts):
            for page in self.pages():
                url = self.resolve(page)
                client = self.client(page.user)
                if client is None:
                    continue
                client.get(url, secure=True)
                with CaptureQueriesContext(connection) as queries:
                    client.get(url, secure=True)
                log(f"== {page.key} {url}: {len(queries)} queries")
                for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"])):
                    ms = float(q["time"]) * 1000
                    log(f"  {ms:7.2f} ms  {q['sql'][:300]}")
                    if ms >= min_ms and connection.vendor == "postgresql":
                        with connection.cursor() as cursor:
                            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                            for (line,) in cursor.fetchall():
                                log(f"             {line}")

    # documents

    def measure_documents(self):
        """Each document laid out afresh (cold: WeasyPrint does the work) and printed again
        with its data unchanged (kept: the stored PDF of the same content)."""
        results = {}
        for key, render, number in self.documents():
            try:
                render(self.org, self.year, number)  # warm-up: fonts, templates, kept file
            except Exception as exc:  # a document the data cannot make is reported, not fatal
                results[key] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
                continue
            times, kept_times = [], []
            for _ in range(self.pdf_repeat):
                started = time.perf_counter()
                with keptdocs.laid_out_afresh():
                    document = render(self.org, self.year, number)
                times.append(time.perf_counter() - started)
                started = time.perf_counter()
                render(self.org, self.year, number)
                kept_times.append(time.perf_counter() - started)
            results[key] = {
                "status": "ok",
                "median_s": round(statistics.median(times), 3),
                "max_s": round(max(times), 3),
                "kept_median_s": round(statistics.median(kept_times), 4),
                "bytes": len(document.content),
                "n": len(times),
                "load_average": _load(),
                "meets_target": max(times) < PDF_TARGETS_S[key],
            }
            r = results[key]
            self.log(
                f"  {key:<20} cold median {r['median_s']} s  max {r['max_s']} s  "
                f"kept {r['kept_median_s']} s  load {r['load_average']}"
            )
        return results

    # throughput under gunicorn

    def session_cookie(self, user_key):
        client = self.client(user_key)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )

    def measure_throughput(self, *, workers=None, levels=(1, 4, 16), requests=400, seconds=15.0):
        """Requests per second and p95 of gunicorn as `make serve` runs it, for the
        dashboard (logged in) and the public JSON, at each level of concurrent clients."""
        workers = workers or int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) * 2 + 1)
        pages = {page.key: page for page in self.pages()}
        targets = [
            (
                key,
                self.resolve(pages[key]),
                self.session_cookie(pages[key].user) if pages[key].user else "",
            )
            for key in ("dashboard", "public_json")
        ]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {
            **os.environ,
            "BEHIND_PROXY": "1",  # the requests say X-Forwarded-Proto: https, like a load balancer
            "GUNICORN_ACCESS_LOG": "",
            "WEB_CONCURRENCY": str(workers),
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [
                str(gunicorn),
                "-c",
                str(BASE_DIR / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            self._wait_ready(port, server)
            results = {"workers": workers, "levels": list(levels), "runs": []}
            for key, url, cookie in targets:
                # Warm every worker first (templates, URL resolver, connection, structures).
                self._burst(port, url, cookie, max(levels), workers * 10, seconds)
                for concurrency in levels:
                    r = self._burst(port, url, cookie, concurrency, requests, seconds)
                    r.update(page=key, concurrency=concurrency, load_average=_load())
                    results["runs"].append(r)
                    self.log(
                        f"  gunicorn {key:<12} c={concurrency:<3} {r['requests_per_s']} req/s  "
                        f"p50 {r['median_ms']} ms  p95 {r['p95_ms']} ms  errors {r['errors']}  "
                        f"load {r['load_average']}"
                    )
            return results
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    @staticmethod
    def _wait_ready(port, server, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(
                    "gunicorn exited: " + server.stderr.read().decode(errors="replace")[-2000:]
                )
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz/", headers={"X-Forwarded-Proto": "https"})
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz/ in time")

    @staticmethod
    def _burst(port, url, cookie, concurrency, total, seconds):
        """`total` requests from `concurrency` threads, stopping early after `seconds`."""
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        if cookie:
            headers["Cookie"] = cookie
        lock = threading.Lock()
        remaining = [total]
        latencies, errors = [], [0]
        deadline = time.monotonic() + seconds

        def worker():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while True:
                with lock:
                    if remaining[0] <= 0 or time.monotonic() > deadline:
                        return
                    remaining[0] -= 1
                started = time.perf_counter()
                try:
                    conn.request("GET", url, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    ok = False
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors[0] += 1

        threads = [threading.Thread(target=worker) for _ in range(concurrency)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        return {
            "requests": len(latencies),
            "errors": errors[0],
            "seconds": round(wall, 2),
            "requests_per_s": round(len(latencies) / wall, 1) if wall else None,
            "median_ms": _ms(statistics.median(latencies)) if latencies else None,
            "p95_ms": _ms(percentile(latencies, 0.95)) if latencies else None,
        }

    # the whole report

    def data_summary(self):
        tables = {
            model._meta.label: model.objects.count()
            for model in (
                Organization,
                User,
                Assessment,
                IndicatorScore,
                OITItemResult,
                OITAnswer,
                AnswerEvent,
                Order,
                Member,
                Measure,
                MeasureReport,
                Evidence,
                Measure.history.model,
                Memo,
                Acknowledgement,
            )
        }
        return {
            "organizations": self.seeded,
            "years": self.years,
            "benchmarked_organization": self.org.slug,
            "benchmarked_year": self.year,
            "rows": tables,
        }


def machine():
    info = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": connection.vendor,
        "debug": settings.DEBUG,
        "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE"),
        # Other work on the machine slows every figure: the load when the bench started.
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "reference_loop_ms": reference_loop_ms(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    try:
        import gunicorn

        info["gunicorn"] = gunicorn.__version__
    except ImportError:
        pass
    return info


def targets_summary(report):
    missed = []
    for key, r in report.get("pages", {}).items():
        if r.get("meets_target") is False:
            missed.append(f"page {key}: p95 {r['p95_ms']} ms, {r.get('ratio_to_bare')}× bare")
    for key, r in report.get("documents", {}).items():
        if r.get("meets_target") is False:
            missed.append(f"{key}: max {r['max_s']} s (target {PDF_TARGETS_S[key]} s)")
    return {
        "page_p95_ms": PAGE_P95_MS,
        "page_ratio_to_bare": PAGE_RATIO,
        "floor_ratio_to_bare": FLOOR_RATIO,
        "pdf_seconds": PDF_TARGETS_S,
        "missed": missed,
    }
