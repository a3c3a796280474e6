"""Inputs whose cost could grow faster than their size are bounded: long numbers, score
files with many rows or a small archive that unpacks to a huge sheet, huge emblems, and
YAML aliases."""

import io
import os
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from assessments import imports
from assessments.errors import ImportRefused
from assessments.models import Assessment, IndicatorScore
from itaportal import thai
from itaportal.forms import EMBLEM_MAX_SIDE
from measures.models import Measure
from tests.assessments.factories import make_framework
from tests.conftest import png_bytes
from tests.measures import factories as measure_factories
from tests.trust.helpers import all_thai, rows

MILLION_DIGITS = "๙" * 1_000_000


def test_a_number_of_a_million_digits_is_refused_before_it_is_converted():
    with pytest.raises(ValueError, match="ยาวเกินไป"):
        thai.parse_decimal(MILLION_DIGITS)
    assert thai.parse_int(MILLION_DIGITS) is None
    assert thai.parse_decimal("๘๘.๙๑") == Decimal("88.91")


def test_a_measure_progress_of_a_million_digits_gets_the_forms_message(
    login, org, office, finance, staff_office
):
    depts = measure_factories.departments(org)
    a = measure_factories.assessment(org, 2565)
    measure = measure_factories.measure(
        a, 6, [depts["office"]], title="ม", start_date=date(2022, 10, 1), due_date=date(2023, 9, 30)
    )
    before = rows(Measure)
    response = login(staff_office).post(
        reverse("measures:edit", args=[measure.pk]),
        {"status": "in_progress", "progress": MILLION_DIGITS, "version": str(measure.version)},
    )
    assert response.status_code == 200
    assert all_thai(response.context["form"].errors["progress"])
    assert rows(Measure) == before


@pytest.fixture
def assessment(org):
    return Assessment.objects.create(organization=org, framework=make_framework(2565))


def csv_file(lines):
    return SimpleUploadedFile("s.csv", "\n".join(lines).encode())


def test_a_score_file_with_thousands_of_bad_rows_lists_a_bounded_number_of_messages(
    login, analyst, assessment
):
    lines = [f"{n},not-a-score" for n in range(1, 5)] + ["x,y"] * 150
    response = login(analyst).post(
        reverse("assessments:scores_import", args=[2565]), {"file": csv_file(lines)}
    )
    assert response.status_code == 200
    errors = response.context["import_errors"]
    assert len(errors) == imports.MAX_MESSAGES + 1
    assert errors[-1].startswith("และอีก")
    assert not IndicatorScore.objects.exists()


def test_a_score_file_of_more_rows_than_a_sheet_can_need_is_refused(login, analyst, assessment):
    lines = ["1,80"] * (imports.MAX_SCORE_ROWS + 5)
    response = login(analyst).post(
        reverse("assessments:scores_import", args=[2565]), {"file": csv_file(lines)}
    )
    errors = response.context["import_errors"]
    assert len(errors) == 1 and str(imports.MAX_SCORE_ROWS) in errors[0]


def xlsx_of_rows(count):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for n in range(count):
        sheet.append([n % 4 + 1, 80])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def compact_xlsx(count):
    """A real workbook whose sheet repeats one row `count` times without cell references,
    as a hostile file would: deflate makes it tiny."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_of_rows(1)))
    row = b"<row><c><v>1</v></c><c><v>80</v></c></row>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                head, _, tail = data.partition(b"<sheetData>")
                data = (
                    head
                    + b"<sheetData>"
                    + row * count
                    + b"</sheetData>"
                    + tail.partition(b"</sheetData>")[2]
                )
            archive.writestr(info.filename, data)
    return buffer.getvalue()


def test_a_small_xlsx_of_a_hundred_thousand_rows_is_refused_without_reading_them():
    raw = compact_xlsx(100_000)
    assert len(raw) < imports.MAX_UPLOAD_BYTES
    with pytest.raises(ImportRefused) as refused:
        imports.read_score_rows(raw, "s.xlsx")
    assert all_thai(refused.value.messages)
    assert str(imports.MAX_SCORE_ROWS) in refused.value.messages[0]


def test_an_xlsx_that_unpacks_to_more_than_the_limit_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (imports.MAX_XLSX_UNPACKED_BYTES + 1))
    raw = buffer.getvalue()
    assert len(raw) < 100_000
    with pytest.raises(ImportRefused, match="มากเกิน"):
        imports.read_score_rows(raw, "s.xlsx")


def test_a_normal_xlsx_is_still_read():
    assert [r[1:] for r in imports.read_score_rows(xlsx_of_rows(4), "s.xlsx")] == [
        ("1", "80"),
        ("2", "80"),
        ("3", "80"),
        ("4", "80"),
    ]


def test_a_yaml_framework_file_with_aliases_is_refused():
    laughs = b'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    laughs += b"c: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nyear: 2570\n"
    with pytest.raises(ImportRefused, match="YAML"):
        imports.read_framework_file(laughs, "f.yaml")
    assert imports.read_framework_file(b"year: 2570\nname: x\n", "f.yaml")["year"] == 2570


def settings_post(org, emblem):
    data = {
        "name": org.name, "short_name": org.short_name, "kind": org.kind,
        "district": org.district, "province": org.province, "memo_prefix": "",
        "phone": "", "website": "", "website_domains": "",
    }  # fmt: skip
    return {**data, "emblem": emblem}


def image_bytes(size, kind, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, 128).save(buffer, format=kind)
    return buffer.getvalue()


def test_an_emblem_larger_than_the_pixel_cap_is_refused(login, analyst, org, media):
    side = EMBLEM_MAX_SIDE + 1
    upload = SimpleUploadedFile("e.png", image_bytes((side, 10), "PNG"), "image/png")
    response = login(analyst).post(reverse("organization_settings"), settings_post(org, upload))
    assert response.status_code == 200
    assert all_thai(response.context["form"].errors["emblem"])
    assert not [p for p in media.rglob("*") if p.is_file()]


@pytest.mark.parametrize("kind,name", [("GIF", "e.png"), ("BMP", "e.png"), ("TIFF", "e.jpg")])
def test_an_emblem_that_is_no_png_or_jpeg_by_content_is_refused(login, analyst, org, kind, name):
    upload = SimpleUploadedFile(name, image_bytes((40, 40), kind), "image/png")
    response = login(analyst).post(reverse("organization_settings"), settings_post(org, upload))
    assert response.status_code == 200
    assert all_thai(response.context["form"].errors["emblem"])


def test_the_stored_emblem_is_redrawn_without_what_the_file_carried_besides(login, analyst, org):
    payload = b"<script>alert(1)</script>" + os.urandom(64)
    upload = SimpleUploadedFile("e.png", png_bytes() + payload, "image/png")
    response = login(analyst).post(reverse("organization_settings"), settings_post(org, upload))
    assert response.status_code == 302
    org.refresh_from_db()
    stored = org.emblem.read()
    assert stored.startswith(b"\x89PNG") and payload not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (60, 60)


def test_a_text_without_a_length_of_its_own_is_bounded_at_the_form(login, analyst, org):
    from measures.forms import MemoForm

    a = measure_factories.assessment(org, 2565)
    form = MemoForm(assessment=a)
    assert form.fields["subject"].max_length == MemoForm.MAX_TEXT_LENGTH
    bound = MemoForm({"subject": "ก" * (MemoForm.MAX_TEXT_LENGTH + 1)}, assessment=a)
    assert not bound.is_valid()
    assert all_thai(bound.errors["subject"])
