"""Official Thai documents as PDF: one rendering path over WeasyPrint.

A document is an ordinary Django template (it opens in a browser as HTML) that extends
`documents/base.html`; `render_pdf` turns it into a `Document`, the one value that views,
admin actions and `manage.py printdoc` all use. Nothing else imports WeasyPrint.
"""

import base64
import mimetypes
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit

import fontpkg_sarabun
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

PDF = "application/pdf"

# Sarabun draws larger than TH Sarabun New at the same point size: 10.9 pt of Sarabun
# has the x-height of 16 pt TH Sarabun New. Every size in the documents goes through
# `look_pt`, so the official sizes (16, 20, 29 pt) stay readable in the templates.
SARABUN_PER_TH_SARABUN_POINT = Decimal("10.9") / Decimal(16)

FONT_DIR = fontpkg_sarabun.ROOT / "files"
FONT_FACES = [
    ("normal", "normal", "Sarabun-Regular.ttf"),
    ("bold", "normal", "Sarabun-Bold.ttf"),
    ("normal", "italic", "Sarabun-Italic.ttf"),
    ("bold", "italic", "Sarabun-BoldItalic.ttf"),
]


class DocumentError(Exception):
    """A document cannot be made from the data as it is (the message is Thai)."""


@dataclass(frozen=True)
class Document:
    filename: str
    content_type: str
    content: bytes

    def as_response(self, inline=True):
        response = HttpResponse(self.content, content_type=self.content_type)
        # Django's helper quotes and encodes the name (RFC 6266), so a name made of typed
        # data (a memo number) can never break the header.
        response["Content-Disposition"] = content_disposition_header(
            not inline, self.filename or "document.pdf"
        )
        return response


def look_pt(th_sarabun_points) -> str:
    """The Sarabun size that looks like `th_sarabun_points` of TH Sarabun New, as CSS."""
    size = Decimal(str(th_sarabun_points)) * SARABUN_PER_TH_SARABUN_POINT
    return f"{size.quantize(Decimal('0.01'))}pt"


def font_faces_css() -> str:
    rules = []
    for weight, style, filename in FONT_FACES:
        url = (FONT_DIR / filename).as_uri()
        rules.append(
            "@font-face { font-family: 'Sarabun Document'; "
            f"src: url('{url}'); font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def emblem_data_uri(organization):
    """The organization's uploaded emblem as a data: URI, or None for the empty slot.

    Read through the storage API, so it works with local disk and object storage alike.
    """
    emblem = getattr(organization, "emblem", None)
    if not emblem:
        return None
    try:
        with emblem.open("rb") as fh:
            data = fh.read()
    except (FileNotFoundError, OSError):
        return None
    mime = mimetypes.guess_type(emblem.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def document_context(organization=None, **context):
    """The context every document template gets: fonts, sizes and the emblem."""
    return {
        "font_faces_css": font_faces_css(),
        "pt": {size: look_pt(size) for size in (12, 14, 15, 16, 18, 20, 24, 29)},
        "organization": organization,
        "emblem": emblem_data_uri(organization) if organization is not None else None,
        **context,
    }


def render_html(template_name, context, organization=None) -> str:
    return render_to_string(template_name, document_context(organization, **context))


def allowed_url(url):
    """Whether a document may load `url`: inline data, or a file inside the font folder
    once `..`, symbolic links and %-escapes are resolved (a prefix test on the URL text
    would let `fonts/../../etc/passwd` through)."""
    if url.startswith("data:"):
        return True
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return path.is_relative_to(FONT_DIR.resolve()) and path.is_file()


def _local_fetcher():
    """A WeasyPrint fetcher that loads only our font files and inline data: URIs."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not allowed_url(url):
                raise ValueError(f"documents may not load {url!r}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(fail_on_errors=True)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    try:
        return HTML(string=html, url_fetcher=_local_fetcher()).write_pdf()
    except FatalURLFetchingError as exc:
        # A BaseException: uncaught it would kill the worker instead of answering.
        raise DocumentError("เอกสารอ้างถึงไฟล์ที่ไม่อนุญาตให้ใช้ จึงสร้างเอกสารไม่ได้") from exc


def render_pdf(template_name, context, filename, organization=None) -> Document:
    """Render `template_name` with `context` to a PDF `Document` named `filename`."""
    html = render_html(template_name, context, organization)
    return Document(filename=filename, content_type=PDF, content=html_to_pdf(html))
