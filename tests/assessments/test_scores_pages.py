"""Entering and importing the ten indicator scores: the form, the files, and who may."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Assessment, IndicatorScore
from itaportal.thai import thai_digits
from tests.assessments.seed import SEED_2565


def form_data(scores):
    """The scores page's post: the typed scores and the version the page was made from."""
    version = Assessment.objects.get(year=2565, organization__slug="thotsop").version
    return {f"indicator_{n}": v for n, v in scores.items()} | {"version": str(version)}


def saved_scores(assessment):
    return {
        s.indicator.number: str(s.score)
        for s in IndicatorScore.objects.filter(assessment=assessment).select_related("indicator")
    }


def reload(assessment):
    return Assessment.objects.with_results().get(pk=assessment.pk)


def test_the_seed_scores_typed_in_thai_digits_give_60_61_level_d(login, analyst, assessment2565):
    client = login(analyst)
    url = reverse("assessments:scores", args=[2565])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="indicator_10"' in page.content.decode()
    thai = {n: thai_digits(v) for n, v in SEED_2565.items()}
    assert thai[9] == "๓๙.๒๗"
    response = client.post(url, form_data(thai))
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:detail", args=[2565])
    assessment = reload(assessment2565)
    assert saved_scores(assessment) == SEED_2565
    assert (assessment.total, assessment.level, assessment.passed) == (
        Decimal("60.61"),
        "D",
        False,
    )
    detail = client.get(response["Location"]).content.decode()
    assert "60.61" in detail and ">D<" in detail
    assert "24.39" in detail  # distance to 85


@pytest.mark.parametrize(
    "value, message",
    [
        ("100.01", "ค่าต้องไม่เกิน 100"),
        ("-1", "ค่าต้องไม่น้อยกว่า 0"),
        ("แปดสิบ", "กรุณากรอกตัวเลข"),
        ("88.123", "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
    ],
)
def test_a_bad_score_is_refused_next_to_its_field_and_nothing_saved(
    login, analyst, assessment2565, value, message
):
    scores = dict(SEED_2565)
    scores[3] = value
    response = login(analyst).post(reverse("assessments:scores", args=[2565]), form_data(scores))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors.keys() == {"indicator_3"}
    assert saved_scores(assessment2565) == {}


def test_clearing_a_field_removes_that_score(login, analyst, scored2565):
    scores = dict(SEED_2565)
    scores[10] = ""
    login(analyst).post(reverse("assessments:scores", args=[2565]), form_data(scores))
    assessment = reload(scored2565)
    assert 10 not in saved_scores(assessment)
    assert assessment.total is None


def csv_file(text, name="scores.csv"):
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = name
    return upload


def xlsx_file(rows, name="scores.xlsx"):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def import_url():
    return reverse("assessments:scores_import", args=[2565])


def test_a_csv_with_a_header_and_thai_digits_imports_the_seed(login, analyst, assessment2565):
    lines = ["ตัวชี้วัดที่,คะแนน"] + [f"{thai_digits(n)},{v}" for n, v in SEED_2565.items()]
    response = login(analyst).post(import_url(), {"file": csv_file("\n".join(lines))})
    assert response.status_code == 302
    assessment = reload(assessment2565)
    assert (assessment.total, assessment.level) == (Decimal("60.61"), "D")
    assert {s.source for s in assessment.scores.all()} == {"imported"}


def test_an_xlsx_imports_the_seed(login, analyst, assessment2565):
    rows = [["indicator", "score"]] + [[n, float(v)] for n, v in SEED_2565.items()]
    response = login(analyst).post(import_url(), {"file": xlsx_file(rows)})
    assert response.status_code == 302
    assert reload(assessment2565).total == Decimal("60.61")


def test_a_file_with_bad_rows_is_refused_whole_with_a_thai_message_per_row(
    login, analyst, scored2565
):
    text = "\n".join(
        [
            "ตัวชี้วัดที่,คะแนน",
            "1,90",  # good, but must not be saved either
            "2,101",
            "3,abc",
            "3,80",
            "11,50",
            "x,50",
            "4,88.123",
        ]
    )
    response = login(analyst).post(import_url(), {"file": csv_file(text)})
    assert response.status_code == 200
    errors = response.context["import_errors"]
    assert errors == [
        "แถวที่ 3: คะแนน 101 ต้องอยู่ระหว่าง 0 ถึง 100",
        "แถวที่ 4: คะแนน “abc” ไม่ใช่ตัวเลข",
        "แถวที่ 5: ตัวชี้วัดที่ 3 ซ้ำกับแถวที่ 4",
        "แถวที่ 6: ไม่มีตัวชี้วัดที่ 11 ในกรอบการประเมินปีนี้",
        "แถวที่ 7: ตัวชี้วัด “x” ไม่ใช่เลขตัวชี้วัด",
        "แถวที่ 8: คะแนน 88.123 มีทศนิยมเกิน 2 ตำแหน่ง",
    ]
    page = response.content.decode()
    assert "ยังไม่ได้บันทึกคะแนนจากไฟล์นี้" in page
    assert saved_scores(scored2565) == SEED_2565  # indicator 1 still 86.52


def test_a_file_of_another_kind_is_refused(login, analyst, assessment2565):
    response = login(analyst).post(import_url(), {"file": csv_file("1,2", name="scores.pdf")})
    assert response.context["import_errors"] == ["รองรับเฉพาะไฟล์ .csv หรือ .xlsx"]


def test_an_unreadable_xlsx_is_refused(login, analyst, assessment2565):
    response = login(analyst).post(import_url(), {"file": csv_file("not a zip", "s.xlsx")})
    assert response.context["import_errors"] == ["อ่านไฟล์ Excel ไม่ได้ กรุณาใช้ไฟล์ .xlsx"]


@pytest.mark.parametrize("who", ["mayor", "staff_office"])
def test_executive_and_staff_read_but_may_not_enter_scores(request, login, who, scored2565):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("assessments:detail", args=[2565])).status_code == 200
    assert client.get(reverse("assessments:scores", args=[2565])).status_code == 403
    response = client.post(reverse("assessments:scores", args=[2565]), form_data(SEED_2565))
    assert response.status_code == 403
    assert client.post(import_url(), {"file": csv_file("1,50")}).status_code == 403
    assert saved_scores(scored2565) == SEED_2565


def test_another_organizations_admin_gets_404(login, outsider, scored2565):
    client = login(outsider)
    for name in ("detail", "scores", "item_results", "analysis"):
        assert client.get(reverse(f"assessments:{name}", args=[2565])).status_code == 404
    assert client.post(import_url(), {"file": csv_file("1,50")}).status_code == 404


def test_anonymous_users_are_sent_to_login(client, scored2565):
    response = client.get(reverse("assessments:detail", args=[2565]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_admin_adds_a_year_that_has_a_framework(login, analyst, frameworks):
    client = login(analyst)
    page = client.get(reverse("assessments:create"))
    choices = [c[0] for c in page.context["form"].fields["year"].choices]
    assert choices == [2569, 2568, 2567, 2566, 2565]
    response = client.post(reverse("assessments:create"), {"year": "2566"})
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:scores", args=[2566])
    page = client.get(reverse("assessments:create"))
    assert [c[0] for c in page.context["form"].fields["year"].choices] == [2569, 2568, 2567, 2565]
    response = client.post(reverse("assessments:create"), {"year": "2566"})
    assert response.status_code == 200
    assert Assessment.objects.filter(year=2566).count() == 1
