"""The performance figures behind `make bench` (see `manage.py bench` and docs/benchmarks.md).

Three kinds of measurement, all against the data `seed_scale` made:

- pages: server-side time of repeated requests through `django.test.Client` (the whole
  middleware stack, session, templates; no network), median and p95, and the SQL query
  count of one more request (CaptureQueriesContext);
- documents: wall time of rendering the order, the memo and the measures report PDFs
  through the same functions `printdoc` uses; and each document (order, memo, measures
  report, progress report) as PDF and as .docx, on the organization's own data and on a
  stress set (ops.stress, rolled back afterwards), beside LibreOffice converting the same
  .docx to PDF, with the ratios measured in the same run;
- throughput: requests per second of gunicorn (gunicorn.conf.py, loopback only) under a
  bounded burst of concurrent clients holding a logged-in session cookie.

The minimal logged-in page (`/healthz/page/`: the base layout and nothing else) is
measured on the same stack as the floor; pages are also reported as a ratio to it.
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
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from announcements.documents import announcement_document
from announcements.models import Announcement
from announcements.standard import standard_announcement
from assessments.models import Assessment, IndicatorScore, OITItemResult
from committees.documents import order_document
from committees.models import Member, Order
from itaportal import wordfiles
from itaportal.models import Organization, User
from measures.documents import (
    measures_report_document,
    memo_document,
    progress_report_document,
)
from measures.models import Acknowledgement, Measure, MeasureReport, Memo
from oit.models import AnswerEvent, OITAnswer
from ops import stress
from ops.scale import seeded_organizations

# The targets the report holds each page to (docs/benchmarks.md): p95 of every page under
# 30 ms and within 10× of the minimal page, so that a slow page is the page's own cost
# and not the machine's; the order and memo PDFs under 0.5 s, the measures report under
# 1.5 s.
PAGE_P95_MS = 30.0
PAGE_RATIO = 10.0
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

    # what is measured

    def pages(self):
        y, slug = self.year, self.org.slug
        # A year without an appointment order (possible with --org) has no order page.
        order = (
            [Page("order", "order page", "committees:detail", "analyst", {"pk": self.order.pk})]
            if self.order
            else []
        )
        return [
            Page("healthz", "health check (no session)", "healthz", ""),
            Page("minimal", "minimal logged-in page (floor)", "healthz_page", "analyst"),
            Page("dashboard", "dashboard", "assessments:dashboard", "analyst"),
            Page("approval_queue", "mayor's approval queue", "oit:queue", "mayor", {"year": y}),
            Page("measures_mine", "staff measures page", "measures:mine", "staff"),
            Page("measures_list", "measures list", "measures:list", "analyst", query=f"?year={y}"),
            *order,
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
    def resolve(page):
        return reverse(page.url_name, kwargs=page.kwargs or None) + page.query

    # pages through the test client

    def measure_page(self, page):
        url = self.resolve(page)
        client = self.client(page.user)
        if client is None:
            return {"title": page.title, "status": "missing", "reason": "no such user"}
        # secure=True: production serves HTTPS (SECURE_SSL_REDIRECT would answer 301).
        get = lambda: client.get(url, secure=True)  # noqa: E731
        response = get()
        if response.status_code != 200:
            return {"title": page.title, "url": url, "status": response.status_code}
        for _ in range(3):
            get()
        times, cpu = [], []
        for _ in range(self.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            get()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        with CaptureQueriesContext(connection) as queries:
            response = get()
        return {
            "title": page.title,
            "url": url,
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": len(queries),
            "median_ms": _ms(statistics.median(times)),
            "p95_ms": _ms(percentile(times, 0.95)),
            "max_ms": _ms(max(times)),
            # This process's CPU time (not PostgreSQL's): less sensitive to other load.
            "median_cpu_ms": _ms(statistics.median(cpu)),
            "n": len(times),
        }

    def measure_pages(self):
        hosts = list({*settings.ALLOWED_HOSTS, "testserver"})
        results = {}
        with override_settings(ALLOWED_HOSTS=hosts):
            for page in self.pages():
                results[page.key] = self.measure_page(page)
                r = results[page.key]
                self.log(
                    f"  {page.key:<16} "
                    + (
                        f"p50 {r['median_ms']:>7} ms  p95 {r['p95_ms']:>7} ms  {r['queries']} queries"
                        if "p95_ms" in r
                        else f"{r['status']}"
                    )
                )
            self._compare_with_first_organization(results)
        floor = results.get("minimal", {}).get("p95_ms")
        for key, r in results.items():
            if "p95_ms" not in r or key in ("healthz", "minimal"):
                continue
            r["ratio_to_minimal"] = round(r["p95_ms"] / floor, 1) if floor else None
            r["meets_target"] = r["p95_ms"] < PAGE_P95_MS and (
                r["ratio_to_minimal"] is None or r["ratio_to_minimal"] <= PAGE_RATIO
            )
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
        results = {}
        for key, render, number in self.documents():
            try:
                render(self.org, self.year, number)  # warm-up: fonts, templates
            except Exception as exc:  # a document the data cannot make is reported, not fatal
                results[key] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
                continue
            times = []
            for _ in range(self.pdf_repeat):
                started = time.perf_counter()
                document = render(self.org, self.year, number)
                times.append(time.perf_counter() - started)
            results[key] = {
                "status": "ok",
                "median_s": round(statistics.median(times), 3),
                "max_s": round(max(times), 3),
                "bytes": len(document.content),
                "n": len(times),
                "meets_target": max(times) < PDF_TARGETS_S[key],
            }
            self.log(
                f"  {key:<20} median {results[key]['median_s']} s  max {results[key]['max_s']} s"
            )
        return results

    # PDF beside Word beside LibreOffice

    def format_documents(self, order_number):
        return [
            ("order", order_document, order_number),
            ("memo", memo_document, None),
            ("measures", measures_report_document, None),
            ("progress", progress_report_document, None),
            ("integrity", announcement_document("integrity"), None),
        ]

    def _time(self, render, repeat):
        times, document = [], None
        for _ in range(repeat):
            started = time.perf_counter()
            document = render()
            times.append(time.perf_counter() - started)
        return statistics.median(times), document

    def _time_formats(self, order_number):
        results = {}
        soffice = wordfiles.soffice_path()
        for kind, render, number in self.format_documents(order_number):
            try:
                render(self.org, self.year, number)  # warm-up: fonts, templates
                render(self.org, self.year, number, format="docx")
            except Exception as exc:  # a document the data cannot make is reported
                results[kind] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
                continue
            pdf_s, pdf = self._time(
                lambda r=render, n=number: r(self.org, self.year, n), self.pdf_repeat
            )
            docx_s, docx = self._time(
                lambda r=render, n=number: r(self.org, self.year, n, format="docx"),
                self.pdf_repeat,
            )
            row = {
                "status": "ok",
                "pdf_s": round(pdf_s, 3),
                "docx_s": round(docx_s, 3),
                "docx_to_pdf_ratio": round(docx_s / pdf_s, 2),
                "pdf_bytes": len(pdf.content),
                "docx_bytes": len(docx.content),
            }
            if soffice:
                try:
                    wordfiles.libreoffice_pdf(docx.content)  # warm-up: the profile, fonts
                    lo_s, _ = self._time(
                        lambda d=docx: wordfiles.libreoffice_pdf(d.content),
                        max(1, min(3, self.pdf_repeat)),
                    )
                    row["libreoffice_s"] = round(lo_s, 3)
                    row["libreoffice_to_pdf_ratio"] = round(lo_s / pdf_s, 2)
                except wordfiles.ConversionError as exc:
                    row["libreoffice"] = f"error: {exc}"
            else:
                row["libreoffice"] = "not installed"
            results[kind] = row
            self.log(
                f"  {kind:<9} pdf {row['pdf_s']} s  docx {row['docx_s']} s"
                + (f"  libreoffice {row['libreoffice_s']} s" if "libreoffice_s" in row else "")
            )
        return results

    def measure_formats(self):
        """Each document as PDF and .docx (and through LibreOffice), on the organization's
        own data ("demo") and with the stress set added ("stress", rolled back)."""
        self.log("  demo:")
        with transaction.atomic():
            # The kit's standard announcement, where the organization has none (rolled back).
            if not Announcement.objects.filter(organization=self.org, fiscal_year=self.year):
                Announcement.objects.create(
                    organization=self.org,
                    **standard_announcement(
                        organization=self.org,
                        kind=Announcement.Kind.INTEGRITY,
                        fiscal_year=self.year,
                    ),
                )
            report = {"demo": self._time_formats(str(self.order.number) if self.order else None)}
            transaction.set_rollback(True)
        self.log("  stress (30-member order, 17 more long measures):")
        assessment = Assessment.objects.filter(organization=self.org, year=self.year).first()
        with transaction.atomic():
            Announcement.objects.create(
                organization=self.org,
                **standard_announcement(
                    organization=self.org, kind=Announcement.Kind.INTEGRITY, fiscal_year=self.year
                ),
            )
            order = stress.stress_order(self.org, year=self.year, number=9999)
            if assessment is not None:
                stress.stress_measures(assessment)
            report["stress"] = self._time_formats(str(order.number))
            transaction.set_rollback(True)
        return report

    # throughput under gunicorn

    def session_cookie(self, user_key):
        client = self.client(user_key)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )

    def measure_throughput(self, *, workers=None, concurrency=8, requests=400, seconds=15.0):
        workers = workers or int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) * 2 + 1)
        targets = [
            (page.key, self.resolve(page))
            for page in self.pages()
            if page.key in ("minimal", "dashboard")
        ]
        cookie = self.session_cookie("analyst")
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
            results = {"workers": workers, "concurrency": concurrency}
            for key, url in targets:
                # Warm every worker first (templates, URL resolver, connection).
                self._burst(port, url, cookie, concurrency, workers * 10, seconds)
                results[key] = self._burst(port, url, cookie, concurrency, requests, seconds)
                r = results[key]
                self.log(
                    f"  gunicorn {key:<10} {r['requests_per_s']} req/s  "
                    f"p50 {r['median_ms']} ms  p95 {r['p95_ms']} ms  errors {r['errors']}"
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
        headers = {"Cookie": cookie, "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
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
            missed.append(f"page {key}: p95 {r['p95_ms']} ms, {r.get('ratio_to_minimal')}× minimal")
    for key, r in report.get("documents", {}).items():
        if r.get("meets_target") is False:
            missed.append(f"{key}: max {r['max_s']} s (target {PDF_TARGETS_S[key]} s)")
    return {
        "page_p95_ms": PAGE_P95_MS,
        "page_ratio_to_minimal": PAGE_RATIO,
        "pdf_seconds": PDF_TARGETS_S,
        "missed": missed,
    }
