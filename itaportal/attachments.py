"""Files people attach, and the one way the portal hands any stored file back.

Every kind of attached file (OIT answer files, evidence of measures) is an `Attachment`:
stored under a random name in its kind's folder, with the original name, the content type
sniffed from its bytes, its size, who uploaded it and when. The organization's emblem is a
single image field rather than a list of attachments, but it is named, checked and served
by the same rules.

`serve_file` is the only view helper that returns an uploaded file. The bytes are
whatever a user sent, so the browser is told not to guess their type, and to open them as
a sandboxed, unique origin that can run nothing and load nothing: even a file that is
HTML after all cannot reach the portal's cookies or pages.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property

from itaportal.uploads import sniff_content_type

# An opaque origin (sandbox without allow-* tokens): no scripts, forms or popups, nothing
# fetched, never framed; inline styles only, which the browsers' own image viewers use.
# Chromium's PDF viewer still shows PDFs under this policy (checked with Chromium 156).
FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
UNKNOWN_TYPE = "application/octet-stream"


def random_name(folder, filename):
    """`folder/<32 random hex digits><extension>`: the original name is kept in the row,
    never trusted as a path, and a stored file's name tells nothing about its owner."""
    ext = PurePosixPath(filename or "").suffix.lower()[:10]
    return f"{folder}/{uuid.uuid4().hex}{ext}"


def attachment_upload_to(attachment, filename):
    return random_name(attachment.upload_folder, filename)


def move_to_random_name(fieldfile, folder, *, keep, sniff_as=""):
    """Copy a stored file to a random name in `folder` and point `fieldfile` at the copy;
    return the content type sniffed from its bytes (as if named `sniff_as`), or None.

    For the migrations that rename files stored under the predictable names of before
    (each runs in one transaction). The old file is deleted only once that transaction
    commits, so a migration that fails leaves every row naming a file that still exists;
    `keep` (of `files_removed_on_error`) then removes the copies.
    """
    storage, old_name = fieldfile.storage, fieldfile.name
    with storage.open(old_name, "rb") as stored:
        content_type = sniff_content_type(stored, sniff_as) or sniff_content_type(stored, old_name)
        fieldfile.name = storage.save(random_name(folder, old_name), stored)
    keep(fieldfile)
    transaction.on_commit(lambda: storage.delete(old_name))
    return content_type


def opens_inline(content_type):
    """PDFs and images open in the browser; everything else (Office files) downloads."""
    return content_type == "application/pdf" or content_type.startswith("image/")


class Attachment(models.Model):
    """A file attached to some record; each concrete kind adds the foreign key to its
    owner and names its `upload_folder`."""

    upload_folder = "attachments"

    file = models.FileField("ไฟล์", upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField("ชื่อไฟล์เดิม", max_length=255)
    content_type = models.CharField("ชนิดไฟล์", max_length=100, blank=True)
    size = models.PositiveIntegerField("ขนาด (ไบต์)", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="อัปโหลดโดย",
    )
    uploaded_at = models.DateTimeField("อัปโหลดเมื่อ", auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @cached_property
    def is_inline(self):
        return opens_inline(self.content_type)

    @classmethod
    def store(cls, upload, *, keep, uploaded_by, original_name=None, **owner):
        """Store `upload` under a random name and save its row. `keep` is the callable of
        `uploads.files_removed_on_error`, so the file goes if the transaction fails.
        The content type comes from the bytes, never from what the browser claimed."""
        name = (original_name or PurePosixPath(upload.name).name)[:255]
        attachment = cls(
            original_name=name,
            content_type=sniff_content_type(upload, name) or UNKNOWN_TYPE,
            size=upload.size,
            uploaded_by=uploaded_by,
            **owner,
        )
        attachment.file.save(name, upload, save=False)
        keep(attachment.file)
        attachment.save()
        return attachment


def serve_file(source, *, original_name=None, content_type=None):
    """The response for a stored file, `source` being an `Attachment` or a field file.

    For a field file, `original_name` is the name the browser offers when saving, and a
    missing `content_type` is sniffed from the stored bytes. Only PDFs and images open
    inline; the rest download. A file missing from storage answers 404.
    """
    if isinstance(source, Attachment):
        fieldfile = source.file
        original_name = original_name or source.original_name
        content_type = content_type or source.content_type
    else:
        fieldfile = source
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except OSError:
        raise Http404 from None
    original_name = original_name or PurePosixPath(fieldfile.name).name
    if not content_type:
        content_type = sniff_content_type(handle, fieldfile.name)
    content_type = content_type or UNKNOWN_TYPE
    response = FileResponse(
        handle,
        as_attachment=not opens_inline(content_type),
        filename=original_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    # Private files: no shared cache keeps them, and a browser asks again each time,
    # so a file that stops being public stops being served at once.
    patch_cache_control(response, private=True, no_cache=True)
    return response
