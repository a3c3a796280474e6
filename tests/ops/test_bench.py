"""The benchmark's parts that run without PostgreSQL or gunicorn: which pages and
documents it times, the rows it reports, and what it says when there is nothing to time."""

import pytest

from committees.documents import order_document
from measures.documents import measures_report_document, memo_document
from ops.bench import Bench
from ops.scale import Seeder
from tests import word

pytestmark = pytest.mark.django_db

YEAR = 2566


def quiet(_message):
    pass


@pytest.fixture
def seeded(db):
    Seeder(2, 1, last_year=YEAR, log=quiet).run()
    return Bench(org_slug="scale-00001", year=YEAR, pdf_repeat=1, log=quiet)


def test_every_page_resolves_and_answers_for_its_user(seeded):
    pages = seeded.pages()
    keys = [page.key for page in pages]
    # Every role's home page and the OIT answers list (the slowest page) are measured.
    for key in ("home_analyst", "home_mayor", "home_staff", "oit_list", "oit_answer", "memo"):
        assert key in keys
    assert {page.user for page in pages} == {"", "analyst", "mayor", "staff"}
    for page in pages:
        client = seeded.client(page.user, raise_errors=True)
        assert client.get(seeded.resolve(page), secure=True).status_code == 200, page.key


def test_the_bare_view_runs_on_djangos_default_middleware_only(seeded):
    bare = seeded.bare_client()
    response = bare.get("/bare/", secure=True)

    assert response.status_code == 200
    assert response.content.decode().count("<tr><td>") == 20
    assert "Content-Security-Policy" not in response.headers  # none of the portal's middleware
    names = [type(m).__name__ for m in _chain(bare.handler._middleware_chain)]
    assert "AxesMiddleware" not in names and "CSPMiddleware" not in names


def _chain(handler):
    while handler is not None and hasattr(handler, "get_response"):
        yield handler
        handler = handler.get_response


def test_a_page_is_reported_as_a_ratio_to_the_bare_view_timed_beside_it(seeded):
    seeded.repeat = 3
    page = next(p for p in seeded.pages() if p.key == "dashboard")

    result = seeded.measure_page(page, seeded.bare_client())

    assert result["n"] == 3 and result["queries"] > 0
    assert result["first_ms"] > 0
    assert result["ratio_to_bare"] == pytest.approx(
        result["p95_ms"] / result["bare_p95_ms"], rel=0.02
    )
    assert len(result["load_average"]) == 2


def test_documents_are_timed_through_the_renderers_printdoc_uses(seeded):
    renderers = {key: render for key, render, _number in seeded.documents()}
    assert renderers == {
        "order_pdf": order_document,
        "memo_pdf": memo_document,
        "measures_report_pdf": measures_report_document,
    }
    results = seeded.measure_documents()
    assert {key: r["status"] for key, r in results.items()} == dict.fromkeys(renderers, "ok")
    assert all(r["bytes"] > 1000 and r["n"] == 1 for r in results.values())


def test_the_data_summary_counts_the_rows_of_every_app(seeded):
    summary = seeded.data_summary()
    assert summary["organizations"] == 2
    assert summary["years"] == [YEAR]
    rows = summary["rows"]
    assert rows["itaportal.Organization"] == 2
    for label in ("assessments.Assessment", "committees.Order", "measures.Memo"):
        assert rows[label] == 2, label
    for label in ("oit.OITAnswer", "oit.AnswerEvent", "measures.Measure"):
        assert rows[label] > 2, label
    assert rows["measures.Acknowledgement"] >= 2  # at least one on each memo


def test_an_organization_without_an_assessment_is_refused_with_a_reason(org):
    with pytest.raises(RuntimeError, match="has no assessment"):
        Bench(org_slug=org.slug, log=quiet)


def test_a_database_without_seeded_organizations_is_refused(org):
    with pytest.raises(RuntimeError, match="run `manage.py seed_scale` first"):
        Bench(log=quiet)


def test_the_link_checker_throughput_and_the_nightly_estimate(seeded):
    from oit.models import LinkCheck
    from ops.bench import NIGHTLY_WORKERS, REMOTE_SECONDS_PER_LINK, measure_linkcheck

    report = measure_linkcheck(year=YEAR, links=10, organizations=7850, log=quiet)

    assert report["verdicts"] == {"ok": 10}  # every page and PDF of the local server passes
    assert report["links_per_second_per_worker"] > 0
    hours = report["nightly_hours_by_workers"]
    assert list(hours) == [str(w) for w in NIGHTLY_WORKERS]
    # Twice the workers, half the night.
    assert hours["2"] == pytest.approx(hours["1"] / 2, rel=0.01)
    per_link = (report["ms_per_link"] / 1000 + REMOTE_SECONDS_PER_LINK) / 2  # 2 at a time
    expected = 7850 * report["links_per_organization"] * per_link / 3600
    assert hours["1"] == pytest.approx(expected, rel=0.01)
    assert not LinkCheck.objects.exists()  # the bench leaves no rows behind


def test_each_document_is_timed_as_pdf_and_docx_on_demo_and_stress_data(seeded, monkeypatch):
    from committees.models import Order
    from itaportal import wordfiles
    from measures.models import Measure

    monkeypatch.setattr(wordfiles, "soffice_path", lambda: None)
    orders, measures = Order.objects.count(), Measure.objects.count()
    report = seeded.measure_formats()
    assert set(report) == {"demo", "stress"}
    for data in report.values():
        assert set(data) == {"order", "memo", "measures", "progress", "integrity"}
        for kind, row in data.items():
            assert row["status"] == "ok", (kind, row)
            assert row["pdf_bytes"] > 1000 and row["docx_bytes"] > 1000
            assert row["docx_to_pdf_ratio"] > 0
            assert row["libreoffice"] == "not installed"
            # Timed both ways: laid out cold (what LibreOffice is compared with) and kept.
            assert row["pdf_s"] > 0 and row["pdf_kept_s"] > 0
    # The stress set made bigger documents, and was rolled back afterwards.
    assert report["stress"]["order"]["docx_bytes"] > report["demo"]["order"]["docx_bytes"]
    assert (Order.objects.count(), Measure.objects.count()) == (orders, measures)


@word.needs_soffice
def test_libreoffice_converts_the_same_docx_in_the_same_run(seeded, monkeypatch):
    monkeypatch.setattr(
        seeded, "format_documents", lambda number: [("order", order_document, number)]
    )
    report = seeded.measure_formats()
    row = report["stress"]["order"]
    assert row["libreoffice_s"] > 0
    assert row["libreoffice_to_pdf_ratio"] > 0


def test_the_report_shows_the_libreoffice_ratio_and_misses_a_report_slower_than_it():
    from ops.bench import beats_libreoffice, targets_summary
    from ops.management.commands.bench import markdown

    def row(kind, pdf_s, libreoffice_s):
        # As measure_formats writes it.
        row = {
            "status": "ok",
            "pdf_s": pdf_s,
            "pdf_kept_s": 0.01,
            "docx_s": 0.1,
            "libreoffice_s": libreoffice_s,
            "libreoffice_to_pdf_ratio": round(libreoffice_s / pdf_s, 2),
        }
        if (met := beats_libreoffice(kind, pdf_s, libreoffice_s)) is not None:
            row["meets_target"] = met
        return row

    report = {
        "when": "2026-12-05 01:00 UTC",
        "machine": {
            "python": "3.11",
            "django": "5.2",
            "database": "postgresql",
            "debug": False,
            "conn_max_age": 60,
        },
        "data": {
            "organizations": 1,
            "years": [2570],
            "rows": {},
            "benchmarked_organization": "x",
            "benchmarked_year": 2570,
        },
        "pages": {},
        "document_formats": {
            "demo": {"order": row("order", 0.15, 0.9), "measures": row("measures", 1.5, 1.2)},
            "stress": {"measures": row("measures", 3.8, 4.5)},
        },
    }
    report["targets"] = targets_summary(report)
    text = markdown(report)
    assert "| demo | order | 0.15 | 0.01 | 0.1 | 0.9 | 6.0 |  |" in text
    assert "| demo | measures | 1.5 | 0.01 | 0.1 | 1.2 | 0.8 | **missed** |" in text
    assert "| stress | measures | 3.8 | 0.01 | 0.1 | 4.5 | 1.18 | ok |" in text
    assert report["targets"]["missed"] == ["measures (demo): LibreOffice 0.8× the cold PDF's time"]
