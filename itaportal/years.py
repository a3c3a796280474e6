"""Buddhist Era fiscal years: moving the relative years of a Thai text to another year,
and (`opening_year`) which year a year-scoped page opens on.

Starting a fiscal year from the last one copies texts that name years: a framework's
evidence periods ("ข้อมูลของปีงบประมาณ พ.ศ. 2568 (ปีที่ผ่านมา)"), an order's subject
("ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"). Most of those years are *relative*: they mean "the year
assessed" or "the year before it" and must move with the copy. Some are *fixed*: the
year of a law, the period of a national strategy, the date of a meeting that happened.
Those must stay as they are.

The rule, in one place:

1. A year is a four-digit Buddhist Era number from 2400 to 2699, in Arabic or Thai digits
   (a two-digit year right after a Thai month, as in "1 ต.ค. 68", counts too). Digits
   inside a URL or an e-mail address are never years.
2. Only years in the window around the source year move: from three years before it to
   one year after it (2566–2570 for a 2569 text). Years further away are history or a
   long-range target, never "this year" or "last year". Without a source year every year
   may move.
3. A year is fixed when it closes a *fixed reference* that starts on the same line, at
   most 150 characters before it, with no other year and no relative marker (ปีงบประมาณ,
   ประจำปี, ในปี, ปีที่, ปี พ.ศ.) in between:
   - a law or rule, whose year always follows "พ.ศ.": พระราชบัญญัติ, พ.ร.บ., ระเบียบ,
     ประกาศ, คำสั่ง, รัฐธรรมนูญ … "ว่าด้วยข้อมูลข่าวสารของราชการ พ.ศ. 2540";
   - a national strategy or plan, and its period when it is a range: ยุทธศาสตร์ชาติ,
     แผนแม่บท, แผนพัฒนาเศรษฐกิจ…, แผนพัฒนาท้องถิ่น … "(พ.ศ. 2561–2580)";
   - a dated event: มติ, ลงวันที่, เมื่อ … "เมื่อวันที่ 8 มิถุนายน 2566".
   The year of a document's or a meeting's number is fixed too: "ที่ 98/2565",
   "ครั้งที่ 2/2568". So "ประกาศผลประจำปีงบประมาณ พ.ศ. 2569" is relative, and
   "ภายในเดือนตุลาคม 2569 ตามระเบียบ… พ.ศ. 2547" moves 2569 and keeps 2547.

Every other year in the window moves by `delta`, keeping its digits (Thai stays Thai).
"""

import re
from dataclasses import dataclass

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

FIRST_YEAR, LAST_YEAR = 2400, 2699
WINDOW_BEFORE, WINDOW_AFTER = 3, 1
REFERENCE_REACH = 150

# A law or rule always names its year after "พ.ศ."; a plan or strategy names its period
# (a range) with or without it; a dated event (a resolution, a letter, "เมื่อวันที่ …")
# ends with the year of its date.
LAW_KEYWORDS = (
    "พระราชบัญญัติ",
    "พ.ร.บ.",
    "พรบ.",
    "พระราชกฤษฎีกา",
    "พ.ร.ฎ.",
    "พระราชกำหนด",
    "พ.ร.ก.",
    "รัฐธรรมนูญ",
    "ประมวลกฎหมาย",
    "กฎกระทรวง",
    "ระเบียบ",
    "ข้อบังคับ",
    "ประกาศ",
    "คำสั่ง",
    "แก้ไขเพิ่มเติม",
)
PLAN_KEYWORDS = (
    "ยุทธศาสตร์ชาติ",
    "แผนแม่บท",
    "แผนพัฒนาเศรษฐกิจ",
    "แผนพัฒนาท้องถิ่น",
    "แผนปฏิรูป",
    "แผนการปฏิรูป",
    "แผนระดับชาติ",
)
EVENT_KEYWORDS = ("มติ", "ลงวันที่", "เมื่อ")
RELATIVE_MARKERS = ("ปีงบประมาณ", "ประจำปี", "ในปี", "ปีที่", "ปี พ.ศ.")

MONTHS = (
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม "
    "พฤศจิกายน ธันวาคม ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค."
).split()

_D = "[0-9๐-๙]"
_SPACE = r"[\s\u00a0]"
# Not part of a longer number (digits, or a decimal or thousands separator before).
_YEAR = rf"(?<!{_D})(?<!{_D}[.,])[12๑๒]{_D}{{3}}(?!{_D})(?![.,]{_D})"
_SHORT_YEAR = rf"(?:{'|'.join(re.escape(m) for m in MONTHS)}){_SPACE}*(?P<short>{_D}{{2}})(?!{_D})"
_TOKEN = re.compile(rf"(?P<long>{_YEAR})|{_SHORT_YEAR}")

_BE = rf"พ\.{_SPACE}*ศ\.{_SPACE}*"
_RANGE_DASH = rf"{_SPACE}*(?:[-–—]|ถึง){_SPACE}*(?:{_BE})?"
# What may stand between a keyword and its year: anything on the same line short of a
# relative marker or another year.
_GAP = (
    "(?:(?!"
    + "|".join([re.escape(m) for m in RELATIVE_MARKERS] + [_YEAR])
    + rf")[^\n]){{0,{REFERENCE_REACH}}}?"
)


def _keywords(words):
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_FIXED = re.compile(
    "|".join(
        [
            rf"{_keywords(LAW_KEYWORDS)}{_GAP}{_BE}{_YEAR}(?:{_RANGE_DASH}{_YEAR})?",
            rf"{_keywords(PLAN_KEYWORDS)}{_GAP}(?:{_BE})?{_YEAR}(?:{_RANGE_DASH}{_YEAR})?",
            rf"{_keywords(EVENT_KEYWORDS)}{_GAP}(?:{_BE})?{_YEAR}",
            # The number of a document or a meeting: ที่ 98/2565, ครั้งที่ 2/2568.
            rf"{_D}+/{_SPACE}*{_YEAR}",
        ]
    )
)
# Digits inside these are never years (same rule as itaportal.thai.thai_digits).
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


@dataclass(frozen=True)
class YearChange:
    start: int
    end: int
    old: str
    new: str


def _value(digits):
    return int(digits.translate(_TO_ARABIC))


def _spans(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


def _inside(position, spans):
    return any(start <= position < end for start, end in spans)


def year_changes(text, delta, *, source_year=None):
    """The years of `text` that move by `delta`, as YearChange (positions in `text`)."""
    if not text or not delta:
        return []
    protected = _spans(_FIXED, text) + _spans(_URL, text)
    changes = []
    for match in _TOKEN.finditer(text):
        group = "long" if match.group("long") else "short"
        digits = match.group(group)
        start, end = match.span(group)
        if _inside(start, protected):
            continue
        value = _value(digits) + (2500 if group == "short" else 0)
        if not FIRST_YEAR <= value <= LAST_YEAR:
            continue
        if source_year is not None and not (
            source_year - WINDOW_BEFORE <= value <= source_year + WINDOW_AFTER
        ):
            continue
        moved = value + delta
        new = str(moved if group == "long" else moved % 100).zfill(len(digits))
        if digits[0] in THAI_DIGITS:
            new = new.translate(_TO_THAI)
        changes.append(YearChange(start, end, digits, new))
    return changes


def shift_years(text, delta, *, source_year=None):
    """`text` with every relative Buddhist Era year moved by `delta` years (see the module
    docstring for which years are relative). None and "" come back as they are."""
    if not text:
        return text
    out, last = [], 0
    for change in year_changes(text, delta, source_year=source_year):
        out += [text[last : change.start], change.new]
        last = change.end
    out.append(text[last:])
    return "".join(out)


def opening_year(years, current):
    """The year a year-scoped page opens on: the current fiscal year when it is among
    `years` (newest first), else the newest of them; None when there are none. A page
    never opens on a later year started ahead of time while the current one is running."""
    if current in years:
        return current
    return years[0] if years else None
