"""OIT item results imported from CSV/XLSX through the score import's reader, and the
files to fill in that both imports offer."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import imports
from assessments.models import Assessment, OITItemResult
from tests.assessments.test_item_results import MET_2565
from tests.assessments.test_scores_pages import csv_file, saved_scores, xlsx_file


def results_import_url():
    return reverse("assessments:item_results_import", args=[2565])


def stored_results(assessment):
    return {
        r.item.code: (r.met, r.reason)
        for r in OITItemResult.objects.filter(assessment=assessment).select_related("item")
    }


def result_lines(framework, reasons=None):
    lines = ["ข้อ,ผล,เหตุผลของผู้ประเมิน"]
    for item in framework.items():
        met = "ผ่าน" if item.code in MET_2565 else "ไม่ผ่าน"
        lines.append(f"{item.code},{met},{(reasons or {}).get(item.code, '')}")
    return "\n".join(lines)


def test_a_csv_of_every_item_records_them_and_recomputes_indicators_9_and_10(
    login, analyst, scored2565, fw2565
):
    text = result_lines(fw2565, reasons={"O42": "ไม่พบมาตรการบนเว็บไซต์หลัก"})
    response = login(analyst).post(
        results_import_url(), {"file": csv_file(text, name="ผล.csv")}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("assessments:item_results", args=[2565])
    page = response.content.decode()
    assert f"นำเข้าผลรายข้อ OIT {len(fw2565.items())} ข้อของปี 2565 แล้ว" in page
    assert "ตัวชี้วัดที่ 9 = 39.27" in page
    stored = stored_results(scored2565)
    assert stored["O42"] == (False, "ไม่พบมาตรการบนเว็บไซต์หลัก")
    assert {code for code, (met, _) in stored.items() if met} == MET_2565
    assessment = Assessment.objects.with_results().get(pk=scored2565.pk)
    assert assessment.total == Decimal("60.61")
    assert assessment.version == scored2565.version + 1


def test_an_xlsx_with_thai_digits_and_lower_case_codes_is_read_like_the_csv(
    login, analyst, assessment2565
):
    rows = [["ข้อ", "ผล"], ["o๑", "ผ่าน"], ["O2", " ไม่ผ่าน "], ["O3", "ยังไม่มีผล"]]
    response = login(analyst).post(results_import_url(), {"file": xlsx_file(rows)})
    assert response.status_code == 302
    assert stored_results(assessment2565) == {"O1": (True, ""), "O2": (False, "")}


def test_a_bad_row_is_named_in_thai_and_nothing_is_saved(login, analyst, assessment2565):
    text = "\n".join(
        [
            "ข้อ,ผล,เหตุผล",
            "O1,ผ่าน,",  # good, but must not be saved either
            "O2,ผ่านแล้ว,",
            "O99,ผ่าน,",
            "O1,ไม่ผ่าน,",
        ]
    )
    version = assessment2565.version
    response = login(analyst).post(results_import_url(), {"file": csv_file(text)})
    assert response.status_code == 200
    assert response.context["import_errors"] == [
        "แถวที่ 3: ผลของข้อ O2 “ผ่านแล้ว” ต้องเป็น ผ่าน ไม่ผ่าน หรือ ยังไม่มีผล",
        "แถวที่ 4: ไม่มีข้อ “O99” ในกรอบการประเมินปีนี้",
        "แถวที่ 5: ข้อ O1 ซ้ำกับแถวที่ 2",
    ]
    assert "ยังไม่ได้บันทึกผลรายข้อ OIT จากไฟล์นี้" in response.content.decode()
    assert stored_results(assessment2565) == {}
    assert Assessment.objects.get(pk=assessment2565.pk).version == version


def test_an_item_results_file_of_too_many_rows_is_refused_by_the_same_cap(
    login, analyst, assessment2565
):
    lines = ["O1,ผ่าน"] * (imports.MAX_SCORE_ROWS + 5)
    response = login(analyst).post(results_import_url(), {"file": csv_file("\n".join(lines))})
    assert response.context["import_errors"] == [
        f"ไฟล์มีเกิน {imports.MAX_SCORE_ROWS} แถว ไฟล์ผลรายข้อ OIT มีหนึ่งแถวต่อหนึ่งข้อเท่านั้น"
    ]
    assert stored_results(assessment2565) == {}


def test_staff_and_the_mayor_may_not_import_item_results(
    login, staff_office, mayor, assessment2565
):
    for user in (staff_office, mayor):
        response = login(user).post(results_import_url(), {"file": csv_file("O1,ผ่าน")})
        assert response.status_code == 403
    assert stored_results(assessment2565) == {}


# --- the files to fill in -----------------------------------------------------------------


def template(client, name, format):
    response = client.get(reverse(f"assessments:{name}", args=[2565, format]))
    assert response.status_code == 200
    return response


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_score_template_has_thai_headers_and_the_years_indicators(
    login, analyst, assessment2565, fw2565, format
):
    response = template(login(analyst), "scores_template", format)
    assert f"scores-thotsop-2565.{format}" in response["Content-Disposition"]
    rows = csv_rows(response) if format == "csv" else xlsx_rows(response)
    assert rows[0] == list(imports.SCORES.columns)
    numbers = sorted(i.number for i in fw2565.indicators.all())
    assert [int(row[0]) for row in rows[1:]] == numbers
    assert all(row[1] in ("", None) for row in rows[1:])  # nothing stored yet


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_item_results_template_has_thai_headers_and_the_years_items(
    login, analyst, assessment2565, fw2565, format
):
    response = template(login(analyst), "item_results_template", format)
    rows = csv_rows(response) if format == "csv" else xlsx_rows(response)
    assert rows[0] == ["ข้อ", "ผล (ผ่าน/ไม่ผ่าน)", "เหตุผลของผู้ประเมิน", "ชื่อข้อ (ไม่ต้องแก้)"]
    in_order = [
        item
        for indicator in fw2565.indicators.order_by("number")
        for sub in indicator.sub_indicators.order_by("order", "code")
        for item in sub.items.order_by("number")
    ]
    assert [row[0] for row in rows[1:]] == [item.code for item in in_order]
    assert rows[1][3] == in_order[0].title


def reimport_both_templates(client, format):
    """Download each import's file to fill in and import it back untouched."""
    for name, import_name in [
        ("scores_template", "scores_import"),
        ("item_results_template", "item_results_import"),
    ]:
        response = template(client, name, format)
        upload = io.BytesIO(response.content)
        upload.name = f"template.{format}"
        imported = client.post(reverse(f"assessments:{import_name}", args=[2565]), {"file": upload})
        assert imported.status_code == 302, imported.context["import_errors"]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_a_blank_template_imports_unchanged_without_errors(login, analyst, scored2565, format):
    client = login(analyst)
    before = saved_scores(scored2565)
    reimport_both_templates(client, format)
    assert saved_scores(scored2565) == before
    assert stored_results(scored2565) == {}


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_a_filled_template_carries_what_is_stored_and_imports_back_to_the_same(
    login, analyst, scored2565, fw2565, format
):
    client = login(analyst)
    client.post(
        results_import_url(),
        {"file": csv_file(result_lines(fw2565, reasons={"O42": "=ไม่พบ, บนเว็บไซต์"}))},
    )
    results, scores = stored_results(scored2565), saved_scores(scored2565)
    reimport_both_templates(client, format)
    assert stored_results(scored2565) == results
    assert saved_scores(scored2565) == scores


def test_an_unknown_template_format_is_404(login, analyst, assessment2565):
    url = reverse("assessments:scores_template", args=[2565, "pdf"])
    assert login(analyst).get(url).status_code == 404


def test_both_pages_link_their_templates(login, analyst, assessment2565):
    client = login(analyst)
    scores_page = client.get(reverse("assessments:scores", args=[2565])).content.decode()
    for format in ("csv", "xlsx"):
        assert reverse("assessments:scores_template", args=[2565, format]) in scores_page
    results_page = client.get(reverse("assessments:item_results", args=[2565])).content.decode()
    for format in ("csv", "xlsx"):
        assert reverse("assessments:item_results_template", args=[2565, format]) in results_page
    assert reverse("assessments:item_results_import", args=[2565]) in results_page
