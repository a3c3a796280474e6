"""The migrations that move evidence and emblems to random names keep every row and every
file's bytes: rows are made at the old state through the historical models, with files
under the old predictable names, and compared after migrating forward."""

import re
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from measures.models import Evidence, MeasureReport
from tests.conftest import png_bytes
from tests.measures import factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("measures", "0001_initial"), ("itaportal", "0001_initial")]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# original name, stored bytes, the type the migration must find
OLD_EVIDENCE = [
    ("คำสั่ง.pdf", b"%PDF-1.4 order", "application/pdf"),
    ("ภาพกิจกรรม.PNG", png_bytes(), "image/png"),
    ("แผน.docx", b"PK\x03\x04 plan", DOCX),
    ("หน้าเว็บ.pdf", b"<html><script>alert(1)</script>", "application/octet-stream"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def old_state(org, other_org):
    """Rows and files as the portal stored them before: evidence/<yyyy>/<mm>/<measure>-
    <report>.<ext> with no content type and size 0, and emblems/<slug>.png. Yields
    {pk: (stored name, bytes)} of the evidence rows."""
    measure = factories.measure(factories.assessment(org), 7)
    report = MeasureReport.objects.create(measure=measure, year=2566, quarter=1, text="ผล")
    old_apps = migrate(BEFORE)
    try:
        OldEvidence = old_apps.get_model("measures", "Evidence")
        OldOrganization = old_apps.get_model("itaportal", "Organization")
        made = {}
        for name, content, _ in OLD_EVIDENCE:
            ext = name.rsplit(".", 1)[1].lower()
            path = f"evidence/2026/11/{measure.pk}-{report.pk}.{ext}"
            path = default_storage.save(path, ContentFile(content))  # two PDFs: _xyz suffix
            row = OldEvidence.objects.create(report_id=report.pk, file=path, original_name=name)
            made[row.pk] = (path, content)
        gone = OldEvidence.objects.create(
            report_id=report.pk, file="evidence/2026/11/lost.pdf", original_name="หาย.pdf", size=9
        )
        made[gone.pk] = ("evidence/2026/11/lost.pdf", None)
        emblem = default_storage.save("emblems/thotsop.png", ContentFile(png_bytes()))
        OldOrganization.objects.filter(pk=org.pk).update(emblem=emblem)
        yield made
    finally:
        migrate_to_latest()


# Each test migrates back and forth (seconds each), so one test checks the whole move.
def test_evidence_and_emblems_move_to_random_names_with_every_row_and_byte_kept(
    old_state, org, other_org
):
    migrate_to_latest()
    moved = {e.pk: e for e in Evidence.objects.all()}
    assert set(moved) == set(old_state)
    for (name, content, content_type), pk in zip(OLD_EVIDENCE, old_state, strict=False):
        evidence, old_path = moved[pk], old_state[pk][0]
        assert evidence.original_name == name
        assert re.fullmatch(r"evidence/[0-9a-f]{32}\.\w+", evidence.file.name)
        with evidence.file.open("rb") as stored:
            assert stored.read() == content
        assert (evidence.content_type, evidence.size) == (content_type, len(content))
        assert not default_storage.exists(old_path)
    # A row whose file was already missing is kept as it was.
    [lost] = Evidence.objects.filter(original_name="หาย.pdf")
    assert (lost.file.name, lost.size) == ("evidence/2026/11/lost.pdf", 9)

    org.refresh_from_db()
    assert re.fullmatch(r"emblems/[0-9a-f]{32}\.png", org.emblem.name)
    with org.emblem.open("rb") as stored:
        assert stored.read() == png_bytes()
    assert not default_storage.exists("emblems/thotsop.png")
    other_org.refresh_from_db()
    assert not other_org.emblem


def test_a_migration_that_fails_half_way_leaves_every_old_file_in_place(old_state):
    real_save = default_storage.save
    calls = []

    def fail_on_the_third(name, content, **kwargs):
        if name.startswith("evidence/"):
            calls.append(name)
            if len(calls) == 3:
                raise OSError("disk full")
        return real_save(name, content, **kwargs)

    with mock.patch.object(default_storage, "save", fail_on_the_third):
        with pytest.raises(OSError):
            migrate_to_latest()
    for old_path, content in old_state.values():
        if content is not None:
            with default_storage.open(old_path, "rb") as stored:
                assert stored.read() == content
    assert not any(default_storage.exists(name) for name in calls[:2])  # copies removed
    migrate_to_latest()  # and it goes through once the disk is fixed
    assert Evidence.objects.count() == len(old_state)
