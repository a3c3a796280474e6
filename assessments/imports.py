"""Reading the files an operator or an agency admin uploads, into plain checked data.

Two kinds of file:

- a year's ITA framework as YAML (or JSON, which YAML reads too): the format of
  `fixtures/ita-2565.yaml`, described in docs/frameworks.md;
- an assessment's indicator scores as CSV or XLSX: two columns, indicator number and score.

Nothing here writes to the database: `assessments.services` does, in one transaction.
Every problem becomes a Thai message; all of a file's problems are reported at once.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

import yaml
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from assessments.errors import ImportRefused
from itaportal import thai

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# A score sheet has one row per indicator (ten or so), an item results sheet one per OIT
# item (fifty or so): a file is read up to this many rows and refused beyond, and at most
# MAX_MESSAGES problems are listed, so a hostile file costs no more than a real one.
MAX_SCORE_ROWS = 200
MAX_MESSAGES = 20
# An .xlsx is a zip: 62 KB can unpack to 500,000 rows. Refuse more than this unpacked.
MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024
INSTRUMENT_CODES = ("IIT", "EIT", "OIT")
BAND_COLORS = ("success", "primary", "info", "warning", "danger", "secondary", "dark")
CONFIDENCES = ("confirmed", "one_source", "unknown")  # OITItem.Confidence values
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is read by Excel as a formula (or DDE); prefix "'".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- frameworks -------------------------------------------------------------------------


@dataclass
class ItemSpec:
    code: str
    number: int
    title: str
    group: str = ""
    required_elements: list = field(default_factory=list)
    evidence_period: str = ""
    elements_confidence: str = "unknown"
    elements_source: str = ""


@dataclass
class SubIndicatorSpec:
    code: str
    name: str
    order: int
    items: list = field(default_factory=list)


@dataclass
class IndicatorSpec:
    number: int
    name: str
    instrument: str
    weight: Decimal
    sub_indicators: list = field(default_factory=list)


@dataclass
class FrameworkSpec:
    year: int
    name: str
    pass_mark: Decimal
    provisional: bool
    notes: str
    instruments: list  # [(code, name, weight, order)]
    indicators: list  # [IndicatorSpec]
    rating_bands: list  # [(label, min_total, min_each_instrument or None, color, order)]
    items_complete: bool = True

    @property
    def items(self):
        return [i for ind in self.indicators for s in ind.sub_indicators for i in s.items]


class _AliasRefused(Exception):
    pass


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors and aliases: `*a` repeated in lists of `*b`
    expands without limit (a billion laughs) and no framework file needs them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _AliasRefused
        return super().compose_node(parent, index)


def read_framework_file(upload, name="") -> dict:
    """The mapping in a YAML or JSON framework file (an open file or bytes)."""
    raw = upload if isinstance(upload, bytes) else upload.read()
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ImportRefused(["ไฟล์ใหญ่เกิน 2 MB"])
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=_NoAliasLoader)
    except _AliasRefused:
        raise ImportRefused(
            ["ไฟล์ใช้การอ้างซ้ำของ YAML (& และ *) ซึ่งไม่รองรับ กรุณาเขียนค่าเต็มทุกที่"]
        ) from None
    except UnicodeDecodeError:
        raise ImportRefused(["ไฟล์ต้องเป็นข้อความ UTF-8 (YAML หรือ JSON)"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" บรรทัดที่ {mark.line + 1}" if mark else ""
        raise ImportRefused([f"อ่านไฟล์ {name or ''} ไม่ได้: รูปแบบ YAML ไม่ถูกต้อง{where}"]) from None
    if not isinstance(data, dict):
        raise ImportRefused(["ไฟล์ต้องเป็นข้อมูลกรอบการประเมินหนึ่งปี (มีหัวข้อ year, name, indicators …)"])
    return data


def _decimal(value, label, errors, low=Decimal(0), high=Decimal(100)):
    try:
        number = thai.parse_decimal(value)
    except (ValueError, TypeError):
        errors.append(f"{label}: ต้องเป็นตัวเลข (ได้ {value!r})")
        return None
    if not low <= number <= high:
        errors.append(f"{label}: ต้องอยู่ระหว่าง {low} ถึง {high} (ได้ {number})")
        return None
    return number


def _text(value):
    return "" if value is None else str(value).strip()


def _entries(value, where, errors):
    """(position, mapping) for each entry of a list in the file; a Thai message for a
    value that is not a list, or an entry that is not a mapping (`- code: O1` …)."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        errors.append(f"{where}: ต้องเป็นรายการ (แต่ละรายการขึ้นต้นด้วย - )")
        return []
    found = []
    for position, entry in enumerate(value, start=1):
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            errors.append(f"{where} ลำดับที่ {position}: ต้องเป็นหัวข้อและค่า เช่น code: …")
            continue
        found.append((position, entry))
    return found


def item_number(code):
    digits = "".join(ch for ch in thai.arabic_digits(code) if ch.isdigit())
    return int(digits) if digits else None


def parse_framework(data: dict) -> FrameworkSpec:
    """Check a framework mapping; raise ImportRefused listing every problem."""
    if not isinstance(data, dict):
        raise ImportRefused(["ไฟล์ต้องเป็นข้อมูลกรอบการประเมินหนึ่งปี (มีหัวข้อ year, name, indicators …)"])
    errors = []
    try:
        year = int(thai.arabic_digits(data.get("year")))
    except (TypeError, ValueError):
        year = None
    if year is None or not 2500 <= year <= 2700:
        errors.append("year: ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2568")
    name = _text(data.get("name")) or (f"ITA {year}" if year else "")
    pass_mark = _decimal(data.get("pass_mark", "85"), "pass_mark (เกณฑ์ผ่าน)", errors)

    instruments, seen = [], set()
    for order, row in _entries(data.get("instruments"), "instruments", errors):
        code = _text(row.get("code")).upper()
        if code not in INSTRUMENT_CODES:
            errors.append(f"instruments ลำดับที่ {order}: เครื่องมือต้องเป็น IIT, EIT หรือ OIT")
            continue
        if code in seen:
            errors.append(f"instruments: เครื่องมือ {code} ซ้ำ")
            continue
        seen.add(code)
        weight = _decimal(row.get("weight"), f"น้ำหนักของ {code}", errors)
        instruments.append((code, _text(row.get("name")) or code, weight, order))
    if not instruments:
        errors.append("instruments: ต้องมีเครื่องมือการประเมินอย่างน้อยหนึ่งรายการ")

    indicators, numbers, sub_codes, item_codes = [], set(), set(), set()
    for position, row in _entries(data.get("indicators"), "indicators", errors):
        try:
            number = int(thai.arabic_digits(row.get("number")))
            if not 0 < number < 1000:
                raise ValueError(number)
        except (TypeError, ValueError):
            errors.append(f"indicators ลำดับที่ {position}: ต้องมีเลขตัวชี้วัด (number)")
            continue
        label = f"ตัวชี้วัดที่ {number}"
        if number in numbers:
            errors.append(f"{label}: เลขตัวชี้วัดซ้ำ")
            continue
        numbers.add(number)
        instrument = _text(row.get("instrument")).upper()
        if instrument not in seen:
            errors.append(f"{label}: เครื่องมือ {instrument or '(ว่าง)'} ไม่อยู่ในรายการ instruments")
        if not _text(row.get("name")):
            errors.append(f"{label}: ต้องมีชื่อตัวชี้วัด (name)")
        weight = _decimal(row.get("weight"), f"น้ำหนักของ{label}", errors)
        indicator = IndicatorSpec(number, _text(row.get("name")), instrument, weight)
        subs = _entries(row.get("sub_indicators"), f"{label}: sub_indicators", errors)
        for sub_order, sub in subs:
            code = _text(sub.get("code"))
            if not code:
                errors.append(f"{label}: ตัวชี้วัดย่อยลำดับที่ {sub_order} ต้องมีรหัส (code) เช่น 9.1")
                continue
            if code in sub_codes:
                errors.append(f"ตัวชี้วัดย่อย {code}: รหัสซ้ำ")
                continue
            sub_codes.add(code)
            spec = SubIndicatorSpec(code, _text(sub.get("name")) or code, sub_order)
            for _position, item in _entries(sub.get("items"), f"ตัวชี้วัดย่อย {code}: items", errors):
                item_code = _text(item.get("code")).upper()
                number_of_item = item.get("number") or item_number(item_code)
                try:
                    number_of_item = int(thai.arabic_digits(str(number_of_item or "")) or 0)
                except ValueError:
                    errors.append(f"ข้อ {item_code}: เลขข้อ (number) ต้องเป็นจำนวนเต็ม")
                    continue
                if not item_code or not number_of_item or not 0 < number_of_item < 1000:
                    errors.append(f"ตัวชี้วัดย่อย {code}: ทุกข้อต้องมีรหัสข้อ (code) เช่น O1")
                    continue
                if item_code in item_codes:
                    errors.append(f"ข้อ {item_code}: รหัสข้อซ้ำ")
                    continue
                item_codes.add(item_code)
                if not _text(item.get("title")):
                    errors.append(f"ข้อ {item_code}: ต้องมีชื่อข้อ (title)")
                elements = item.get("required_elements") or []
                if isinstance(elements, str):
                    elements = [line for line in elements.splitlines() if line.strip()]
                elif not isinstance(elements, list):
                    errors.append(f"ข้อ {item_code}: required_elements ต้องเป็นรายการ")
                    elements = []
                confidence = _text(item.get("elements_confidence")) or "unknown"
                if confidence not in CONFIDENCES:
                    errors.append(
                        f"ข้อ {item_code}: elements_confidence ต้องเป็น {', '.join(CONFIDENCES)}"
                    )
                spec.items.append(
                    ItemSpec(
                        code=item_code,
                        number=int(number_of_item),
                        title=_text(item.get("title"))[:300],
                        group=_text(item.get("group"))[:200],
                        required_elements=[_text(e) for e in elements],
                        evidence_period=_text(item.get("evidence_period"))[:300],
                        elements_confidence=confidence,
                        elements_source=_text(item.get("elements_source"))[:300],
                    )
                )
            if not spec.items:
                errors.append(f"ตัวชี้วัดย่อย {code}: ต้องมีข้อ OIT อย่างน้อยหนึ่งข้อ")
            indicator.sub_indicators.append(spec)
        indicators.append(indicator)
    if not indicators:
        errors.append("indicators: ต้องมีตัวชี้วัดอย่างน้อยหนึ่งตัว")

    weights = [i.weight for i in indicators]
    if indicators and None not in weights and sum(weights) != 100:
        errors.append(f"น้ำหนักของตัวชี้วัดทั้งหมดรวมกันต้องเท่ากับ 100 (ตอนนี้ {sum(weights)})")
    for code, _name, weight, _order in instruments:
        own = [i.weight for i in indicators if i.instrument == code]
        if weight is not None and None not in own and own and sum(own) != weight:
            errors.append(
                f"น้ำหนักของ {code} ({weight}) ไม่เท่ากับผลรวมน้ำหนักตัวชี้วัดของ {code} ({sum(own)})"
            )

    bands, labels = [], set()
    for order, row in _entries(data.get("rating_bands"), "rating_bands", errors):
        label = _text(row.get("label"))
        if not label or label in labels:
            errors.append(f"rating_bands ลำดับที่ {order}: ต้องมีชื่อระดับ (label) ที่ไม่ซ้ำ")
            continue
        labels.add(label)
        min_total = _decimal(row.get("min_total"), f"คะแนนขั้นต่ำของระดับ {label}", errors)
        each = row.get("min_each_instrument")
        if each not in (None, ""):
            each = _decimal(each, f"คะแนนขั้นต่ำรายเครื่องมือของระดับ {label}", errors)
        else:
            each = None
        color = _text(row.get("color")) or "secondary"
        if color not in BAND_COLORS:
            errors.append(f"ระดับ {label}: สีต้องเป็นหนึ่งใน {', '.join(BAND_COLORS)}")
        bands.append((label, min_total, each, color, order))
    if not bands:
        errors.append("rating_bands: ต้องมีระดับผลการประเมินอย่างน้อยหนึ่งระดับ")
    elif all(b[1] is not None for b in bands) and min(b[1] for b in bands) != 0:
        errors.append("rating_bands: ต้องมีระดับที่คะแนนขั้นต่ำเป็น 0 เพื่อให้ทุกคะแนนมีระดับ")

    items_complete = data.get("items_complete", True)
    if not isinstance(items_complete, bool):
        errors.append("items_complete: ต้องเป็น true (รายการข้อ OIT ครบ) หรือ false (ทราบเพียงบางข้อ)")

    if errors:
        raise ImportRefused(errors)
    return FrameworkSpec(
        year=year,
        name=name[:200],
        pass_mark=pass_mark,
        provisional=bool(data.get("provisional", False)),
        notes=_text(data.get("notes")),
        instruments=instruments,
        indicators=indicators,
        rating_bands=bands,
        items_complete=items_complete,
    )


def _plain(number):
    """A Decimal as the shortest string: 6.00 -> "6", 84.5 -> "84.5"."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def framework_to_data(framework) -> dict:
    """A framework as the mapping `parse_framework` reads (for export and copying)."""
    framework = type(framework).objects.with_structure().get(pk=framework.pk)
    instruments = sorted(framework.instruments.all(), key=lambda i: i.order)
    codes = {i.pk: i.code for i in instruments}
    indicators = []
    for indicator in sorted(framework.indicators.all(), key=lambda i: i.number):
        row = {
            "number": indicator.number,
            "name": indicator.name,
            "instrument": codes[indicator.instrument_id],
            "weight": _plain(indicator.weight),
        }
        subs = sorted(indicator.sub_indicators.all(), key=lambda s: (s.order, s.code))
        if subs:
            row["sub_indicators"] = [
                {
                    "code": sub.code,
                    "name": sub.name,
                    "items": [
                        {
                            key: value
                            for key, value in {
                                "code": item.code,
                                "number": item.number,
                                "title": item.title,
                                "group": item.group,
                                "required_elements": list(item.required_elements or []),
                                "evidence_period": item.evidence_period,
                                # "unknown" is the default: left out like empty values
                                "elements_confidence": item.elements_confidence
                                if item.elements_confidence != "unknown"
                                else "",
                                "elements_source": item.elements_source,
                            }.items()
                            if value not in ("", [])
                        }
                        for item in sorted(sub.items.all(), key=lambda i: i.number)
                    ],
                }
                for sub in subs
            ]
        indicators.append(row)
    bands = []
    for band in sorted(framework.rating_bands.all(), key=lambda b: b.order):
        row = {"label": band.label, "min_total": _plain(band.min_total), "color": band.color}
        if band.min_each_instrument is not None:
            row["min_each_instrument"] = _plain(band.min_each_instrument)
        bands.append(row)
    return {
        "year": framework.year,
        "name": framework.name,
        "pass_mark": _plain(framework.pass_mark),
        "provisional": framework.provisional,
        "notes": framework.notes,
        "items_complete": framework.items_complete,
        "instruments": [
            {"code": i.code, "name": i.name, "weight": _plain(i.weight)} for i in instruments
        ],
        "rating_bands": bands,
        "indicators": indicators,
    }


def framework_to_yaml(framework) -> str:
    return yaml.safe_dump(
        framework_to_data(framework), allow_unicode=True, sort_keys=False, width=120
    )


# --- sheets: indicator scores and OIT item results -------------------------------------


@dataclass(frozen=True)
class SheetKind:
    """What a sheet holds, for its messages: `noun` (คะแนน), one row per `per_row`
    (ตัวชี้วัด), and its `columns` as the template lays them out (Thai headers; the
    reader uses the first `used` of them and ignores the rest, such as a name to read by)."""

    noun: str
    per_row: str
    columns: tuple
    used: int

    @property
    def in_text(self):
        """The noun as it sits inside a Thai sentence: a space after a Latin ending."""
        return f"{self.noun} " if self.noun[-1].isascii() else self.noun


SCORES = SheetKind("คะแนน", "ตัวชี้วัด", ("ตัวชี้วัดที่", "คะแนน", "ชื่อตัวชี้วัด (ไม่ต้องแก้)"), 2)
ITEM_RESULTS = SheetKind(
    "ผลรายข้อ OIT",
    "ข้อ",
    ("ข้อ", "ผล (ผ่าน/ไม่ผ่าน)", "เหตุผลของผู้ประเมิน", "ชื่อข้อ (ไม่ต้องแก้)"),
    3,
)


def read_sheet_rows(upload, name, kind) -> list:
    """[(row number, [the first kind.used cells as text])] from a CSV or XLSX file of
    `kind`, empty rows left out.

    A first row whose first cell is not a number (an indicator number, an item code such
    as O12) is taken as a header and skipped. The file is read up to MAX_SCORE_ROWS rows
    and refused beyond.
    """
    raw = upload if isinstance(upload, bytes) else upload.read()
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ImportRefused(["ไฟล์ใหญ่เกิน 2 MB"])
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        rows = _xlsx_rows(raw, kind)
    elif lower.endswith(".csv") or lower.endswith(".txt"):
        rows = _csv_rows(raw)
    else:
        raise ImportRefused(["รองรับเฉพาะไฟล์ .csv หรือ .xlsx"])
    out = []
    for number, cells in enumerate(rows, start=1):
        if number > MAX_SCORE_ROWS:
            raise ImportRefused(
                [f"ไฟล์มีเกิน {MAX_SCORE_ROWS} แถว ไฟล์{kind.in_text}มีหนึ่งแถวต่อหนึ่ง{kind.per_row}เท่านั้น"]
            )
        cells = [_unsafe(_text(c)) for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        if number == 1 and item_number(cells[0]) is None:
            continue  # header row
        out.append((number, (cells + [""] * kind.used)[: kind.used]))
    if not out:
        columns = ", ".join(kind.columns[: kind.used])
        raise ImportRefused([f"ไม่พบข้อมูล{kind.noun}ในไฟล์ (ต้องมี {kind.used} คอลัมน์: {columns})"])
    return out


def safe(value):
    """A cell value Excel will open and not run: control characters it refuses (U+000B
    from Word's Shift+Enter, and the like) are dropped, and text starting like a formula
    gets a leading '."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _unsafe(text):
    """A cell as typed before `safe` guarded it: the template's '=… back to =…."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def sheet_template(kind, rows, *, format) -> tuple:
    """(content type, bytes) of a file to fill in and import: `kind`'s Thai headers, then
    `rows` (lists of cell values, the year's codes first). CSV is UTF-8 with a BOM, so
    Excel opens the Thai as Thai; XLSX has the headers bold and the first row frozen."""
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(kind.columns)
        for row in rows:
            writer.writerow([safe(_plain(v) if isinstance(v, Decimal) else v) for v in row])
        return CSV, buffer.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = kind.noun[:31]
    sheet.append(list(kind.columns))
    for column, title in enumerate(kind.columns, start=1):
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = max(12, len(title) + 4)
    for row in rows:
        sheet.append([safe(v) for v in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return XLSX, buffer.getvalue()


def read_score_rows(upload, name) -> list:
    """[(row number, indicator text, score text)] from a CSV or XLSX file."""
    return [(number, *cells) for number, cells in read_sheet_rows(upload, name, SCORES)]


def _csv_rows(raw):
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp874")  # Thai Windows encoding, as Excel saves CSV
        except UnicodeDecodeError:
            raise ImportRefused(["อ่านไฟล์ CSV ไม่ได้ กรุณาบันทึกเป็น UTF-8"]) from None
    return _csv_reader(csv.reader(io.StringIO(text)))


def _csv_reader(reader):
    """The rows, read lazily: the caller stops at MAX_SCORE_ROWS."""
    try:
        yield from reader
    except csv.Error:
        raise ImportRefused(["อ่านไฟล์ CSV ไม่ได้ (เครื่องหมายคำพูดไม่ครบคู่หรือช่องยาวเกินไป)"]) from None


def _xlsx_rows(raw, kind):
    """The first sheet's rows, streamed (openpyxl's read-only mode), after checking that
    the archive does not unpack to more than MAX_XLSX_UNPACKED_BYTES."""
    import zipfile

    from openpyxl import load_workbook

    refused = ImportRefused(["อ่านไฟล์ Excel ไม่ได้ กรุณาใช้ไฟล์ .xlsx"])
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refused from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportRefused([f"ไฟล์ Excel มีข้อมูลมากเกินกว่าไฟล์{kind.noun} กรุณาใช้ไฟล์ที่มีเฉพาะ{kind.noun}"])
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception:  # openpyxl raises many kinds for a bad file
        raise refused from None
    try:
        for row in sheet.iter_rows(values_only=True, max_row=MAX_SCORE_ROWS + 1):
            yield ["" if c is None else c for c in row]
    except Exception:  # a broken sheet part
        raise refused from None
    finally:
        book.close()


def parse_scores(rows, indicators) -> dict:
    """{indicator number: Decimal score} from read_score_rows; ImportRefused per bad row."""
    known = {i.number for i in indicators}
    errors, scores, first_row = [], {}, {}
    for row, indicator_text, score_text in rows:
        where = f"แถวที่ {row}"
        try:
            value = thai.parse_decimal(indicator_text.replace("ตัวชี้วัดที่", ""))
            if value != value.to_integral_value():
                raise ValueError(indicator_text)  # 9.1 is a sub-indicator, not an indicator
            number = int(value)
        except ValueError:
            errors.append(f"{where}: ตัวชี้วัด “{_shown(indicator_text)}” ไม่ใช่เลขตัวชี้วัด")
            continue
        if number not in known:
            errors.append(f"{where}: ไม่มีตัวชี้วัดที่ {number} ในกรอบการประเมินปีนี้")
            continue
        if number in first_row:
            errors.append(f"{where}: ตัวชี้วัดที่ {number} ซ้ำกับแถวที่ {first_row[number]}")
            continue
        if not score_text:
            continue  # a template row left blank: this indicator is not changed
        first_row[number] = row
        try:
            score = thai.parse_decimal(score_text)
        except ValueError:
            errors.append(f"{where}: คะแนน “{_shown(score_text)}” ไม่ใช่ตัวเลข")
            continue
        if not Decimal(0) <= score <= Decimal(100):
            errors.append(f"{where}: คะแนน {score_text} ต้องอยู่ระหว่าง 0 ถึง 100")
            continue
        if score != thai.round_half_up(score):
            errors.append(f"{where}: คะแนน {score_text} มีทศนิยมเกิน 2 ตำแหน่ง")
            continue
        scores[number] = score
    if errors:
        raise ImportRefused(_capped(errors))
    return scores


RESULT_WORDS = {"ผ่าน": True, "1": True, "ไม่ผ่าน": False, "0": False, "ยังไม่มีผล": None}
MAX_REASON = 2000


def parse_item_results(rows, items) -> dict:
    """{item code: (met True/False/None, reason)} from read_sheet_rows(…, ITEM_RESULTS);
    ImportRefused naming each bad row. A row whose result is left blank changes nothing;
    "ยังไม่มีผล" clears the item's result."""
    known = {item.code.upper(): item.code for item in items}
    errors, results, first_row = [], {}, {}
    for row, (code_text, result_text, reason) in rows:
        where = f"แถวที่ {row}"
        code = known.get(thai.arabic_digits(code_text).replace(" ", "").upper())
        if code is None:
            errors.append(f"{where}: ไม่มีข้อ “{_shown(code_text)}” ในกรอบการประเมินปีนี้")
            continue
        if code in first_row:
            errors.append(f"{where}: ข้อ {code} ซ้ำกับแถวที่ {first_row[code]}")
            continue
        first_row[code] = row
        if not result_text:
            continue  # a template row left blank: this item is not changed
        word = result_text.replace(" ", "")
        if word not in RESULT_WORDS:
            errors.append(
                f"{where}: ผลของข้อ {code} “{_shown(result_text)}” ต้องเป็น ผ่าน ไม่ผ่าน หรือ ยังไม่มีผล"
            )
            continue
        if len(reason) > MAX_REASON:
            errors.append(f"{where}: เหตุผลของข้อ {code} ยาวเกิน {MAX_REASON} ตัวอักษร")
            continue
        met = RESULT_WORDS[word]
        results[code] = (met, reason if met is not None else "")
    if errors:
        raise ImportRefused(_capped(errors))
    return results


def _shown(text, limit=40):
    """A cell as quoted back in a message: a long one is cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def _capped(errors):
    """At most MAX_MESSAGES messages, and how many more there were."""
    if len(errors) <= MAX_MESSAGES:
        return errors
    more = len(errors) - MAX_MESSAGES
    return [*errors[:MAX_MESSAGES], f"และอีก {more} แถวที่มีปัญหา กรุณาแก้ไฟล์แล้วนำเข้าใหม่"]
