"""A failed write leaves nothing half-done: a full disk or a database that fails during
an upload answers in Thai on the form with the typed text kept, and no file stays on disk
that no row names."""

import errno

import pytest
from django.core.files.storage import filesystem
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse

from itaportal.uploads import STORAGE_FAILED
from measures.forms import default_quarter
from measures.models import Evidence, MeasureReport
from tests.conftest import png_bytes
from tests.measures import factories

TEXT = "จัดอบรมเจ้าหน้าที่ ๒ ครั้ง"


@pytest.fixture
def measure(org, office, finance):
    factories.departments(org)
    return factories.seed_measures(org)[6]


def files_under(path):
    return [p for p in path.rglob("*") if p.is_file()]


def report_post(client, measure):
    pdf = SimpleUploadedFile("หลักฐาน.pdf", b"%PDF-1.4\n" + b"x" * 50_000, "application/pdf")
    return client.post(
        reverse("measures:report_add", kwargs={"pk": measure.pk}),
        {"quarter": str(default_quarter(measure)), "text": TEXT, "links": "", "files": pdf},
    )


@pytest.fixture
def full_disk(monkeypatch):
    """The disk fills up after the first few kilobytes of any file the storage writes."""
    real_fdopen = filesystem.os.fdopen

    class FillingFile:
        def __init__(self, handle):
            self.handle, self.written = handle, 0

        def write(self, data):
            if self.written + len(data) > 4096:
                self.handle.write(data[: 4096 - self.written])
                self.handle.flush()
                raise OSError(errno.ENOSPC, "No space left on device")
            self.written += len(data)
            return self.handle.write(data)

        def close(self):
            return self.handle.close()

    monkeypatch.setattr(
        filesystem.os, "fdopen", lambda fd, mode: FillingFile(real_fdopen(fd, mode))
    )


def test_a_full_disk_keeps_the_typed_report_and_leaves_no_partial_file(
    login, analyst, measure, media, full_disk
):
    response = report_post(login(analyst), measure)
    assert response.status_code == 503
    assert STORAGE_FAILED in response.context["form"].non_field_errors()
    assert TEXT in response.content.decode()
    assert not MeasureReport.objects.exists()
    assert not Evidence.objects.exists()
    assert files_under(media) == []


@pytest.mark.django_db(transaction=True)
def test_a_commit_that_fails_removes_the_evidence_it_stored(
    client, org, office, finance, analyst, media, monkeypatch
):
    factories.departments(org)
    measure = factories.seed_measures(org)[6]
    real_commit = BaseDatabaseWrapper.commit
    failing = {"on": True}

    def commit(connection):
        if failing["on"] and MeasureReport.objects.using(connection.alias).exists():
            failing["on"] = False
            connection.rollback()
            raise OperationalError("disk I/O error")
        return real_commit(connection)

    monkeypatch.setattr(BaseDatabaseWrapper, "commit", commit)
    client.force_login(analyst)
    response = report_post(client, measure)
    assert response.status_code == 503
    assert TEXT in response.content.decode()
    assert not MeasureReport.objects.exists()
    assert files_under(media) == []


def test_a_new_emblem_replaces_the_old_file_on_disk(
    login, analyst, org, media, django_capture_on_commit_callbacks
):
    client = login(analyst)
    data = {
        "name": org.name, "short_name": org.short_name, "kind": org.kind,
        "district": org.district, "province": org.province, "memo_prefix": "",
        "phone": "", "website": "", "website_domains": "",
    }  # fmt: skip
    for color in ((200, 0, 0), (0, 0, 200)):
        emblem = SimpleUploadedFile("e.png", png_bytes(color=color), "image/png")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("organization_settings"), {**data, "emblem": emblem})
        assert response.status_code == 302
    org.refresh_from_db()
    assert [p.relative_to(media).as_posix() for p in files_under(media)] == [org.emblem.name]


def noise_png(side=200):
    """A PNG that does not compress: larger than the full disk's few kilobytes."""
    import io
    import os

    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_full_disk_while_storing_the_emblem_leaves_the_old_one(
    login, analyst, org, media, full_disk, emblem_png
):
    from django.core.files.base import ContentFile

    org.emblem.save("old.png", ContentFile(emblem_png))  # small enough to fit
    before = org.emblem.name
    big = SimpleUploadedFile("e.png", noise_png(), "image/png")
    data = {
        "name": org.name, "short_name": "ชื่อใหม่", "kind": org.kind,
        "district": org.district, "province": org.province, "memo_prefix": "",
        "phone": "", "website": "", "website_domains": "", "emblem": big,
    }  # fmt: skip
    response = login(analyst).post(reverse("organization_settings"), data)
    assert response.status_code == 503
    assert "ชื่อใหม่" in response.content.decode()
    org.refresh_from_db()
    assert org.emblem.name == before and org.short_name != "ชื่อใหม่"
    assert [p.relative_to(media).as_posix() for p in files_under(media)] == [before]
