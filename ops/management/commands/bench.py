import json
import re
import time
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.bench import Bench, machine, targets_summary

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


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
        parser.add_argument("--repeat", type=int, default=50, help="requests per page")
        parser.add_argument("--pdf-repeat", type=int, default=5, help="renders per document")
        parser.add_argument("--concurrency", type=int, default=8, help="gunicorn client threads")
        parser.add_argument("--requests", type=int, default=400, help="requests per gunicorn burst")
        parser.add_argument("--seconds", type=float, default=15.0, help="cap on a gunicorn burst")
        parser.add_argument(
            "--workers", type=int, help="gunicorn workers (default WEB_CONCURRENCY)"
        )
        parser.add_argument("--no-gunicorn", action="store_true", help="skip the throughput part")
        parser.add_argument("--no-pdf", action="store_true", help="skip the documents part")
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
            log(f"documents ({options['pdf_repeat']} renders each):")
            report["documents"] = bench.measure_documents()
            log("documents as PDF, as .docx, and the .docx through LibreOffice:")
            report["document_formats"] = bench.measure_formats()
        if not options["no_gunicorn"]:
            log("gunicorn throughput:")
            try:
                report["throughput"] = bench.measure_throughput(
                    workers=options["workers"],
                    concurrency=options["concurrency"],
                    requests=options["requests"],
                    seconds=options["seconds"],
                )
            except RuntimeError as exc:
                report["throughput"] = {"status": "error", "error": str(exc)}
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
        f"CONN_MAX_AGE={m['conn_max_age']}; load average at the start "
        f"{' / '.join(map(str, m.get('load_average', [])))}.",
        "",
        f"Data: {d['organizations']:,} organizations × {len(d['years'])} fiscal years "
        f"({', '.join(map(str, d['years']))}); "
        + ", ".join(f"{label.split('.')[1]} {count:,}" for label, count in d["rows"].items())
        + f". Measured as `{d['benchmarked_organization']}`, year {d['benchmarked_year']}.",
        "",
        "| page | status | queries (first org.) | median ms | p95 ms | median CPU ms "
        "| × minimal | target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for key, r in report["pages"].items():
        if "p95_ms" in r:
            ratio = r.get("ratio_to_minimal")
            ok = r.get("meets_target")
            lines.append(
                f"| {r['title']} (`{key}`) | {r['status']} | {r['queries']}"
                + (
                    f" ({r['queries_first_organization']})"
                    if "queries_first_organization" in r
                    else ""
                )
                + f" | {r['median_ms']} "
                f"| {r['p95_ms']} | {r.get('median_cpu_ms', '')} | {'' if ratio is None else ratio} "
                f"| {'' if ok is None else ('ok' if ok else '**missed**')} |"
            )
        else:
            lines.append(f"| {r['title']} (`{key}`) | {r['status']} | | | | | | |")
    if report.get("documents"):
        lines += ["", "| document | median s | max s | target s | |", "|---|---:|---:|---:|---|"]
        from ops.bench import PDF_TARGETS_S

        for key, r in report["documents"].items():
            if r.get("status") == "ok":
                lines.append(
                    f"| `{key}` | {r['median_s']} | {r['max_s']} | {PDF_TARGETS_S[key]} "
                    f"| {'ok' if r['meets_target'] else '**missed**'} |"
                )
            else:
                lines.append(f"| `{key}` | {r.get('status')} | | {PDF_TARGETS_S[key]} | |")
    t = report.get("throughput")
    if t and "workers" in t:
        lines += [
            "",
            f"gunicorn, {t['workers']} sync workers, {t['concurrency']} concurrent clients "
            "on loopback (the clients share the machine's CPUs):",
            "",
            "| page | requests | errors | req/s | median ms | p95 ms |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for key in ("minimal", "dashboard"):
            if key in t:
                r = t[key]
                lines.append(
                    f"| `{key}` | {r['requests']} | {r['errors']} | {r['requests_per_s']} "
                    f"| {r['median_ms']} | {r['p95_ms']} |"
                )
    elif t:
        lines += ["", f"gunicorn throughput: {t.get('status')} {t.get('error', '')}".strip()]
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
