"""Official Thai documents as Word (.docx): the building blocks, over python-docx.

The clerk makes the last edits in Word before signing, so every document the portal
prints as PDF is also offered as .docx, built from the same context as the PDF and in
the same layout: A4, left 3 cm and right 2 cm, landscape sections for the wide tables
with header rows that repeat, Thai digits, the emblem, `- ๒ -` at the top from page 2,
and the organization's font at 16 pt. The file names the font (TH SarabunIT๙ or TH
Sarabun New); it does not embed it.

The per-document builders live beside each app's documents code and return the same
`Document` value as the PDF renderers. Nothing else imports python-docx.
"""

import io
import os
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from itaportal import thai
from itaportal.documents import FONT_DIR, Document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The fonts an organization may choose (Organization.document_font); the first is the default.
FONTS = ("TH SarabunIT๙", "TH Sarabun New")
BODY_PT = 16

A4_SHORT, A4_LONG = Cm(21), Cm(29.7)
# (top, right, bottom, left), as the PDFs' @page rules.
PORTRAIT_MARGINS = (Cm(2.5), Cm(2), Cm(2), Cm(3))
LANDSCAPE_MARGINS = (Cm(2), Cm(1.5), Cm(1.5), Cm(2))
PORTRAIT_TEXT_WIDTH = Cm(16)
LANDSCAPE_TEXT_WIDTH = Cm(29.7 - 2 - 1.5)
INDENT = Cm(2.5)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
# Thai distributed justification: Word spreads a line between its characters, as the
# official documents are set, where plain justify can only stretch spaces.
JUSTIFY = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY

DRAFT_MARK = "ร่าง"

# What follows an element in its parent, by the OOXML schema (Word refuses a file whose
# elements are out of order; python-docx knows the order only of what it writes itself).
SECT_PR_AFTER_PG_NUM_TYPE = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip
RPR_AFTER_SZ_CS = (
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
TBL_PR_AFTER_LAYOUT = ("w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
TC_PR_AFTER_SHD = (
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip

VML_WATERMARK = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    "<w:pict>"
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
    '<v:textpath on="t" fitshape="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:320pt;height:160pt;'
    "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#c0c0c0" '
    'stroked="f"><v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{mark}"/>'
    "</v:shape></w:pict></w:r>"
)


class Bold(str):
    """Cell text printed bold."""


@dataclass(frozen=True)
class FullRow:
    """A table row of one cell across all columns (a group heading), bold and shaded."""

    text: str


@dataclass(frozen=True)
class Column:
    """A table column: its heading (or None under a grouped heading) and width in cm."""

    heading: str | None
    width_cm: float


class WordDocument:
    """One official document being built: A4 portrait first, landscape sections on demand.

    `draft` puts the "ร่าง" watermark behind every page, as the PDF does.
    """

    def __init__(self, organization=None, *, draft=False, title=""):
        self.organization = organization
        self.font = font_for(organization)
        self.draft = draft
        self.doc = new_document()
        self.doc.core_properties.title = title
        self.doc.core_properties.language = "th-TH"
        self._set_default_font()
        section = self.doc.sections[0]
        self._page(section, landscape=False)
        # No number on the first page; "- ๒ -" from page 2 on.
        section.different_first_page_header_footer = True
        self._page_number(section.header)
        if draft:
            self._watermark(section.header)
            self._watermark(section.first_page_header)

    # Page set-up ---------------------------------------------------------------------

    def _set_default_font(self):
        normal = self.doc.styles["Normal"]
        normal.font.name = self.font
        normal.font.size = Pt(BODY_PT)
        rpr = normal.element.get_or_add_rPr()
        set_run_fonts(rpr, self.font, BODY_PT)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
        lang.set(qn("w:val"), "th-TH")
        lang.set(qn("w:bidi"), "th-TH")
        # The template's defaults name theme fonts (Calibri…); name ours there too.
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                for key in list(fonts.keys()):
                    if key.lower().endswith("theme"):
                        del fonts.attrib[key]
            for rpr in defaults.iter(qn("w:rPr")):
                set_run_fonts(rpr, self.font, BODY_PT)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        # The default template's table style would set its own sizes: inherit Normal.
        for style_name in ("Table Grid", "Header"):
            try:
                style = self.doc.styles[style_name]
            except KeyError:
                continue
            set_run_fonts(style.element.get_or_add_rPr(), self.font, BODY_PT)

    @staticmethod
    def _page(section, *, landscape):
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = A4_LONG, A4_SHORT
            margins = LANDSCAPE_MARGINS
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = A4_SHORT, A4_LONG
            margins = PORTRAIT_MARGINS
        (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin) = (
            margins
        )
        section.header_distance = Cm(1.2)
        section.footer_distance = Cm(1)
        # Page numbers counted in Thai digits (the PAGE field below follows this).
        sect_pr = section._sectPr
        pg = sect_pr.find(qn("w:pgNumType"))
        if pg is None:
            pg = OxmlElement("w:pgNumType")
            # Word rejects a file whose elements are out of the schema's order.
            sect_pr.insert_element_before(pg, *SECT_PR_AFTER_PG_NUM_TYPE)
        pg.set(qn("w:fmt"), "thaiNumbers")

    def _page_number(self, header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = CENTER
        paragraph.add_run("- ")
        add_field(paragraph, "PAGE", "๒")
        paragraph.add_run(" -")

    def _watermark(self, header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        paragraph._p.append(parse_xml(VML_WATERMARK.format(font=self.font, mark=DRAFT_MARK)))

    def new_section(self, *, landscape):
        """Start a new page in a section of its own orientation; numbering runs on."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape=landscape)
        section.different_first_page_header_footer = False
        return section

    @property
    def text_width(self):
        section = self.doc.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    # Content ---------------------------------------------------------------------------

    def paragraph(
        self,
        text="",
        *,
        align=None,
        bold=False,
        size=None,
        indent=False,
        first_line=None,
        left=None,
        space_before=0,
        keep_with_next=False,
        container=None,
    ):
        """A paragraph of `text` (Thai digits already applied by the caller, as in the
        templates). `indent` is the 2.5 cm first-line indent of body paragraphs."""
        paragraph = (container or self.doc).add_paragraph()
        fmt = paragraph.paragraph_format
        if align is not None:
            paragraph.alignment = align
        if indent:
            fmt.first_line_indent = INDENT
        if first_line is not None:
            fmt.first_line_indent = first_line
        if left is not None:
            fmt.left_indent = left
        if space_before:
            fmt.space_before = Pt(space_before)
        if keep_with_next:
            fmt.keep_with_next = True
        if text:
            self.run(paragraph, text, bold=bold, size=size)
        return paragraph

    def run(self, paragraph, text, *, bold=False, size=None):
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
            run.font.cs_bold = True
        if size:
            set_run_fonts(run._r.get_or_add_rPr(), self.font, size)
        return run

    def body(self, text, **kwargs):
        """A body paragraph: 2.5 cm first-line indent, 6 pt before, distributed."""
        kwargs.setdefault("space_before", 6)
        return self.paragraph(text, indent=True, align=JUSTIFY, **kwargs)

    def emblem(self, height_cm, *, align=CENTER, paragraph=None):
        """The organization's emblem `height_cm` high; without one, its empty space."""
        paragraph = paragraph if paragraph is not None else self.paragraph(align=align)
        data = emblem_bytes(self.organization)
        if data is None:
            paragraph.paragraph_format.space_before = Cm(height_cm)
            return paragraph
        paragraph.add_run().add_picture(io.BytesIO(data), height=Cm(height_cm))
        return paragraph

    def table(self, columns, rows, *, header_rows=None, caption=None, font_size=None):
        """A bordered table whose caption and heading rows repeat on every page.

        `columns` is a list of Column; `rows` a list of cells, each a string or a list
        of paragraphs (strings). `header_rows` are extra heading rows above the column
        headings, each a list of (text, span) pairs.
        """
        heading_rows = []
        if caption:
            heading_rows.append([(caption, len(columns))])
        heading_rows += header_rows or []
        if any(c.heading is not None for c in columns):
            heading_rows.append([(c.heading or "", 1) for c in columns])
        table = self.doc.add_table(rows=0, cols=len(columns))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [Cm(c.width_cm) for c in columns]
        for spec in heading_rows:
            row = table.add_row()
            mark_header_row(row)
            position = 0
            for text, span in spec:
                cell = row.cells[position]
                if span > 1:
                    cell = cell.merge(row.cells[position + span - 1])
                self._cell(cell, text, bold=True, align=CENTER, size=font_size)
                position += span
        for values in rows:
            row = table.add_row()
            if isinstance(values, FullRow):
                cell = row.cells[0].merge(row.cells[-1])
                self._cell(cell, Bold(values.text), size=font_size)
                shade(cell)
                continue
            for cell, value in zip(row.cells, values, strict=True):
                self._cell(cell, value, size=font_size)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = width
        set_grid(table, widths)
        return table

    def _cell(self, cell, value, *, bold=False, align=None, size=None):
        lines = value if isinstance(value, list | tuple) else [value]
        first = cell.paragraphs[0]
        for n, line in enumerate(lines):
            paragraph = first if n == 0 else cell.add_paragraph()
            if align is not None:
                paragraph.alignment = align
            if line:
                self.run(paragraph, line, bold=bold or isinstance(line, Bold), size=size)

    def leader_field(self, parts, *, space_before=2):
        """A memo header line: bold 20 pt labels, 16 pt values, each ending in a dotted
        leader to its tab stop. `parts` is [(label, value, stop in cm from the margin)]."""
        paragraph = self.paragraph(space_before=space_before)
        stops = paragraph.paragraph_format.tab_stops
        for n, (label, value, stop_cm) in enumerate(parts):
            stops.add_tab_stop(Cm(stop_cm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            if n:
                paragraph.add_run("  ")
            self.run(paragraph, label, bold=True, size=20)
            self.run(paragraph, f"  {value}")
            paragraph.add_run("\t")
        return paragraph

    def signature(self, *, prefix="", name="", position_lines=(), left_cm=7.5, gap_lines=1):
        """The signature block: the rank on the signing line, the name in parentheses,
        the position below, centred on a block that starts `left_cm` in."""
        for _ in range(gap_lines):
            self.paragraph()
        lines = [f"{prefix}{' ' * 24}".rstrip() or " ", f"({name or ' ' * 40})"]
        lines += [line for line in position_lines if line]
        first = None
        for text in lines:
            p = self.paragraph(text, align=CENTER, left=Cm(left_cm), keep_with_next=True)
            first = first or p
        p.paragraph_format.keep_with_next = False
        return first

    def save(self, filename) -> Document:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return Document(filename=filename, content_type=DOCX, content=buffer.getvalue())


# Helpers on the XML that python-docx has no API for ------------------------------------


def set_run_fonts(rpr, font, size_pt):
    """Name `font` for every script (Thai is a complex script in Word: w:cs and w:szCs)."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    rpr.get_or_add_sz().set(qn("w:val"), str(int(size_pt * 2)))
    sz_cs = rpr.find(qn("w:szCs"))
    if sz_cs is None:
        sz_cs = OxmlElement("w:szCs")
        rpr.insert_element_before(sz_cs, *RPR_AFTER_SZ_CS)
    sz_cs.set(qn("w:val"), str(int(size_pt * 2)))


def add_field(paragraph, instruction, shown):
    """A Word field (PAGE, …) with `shown` as its last computed result."""

    def fld(kind):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = paragraph.add_run()
    run._r.append(fld("begin"))
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    paragraph.add_run()._r.append(fld("separate"))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(fld("end"))


def mark_header_row(row):
    """Repeat this row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def shade(cell, fill="F0F0F0"):
    tc_pr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:shd")
    el.set(qn("w:val"), "clear")
    el.set(qn("w:color"), "auto")
    el.set(qn("w:fill"), fill)
    tc_pr.insert_element_before(el, *TC_PR_AFTER_SHD)


def set_grid(table, widths):
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(width.twips)))
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.insert_element_before(layout, *TBL_PR_AFTER_LAYOUT)


def text_width_cm(text, size_pt=BODY_PT):
    """About how wide `text` sets in TH Sarabun at `size_pt`: 0.24 cm per spacing
    character at 16 pt (marks above and below take no width). For tab stops that must
    clear the longest entry of a column, not for line breaking."""
    spacing = sum(1 for ch in text if unicodedata.category(ch) != "Mn")
    return spacing * 0.24 * size_pt / BODY_PT


def font_for(organization):
    font = getattr(organization, "document_font", "") or FONTS[0]
    return font if font in FONTS else FONTS[0]


def emblem_bytes(organization):
    emblem = getattr(organization, "emblem", None)
    if not emblem:
        return None
    try:
        with emblem.open("rb") as fh:
            return fh.read()
    except (FileNotFoundError, OSError):
        return None


def docx_filename(pdf_filename):
    """The Word twin of a PDF's file name."""
    stem = pdf_filename[:-4] if pdf_filename.lower().endswith(".pdf") else pdf_filename
    return f"{stem}.docx"


class ConversionError(Exception):
    """LibreOffice could not turn a .docx into a PDF."""


def soffice_path():
    """The LibreOffice binary, or None where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{font_dir}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def libreoffice_pdf(content: bytes, timeout=180) -> bytes:
    """Convert a .docx to PDF with LibreOffice headless, as a clerk's office suite would.

    The machine may lack the TH Sarabun fonts the file names; Sarabun's files are offered
    to LibreOffice so Thai text still has glyphs (and can be read back in tests). Each
    call runs in its own profile, so conversions in parallel do not share a lock.
    """
    binary = soffice_path()
    if binary is None:
        raise ConversionError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="itaportal-soffice-") as tmp:
        tmp = Path(tmp)
        source = tmp / "document.docx"
        source.write_bytes(content)
        conf = tmp / "fonts.conf"
        conf.write_text(FONTCONFIG.format(font_dir=FONT_DIR, cache=tmp / "fc-cache"))
        env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp)}
        result = subprocess.run(
            [
                binary,
                f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp / "out"),
                str(source),
            ],
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
        target = tmp / "out" / "document.pdf"
        if result.returncode != 0 or not target.exists():
            raise ConversionError(
                f"soffice exited {result.returncode}: {result.stderr.decode(errors='replace')}"
            )
        return target.read_bytes()


def td(value):
    """Thai digits for prose, as the templates' `thai_digits` filter."""
    return thai.thai_digits("" if value is None else str(value))


__all__ = [
    "Bold",
    "FullRow",
    "CENTER",
    "Column",
    "ConversionError",
    "DOCX",
    "FONTS",
    "JUSTIFY",
    "LEFT",
    "RIGHT",
    "RGBColor",
    "WordDocument",
    "docx_filename",
    "libreoffice_pdf",
    "soffice_path",
    "td",
]
