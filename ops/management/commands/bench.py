import json
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.bench import REPEAT, Bench, machine, measure_linkcheck, targets_summary

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def documents_apart(bench, pdf_repeat):
    """The documents, timed in a process of their own that starts as a worker does.

    Not in the process that timed the pages: Django's test client reconnects
    close_old_connections on every request and each connect leaves a weakref finalizer,
    about 100,000 objects over the pages, which made any full collection inside a PDF
    0.1 s longer than in a serving worker. Nor before the pages in the same process: the
    renders' freed memory left the pages 5-10 % slower."""
    command = [
        sys.executable,
        str(settings.BASE_DIR / "manage.py"),
        "bench",
        "--documents-only",
        f"--org={bench.org.slug}",
        f"--year={bench.year}",
        f"--pdf-repeat={pdf_repeat}",
    ]
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(result.stdout)


class Command(BaseCommand):
    help = (
        "Measure the portal on the data of `seed_scale`: server-side time and SQL queries "
        "of the main pages, PDF rendering time, and gunicorn throughput with concurrent "
        "clients. Prints one JSON report; --write-docs puts the table into a Markdown file. "
        "Run it through `make bench` (production settings, PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", help="slug of the organization to measure (default: middle)")
        parser.add_argument("--year", type=int, help="fiscal year, Buddhist Era (default: last)")
        parser.add_argument("--repeat", type=int, default=REPEAT, help="timed requests per page")
        parser.add_argument("--pdf-repeat", type=int, default=5, help="renders per document")
        parser.add_argument(
            "--levels",
            default="1,4,16",
            help="concurrent gunicorn clients, comma-separated (default 1,4,16)",
        )
        parser.add_argument("--requests", type=int, default=400, help="requests per gunicorn burst")
        parser.add_argument("--seconds", type=float, default=15.0, help="cap on a gunicorn burst")
        parser.add_argument(
            "--workers", type=int, help="gunicorn workers (default WEB_CONCURRENCY)"
        )
        parser.add_argument("--no-gunicorn", action="store_true", help="skip the throughput part")
        parser.add_argument("--no-pdf", action="store_true", help="skip the documents part")
        parser.add_argument(
            "--documents-only",
            action="store_true",
            help="time the documents only (the bench runs this in a process of its own)",
        )
        parser.add_argument(
            "--no-linkcheck", action="store_true", help="skip the link checker's throughput"
        )
        parser.add_argument(
            "--links", type=int, default=200, help="links the checker opens for its throughput"
        )
        parser.add_argument(
            "--explain",
            type=float,
            metavar="MS",
            help="instead of timing: list each page's queries, with the plan of those over MS",
        )
        parser.add_argument("--write-docs", metavar="FILE", help="update the table in FILE")
        parser.add_argument("--output", metavar="FILE", help="also write the JSON report to FILE")

    def handle(self, **options):
        log = self.stderr.write
        try:
            bench = Bench(
                org_slug=options["org"],
                year=options["year"],
                repeat=options["repeat"],
                pdf_repeat=options["pdf_repeat"],
                log=log,
            )
        except Exception as exc:
            raise CommandError(str(exc)) from None
        if options["explain"] is not None:
            bench.explain(options["explain"], log=self.stdout.write)
            return
        if options["documents_only"]:
            self.stdout.write(json.dumps(bench.measure_documents_and_formats(), ensure_ascii=False))
            return
        started = time.monotonic()
        report = {
            "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(),
            "data": bench.data_summary(),
        }
        if report["machine"]["debug"]:
            log("WARNING: DEBUG is on; production figures need DEBUG=0 (make bench sets it)")
        log(f"pages of {bench.org.slug}, year {bench.year} ({options['repeat']} requests each):")
        report["pages"] = bench.measure_pages()
        if not options["no_pdf"]:
            report.update(documents_apart(bench, options["pdf_repeat"]))
        if not options["no_gunicorn"]:
            log("gunicorn throughput:")
            try:
                report["throughput"] = bench.measure_throughput(
                    workers=options["workers"],
                    levels=[int(x) for x in options["levels"].split(",") if x.strip()],
                    requests=options["requests"],
                    seconds=options["seconds"],
                )
            except RuntimeError as exc:
                report["throughput"] = {"status": "error", "error": str(exc)}
        if not options["no_linkcheck"]:
            log("link checker:")
            report["linkcheck"] = measure_linkcheck(
                year=bench.year, links=options["links"], organizations=7850, log=log
            )
        report["targets"] = targets_summary(report)
        report["bench_seconds"] = round(time.monotonic() - started, 1)
        text = json.dumps(report, ensure_ascii=False, indent=2)
        self.stdout.write(text)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
        if options["write_docs"]:
            write_docs(Path(options["write_docs"]), report)
            log(f"wrote the figures into {options['write_docs']}")


def markdown(report):
    m, d = report["machine"], report["data"]
    lines = [
        f"Measured {report['when']} by `manage.py bench` (what `make bench` runs) on: "
        f"{m.get('nproc')} CPU "
        f"({m.get('cpu', '?')}), {m.get('memory_gb', '?')} GB RAM; Python {m['python']}, "
        f"Django {m['django']}, PostgreSQL {m.get('postgresql', '-')} "
        f"({m['database']}), gunicorn {m.get('gunicorn', '-')}; DEBUG={int(m['debug'])}, "
        f"CONN_MAX_AGE={m['conn_max_age']}, "
        f"prepared statements {'on' if m.get('prepared_statements') else 'off'}; "
        "load average at the start "
        f"{' / '.join(map(str, m.get('load_average', [])))}; reference loop "
        f"{m.get('reference_loop_ms', '?')} ms (1,000,000 pure-Python additions, best of 5: "
        "compare machines by it).",
        "",
        f"Data: {d['organizations']:,} organizations × {len(d['years'])} fiscal years "
        f"({', '.join(map(str, d['years']))}); "
        + ", ".join(f"{label.split('.')[1]} {count:,}" for label, count in d["rows"].items())
        + f". Measured as `{d['benchmarked_organization']}`, year {d['benchmarked_year']}.",
        "",
        "Each page is timed request by request interleaved with a bare Django view (default "
        "middleware, a 20-row template) in the same process; `× bare` is p95 over the bare "
        "view's p95 of the same run, after 10 requests of the page to warm up (its statements "
        "prepared and planned); `first ms` is the page's first request in the process; "
        "`queries` are one request's, in brackets the first seeded organization's (another "
        "size and kind), and tests/ops/test_query_counts.py holds every page to the same "
        "count with one organization of one year. "
        "Target: p95 under 30 ms and at most 10× bare (the minimal page at most 2×).",
        "",
        "| page | user | queries (first org.) | first ms | median ms | p95 ms | bare p95 ms "
        "| × bare | load | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, r in report["pages"].items():
        if "p95_ms" in r:
            ok = r.get("meets_target")
            lines.append(
                f"| {r['title']} (`{key}`) | {r['user']} | {r['queries']}"
                + (
                    f" ({r['queries_first_organization']})"
                    if "queries_first_organization" in r
                    else ""
                )
                + f" | {r.get('first_ms', '')} | {r['median_ms']} | {r['p95_ms']} "
                f"| {r['bare_p95_ms']} "
                f"| {r['ratio_to_bare']} | {r['load_average'][1]} "
                f"| {'' if ok is None else ('ok' if ok else '**missed**')} |"
            )
        else:
            lines.append(f"| {r['title']} (`{key}`) | | {r['status']} | | | | | | | |")
    if report.get("documents"):
        lines += [
            "",
            "| document | laid out: median s | max s | kept: median s | target s | |",
            "|---|---:|---:|---:|---:|---|",
        ]
        from ops.bench import PDF_TARGETS_S

        for key, r in report["documents"].items():
            target = PDF_TARGETS_S.get(key, "")
            if r.get("status") == "ok":
                met = r.get("meets_target")
                lines.append(
                    f"| `{key}` | {r['median_s']} | {r['max_s']} | {r.get('kept_median_s', '')} "
                    f"| {target} | {'' if met is None else ('ok' if met else '**missed**')} |"
                )
            else:
                lines.append(f"| `{key}` | {r.get('status')} | | | {target} | |")
    formats = report.get("document_formats")
    if formats:
        lines += [
            "",
            "Each document laid out cold as PDF, beside its .docx and LibreOffice converting "
            "that .docx (`soffice --headless`, cold, as a server would run it), on the "
            "organization's data and with the stress set (a 30-member order, 17 more long "
            "measures). Target: the measures report faster than LibreOffice.",
            "",
            "| data | document | PDF cold s | PDF kept s | .docx s | LibreOffice s "
            "| LibreOffice ÷ PDF | target |",
            "|---|---|---:|---:|---:|---:|---:|---|",
        ]
        for data, rows in formats.items():
            for kind, r in rows.items():
                if r.get("status") != "ok":
                    lines.append(
                        f"| {data} | {kind} | {r.get('error', r.get('status'))} | | | | | |"
                    )
                    continue
                ratio = r.get("libreoffice_to_pdf_ratio")
                met = {None: "", True: "ok", False: "**missed**"}[r.get("meets_target")]
                lines.append(
                    f"| {data} | {kind} | {r['pdf_s']} | {r['pdf_kept_s']} | {r['docx_s']} "
                    f"| {r.get('libreoffice_s', r.get('libreoffice', ''))} | {ratio or ''} "
                    f"| {met} |"
                )
    t = report.get("throughput")
    if t and "runs" in t:
        lines += [
            "",
            f"gunicorn as `make serve` runs it ({t['workers']} sync workers), clients on "
            "loopback sharing the machine's CPUs:",
            "",
            "| page | concurrent clients | requests | errors | req/s | median ms | p95 ms | load |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in t["runs"]:
            lines.append(
                f"| `{r['page']}` | {r['concurrency']} | {r['requests']} | {r['errors']} "
                f"| {r['requests_per_s']} | {r['median_ms']} | {r['p95_ms']} | {r['load_average']} |"
            )
    elif t:
        lines += ["", f"gunicorn throughput: {t.get('status')} {t.get('error', '')}".strip()]
    lc = report.get("linkcheck")
    if lc:
        lines += [
            "",
            f"OIT link checker, one worker against a local server: "
            f"**{lc['links_per_second_per_worker']} links/s** ({lc['ms_per_link']} ms per link, "
            f"{lc['links']} links, pages and PDFs). A night for {lc['organizations']:,} "
            f"organizations × {lc['links_per_organization']} links, adding an assumed "
            f"{lc['assumed_remote_seconds_per_link']} s of network time per link, "
            f"{lc['links_at_a_time_per_worker']} links at a time per worker:",
            "",
            "| workers | " + " | ".join(lc["nightly_hours_by_workers"]) + " |",
            "|---|" + "---:|" * len(lc["nightly_hours_by_workers"]),
            "| hours | "
            + " | ".join(str(h) for h in lc["nightly_hours_by_workers"].values())
            + " |",
        ]
    missed = report["targets"]["missed"]
    lines += ["", "Targets missed: " + ("; ".join(missed) if missed else "none") + "."]
    return "\n".join(lines)


def write_docs(path, report):
    body = f"{BEGIN}\n{markdown(report)}\n{END}"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            text = re.sub(
                re.escape(BEGIN) + ".*?" + re.escape(END), lambda _m: body, text, flags=re.S
            )
        else:
            text = text.rstrip() + "\n\n## Latest figures\n\n" + body + "\n"
    else:
        text = "# Benchmarks\n\n## Latest figures\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")
