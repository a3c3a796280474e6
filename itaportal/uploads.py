"""Documents people attach (OIT answer files, evidence of measures): one rule for all.

PDF, images and Office files up to 20 MB each. The extension must be on the list and the
first bytes must agree with it, so a renamed program or page is refused. How accepted
files are stored and served is in itaportal/attachments.py.
"""

import contextlib
import contextvars
import functools
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

PDF = (b"%PDF-",)
ZIP = (b"PK\x03\x04",)  # docx/xlsx/pptx and the OpenDocument files are zip archives
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # doc/xls/ppt of Office 97-2003
# extension -> (content type, the signatures its first bytes may start with)
ALLOWED_DOCUMENTS = {
    ".pdf": ("application/pdf", PDF),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
    ".doc": ("application/msword", OLE),
    ".xls": ("application/vnd.ms-excel", OLE),
    ".ppt": ("application/vnd.ms-powerpoint", OLE),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    ".odp": ("application/vnd.oasis.opendocument.presentation", ZIP),
}
ALLOWED_LABEL = (
    "PDF, รูปภาพ (PNG, JPEG, GIF, WebP) หรือไฟล์ Office (Word, Excel, PowerPoint, OpenDocument)"
)
ACCEPT = ",".join(ALLOWED_DOCUMENTS)


def sniff_content_type(file, name):
    """The content type of a document whose extension is on the list and whose first bytes
    agree with it; None for anything else. `file` is left at its start."""
    entry = ALLOWED_DOCUMENTS.get(PurePosixPath(name or "").suffix.lower())
    if entry is None:
        return None
    content_type, signatures = entry
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if not any(head.startswith(sig) for sig in signatures):
        return None
    if content_type == "image/webp" and head[8:12] != b"WEBP":
        return None
    return content_type


def validate_document(upload):
    """Refuse a file that is too large, empty, of a type not allowed, or whose bytes
    disagree with its extension."""
    name = upload.name or "ไฟล์"
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(f"ไฟล์ “{name}” ใหญ่เกิน 20 MB กรุณาย่อขนาดหรือแบ่งไฟล์")
    if upload.size == 0:
        raise ValidationError(f"ไฟล์ “{name}” ว่างเปล่า")
    ext = PurePosixPath(name).suffix.lower()
    if ext not in ALLOWED_DOCUMENTS:
        raise ValidationError(f"ไม่รับไฟล์ชนิดนี้ (“{name}”) รับเฉพาะ {ALLOWED_LABEL}")
    if sniff_content_type(upload, name) is None:
        raise ValidationError(
            f"เนื้อไฟล์ “{name}” ไม่ตรงกับนามสกุล {ext} (อาจเปลี่ยนชื่อนามสกุลมา) กรุณาแนบไฟล์ต้นฉบับ"
        )
    return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several documents in one field; each is checked by `validate_document`, and every
    refusal is reported (not only the first)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", f"{ALLOWED_LABEL} ไม่เกิน 20 MB ต่อไฟล์")
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        errors, files = [], []
        for upload in uploads:
            if not upload:
                continue
            try:
                files.append(validate_document(super().clean(upload, initial)))
            except ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)
        return files


WEB_LINK = URLValidator(schemes=["http", "https"])
WEB_LINK_MESSAGE = "ลิงก์ต้องขึ้นต้นด้วย https:// หรือ http:// เช่น https://www.example.go.th/"


def validate_web_link(value):
    """An http(s) address, refused with a Thai message otherwise (no javascript:, ftp: …)."""
    try:
        WEB_LINK(value)
    except ValidationError:
        raise ValidationError(WEB_LINK_MESSAGE, code="invalid") from None
    return value


# The files stored inside the running `atomic_with_files` service, if any.
_stored_in_transaction = contextvars.ContextVar("stored_in_transaction", default=None)

STORAGE_FAILED = (
    "บันทึกไม่สำเร็จเพราะระบบจัดเก็บข้อมูลขัดข้อง ข้อความที่กรอกยังอยู่ในฟอร์ม "
    "กรุณาเลือกไฟล์ใหม่แล้วบันทึกอีกครั้ง หรือแจ้งผู้ดูแลระบบหากยังไม่สำเร็จ"
)


def _delete(fieldfiles):
    for fieldfile in fieldfiles:
        with contextlib.suppress(OSError):
            fieldfile.storage.delete(fieldfile.name)


@contextlib.contextmanager
def files_removed_on_error():
    """For a service that stores files inside its transaction: if it fails, the rows that
    named the files roll back, so the files are deleted too (Django has on_commit but no
    on_rollback). Yields `keep(fieldfile)`, to call right after each file is stored.
    Inside `atomic_with_files` the files also go if the commit itself fails."""
    stored = []
    outer = _stored_in_transaction.get()

    def keep(fieldfile):
        stored.append(fieldfile)
        if outer is not None:
            outer.append(fieldfile)

    try:
        yield keep
    except BaseException:
        _delete(stored)
        raise


def atomic_with_files(service):
    """`transaction.atomic` for a service that stores files: a failed transaction leaves
    no file behind, whether the service raised, the database refused a row, or the
    commit itself failed (the files are written first, then the rows commit, and the
    files are removed when the rows do not)."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        stored = []
        token = _stored_in_transaction.set(stored)
        try:
            with transaction.atomic():
                return service(*args, **kwargs)
        except BaseException:
            _delete(stored)
            raise
        finally:
            _stored_in_transaction.reset(token)

    return wrapper
