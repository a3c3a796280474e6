"""All Thai text handling of the portal, over pythainlp.

Digits both ways, Buddhist Era dates, the Thai fiscal year and its quarters, Thai
collation and numbers typed with Thai digits. Nothing else imports pythainlp.
"""

import functools
import os
import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from pythainlp.util import (  # noqa: E402  (the offline switch must come first)
    arabic_digit_to_thai_digit,
    collate,
    thai_digit_to_arabic_digit,
    thai_strftime,
)

BE_OFFSET = 543
# Screens show these as they are; documents pass them through thai_digits.
QUARTER_NAMES = {
    1: "ไตรมาส 1 (ต.ค.–ธ.ค.)",
    2: "ไตรมาส 2 (ม.ค.–มี.ค.)",
    3: "ไตรมาส 3 (เม.ย.–มิ.ย.)",
    4: "ไตรมาส 4 (ก.ค.–ก.ย.)",
}

# URLs and e-mail addresses keep their Arabic digits inside Thai prose.
_KEEP_ARABIC = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def thai_digits(value) -> str:
    """Arabic digits to Thai digits, leaving URLs and e-mail addresses untouched."""
    text = "" if value is None else str(value)
    out, last = [], 0
    for match in _KEEP_ARABIC.finditer(text):
        out.append(arabic_digit_to_thai_digit(text[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(arabic_digit_to_thai_digit(text[last:]))
    return "".join(out)


def arabic_digits(value) -> str:
    """Thai digits to Arabic digits."""
    return thai_digit_to_arabic_digit("" if value is None else str(value))


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# No number a person types here is longer: anything longer is refused before it is
# converted (turning a very long digit string into a number takes quadratic time).
MAX_NUMBER_LENGTH = 40
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def parse_int(value, default=None):
    """A whole number from a query string or a hidden field, in Thai or Arabic digits:
    `default` for anything else (other scripts' digits, signs, more than 18 digits)."""
    text = arabic_digits(value).strip()
    if not _WHOLE_NUMBER.fullmatch(text):
        return default
    return int(text)


def parse_decimal(value) -> Decimal:
    """A number typed by a person, with Thai or Arabic digits, commas and spaces allowed.

    Raises ValueError with a Thai message for anything that is not one plain number.
    """
    text = "" if value is None else str(value)
    if len(text) > MAX_NUMBER_LENGTH:
        raise ValueError(f"ตัวเลขยาวเกินไป (ไม่เกิน {MAX_NUMBER_LENGTH} ตัวอักษร)")
    text = arabic_digits(text).replace(",", "").replace("\u00a0", "").strip()
    if not _NUMBER.fullmatch(text):
        raise ValueError("กรุณากรอกตัวเลข เช่น 88.91 หรือ ๘๘.๙๑")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError("กรุณากรอกตัวเลข เช่น 88.91 หรือ ๘๘.๙๑") from None


def round_half_up(value, places=2) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value, places=2, digits="thai") -> str:
    """A number with fixed decimals and thousands separators, in Thai digits by default."""
    if value is None or value == "":
        return ""
    text = f"{round_half_up(value, places):,.{places}f}"
    return thai_digits(text) if digits == "thai" else text


def be_year(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def ce_year(year_be: int) -> int:
    return year_be - BE_OFFSET


def thai_date(value, style="long", digits="thai") -> str:
    """A date the Thai way.

    long  ๓๑ ตุลาคม ๒๕๖๕
    short ๓๑ ต.ค. ๖๕
    order ๓๑ ตุลาคม พ.ศ. ๒๕๖๕  (as in `สั่ง ณ วันที่ …`; the NBSP keeps พ.ศ. with its year)
    """
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        # The day as people in Thailand lived it, not the UTC day it was stored in.
        value = timezone.localtime(value)
    fmt = {"long": "%-d %B %Y", "short": "%-d %b %y", "order": "%-d %B พ.ศ.\u00a0%Y"}[style]
    return thai_strftime(value, fmt, thaidigit=(digits == "thai"))


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TYPED_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})")


class ChristianEraYear(ValueError):
    """A day typed with a Christian-era year where a Buddhist Era year was expected."""

    def __init__(self, year):
        super().__init__(year)
        self.year = year


def parse_be_date(value) -> date:
    """A day typed the Thai way: `31/10/2565`, `๓๑/๑๐/๒๕๖๕`, `31-10-2565` or `31/10/65`.

    The year is the Buddhist Era; two digits mean 25xx. The ISO form `2022-10-31` that
    browsers and scripts send is read as written (a year from 2400 on is taken as BE).
    Raises ChristianEraYear for `31/10/2022`, ValueError for anything else."""
    text = arabic_digits(value).strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        if year >= 2400:
            year -= BE_OFFSET
        return date(year, month, day)
    match = _TYPED_DATE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        year += 2500
    elif year < 2400:
        raise ChristianEraYear(year)
    return date(year - BE_OFFSET, month, day)


def be_date_input(value) -> str:
    """A day as a date box shows it: `31/10/2565` (Arabic digits, Buddhist Era)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"


def fiscal_year(day: date) -> int:
    """The Buddhist Era fiscal year a date falls in (1 Oct 2021 → 2565)."""
    return be_year(day.year + 1 if day.month >= 10 else day.year)


def current_fiscal_year(today: date | None = None) -> int:
    """The fiscal year of `today`, by default the day it is in Thailand now."""
    return fiscal_year(today or timezone.localdate())


def fiscal_year_range(year_be: int) -> tuple[date, date]:
    """First and last day of a fiscal year (2565 → 1 Oct 2021, 30 Sep 2022)."""
    end_ce = ce_year(year_be)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def fiscal_quarter(day: date) -> tuple[int, int]:
    """(fiscal year BE, quarter 1–4): Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep."""
    return fiscal_year(day), (day.month - 10) % 12 // 3 + 1


def quarter_range(year_be: int, quarter: int) -> tuple[date, date]:
    """First and last day of a fiscal quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("ไตรมาสต้องเป็น 1 ถึง 4")
    start_fy, _ = fiscal_year_range(year_be)
    month0 = start_fy.month - 1 + (quarter - 1) * 3
    start = date(start_fy.year + month0 // 12, month0 % 12 + 1, 1)
    month1 = month0 + 3
    end = date(start_fy.year + month1 // 12, month1 % 12 + 1, 1) - timedelta(days=1)
    return start, end


def quarter_name(quarter: int) -> str:
    return QUARTER_NAMES[quarter]


def sort_thai(items, key=lambda item: item):
    """`items` sorted by `key(item)` in Thai dictionary order, not by code point."""
    items = list(items)
    order = {word: rank for rank, word in enumerate(collate({key(i) for i in items}))}
    return sorted(items, key=lambda item: order[key(item)])


# Line breaking. Pango (through libthai) breaks Thai lines by its own dictionary, which
# splits compounds and names it does not know (`หน่วย|งาน`, `ศรีสุวรรณวิเศษ|กุล`). The
# documents instead cut text here, into units that must each stay on one line, with a
# ZERO WIDTH SPACE offered between Thai units as the break opportunity.
ZWSP = "\u200b"

# Compounds of official documents that newmm's dictionary cuts, or that Pango splits.
KEEP_TOGETHER = (
    "ปีงบประมาณ",
    "งบประมาณ",
    "หน่วยงาน",
    "ดำเนินการ",
    "ดำเนินงาน",
    "การดำเนินงาน",
    "ประพฤติมิชอบ",
    "ผู้อำนวยการ",
    "ชำนาญการพิเศษ",
    "ชำนาญการ",
    "ปฏิบัติการ",
    "ปฏิบัติงาน",
    "ชำนาญงาน",
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "ส่วนตำบล",
    "ผู้รับผิดชอบ",
    "ผู้บริหาร",
    "ผู้ใหญ่บ้าน",
    "กำนัน",
    "นักวิเคราะห์นโยบายและแผน",
)
# A number with its separators, and an era abbreviation with its year.
_UNBREAKABLE_RUN = re.compile(
    r"(?:พ\.ศ\.|ค\.ศ\.|ม\.|ต\.|อ\.|จ\.)[\s\u00a0]*[0-9๐-๙]+(?:[,./:-][0-9๐-๙]+)*"
    r"|[0-9๐-๙]+(?:[,./:-][0-9๐-๙]+)*"
)
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4f]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9๐-๙]")
# Marks that never begin a line: repetition, abbreviation and closing punctuation.
_NO_BREAK_BEFORE = re.compile(r"^[ๆฯ)\]}”’,.:;!?%]")


@functools.lru_cache(maxsize=64)
def _protected_pattern(words):
    words = sorted({w.strip() for w in (*KEEP_TOGETHER, *words) if w and w.strip()}, key=len)
    alternatives = [re.escape(w).replace(r"\ ", r"[\s\u00a0]+") for w in reversed(words)]
    return re.compile("|".join([*alternatives, _UNBREAKABLE_RUN.pattern]))


def line_units(text, words=(), max_chars=None) -> list[str]:
    """`text` cut into units that a line must not break inside; joined, they give `text`.

    `words` are the data's own names (the organization, places, people, positions): each
    stays on one line, a person's name with its title and surname included. Numbers, and
    `พ.ศ.` with its year, stay whole; the rest is cut into pythainlp's newmm words. With
    `max_chars`, longer units are cut into their newmm words (for narrow table cells).
    """
    text = "" if text is None else str(text)
    words = words if isinstance(words, tuple) else tuple(sorted(set(words)))
    return list(_line_units(text, words, max_chars))


# Pages and documents cut the same titles and names again on every request; newmm is
# the costly part, so the cuts are kept (per process, for the most recent texts).
@functools.lru_cache(maxsize=4096)
def _line_units(text, words, max_chars) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    pieces, last = [], 0
    for match in _protected_pattern(tuple(sorted(set(words)))).finditer(text):
        if match.start() > last:
            pieces.extend(word_tokenize(text[last : match.start()], engine="newmm"))
        pieces.append(match.group())
        last = match.end()
    if last < len(text):
        pieces.extend(word_tokenize(text[last:], engine="newmm"))

    if max_chars:
        # In a narrow cell a long name may be cut rather than overflow: at its spaces
        # (title and name | surname) first, then a part still too long into its words.
        pieces = [
            word
            for piece in pieces
            for part in (re.split(r"(\s+)", piece) if len(piece.strip()) > max_chars else [piece])
            for word in (
                word_tokenize(part, engine="newmm") if len(part.strip()) > max_chars else [part]
            )
        ]
    units = []
    for piece in filter(None, pieces):
        # A space stays with the word before it (Pango breaks after it by itself), and
        # ๆ, ฯ and closing punctuation never begin a line.
        if units and (piece.isspace() or _NO_BREAK_BEFORE.match(piece)):
            units[-1] += piece
        else:
            units.append(piece)
    return tuple(units)


def break_before(before: str, unit: str) -> bool:
    """Whether a ZERO WIDTH SPACE goes between two units: between Thai words, and where
    Thai meets Latin letters or digits with no space ("การประเมินOITประจำปี"), which Pango
    would never break. Elsewhere (spaces, Latin text, numbers) Pango's own rules do."""
    last, first = before[-1], unit[0]
    if _THAI_LETTER.match(last):
        return bool(_THAI_LETTER.match(first) or _LATIN_OR_DIGIT.match(first))
    return bool(_LATIN_OR_DIGIT.match(last) and _THAI_LETTER.match(first))


def breakable(text, words=()) -> str:
    """`text` with a ZERO WIDTH SPACE wherever `line_units` allows a line break."""
    out, before = [], ""
    for unit in line_units(text, words):
        if before and break_before(before, unit):
            out.append(ZWSP)
        out.append(unit)
        before = unit
    return "".join(out)


# A Thai run of letters, marks and digits; anything else in a query is a word on its own.
_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
_SEARCH_MAX = 200
# Joining words that match nearly every text. pythainlp's own stop-word list is far too
# wide for search: it holds content words such as เปิดเผย and นาย.
_SEARCH_STOP = frozenset("การ ความ ที่ และ ของ ใน ให้ เป็น มี ได้ กับ จาก หรือ แห่ง ซึ่ง โดย".split())


def search_terms(text) -> list[str]:
    """The words of a search query: Thai runs cut into words (Thai has no spaces), other
    text split on spaces. Stop words such as การ or ที่ are dropped unless nothing else is
    left; duplicates once, in typed order. "เปิดเผยข้อมูล O12" → ["เปิดเผย", "ข้อมูล", "O12"]."""
    from pythainlp.tokenize import word_tokenize

    text = ("" if text is None else str(text)).replace("\x00", " ")[:_SEARCH_MAX]
    words = []
    for chunk in text.split():
        pos = 0
        for match in _THAI_RUN.finditer(chunk):
            words.append(chunk[pos : match.start()])
            words.extend(word_tokenize(match.group(), keep_whitespace=False))
            pos = match.end()
        words.append(chunk[pos:])
    words = [w.strip(".,;:!?()[]\"'“”‘’") for w in words]
    words = list(dict.fromkeys(w for w in words if w))
    content = [w for w in words if w not in _SEARCH_STOP]
    return content or words
