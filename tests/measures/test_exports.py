"""The Excel export of the year's measures."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from measures.exports import safe
from tests.measures import factories


def test_values_that_look_like_formulas_get_a_quote():
    for value in ("=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe(value) == "'" + value
    assert safe("มาตรการ") == "มาตรการ" and safe(5) == 5


def test_the_export_has_the_report_columns_with_thai_headers(login, staff_office, seed):
    response = login(staff_office).get(reverse("measures:export_xlsx", args=[2565]))
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    ws = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in ws[1]]
    assert headers[:11] == [
        "ลำดับที่",
        "เครื่องมือ",
        "ตัวชี้วัด",
        "หัวข้อย่อยการประเมิน",
        "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน",
        "ประเด็นที่จะต้องพัฒนาให้ดีขึ้น สอดคล้องกับผลการประเมิน",
        "ส่วนราชการที่รับผิดชอบ",
        "ผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง",
        "ขั้นตอนหรือวิธีการปฏิบัติ",
        "การกำกับติดตามให้นำไปสู่การปฏิบัติและการรายงานผล",
        "การกำหนดแนวทางหรือมาตรการเพื่อขับเคลื่อนฯ",
    ]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5
    assert rows[0][2] == "6. คุณภาพการดำเนินงาน"
    assert rows[0][5].startswith("1. การจัดทำคู่มือหรือมาตรฐานการปฏิบัติงาน\n2. ")
    assert [r[0] for r in rows] == [1, 2, 3, 1, 2]


def test_a_formula_typed_into_a_measure_stays_text(login, analyst, assessment):
    factories.measure(assessment, 6, title='=HYPERLINK("http://evil","x")', weakness="-2+3")
    response = login(analyst).get(reverse("measures:export_xlsx", args=[2565]))
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in ws.iter_rows(min_row=2) for c in row]
    assert '\'=HYPERLINK("http://evil","x")' in values and "'-2+3" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_dates_are_written_in_the_buddhist_era(login, analyst, assessment):
    from datetime import date

    factories.measure(
        assessment,
        6,
        title="มาตรการมีกำหนด",
        start_date=date(2022, 10, 31),
        due_date=date(2023, 9, 30),
    )
    response = login(analyst).get(reverse("measures:export_xlsx", args=[2565]))
    ws = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[10] == "มาตรการมีกำหนด")
    assert row[headers.index("วันที่เริ่ม")] == "31/10/2565"
    assert row[headers.index("กำหนดแล้วเสร็จ")] == "30/09/2566"
