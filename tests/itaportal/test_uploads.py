import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from itaportal import uploads
from tests.conftest import png_bytes


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("คำสั่ง.pdf", b"%PDF-1.7\n", "application/pdf"),
        ("ภาพ.PNG", png_bytes(), "image/png"),
        ("แผน.docx", b"PK\x03\x04rest", uploads.ALLOWED_DOCUMENTS[".docx"][0]),
        ("งบ.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "application/vnd.ms-excel"),
    ],
)
def test_documents_of_the_allowed_kinds_pass_with_their_content_type(name, content, content_type):
    upload = uploads.validate_document(SimpleUploadedFile(name, content))
    assert uploads.sniff_content_type(upload, name) == content_type
    assert upload.tell() == 0  # left ready to be stored


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("setup.exe", b"MZ\x90\x00", "ไม่รับไฟล์ชนิดนี้"),
        ("page.html", b"<html>", "ไม่รับไฟล์ชนิดนี้"),
        ("renamed.pdf", b"MZ\x90\x00", "ไม่ตรงกับนามสกุล"),
        ("empty.pdf", b"", "ว่างเปล่า"),
    ],
)
def test_other_files_are_refused_in_thai(name, content, message):
    with pytest.raises(ValidationError, match=message):
        uploads.validate_document(SimpleUploadedFile(name, content))


def test_a_file_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_DOCUMENT_BYTES", 8)
    with pytest.raises(ValidationError, match="เกิน 20 MB"):
        uploads.validate_document(SimpleUploadedFile("big.pdf", b"%PDF-1.7 and more"))


def test_the_field_reports_every_refused_file():
    field = uploads.DocumentsField()
    files = [SimpleUploadedFile("a.exe", b"MZ"), SimpleUploadedFile("b.pdf", b"nope")]
    with pytest.raises(ValidationError) as caught:
        field.clean(files)
    assert len(caught.value.messages) == 2


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://x.go.th/a", "www.x.go.th", "data:,x"]
)
def test_only_web_links_are_accepted(link):
    with pytest.raises(ValidationError, match="https://"):
        uploads.validate_web_link(link)
    assert (
        uploads.validate_web_link("https://www.nongprung.go.th/ita")
        == "https://www.nongprung.go.th/ita"
    )
