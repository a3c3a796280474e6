"""The one rule for attached files: stored under random names with the type their bytes
show, and handed back only by `serve_file`, which never lets a browser run or guess them."""

from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from itaportal.attachments import FILE_CSP, serve_file
from itaportal.uploads import ALLOWED_DOCUMENTS, files_removed_on_error
from measures.models import Evidence, MeasureReport
from tests.conftest import assert_served_as_upload, png_bytes
from tests.measures import factories

DOCX = ALLOWED_DOCUMENTS[".docx"][0]


def stored(name, content, content_type):
    """An unsaved attachment row naming a file really in storage."""
    path = default_storage.save(f"evidence/{name}", ContentFile(content))
    return Evidence(file=path, original_name=name, content_type=content_type, size=len(content))


def body(response):
    return b"".join(response.streaming_content)


def test_a_pdf_opens_in_the_browser_sandboxed_and_unguessed():
    response = serve_file(stored("คำสั่ง.pdf", b"%PDF-1.7 x", "application/pdf"))
    assert_served_as_upload(response, "inline")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == FILE_CSP
    assert body(response) == b"%PDF-1.7 x"


def test_an_image_opens_in_the_browser():
    response = serve_file(stored("ภาพ.png", png_bytes(), "image/png"))
    assert_served_as_upload(response, "inline")
    assert response["Content-Type"] == "image/png"


def test_an_office_file_downloads_under_its_thai_name():
    response = serve_file(stored("แผนปฏิบัติการ 2570.docx", b"PK\x03\x04rest", DOCX))
    assert_served_as_upload(response, "attachment")
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''{quote('แผนปฏิบัติการ 2570.docx')}"
    )


def test_no_shared_cache_keeps_a_file_and_the_browser_asks_again():
    response = serve_file(stored("a.pdf", b"%PDF-1.7", "application/pdf"))
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= directives


def test_a_field_file_without_a_type_is_served_with_the_type_its_bytes_show():
    evidence = stored("ตรา.png", png_bytes(), "")
    response = serve_file(evidence.file, original_name="ตรา.png")
    assert_served_as_upload(response, "inline")
    assert response["Content-Type"] == "image/png"
    assert quote("ตรา.png") in response["Content-Disposition"]


def test_a_page_disguised_as_an_image_downloads_as_bytes():
    evidence = stored("ภาพ.png", b"<html><script>alert(1)</script>", "")
    response = serve_file(evidence.file)
    assert_served_as_upload(response, "attachment")
    assert response["Content-Type"] == "application/octet-stream"


def test_a_row_whose_file_is_gone_answers_404():
    evidence = stored("a.pdf", b"%PDF-1.7", "application/pdf")
    default_storage.delete(evidence.file.name)
    with pytest.raises(Http404):
        serve_file(evidence)
    with pytest.raises(Http404):
        serve_file(Evidence().file)  # no file at all


def test_storing_an_upload_takes_a_random_name_and_the_type_of_its_bytes(db, measure_report):
    # The browser claims a type; only the bytes count.
    upload = SimpleUploadedFile("../../รายงาน ผล.PDF", b"%PDF-1.7 x", content_type="text/html")
    with files_removed_on_error() as keep:
        evidence = Evidence.store(upload, keep=keep, uploaded_by=None, report=measure_report)
    evidence.refresh_from_db()
    assert evidence.original_name == "รายงาน ผล.PDF"
    assert evidence.file.name.startswith("evidence/") and evidence.file.name.endswith(".pdf")
    assert len(evidence.file.name) == len("evidence/") + 32 + len(".pdf")
    assert (evidence.content_type, evidence.size) == ("application/pdf", 10)
    assert evidence.file.read() == b"%PDF-1.7 x"


def test_two_uploads_of_the_same_name_never_share_a_stored_name(db, measure_report):
    with files_removed_on_error() as keep:
        names = {
            Evidence.store(
                SimpleUploadedFile("a.pdf", b"%PDF-1.7"), keep=keep, uploaded_by=None,
                report=measure_report,
            ).file.name
            for _ in range(2)
        }  # fmt: skip
    assert len(names) == 2


@pytest.fixture
def measure_report(org):
    measure = factories.measure(factories.assessment(org), 7)
    return MeasureReport.objects.create(measure=measure, year=2566, quarter=1, text="ผล")
