"""Official Thai documents as PDF: one rendering path over WeasyPrint.

A document is an ordinary Django template (it opens in a browser as HTML) that extends
`documents/base.html`; `render_pdf` turns it into a `Document`, the one value that views,
admin actions and `manage.py printdoc` all use. Nothing else imports WeasyPrint.
"""

import base64
import copy
import functools
import hashlib
import io
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import fontpkg_sarabun
from django.http import HttpResponse
from django.template.loader import render_to_string

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
        disposition = "inline" if inline else "attachment"
        # RFC 6266: an ASCII fallback name plus the UTF-8 Thai one.
        ascii_name = self.filename.encode("ascii", "ignore").decode() or "document.pdf"
        response["Content-Disposition"] = (
            f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(self.filename)}"
        )
        return response


def look_pt(th_sarabun_points) -> str:
    """The Sarabun size that looks like `th_sarabun_points` of TH Sarabun New, as CSS."""
    size = Decimal(str(th_sarabun_points)) * SARABUN_PER_TH_SARABUN_POINT
    return f"{size.quantize(Decimal('0.01'))}pt"


# Copying "คำสั่ง" out of a WeasyPrint PDF gave "คาสั่ง" (upstream issue #2841). HarfBuzz's
# Thai shaper always draws SARA AM as NIKHAHIT + SARA AA, and WeasyPrint's ToUnicode map
# gives each glyph the text of the first cluster it was drawn in; so the SARA AA glyph
# reads "า" or "ำ" for the whole document, and a NIKHAHIT+tone ligature reads "" (its
# cluster's text goes to the cluster's last glyph). We therefore print with a copy of
# Sarabun whose SARA AA after a NIKHAHIT (or after each NIKHAHIT+tone ligature) is a glyph
# of its own, identical in shape: each such glyph then always carries "ำ" (or "่ำ", "้ำ",
# "๊ำ", "๋ำ"), and the plain SARA AA keeps "า".
SARA_AA = "uni0E32"
NIKHAHIT_CONTEXTS = {"": ("uni0E4D", "uni0E4D.narrow")} | {
    tone: (f"uni0E4D{tone}", f"uni0E4D{tone}.narrow") for tone in ("0E48", "0E49", "0E4A", "0E4B")
}


def sara_am_font(source: Path) -> bytes:
    """The font at `source` with a separate SARA AA glyph for each SARA AM context."""
    from fontTools.otlLib import builder as otl
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables import otTables

    font = TTFont(source)
    glyf, hmtx = font["glyf"], font["hmtx"]
    classes = font["GDEF"].table.GlyphClassDef if "GDEF" in font else None
    known = set(font.getGlyphOrder())
    clones = {}
    for tone in NIKHAHIT_CONTEXTS:
        clone = clones[tone] = f"{SARA_AA}.saraam{tone}"
        glyf[clone] = copy.deepcopy(glyf[SARA_AA])
        hmtx[clone] = hmtx[SARA_AA]
        if classes:
            classes.classDefs[clone] = classes.classDefs.get(SARA_AA, 1)
    font.setGlyphOrder(list(glyf.glyphOrder))
    font["maxp"].numGlyphs = len(glyf.glyphOrder)
    ids = font.getReverseGlyphMap(rebuild=True)
    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    rules = []
    for tone, before in NIKHAHIT_CONTEXTS.items():
        lookups.append(otl.buildLookup([otl.buildSingleSubstSubtable({SARA_AA: clones[tone]})]))
        record = otTables.SubstLookupRecord()
        record.SequenceIndex, record.LookupListIndex = 0, len(lookups) - 1
        rule = otTables.ChainContextSubst()
        rule.Format = 3
        rule.BacktrackCoverage = [otl.buildCoverage([g for g in before if g in known], ids)]
        rule.InputCoverage = [otl.buildCoverage([SARA_AA], ids)]
        rule.LookAheadCoverage = []
        rule.SubstLookupRecord = [record]
        rules.append(rule)
    # Last in ccmp: it sees the NIKHAHIT+tone ligatures the font's own lookups made.
    lookups.append(otl.buildLookup(rules))
    gsub.LookupList.LookupCount = len(lookups)
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "ccmp":
            record.Feature.LookupListIndex.append(len(lookups) - 1)
            record.Feature.LookupCount = len(record.Feature.LookupListIndex)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / f"itaportal-fonts-{os.getuid()}"


@functools.cache
def document_font(filename: str) -> Path:
    """The printing copy of a Sarabun face, built once per font version and cached on disk."""
    source = FONT_DIR / filename
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = font_cache_dir() / f"{Path(filename).stem}-{digest}.ttf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(sara_am_font(source))
        os.replace(partial, target)  # atomic: other workers see the whole file or none
    return target


def font_faces_css() -> str:
    rules = []
    for weight, style, filename in FONT_FACES:
        url = document_font(filename).as_uri()
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


def _local_fetcher():
    """A WeasyPrint fetcher that loads only our font files and inline data: URIs."""
    from weasyprint.urls import URLFetcher

    font_prefixes = (FONT_DIR.as_uri() + "/", font_cache_dir().as_uri() + "/")

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not (url.startswith("data:") or url.startswith(font_prefixes)):
                raise ValueError(f"documents may not load {url!r}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(fail_on_errors=True)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_local_fetcher()).write_pdf()


def render_pdf(template_name, context, filename, organization=None) -> Document:
    """Render `template_name` with `context` to a PDF `Document` named `filename`."""
    html = render_html(template_name, context, organization)
    return Document(filename=filename, content_type=PDF, content=html_to_pdf(html))
