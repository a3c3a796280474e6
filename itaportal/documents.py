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
from urllib.parse import unquote, urlsplit

import fontpkg_sarabun
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from itaportal import thai
from itaportal.models import User

PDF = "application/pdf"

# Sarabun draws larger than TH Sarabun New at the same point size. 10.55 pt of Sarabun
# sets a Thai line as long as 16 pt TH Sarabun New: at this size the seed memo's body
# lines break where its Word file breaks them (docs/documents.md has the measurements).
# Every size in the documents goes through `look_pt`, so the official sizes (16, 20,
# 29 pt) stay readable in the templates.
SARABUN_PER_TH_SARABUN_POINT = Decimal("10.55") / Decimal(16)
# Word's "single" line spacing for TH Sarabun New is its ascent + descent, 1.30 em of the
# official size: 20.8 pt at 16 pt. Sarabun's own "normal" would give far less.
WORD_SINGLE_LINE = Decimal("1.30")

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


# Part of the cache key: change it whenever `sara_am_font` changes what it builds.
PRINTING_FONT_VERSION = b"sara-am-1"


@functools.cache
def font_cache_dir() -> Path:
    """A folder only this user can write, shared by this user's processes; a private new
    one if the shared name was taken by someone else (no one may slip us a font)."""
    path = Path(tempfile.gettempdir()) / f"itaportal-fonts-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    info = path.lstat()
    if path.is_symlink() or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return Path(tempfile.mkdtemp(prefix="itaportal-fonts-"))
    return path


@functools.cache
def document_font(filename: str) -> Path:
    """The printing copy of a Sarabun face, built once per font version and cached on disk."""
    source = FONT_DIR / filename
    digest = hashlib.sha256(source.read_bytes() + PRINTING_FONT_VERSION).hexdigest()[:16]
    target = font_cache_dir() / f"{Path(filename).stem}-{digest}.ttf"
    if not target.exists():
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(sara_am_font(source))
        os.replace(partial, target)  # atomic: other workers see the whole file or none
    return target


@functools.cache
def _advances(filename="Sarabun-Regular.ttf"):
    from fontTools.ttLib import TTFont

    font = TTFont(FONT_DIR / filename)
    hmtx = font["hmtx"]
    widths = {code: hmtx[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, font["head"].unitsPerEm


def text_width_cm(text, look_points=16, bold=False) -> float:
    """How wide `text` prints on one line at `look_points` (TH Sarabun New points), from
    the font's advance widths; enough to size a column to its longest entry."""
    widths, units_per_em = _advances("Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf")
    size = float(Decimal(str(look_points)) * SARABUN_PER_TH_SARABUN_POINT)
    em = sum(widths.get(ord(ch), units_per_em // 2) for ch in str(text)) / units_per_em
    return em * size / 72 * 2.54


# Widest unit a web page keeps on one line: about half a phone's width.
PAGE_MAX_CHARS = 24
# Widest unit a table cell keeps whole: a person's name with title and surname fits (the
# columns are as wide as their widest units); a longer one is cut at its spaces, and a
# part still longer into its words.
CELL_MAX_CHARS = 40


@dataclass(frozen=True)
class ColumnText:
    """What one table column prints, for `column_widths`: its cells' `texts` (a cell
    may give several, one per paragraph) and its `heading` (bold). `whole` keeps each
    text on one line (an order's roles); otherwise a cell breaks between the
    `thai.line_units` of its text, so its widest unit decides how narrow it may be.
    `fixed_cm` gives the column a width of its own; a column that does not `grow` keeps
    the narrowest width its texts allow."""

    texts: tuple = ()
    heading: str = ""
    min_cm: float = 1.0
    max_cm: float | None = None
    whole: bool = False
    fixed_cm: float | None = None
    padding_cm: float = 0.45
    grow: bool = True


def _widest_unit_cm(column, words, look_points, max_chars):
    if column.whole:
        body = [text_width_cm(t.strip(), look_points) for t in column.texts if t]
    else:
        body = [
            text_width_cm(unit.strip(), look_points)
            for text in column.texts
            for unit in thai.line_units(text, words, max_chars)
        ]
    heading = [
        text_width_cm(unit.strip(), look_points, bold=True)
        for unit in thai.line_units(column.heading, words, max_chars)
    ]
    return max([0, *body, *heading])


def column_widths(columns, total_cm, *, words=(), look_points=14, max_chars=CELL_MAX_CHARS):
    """Widths in cm, summing to `total_cm`, for table columns described by `ColumnText`s.

    No column is narrower than its widest unbreakable unit (a word, a name, a number)
    with the cell's padding, nor than `min_cm`; the rest of the width goes to the
    columns in proportion to how much text they print, none beyond `max_cm`. Only when
    the units cannot fit side by side at all are the columns squeezed, in proportion
    (and the CSS `overflow-wrap: break-word` breaks what still does not fit). The PDF and
    the Word file of a table take the same widths, so their lines break alike.
    """
    words = tuple(sorted(set(words)))
    fixed = sum(c.fixed_cm for c in columns if c.fixed_cm is not None)
    free = [c for c in columns if c.fixed_cm is None]
    room = total_cm - fixed
    floors, caps, amounts = [], [], []
    for column in free:
        cap = column.max_cm if column.max_cm is not None else room
        unit = _widest_unit_cm(column, words, look_points, max_chars) + column.padding_cm
        floor = min(max(column.min_cm, unit), max(cap, column.min_cm))
        floors.append(floor)
        caps.append(max(cap, floor))
        amount = sum(text_width_cm(t, look_points) for t in column.texts if t)
        amounts.append(amount if column.grow else 0)
    if sum(floors) >= room or not free:
        scale = room / sum(floors) if floors else 0
        widths = [f * scale for f in floors]
    elif sum(caps) <= room:
        # Every column at its widest and room to spare: spread it alike.
        spare = (room - sum(caps)) / len(caps)
        widths = [c + spare for c in caps]
    else:
        # Water-filling: width = amount × k within [floor, cap], k found by bisection.
        def fill(k):
            return [min(c, max(f, k * a)) for f, c, a in zip(floors, caps, amounts, strict=True)]

        low, high = 0.0, 1.0
        while sum(fill(high)) < room and high < 1e9:
            high *= 2
        for _ in range(60):
            middle = (low + high) / 2
            low, high = (middle, high) if sum(fill(middle)) < room else (low, middle)
        widths = fill(high)
        widths = [w * room / sum(widths) for w in widths]
    spread = iter(widths)
    result = [c.fixed_cm if c.fixed_cm is not None else next(spread) for c in columns]
    rounded = [round(w, 2) for w in result]
    # Rounding must not change the sum: the last free column takes the difference.
    last = max(i for i, c in enumerate(columns) if c.fixed_cm is None) if free else None
    if last is not None:
        rounded[last] = round(total_cm - sum(rounded) + rounded[last], 2)
    return rounded


def line_pt(th_sarabun_points) -> str:
    """Word's single line pitch for `th_sarabun_points` of TH Sarabun New, as CSS."""
    pitch = Decimal(str(th_sarabun_points)) * WORD_SINGLE_LINE
    return f"{pitch.quantize(Decimal('0.01'))}pt"


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


def _pango_breaks(text) -> set[int]:
    """The offsets in `text` before which Pango (libthai for Thai) may break a line."""
    from weasyprint.text.line_break import get_log_attrs

    attrs = get_log_attrs(text, "th")
    return {i for i in range(1, len(text)) if attrs[i].is_line_break}


def line_breaking_html(text, words=(), max_chars=None):
    """`text` as HTML that breaks lines only where `thai.line_units` allows.

    A ZERO WIDTH SPACE offers each allowed break between Thai words. Pango would still
    break where libthai's own dictionary sees a word boundary, so a unit in which it
    would break is kept in a `nobr` span. (A WORD JOINER does not work: Pango then
    breaks Thai anywhere.) Only the units Pango would split get a span, because many
    inline boxes make WeasyPrint's layout several times slower.
    """
    if text is None or text == "":
        return ""
    words = words if type(words) is tuple else tuple(sorted(set(words)))
    return _line_breaking_html(str(text), words, max_chars)


def page_breaking_html(text, words=(), max_chars=PAGE_MAX_CHARS):
    """`text` as HTML for a web page: a unit of `thai.line_units` (a name, a compound, a
    number with its era) that a line breaker would split is kept in a `nobr` span, and
    the browser breaks between the others. No ZERO WIDTH SPACE is added, so the page's
    text copies and searches as typed. Libthai's breaks (Pango's) stand in for the
    browser's, both being dictionary breakers for Thai; a unit longer than `max_chars`
    is left to the browser, so that it cannot overflow a phone's screen."""
    if text is None or text == "":
        return ""
    if type(words) is not tuple:
        # The page's `keep_words` is page_words' sorted tuple behind a lazy object.
        words = tuple(words) if isinstance(words, tuple) else tuple(sorted(set(words)))
    return _line_breaking_html(str(text), words, max_chars, zwsp=False)


# Pages and documents render the same titles and names again and again; the markup of
# each (text, names) is kept per process for the most recent texts.
@functools.lru_cache(maxsize=8192)
def _line_breaking_html(text, words, max_chars, zwsp=True):
    parts, before = [], ""
    for unit in thai.line_units(text, words, max_chars):
        if zwsp and before and thai.break_before(before, unit):
            parts.append(thai.ZWSP)
        parts.append(unit)
        before = unit
    joined = "".join(parts)
    breaks = _pango_breaks(joined)
    out, position = [], 0
    for part in parts:
        end = position + len(part)
        word = part.rstrip()
        # A word wider than a narrow cell is left to Pango (and, at worst, to
        # `overflow-wrap`), so that it breaks rather than runs over the cell's edge.
        too_long = max_chars is not None and len(word) > max_chars
        if (
            len(word) > 1
            and not too_long
            and any(position < b < position + len(word) for b in breaks)
        ):
            out.append(f'<span class="nobr">{escape(word)}</span>{escape(part[len(word) :])}')
        else:
            out.append(escape(part))
        position = end
    return mark_safe("".join(out))


def keep_words(people=(), titles=()) -> list[str]:
    """Words for `thai.line_units`: people's names whole (title, name and surname on one
    line), and the space-separated parts of positions and other titles."""
    words = [name for name in people if name]
    words += [part for title in titles if title for part in title.split()]
    return words


def organization_words(organization) -> list[str]:
    """The names of an organization that lines must not split: its own names, its
    district and province, its departments, its people and their positions."""
    if organization is None:
        return []
    titles = [organization.name, organization.short_name, organization.district]
    titles += [organization.province, f"อำเภอ{organization.district}"]
    titles += [f"จังหวัด{organization.province}"]
    # Plain values, not model objects: pages read these on every request.
    for name, head_title in organization.departments.values_list("name", "head_title"):
        titles += [name, head_title]
    people = []
    for prefix, first, last, position in organization.users.filter(is_active=True).values_list(
        "name_prefix", "first_name", "last_name", "position_title"
    ):
        people.append(User.name_as_printed(prefix, first, last))
        titles.append(position)
    return keep_words(people, titles)


# Pages ask for the organization's words on every request; a document reads them fresh.
PAGE_WORDS_SECONDS = 60


def _page_words_key(organization_id):
    return f"page-words:{organization_id}"


def page_words(organization) -> tuple[str, ...]:
    """`organization_words` sorted, as the `thai_text` filter of pages takes them, kept in
    the cache for a minute: pages read them on every request, and only line breaking
    depends on them. A change of a name, department or person drops the key (signals in
    itaportal/signals.py), so the process that saved it, and every process when the cache
    is shared, sees the change at once; another process's local cache within the minute."""
    if organization is None:
        return ()
    key = _page_words_key(organization.pk)
    words = cache.get(key)
    if words is None:
        words = tuple(sorted(set(organization_words(organization))))
        cache.set(key, words, PAGE_WORDS_SECONDS)
    return words


def forget_page_words(organization_id) -> None:
    cache.delete(_page_words_key(organization_id))


def document_context(organization=None, words=(), **context):
    """The context every document template gets: fonts, sizes, the emblem, and the
    names (`keep_words`) that the `lines` filter keeps on one line."""
    return {
        "keep_words": tuple(sorted({*organization_words(organization), *words})),
        "font_faces_css": font_faces_css(),
        "pt": {size: look_pt(size) for size in (12, 14, 15, 16, 18, 20, 24, 29)},
        "lh": {size: line_pt(size) for size in (12, 14, 15, 16, 18, 20, 24, 29)},
        "organization": organization,
        "emblem": emblem_data_uri(organization) if organization is not None else None,
        **context,
    }


def render_html(template_name, context, organization=None, words=()) -> str:
    return render_to_string(template_name, document_context(organization, words, **context))


def allowed_url(url):
    """Whether a document may load `url`: inline data, or a file inside the font folder or
    the printing fonts' cache once `..`, symbolic links and %-escapes are resolved (a
    prefix test on the URL text would let `fonts/../../etc/passwd` through)."""
    if url.startswith("data:"):
        return True
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    folders = (FONT_DIR.resolve(), font_cache_dir().resolve())
    return any(path.is_relative_to(folder) for folder in folders) and path.is_file()


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


def render_pdf(template_name, context, filename, organization=None, words=()) -> Document:
    """Render `template_name` with `context` to a PDF `Document` named `filename`;
    `words` are names from the data, besides the organization's, kept on one line. An
    unchanged document is served from its kept file (itaportal/keptdocs.py)."""
    from itaportal import keptdocs

    html = render_html(template_name, context, organization, words)
    return Document(filename=filename, content_type=PDF, content=keptdocs.pdf_of(html, html_to_pdf))


def warm_up() -> None:
    """Lay out a one-page Thai document so that WeasyPrint's modules, its default styles and
    the fonts are loaded before the first user's print (gunicorn calls this in the master
    process before it forks its workers). Touches no database.

    Also cuts a Thai text into words, which loads pythainlp's dictionary: 420,000 small
    objects that pages and documents use for line breaking. Loaded here, they are frozen
    with the rest (itaportal.worker) and shared by the workers; loaded by a worker's first
    page, every full collection of that worker scanned them (about 0.2 s each)."""
    html_to_pdf(render_html("documents/sample.html", {"paragraphs": ["ทดสอบการจัดหน้า ๑๒๓"]}))
    thai.line_units("ทดสอบการตัดคำภาษาไทย")
