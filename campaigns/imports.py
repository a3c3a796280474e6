"""Reading the EIT stakeholder list from a CSV file as people save it from Excel or
LibreOffice: UTF-8 (with or without the byte-order mark Excel writes) or the Thai
TIS-620 / windows-874 code page of older Thai Windows. Wrong columns or an unreadable
encoding refuse the whole file with a Thai message; nothing is half-read."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from campaigns.errors import CampaignError

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000

# Accepted header names (compared without spaces, case-insensitively) → field.
COLUMNS = {
    "ชื่อ": "name",
    "ชื่อ-สกุล": "name",
    "ชื่อ-นามสกุล": "name",
    "ชื่อสกุล": "name",
    "name": "name",
    "กลุ่ม": "group",
    "กลุ่มผู้มีส่วนได้ส่วนเสีย": "group",
    "group": "group",
    "โทรศัพท์": "phone",
    "เบอร์โทรศัพท์": "phone",
    "phone": "phone",
    "อีเมล": "email",
    "email": "email",
    "e-mail": "email",
}
EXPECTED = "ชื่อ (จำเป็น), กลุ่ม, โทรศัพท์, อีเมล"
LIMITS = {"name": 200, "group": 200, "phone": 50}
NAMES = {"name": "ชื่อ", "group": "กลุ่ม", "phone": "โทรศัพท์", "email": "อีเมล"}


@dataclass
class StakeholderRow:
    line: int
    name: str
    group: str = ""
    phone: str = ""
    email: str = ""


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (BOM or not), else windows-874 (a superset of TIS-620)."""
    if len(data) > MAX_BYTES:
        raise CampaignError("ไฟล์ใหญ่เกิน 1 MB กรุณาแบ่งไฟล์แล้วนำเข้าทีละส่วน")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp874")
        except UnicodeDecodeError:
            text = None
    if text is None or "\x00" in text:
        raise CampaignError(
            "อ่านไฟล์ไม่ได้ กรุณาบันทึกเป็นไฟล์ CSV แบบ UTF-8 หรือ TIS-620 (windows-874) "
            "ไฟล์ Excel (.xlsx) ต้องบันทึกเป็น CSV ก่อน"
        )
    return text


def _key(header):
    return "".join((header or "").split()).lower()


def parse_stakeholders(data: bytes) -> list[StakeholderRow]:
    """The rows of a stakeholder CSV, all checked; CampaignError names every problem."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise CampaignError(f"ไฟล์ว่าง ต้องมีแถวหัวตารางที่มีคอลัมน์ {EXPECTED}")
        fields = [COLUMNS.get(_key(h)) for h in header]
        unknown = [
            h.strip() for h, f in zip(header, fields, strict=True) if f is None and h.strip()
        ]
        if unknown or "name" not in fields:
            found = ", ".join(h.strip() for h in header if h.strip()) or "-"
            raise CampaignError(
                f"คอลัมน์ของไฟล์ไม่ถูกต้อง (พบ: {found}) ต้องมีคอลัมน์ {EXPECTED} ในแถวแรกของไฟล์"
            )
        repeated = {f for f in fields if f and fields.count(f) > 1}
        if repeated:
            names = ", ".join(NAMES[f] for f in sorted(repeated))
            raise CampaignError(f"คอลัมน์ซ้ำกัน: {names}")
        rows, problems, seen = [], [], {}
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise CampaignError(f"ไฟล์มีรายชื่อเกิน {MAX_ROWS:,} รายการ")
            values = {f: "" for f in NAMES}
            for field, cell in zip(fields, cells, strict=False):
                if field:
                    values[field] = " ".join(cell.split())
            row = StakeholderRow(line=line, **values)
            problems.extend(_check(row, seen))
            rows.append(row)
    except csv.Error as exc:
        raise CampaignError(f"อ่านไฟล์ CSV ไม่ได้ ({exc})") from None
    if problems:
        raise CampaignError(errors=[(None, p) for p in problems[:20]])
    if not rows:
        raise CampaignError("ไฟล์ไม่มีรายชื่อ มีเพียงแถวหัวตาราง")
    return rows


def _check(row, seen):
    problems = []
    if not row.name:
        problems.append(f"แถวที่ {row.line}: ไม่มีชื่อ")
    for field, limit in LIMITS.items():
        if len(getattr(row, field)) > limit:
            problems.append(f"แถวที่ {row.line}: {NAMES[field]}ยาวเกิน {limit} ตัวอักษร")
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            problems.append(f"แถวที่ {row.line}: อีเมล “{row.email}” ไม่ถูกต้อง")
    if row.name:
        if row.name in seen:
            problems.append(f"แถวที่ {row.line}: ชื่อ “{row.name}” ซ้ำกับแถวที่ {seen[row.name]}")
        else:
            seen[row.name] = row.line
    return problems
