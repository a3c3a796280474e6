"""The year's measures as an Excel workbook, with the columns of the measures report."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from assessments.imports import XLSX, safe
from itaportal import thai
from measures.models import Measure

HEADERS = [
    ("ลำดับที่", 8),
    ("เครื่องมือ", 10),
    ("ตัวชี้วัด", 24),
    ("หัวข้อย่อยการประเมิน", 40),
    ("ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน", 40),
    ("ประเด็นที่จะต้องพัฒนาให้ดีขึ้น สอดคล้องกับผลการประเมิน", 45),
    ("ส่วนราชการที่รับผิดชอบ", 30),
    ("ผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง", 30),
    ("ขั้นตอนหรือวิธีการปฏิบัติ", 45),
    ("การกำกับติดตามให้นำไปสู่การปฏิบัติและการรายงานผล", 45),
    ("การกำหนดแนวทางหรือมาตรการเพื่อขับเคลื่อนฯ", 40),
    ("ข้อ OIT", 14),
    ("วันที่เริ่ม", 12),
    ("กำหนดแล้วเสร็จ", 12),
    ("สถานะ", 20),
    ("ความก้าวหน้า (ร้อยละ)", 12),
    ("เลยกำหนด", 40),
]


def numbered(items):
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))


def be_date(value):
    """A day as text in the Buddhist Era, `31/10/2565`: Excel has no Buddhist Era date
    format that every copy shows alike, and a text cell reads the same everywhere."""
    return thai.be_date_input(value) if value else ""


def measure_rows(measures, today):
    numbers = {}
    for m in measures:
        code = m.indicator.instrument.code
        numbers[code] = numbers.get(code, 0) + 1
        yield [
            numbers[code],
            code,
            f"{m.indicator.number}. {m.indicator.name}",
            m.sub_topic,
            m.weakness,
            numbered(m.improvements),
            "/".join(d.name for d in m.departments.all()),
            numbered(m.responsible_people),
            numbered(m.steps),
            numbered(m.monitoring),
            m.title,
            ", ".join(i.code for i in m.oit_items.all()),
            be_date(m.start_date),
            be_date(m.due_date),
            m.get_status_display(),
            m.progress,
            "\n".join(m.overdue_reasons_on(today)),
        ]


def measures_workbook(assessment) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    measures = Measure.objects.filter(assessment=assessment).for_listing()
    wb = Workbook()
    ws = wb.active
    ws.title = f"มาตรการ {assessment.year}"
    ws.append([title for title, _width in HEADERS])
    for column, (_title, width) in enumerate(HEADERS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
        ws.cell(row=1, column=column).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in measure_rows(measures, timezone.localdate()):
        ws.append([safe(value) for value in row])
        for cell in ws[ws.max_row]:
            cell.alignment = wrap
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def measures_workbook_response(assessment):
    response = HttpResponse(measures_workbook(assessment), content_type=XLSX)
    name = f"measures-{assessment.organization.slug}-{assessment.year}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
