"""Rendered PDFs kept by content, so that printing an unchanged document is instant.

A document's HTML is cheap to make (a template over the data); laying it out as a PDF is
not (WeasyPrint: most of a second for the measures report). The PDF is kept on the media
store under the hash of everything that decides it: the HTML (which holds the data, the
emblem and the styles) and the renderer (WeasyPrint's version and the source of
`itaportal/documents.py`). Any change of the data makes another HTML and so another key:
nothing is ever stale, and nothing needs invalidating. Background tasks render the
documents of a year after its data changes (ops/tasks.py), so the next print finds the
file kept; old files are pruned after `KEEP_DAYS` unused.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import threading
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

logger = logging.getLogger(__name__)

FOLDER = "documents/kept"
KEEP_DAYS = 30

_local = threading.local()


@contextmanager
def laid_out_afresh():
    """Within this block documents are laid out even when kept (the benchmark's cold timing)."""
    _local.afresh = True
    try:
        yield
    finally:
        _local.afresh = False


@cache
def renderer_version() -> str:
    import weasyprint

    from itaportal import documents

    source = Path(documents.__file__).read_bytes()
    return f"{weasyprint.__version__}:{hashlib.sha256(source).hexdigest()[:16]}"


def key_for(html: str) -> str:
    digest = hashlib.sha256(renderer_version().encode())
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def path_for(html: str) -> str:
    return f"{FOLDER}/{key_for(html)}.pdf"


def kept(html: str) -> bytes | None:
    """The kept PDF of `html`, or None."""
    path = path_for(html)
    try:
        with default_storage.open(path, "rb") as f:
            return f.read()
    except (FileNotFoundError, OSError):
        return None


def pdf_of(html: str, render) -> bytes:
    """The PDF of `html`: the kept one, or `render(html)` kept for next time. A store
    that cannot keep it (full disk, read-only) still gives the freshly rendered PDF."""
    content = None if getattr(_local, "afresh", False) else kept(html)
    if content is not None:
        return content
    content = render(html)
    path = path_for(html)
    try:
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(content))
    except OSError:
        logger.warning("could not keep a rendered document at %s", path, exc_info=True)
    return content


def prune(now=None, keep_days=KEEP_DAYS) -> int:
    """Delete kept PDFs not written for `keep_days`; return how many went."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=keep_days)
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, OSError):
        return 0
    gone = 0
    for name in files:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                gone += 1
        except (FileNotFoundError, OSError, NotImplementedError):
            continue
    return gone
