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
    keys = [page.key for page in seeded.pages()]
    assert keys == [
        "healthz",
        "minimal",
        "dashboard",
        "approval_queue",
        "measures_mine",
        "measures_list",
        "order",
        "public_page",
        "public_json",
    ]
    for page in seeded.pages():
        client = seeded.client(page.user, raise_errors=True)
        assert client.get(seeded.resolve(page), secure=True).status_code == 200, page.key


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
