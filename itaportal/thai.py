"""All Thai text handling of the portal, over pythainlp.

Digits both ways, Buddhist Era dates, the Thai fiscal year and its quarters, Thai
collation and numbers typed with Thai digits. Nothing else imports pythainlp.
"""

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
