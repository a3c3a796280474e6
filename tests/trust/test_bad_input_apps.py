"""Property-based: the apps' real forms and imports either store exactly what was typed,
or refuse it with a Thai message and leave every row (and the upload folder) as it was.

The shared number fields and the emblem upload are covered in test_bad_input_core.py;
here the same promise is checked on the pages people actually use: the score form, the
OIT item results and the score import (CSV in three encodings, XLSX), the operator's framework file, the OIT
answer form (links, where-to-find, attachments), the measure and quarterly report forms
(progress, dates, quarters, evidence) and the order editor (signing date, members, copy).
Pages are driven through the test client, so the view's own handling of a refused form
is part of what is tested. A message counts as Thai when it is still Thai with the typed
input taken out of it (see helpers.is_thai).
"""

import csv
import io
import re
import string
from datetime import date, timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assessments.errors import ImportRefused
from assessments.models import Assessment, IndicatorScore
from assessments.services import scores_import, scores_save
from committees.models import Committee, Duty, Member, Order
from committees.services import CommitteeData, MemberData, committees_replace
from itaportal import thai
from measures.models import Evidence, Measure, MeasureReport
from oit.models import AnswerEvent, OITAnswer, OITAnswerAttachment
from tests.assessments.factories import make_answer, make_framework
from tests.committees.conftest import member_fields
from tests.conftest import png_bytes
from tests.measures import factories as measure_factories
from tests.trust.helpers import all_thai, files_under, form_errors, is_thai, limit_uploads, rows

pytestmark = pytest.mark.django_db

fixture_settings = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
few = settings(fixture_settings, max_examples=10)

THAI_LETTERS = "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศสหอฮะาิีึืุูเแโใไ่้๊๋ั็์"
thai_words = st.text(alphabet=THAI_LETTERS + " ", min_size=1, max_size=30).filter(str.strip)
scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


@pytest.fixture
def small_upload_limit(monkeypatch):
    """Attached files may be 1 KB here instead of 20 MB (for every example of a test)."""
    limit_uploads(monkeypatch, 1024)
    return 1024


def typed(number, in_thai, trim=False):
    """A number as a person types it: 88.90 or 88.9, in Thai or Arabic digits."""
    text = f"{number:f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return thai.thai_digits(text) if in_thai else text


# --- the score form -----------------------------------------------------------------------


@pytest.fixture
def framework(db):
    return make_framework(2565)  # indicators 1–4


@pytest.fixture
def assessment(org, framework):
    a = Assessment.objects.create(organization=org, framework=framework)
    scores_save(assessment=a, scores={1: Decimal("80.00"), 2: Decimal("70.50")}, version=a.version)
    return a


def page_version(assessment):
    """The version the assessment's pages carry now (earlier examples may have saved)."""
    return str(Assessment.objects.get(pk=assessment.pk).version)


def stored_scores(assessment):
    return {
        s.indicator.number: s.score
        for s in IndicatorScore.objects.filter(assessment=assessment).select_related("indicator")
    }


@fixture_settings
@given(
    given_scores=st.fixed_dictionaries({n: st.none() | scores for n in (1, 2, 3, 4)}),
    in_thai=st.booleans(),
    trim=st.booleans(),
)
def test_scores_typed_in_thai_or_arabic_digits_are_stored_exactly(
    login, analyst, assessment, given_scores, in_thai, trim
):
    data = {
        f"indicator_{n}": "" if v is None else typed(v, in_thai, trim)
        for n, v in given_scores.items()
    }
    data["version"] = page_version(assessment)
    response = login(analyst).post(reverse("assessments:scores", args=[2565]), data)
    assert response.status_code == 302
    assert stored_scores(assessment) == {n: v for n, v in given_scores.items() if v is not None}


bad_score_texts = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2)
    .filter(lambda d: d < 0 or d > 100)
    .map(str),
    st.decimals(min_value=0, max_value=100, places=3)
    .filter(lambda d: d != d.quantize(Decimal("0.01")))
    .map(str),
    st.sampled_from(["ห้าสิบ", "88.91.2", "1e2", "NaN", "inf", "๘๘,๙๑.๒", "88 91", "--5", "๑๐๐.๐๐๑"]),
    st.text(alphabet=string.ascii_letters + THAI_LETTERS + "!@#%", min_size=1, max_size=8),
)


@fixture_settings
@given(
    bad=bad_score_texts,
    in_thai=st.booleans(),
    where=st.sampled_from([1, 2, 3, 4]),
    others=st.fixed_dictionaries({n: scores for n in (1, 2, 3, 4)}),
)
def test_a_bad_score_anywhere_refuses_the_whole_form_in_thai(
    login, analyst, assessment, bad, in_thai, where, others
):
    before = rows(IndicatorScore, Assessment)
    data = {f"indicator_{n}": typed(v, False) for n, v in others.items()}
    data[f"indicator_{where}"] = thai.thai_digits(bad) if in_thai else bad
    response = login(analyst).post(reverse("assessments:scores", args=[2565]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [f"indicator_{where}"]
    assert all_thai(errors[f"indicator_{where}"], bad, thai.thai_digits(bad))
    assert rows(IndicatorScore, Assessment) == before


ITEMS = ["O1", "O2", "O3", "O4", "O5"]


@fixture_settings
@given(
    results=st.fixed_dictionaries({code: st.sampled_from(["", "1", "0"]) for code in ITEMS}),
    reasons=st.fixed_dictionaries(
        {code: st.text(THAI_LETTERS + " ", max_size=20) for code in ITEMS}
    ),
)
def test_oit_item_results_round_trip_and_decide_the_indicator_scores(
    login, analyst, assessment, results, reasons
):
    from assessments.models import OITItemResult

    data = {f"met_{c}": v for c, v in results.items()} | {
        f"reason_{c}": r for c, r in reasons.items()
    }
    data["version"] = page_version(assessment)
    response = login(analyst).post(reverse("assessments:item_results", args=[2565]), data)
    assert response.status_code == 302
    stored = {
        r.item.code: (r.met, r.reason)
        for r in OITItemResult.objects.filter(assessment=assessment).select_related("item")
    }
    assert stored == {c: (v == "1", reasons[c].strip()) for c, v in results.items() if v}


@few
@given(
    code=st.sampled_from(ITEMS),
    bad=st.sampled_from(["2", "yes", "ผ่าน", "-1", "๑", "true", "1 "]),
)
def test_a_tampered_item_result_is_refused_in_thai(login, analyst, assessment, code, bad):
    from assessments.models import OITItemResult

    before = rows(OITItemResult, IndicatorScore, Assessment)
    response = login(analyst).post(
        reverse("assessments:item_results", args=[2565]), {f"met_{code}": bad}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [f"met_{code}"]
    assert all_thai(errors[f"met_{code}"], bad, bad.strip())
    assert rows(OITItemResult, IndicatorScore, Assessment) == before


# --- the score import -----------------------------------------------------------------------


def csv_bytes(lines, encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["ตัวชี้วัดที่", "คะแนน"])
    writer.writerows(lines)
    return out.getvalue().encode(encoding)


def xlsx_bytes(lines, numeric=False):
    """An Excel sheet of the rows; `numeric` stores plain Arabic numbers as number cells,
    as Excel does when a person types them."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ตัวชี้วัดที่", "คะแนน"])
    for line in lines:
        sheet.append(
            [float(c) if numeric and re.fullmatch(r"-?\d+(\.\d+)?", c) else c for c in line]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_of(lines, kind):
    """The rows as a file the way people make one: CSV in UTF-8, UTF-8 with Excel's BOM
    or Windows Thai (cp874), XLSX with text cells or with number cells."""
    encodings = {"csv": "utf-8", "csv bom": "utf-8-sig", "csv cp874": "cp874"}
    if kind in encodings:
        return csv_bytes(lines, encodings[kind]), "scores.csv"
    return xlsx_bytes(lines, numeric=kind == "xlsx numbers"), "scores.xlsx"


def _not_an_indicator(text):
    try:
        int(thai.parse_decimal(text.replace("ตัวชี้วัดที่", "")))
    except ValueError:
        return True
    return False


FILE_KINDS = ["csv", "csv bom", "csv cp874", "xlsx", "xlsx numbers"]


@st.composite
def score_files(draw, bad_rows):
    """Rows for a score file: every known indicator at most once, and `bad_rows` rows that
    must be refused. Returns (lines, numbers of the bad rows in the file, good scores)."""
    numbers = draw(st.permutations([1, 2, 3, 4]))
    kinds = draw(
        st.lists(
            st.sampled_from(["bad score", "unknown", "not a number"]),
            min_size=bad_rows,
            max_size=bad_rows,
        )
    )
    kinds += ["good"] * draw(st.integers(min_value=0 if bad_rows else 1, max_value=4))
    kinds = draw(st.permutations(kinds))
    in_thai = draw(st.booleans())
    lines, bad_at, good = [], [], {}
    for kind in kinds:
        row_number = len(lines) + 2  # the header is row 1
        if kind in ("good", "bad score") and not numbers:
            if kind == "good":
                continue
            kind = "unknown"
        if kind in ("good", "bad score"):
            number = numbers.pop()
            label = draw(
                st.sampled_from([str(number), f"ตัวชี้วัดที่ {number}", thai.thai_digits(str(number))])
            )
            if kind == "good":
                value = draw(scores)
                lines.append((label, typed(value, in_thai, trim=draw(st.booleans()))))
                good[number] = value
            else:
                lines.append((label, draw(bad_score_texts.filter(str.strip))))
                bad_at.append(row_number)
        elif kind == "unknown":
            number = draw(st.integers(min_value=5, max_value=999) | st.integers(-50, 0))
            lines.append((str(number), typed(draw(scores), in_thai)))
            bad_at.append(row_number)
        else:
            text = draw(
                st.text(
                    alphabet=string.ascii_letters + THAI_LETTERS + "-_?", min_size=1, max_size=10
                ).filter(lambda s: s.strip() and _not_an_indicator(s))
            )
            lines.append((text, typed(draw(scores), in_thai)))
            bad_at.append(row_number)
    return lines, bad_at, good


@fixture_settings
@given(data=score_files(bad_rows=0), kind=st.sampled_from(FILE_KINDS))
def test_a_clean_score_file_is_imported_exactly(assessment, data, kind):
    lines, _bad, good = data
    assume(good)
    before = stored_scores(assessment)
    content, name = file_of(lines, kind)
    assert scores_import(assessment=assessment, upload=content, filename=name) == len(good)
    assert stored_scores(assessment) == {**before, **good}
    imported = IndicatorScore.objects.filter(assessment=assessment, indicator__number__in=good)
    assert {s.source for s in imported} == {IndicatorScore.Source.IMPORTED}


@fixture_settings
@given(
    data=score_files(bad_rows=1) | score_files(bad_rows=3),
    kind=st.sampled_from(FILE_KINDS),
)
def test_a_score_file_with_bad_rows_imports_nothing_and_names_each_bad_row(assessment, data, kind):
    lines, bad_at, _good = data
    before = rows(IndicatorScore, Assessment)
    content, name = file_of(lines, kind)
    with pytest.raises(ImportRefused) as refused:
        scores_import(assessment=assessment, upload=content, filename=name)
    messages = refused.value.messages
    assert len(messages) == len(bad_at)
    for row_number, message in zip(bad_at, messages, strict=True):
        assert message.startswith(f"แถวที่ {row_number}:")
    typed_cells = [cell for line in lines for cell in line]
    assert all_thai(messages, *typed_cells)
    assert rows(IndicatorScore, Assessment) == before


def test_an_indicator_listed_twice_is_refused_with_both_rows_named(assessment):
    before = rows(IndicatorScore)
    with pytest.raises(ImportRefused) as refused:
        scores_import(
            assessment=assessment,
            upload=csv_bytes([("3", "50"), ("4", "60"), ("๓", "55")]),
            filename="scores.csv",
        )
    [message] = refused.value.messages
    assert message.startswith("แถวที่ 4:") and "แถวที่ 2" in message
    assert is_thai(message)
    assert rows(IndicatorScore) == before


def test_a_sub_indicator_code_is_not_taken_for_an_indicator(assessment):
    before = rows(IndicatorScore)
    with pytest.raises(ImportRefused) as refused:
        scores_import(assessment=assessment, upload=csv_bytes([("3.2", "50")]), filename="s.csv")
    assert all_thai(refused.value.messages)
    assert rows(IndicatorScore) == before


@few
@given(
    content=st.binary(min_size=1, max_size=512),
    name=st.sampled_from(["scores.xlsx", "scores.pdf", "scores.xls", "scores", "scores.docx"]),
)
def test_a_file_that_is_not_a_score_sheet_gets_a_thai_message(
    login, analyst, assessment, content, name
):
    before = rows(IndicatorScore, Assessment)
    response = login(analyst).post(
        reverse("assessments:scores_import", args=[2565]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert all_thai(response.context["import_errors"])
    assert rows(IndicatorScore, Assessment) == before


@few
@given(content=st.binary(min_size=1, max_size=512))
def test_any_bytes_named_csv_are_read_or_refused_in_thai_never_a_crash(assessment, content):
    before = rows(IndicatorScore)
    try:
        scores_import(assessment=assessment, upload=content, filename="scores.csv")
    except ImportRefused as refused:
        assert all_thai(refused.messages, content.decode("utf-8", "replace"))
        assert rows(IndicatorScore) == before


def test_a_csv_with_an_unclosed_quote_gets_a_thai_message(assessment):
    content = b'"1,50\n' + b"2,60\n" * 30_000
    before = rows(IndicatorScore)
    with pytest.raises(ImportRefused) as refused:
        scores_import(assessment=assessment, upload=content, filename="scores.csv")
    assert all_thai(refused.value.messages)
    assert rows(IndicatorScore) == before


@few
@given(extra=st.integers(min_value=1, max_value=4096), kind=st.sampled_from(FILE_KINDS))
def test_a_score_file_over_the_size_limit_is_refused_in_thai(assessment, monkeypatch, extra, kind):
    content, name = file_of([("1", "50")], kind)
    monkeypatch.setattr("assessments.imports.MAX_UPLOAD_BYTES", len(content) + extra - 1)
    padded = content + (b"\n" * extra if kind.startswith("csv") else b"\0" * extra)
    before = rows(IndicatorScore)
    with pytest.raises(ImportRefused) as refused:
        scores_import(assessment=assessment, upload=padded, filename=name)
    assert refused.value.messages == ["ไฟล์ใหญ่เกิน 2 MB"]
    assert rows(IndicatorScore) == before


def test_the_import_page_asks_for_a_file_in_thai(login, analyst, assessment):
    before = rows(IndicatorScore, Assessment)
    response = login(analyst).post(reverse("assessments:scores_import", args=[2565]), {})
    assert response.status_code == 200
    assert all_thai(response.context["import_form"].errors["file"])
    assert rows(IndicatorScore, Assessment) == before


def test_the_import_page_shows_every_bad_row_and_keeps_the_scores(login, analyst, assessment):
    before = rows(IndicatorScore, Assessment)
    response = login(analyst).post(
        reverse("assessments:scores_import", args=[2565]),
        {
            "file": SimpleUploadedFile(
                "s.csv", csv_bytes([("1", "๙๙.๙๙"), ("2", "๑๐๑"), ("9", "5")])
            )
        },
    )
    assert response.status_code == 200
    errors = response.context["import_errors"]
    assert [e.split(":")[0] for e in errors] == ["แถวที่ 3", "แถวที่ 4"]
    assert all_thai(errors, "๑๐๑", "9")
    assert "แถวที่ 3" in response.content.decode()
    assert rows(IndicatorScore, Assessment) == before


# --- a framework file (the operator's import) ----------------------------------------------------


def _paths(node, path=()):
    """Every place in a nested mapping/list a value could be replaced."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _replaced(node, path, value):
    if not path:
        return value
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replaced(node[path[0]], path[1:], value)
    return copy


@pytest.fixture
def framework_data(framework):
    from assessments.imports import framework_to_data

    return {**framework_to_data(framework), "year": 2570, "name": "ITA 2570"}


@settings(fixture_settings, derandomize=True)  # the same examples every run
@given(
    data=st.data(),
    value=st.sampled_from([None, "", "abc", "๑๒", 12, -1, [], ["x"], {"a": 1}, [{"x": 1}], "1e9"]),
)
def test_a_framework_file_of_the_wrong_shape_gets_thai_messages(framework_data, data, value):
    from assessments.models import Framework, Indicator, Instrument, OITItem, RatingBand

    path = data.draw(st.sampled_from(list(_paths(framework_data))[1:]))
    mutated = _replaced(framework_data, path, value)
    models = (Framework, Instrument, Indicator, OITItem, RatingBand)
    before = rows(*models)
    from assessments.services import framework_import

    try:
        framework_import(data=mutated)
    except ImportRefused as refused:
        assert all_thai(refused.messages, str(value))
        assert rows(*models) == before


# --- the OIT answer form ----------------------------------------------------------------------


@pytest.fixture
def draft(org, office, framework, staff_office):
    return make_answer(org, framework, "O1", office, OITAnswer.Status.DRAFT, staff_office)


def answer_url():
    return reverse("oit:answer", args=[2565, "O1"])


def answer_post(draft, links, where_to_find="หน้าหลัก › ข้อมูลหน่วยงาน › โครงสร้าง", **extra):
    data = {
        "version": str(draft.version),
        "where_to_find": where_to_find,
        "explanation": "",
        "link_url": [u for u, _ in links],
        "link_label": [lbl for _, lbl in links],
        "save": "",
    }
    data.update(extra)
    return data


def answer_rows():
    return rows(OITAnswer, AnswerEvent, OITAnswerAttachment)


hosts = st.sampled_from(["www.thotsop.go.th", "thotsop.go.th", "www.example.com", "data.go.th"])
paths = st.text(alphabet=string.ascii_lowercase + string.digits + "-_/.ก", max_size=20)
good_urls = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}/{path}",
    st.sampled_from(["http", "https"]),
    hosts,
    paths,
)
good_links = st.tuples(good_urls, thai_words)
bad_urls = st.one_of(
    st.sampled_from(
        [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(document.cookie)",
            "javascript://www.thotsop.go.th/%0aalert(1)",
            "ftp://www.thotsop.go.th/ita/o1.pdf",
            "data:text/html,<script>alert(1)</script>",
            "data:application/pdf;base64,JVBERi0=",
            "mailto:saraban@thotsop.go.th",
            "file:///etc/passwd",
            "vbscript:msgbox(1)",
            "tel:032000000",
            "/ita/o1",
            "ita/o1.html",
            "//www.thotsop.go.th/ita",
            "www.thotsop.go.th/ita",
            "https:/www.thotsop.go.th",
            "https://",
            "http://",
            "https://www.thot sop.go.th/",
            "https://www.thotsop.go.th/ita o1",
        ]
    ),
    st.builds(
        lambda scheme, rest: f"{scheme}:{rest}",
        st.sampled_from(["javascript", "data", "ftp", "mailto", "file", "about", "blob", "sms"]),
        st.text(alphabet=string.printable.strip(), min_size=1, max_size=20),
    ),
    st.builds(
        lambda a, b: f"https://www.{a} {b}.go.th/",
        st.text(string.ascii_lowercase, min_size=1, max_size=6),
        st.text(string.ascii_lowercase, min_size=1, max_size=6),
    ),
)


@fixture_settings
@given(
    links=st.lists(good_links, min_size=1, max_size=5),
    where=thai_words,
    explanation=st.text(alphabet=THAI_LETTERS + " \n", max_size=40),
)
def test_an_answer_with_web_links_round_trips(
    login, staff_office, draft, links, where, explanation
):
    draft.refresh_from_db()
    version = draft.version
    data = answer_post(draft, links, where_to_find=f"หน้าหลัก › {where}")
    data["explanation"] = explanation
    response = login(staff_office).post(answer_url(), data)
    assert response.status_code == 302, form_errors(response.context["form"])
    draft.refresh_from_db()
    assert draft.links == [{"url": u, "label": lbl.strip()} for u, lbl in links]
    assert draft.where_to_find == f"หน้าหลัก › {where}".strip()
    assert draft.explanation == explanation.strip()
    assert draft.version == version + 1


@fixture_settings
@given(
    good=st.lists(good_links, min_size=0, max_size=4),
    bad=bad_urls,
    label=thai_words,
    position=st.integers(min_value=0, max_value=4),
)
def test_a_link_that_is_not_http_or_https_is_refused_in_thai(
    login, staff_office, draft, good, bad, label, position
):
    assume(bad.strip())
    links = list(good)
    links.insert(min(position, len(links)), (bad, label))
    before = answer_rows()
    response = login(staff_office).post(answer_url(), answer_post(draft, links))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["links"]
    assert all_thai(errors["links"], bad, bad.strip())
    assert answer_rows() == before


@fixture_settings
@given(
    good=st.lists(good_links, max_size=3),
    half=st.one_of(good_urls.map(lambda u: (u, "")), thai_words.map(lambda w: ("", w))),
)
def test_a_link_without_its_url_or_its_name_is_refused_in_thai(
    login, staff_office, draft, good, half
):
    before = answer_rows()
    response = login(staff_office).post(answer_url(), answer_post(draft, [*good, half]))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["links"]
    assert all_thai(errors["links"], *half)
    assert f"ลิงก์ที่ {len(good) + 1}:" in errors["links"][0]
    assert answer_rows() == before


@fixture_settings
@given(links=st.lists(good_links, min_size=6, max_size=9))
def test_more_than_five_links_are_refused_in_thai(login, staff_office, draft, links):
    before = answer_rows()
    response = login(staff_office).post(answer_url(), answer_post(draft, links))
    assert response.status_code == 200
    messages = response.context["form"].errors["links"]
    assert any("ไม่เกิน 5 ลิงก์" in m for m in messages)
    assert all_thai(messages)
    assert answer_rows() == before


@fixture_settings
@given(
    where=st.sampled_from(["", " ", "\n", "\t \r\n", "\u3000"]),
    links=st.lists(good_links, min_size=1, max_size=5),
)
def test_an_answer_without_where_to_find_is_refused_in_thai(
    login, staff_office, draft, where, links
):
    before = answer_rows()
    response = login(staff_office).post(
        answer_url(), answer_post(draft, links, where_to_find=where)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["where_to_find"]
    assert all_thai(errors["where_to_find"])
    assert answer_rows() == before


@fixture_settings
@given(
    links=st.lists(good_links, min_size=0, max_size=4),
    element=st.sampled_from([1, 2]),
    pointed=st.integers(min_value=1, max_value=5),
)
def test_an_element_ticked_against_an_empty_link_is_refused_in_thai(
    login, staff_office, draft, links, element, pointed
):
    assume(pointed > len(links))
    before = answer_rows()
    data = answer_post(draft, links, **{f"element_{element}": f"link:{pointed}"})
    response = login(staff_office).post(answer_url(), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [f"element_{element}"]
    assert all_thai(errors[f"element_{element}"])
    assert answer_rows() == before


def test_a_null_character_in_a_text_field_is_refused_in_thai(login, staff_office, draft):
    before = answer_rows()
    links = [("https://www.thotsop.go.th/ita", "ผัง")]
    response = login(staff_office).post(
        answer_url(), answer_post(draft, links, where_to_find="หน้าหลัก\x00 › ITA")
    )
    assert response.status_code == 200
    assert all_thai(form_errors(response.context["form"]))
    assert answer_rows() == before


SIGNATURES = {
    "pdf": PDF_BYTES,
    "png": png_bytes(),
    "jpg": b"\xff\xd8\xff\xe0",
    "gif": b"GIF89a",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
}
stems = st.text(
    alphabet=string.ascii_letters + string.digits + "-_" + THAI_LETTERS[:20],
    min_size=1,
    max_size=16,
)
wrong_extension = st.builds(
    lambda stem, ext, content: (f"{stem}{ext}", content),
    stems,
    st.sampled_from(
        [".exe", ".html", ".htm", ".svg", ".js", ".php", ".zip", ".txt", ".csv", ".pdf.exe", ""]
    ),
    st.binary(min_size=1, max_size=256) | st.sampled_from(list(SIGNATURES.values())),
)
# The bytes each validator looks for first: content that does not start so is refused.
MAGIC = {
    "pdf": b"%PDF",
    "png": b"\x89PNG",
    "jpg": b"\xff\xd8\xff",
    "gif": b"GIF8",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "doc": b"\xd0\xcf\x11\xe0",
}
wrong_content = st.builds(
    lambda stem, ext, content: (f"{stem}.{ext}", content),
    stems,
    st.sampled_from(sorted(SIGNATURES)),
    st.binary(min_size=1, max_size=256),
).filter(lambda pair: not pair[1].startswith(MAGIC[pair[0].rsplit(".", 1)[1]]))
# A real file of one kind renamed to another kind's extension.
renamed = st.builds(
    lambda stem, pair: (f"{stem}.{pair[0]}", SIGNATURES[pair[1]] + b"\0" * 32),
    stems,
    st.sampled_from(
        [
            (ext, other)
            for ext in ("pdf", "png", "jpg", "gif", "docx", "doc")
            for other in sorted(SIGNATURES)
            if not SIGNATURES[other].startswith(MAGIC[ext])
        ]
    ),
)


@fixture_settings
@given(bad=wrong_extension | wrong_content | renamed, with_good=st.booleans())
def test_an_attachment_of_the_wrong_type_is_refused_and_nothing_is_stored(
    login, staff_office, draft, media, bad, with_good
):
    name, content = bad
    uploads = [SimpleUploadedFile(name, content)]
    if with_good:
        uploads.insert(0, SimpleUploadedFile("ประกาศ.pdf", PDF_BYTES + b"x" * 100))
    before, stored = answer_rows(), files_under(media)
    links = [("https://www.thotsop.go.th/ita", "ผัง")]
    response = login(staff_office).post(answer_url(), answer_post(draft, links, files=uploads))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["files"]
    assert all_thai(errors["files"], name)
    assert answer_rows() == before
    assert files_under(media) == stored


@few
@given(extra=st.integers(min_value=1, max_value=2048), ext=st.sampled_from(["pdf", "png", "docx"]))
def test_an_attachment_over_the_size_limit_is_refused_in_thai(
    login, staff_office, draft, media, small_upload_limit, extra, ext
):
    content = SIGNATURES[ext] + b"\0" * (1024 - len(SIGNATURES[ext]) + extra)
    before, stored = answer_rows(), files_under(media)
    links = [("https://www.thotsop.go.th/ita", "ผัง")]
    response = login(staff_office).post(
        answer_url(),
        answer_post(draft, links, files=[SimpleUploadedFile(f"big.{ext}", content)]),
    )
    assert response.status_code == 200
    messages = response.context["form"].errors["files"]
    assert any("ใหญ่เกิน" in m for m in messages)
    assert all_thai(messages, f"big.{ext}")
    assert answer_rows() == before
    assert files_under(media) == stored


@few
@given(ext=st.sampled_from(sorted(SIGNATURES)), body=st.binary(max_size=256), stem=stems)
def test_an_attachment_of_an_allowed_type_is_stored_with_its_name_and_bytes(
    login, staff_office, draft, ext, body, stem
):
    content = SIGNATURES[ext] + body
    count = OITAnswerAttachment.objects.count()
    links = [("https://www.thotsop.go.th/ita", "ผัง")]
    draft.refresh_from_db()
    response = login(staff_office).post(
        answer_url(),
        answer_post(draft, links, files=[SimpleUploadedFile(f"{stem}.{ext}", content)]),
    )
    assert response.status_code == 302
    assert OITAnswerAttachment.objects.count() == count + 1
    attachment = OITAnswerAttachment.objects.latest("pk")
    assert attachment.original_name == f"{stem}.{ext}"
    assert attachment.size == len(content)
    with attachment.file.open("rb") as stored:
        assert stored.read() == content


# --- the measure form and the quarterly report -----------------------------------------------


@pytest.fixture
def depts(org, office, finance):
    return measure_factories.departments(org)


@pytest.fixture
def measure(org, depts):
    a = measure_factories.assessment(org, 2565)  # followed up in FY 2566, long past
    return measure_factories.measure(
        a,
        6,
        [depts["office"]],
        title="มาตรการทดสอบ",
        start_date=date(2022, 10, 1),
        due_date=date(2023, 9, 30),
    )


def measure_rows():
    return rows(Measure, Measure.departments.through, MeasureReport, Evidence)


def measure_post(measure, **changes):
    data = {
        "indicator": str(measure.indicator_id),
        "order": "1",
        "sub_topic": "",
        "weakness": "",
        "improvements": "ปรับปรุงเว็บไซต์",
        "departments": [str(d.pk) for d in measure.departments.all()],
        "responsible_people": "",
        "steps": "",
        "monitoring": "",
        "title": "มาตรการใหม่",
        "start_date": "2022-10-01",
        "due_date": "2023-09-30",
        "status": "in_progress",
        "progress": "50",
        "version": str(measure.version),
    }
    data.update(changes)
    return data


out_of_range = st.integers(min_value=-(10**6), max_value=10**6).filter(lambda n: not 0 <= n <= 100)


@fixture_settings
@given(progress=out_of_range, in_thai=st.booleans(), as_admin=st.booleans())
def test_progress_outside_0_to_100_is_refused_in_thai(
    login, analyst, staff_office, measure, progress, in_thai, as_admin
):
    text = thai.thai_digits(str(progress)) if in_thai else str(progress)
    before = measure_rows()
    client = login(analyst if as_admin else staff_office)
    if as_admin:
        # A new measure through the full form, and the same number on an existing one.
        url = reverse("measures:create", args=[2565])
        response = client.post(url, measure_post(measure, progress=text))
        assert response.status_code == 200
        assert all_thai(response.context["form"].errors["progress"], text)
    response = client.post(
        reverse("measures:edit", args=[measure.pk]),
        {"status": "in_progress", "progress": text, "version": str(measure.version)}
        if not as_admin
        else measure_post(measure, progress=text),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["progress"]
    assert all_thai(errors["progress"], text)
    assert measure_rows() == before


@fixture_settings
@given(progress=st.integers(min_value=0, max_value=100), in_thai=st.booleans())
def test_progress_in_thai_digits_round_trips(login, staff_office, measure, progress, in_thai):
    measure.refresh_from_db()
    text = thai.thai_digits(str(progress)) if in_thai else str(progress)
    response = login(staff_office).post(
        reverse("measures:edit", args=[measure.pk]),
        {"status": "in_progress", "progress": text, "version": str(measure.version)},
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.progress == progress


@fixture_settings
@given(
    start=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    days_before=st.integers(min_value=1, max_value=800),
    editing=st.booleans(),
)
def test_a_due_date_before_the_start_is_refused_in_thai(
    login, analyst, measure, start, days_before, editing
):
    due = start - timedelta(days=days_before)
    before = measure_rows()
    url = (
        reverse("measures:edit", args=[measure.pk])
        if editing
        else reverse("measures:create", args=[2565])
    )
    response = login(analyst).post(
        url, measure_post(measure, start_date=start.isoformat(), due_date=due.isoformat())
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["due_date"]
    assert all_thai(errors["due_date"])
    assert measure_rows() == before


@few
@given(
    field=st.sampled_from(["start_date", "due_date"]),
    text=st.sampled_from(
        ["2566-02-30", "31/02/2566", "31/02/2023", "10/01/2023", "พรุ่งนี้", "2023-13-01", "1 ต.ค. 66"]
    ),
)
def test_a_date_that_is_not_a_date_is_refused_in_thai(login, analyst, measure, field, text):
    before = measure_rows()
    response = login(analyst).post(
        reverse("measures:edit", args=[measure.pk]), measure_post(measure, **{field: text})
    )
    assert response.status_code == 200
    assert all_thai(response.context["form"].errors[field], text)
    assert measure_rows() == before


@few
@given(
    year=st.integers(min_value=2020, max_value=2030),
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=28),
    field=st.sampled_from(["start_date", "due_date"]),
    shape=st.sampled_from(["%Y-%m-%d", "%d/%m/%Y"]),
)
def test_a_buddhist_era_year_typed_into_a_date_is_read_as_that_day(
    login, analyst, measure, year, month, day, field, shape
):
    measure.refresh_from_db()
    text = date(year + 543, month, day).strftime(shape)
    changes = {"start_date": "", "due_date": "", field: text}
    response = login(analyst).post(
        reverse("measures:edit", args=[measure.pk]), measure_post(measure, **changes)
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert getattr(measure, field) == date(year, month, day)


def test_a_tampered_department_is_refused_in_thai(login, analyst, measure):
    before = measure_rows()
    response = login(analyst).post(
        reverse("measures:edit", args=[measure.pk]), measure_post(measure, departments=["x"])
    )
    assert response.status_code == 200
    assert all_thai(response.context["form"].errors["departments"], "x")
    assert measure_rows() == before


@pytest.fixture
def future_measure(org, depts):
    """A measure followed up in the next fiscal year: none of its quarters has begun."""
    fy = thai.fiscal_year(timezone.localdate())
    a = measure_factories.assessment(org, fy)
    return measure_factories.measure(a, 6, [depts["office"]], title="มาตรการปีหน้า")


@fixture_settings
@given(quarter=st.sampled_from([1, 2, 3, 4]), text=thai_words)
def test_a_report_for_a_quarter_that_has_not_begun_is_refused_in_thai(
    login, staff_office, future_measure, media, quarter, text
):
    before, stored = measure_rows(), files_under(media)
    response = login(staff_office).post(
        reverse("measures:report_add", args=[future_measure.pk]),
        {
            "quarter": f"{future_measure.follow_up_year}-{quarter}",
            "text": text,
            "links": "",
            "files": [SimpleUploadedFile("ok.pdf", PDF_BYTES)],
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["quarter"]
    assert all_thai(errors["quarter"])
    assert measure_rows() == before
    assert files_under(media) == stored


@few
@given(quarter=st.sampled_from(["2566-5", "2566-0", "2599-1", "abc", "2566", "๒๕๖๖-๙", "2565-4"]))
def test_a_tampered_quarter_is_refused_in_thai(login, staff_office, measure, quarter):
    before = measure_rows()
    response = login(staff_office).post(
        reverse("measures:report_add", args=[measure.pk]),
        {"quarter": quarter, "text": "ผล", "links": ""},
    )
    assert response.status_code == 200
    assert all_thai(response.context["form"].errors["quarter"], quarter)
    assert measure_rows() == before


@fixture_settings
@given(bad=wrong_extension | wrong_content | renamed, with_good=st.booleans())
def test_evidence_of_the_wrong_type_saves_no_report_and_no_file(
    login, staff_office, measure, media, bad, with_good
):
    name, content = bad
    uploads = [SimpleUploadedFile(name, content)]
    if with_good:
        uploads.insert(0, SimpleUploadedFile("ภาพกิจกรรม.png", png_bytes()))
    before, stored = measure_rows(), files_under(media)
    response = login(staff_office).post(
        reverse("measures:report_add", args=[measure.pk]),
        {"quarter": "2566-2", "text": "จัดอบรมแล้ว", "links": "", "files": uploads},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["files"]
    assert all_thai(errors["files"], name)
    assert measure_rows() == before
    assert files_under(media) == stored


@few
@given(extra=st.integers(min_value=1, max_value=2048))
def test_evidence_over_the_size_limit_is_refused_in_thai(
    login, staff_office, measure, media, small_upload_limit, extra
):
    before, stored = measure_rows(), files_under(media)
    response = login(staff_office).post(
        reverse("measures:report_add", args=[measure.pk]),
        {
            "quarter": "2566-2",
            "text": "จัดอบรมแล้ว",
            "links": "",
            "files": [SimpleUploadedFile("big.pdf", PDF_BYTES + b"\0" * (1024 + extra))],
        },
    )
    assert response.status_code == 200
    messages = response.context["form"].errors["files"]
    assert any("เกิน 20 MB" in m for m in messages)
    assert all_thai(messages, "big.pdf")
    assert measure_rows() == before
    assert files_under(media) == stored


@fixture_settings
@given(good=st.lists(good_urls, max_size=3), bad=bad_urls)
def test_a_report_link_that_is_not_http_or_https_is_refused_in_thai(
    login, staff_office, measure, good, bad
):
    assume(bad.strip() and "\n" not in bad and "\r" not in bad)
    before = measure_rows()
    response = login(staff_office).post(
        reverse("measures:report_add", args=[measure.pk]),
        {"quarter": "2566-3", "text": "ผลการดำเนินงาน", "links": "\n".join([*good, bad])},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["links"]
    assert all_thai(errors["links"], " ".join(bad.split()))
    assert measure_rows() == before


@few
@given(
    quarter=st.sampled_from([1, 2, 3, 4]),
    text=thai_words,
    links=st.lists(good_urls, max_size=3),
    ext=st.sampled_from(["pdf", "png", "docx"]),
)
def test_a_report_with_links_and_evidence_round_trips(
    login, staff_office, measure, quarter, text, links, ext
):
    content = SIGNATURES[ext] + b"evidence"
    client = login(staff_office)
    # The quarter's page, as the staff member opens it (an earlier example may have
    # reported that quarter already: the page then carries that report's version).
    url = reverse("measures:report_add", args=[measure.pk]) + f"?quarter=2566-{quarter}"
    page = BeautifulSoup(client.get(url).content, "html.parser")
    response = client.post(
        url,
        {
            "quarter": f"2566-{quarter}",
            "text": text,
            "links": "\n".join(links),
            "files": [SimpleUploadedFile(f"หลักฐาน.{ext}", content)],
            "version": page.select_one("input[name=version]").get("value", ""),
        },
    )
    assert response.status_code == 302
    report = MeasureReport.objects.get(measure=measure, year=2566, quarter=quarter)
    assert report.text == text.strip()
    assert report.links == links
    evidence = report.evidence.order_by("pk").last()
    assert evidence.original_name == f"หลักฐาน.{ext}"
    with evidence.file.open("rb") as stored:
        assert stored.read() == content


# --- the order editor --------------------------------------------------------------------------


def order_post(members="นายก | ประธาน", year="2566", signed_on="2023-01-10", **header):
    data = {
        "number": "12",
        "year": year,
        "fiscal_year": "2566",
        "subject": "แต่งตั้งคณะกรรมการ ITA",
        "preamble": "เหตุผลของคำสั่ง",
        "closing": "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป",
        "signed_on": signed_on,
        "signer_prefix": "นาย",
        "signer_name": "ผู้ลงนาม ทดสอบ",
        "signer_position": "นายกองค์การบริหารส่วนตำบลทดสอบ",
        "status": "draft",
        "version": "",
        "committees-TOTAL_FORMS": "1",
        "committees-INITIAL_FORMS": "0",
        "committees-MIN_NUM_FORMS": "0",
        "committees-MAX_NUM_FORMS": "1000",
        "committees-0-ORDER": "1",
        "committees-0-name": "คณะทำงาน",
        "committees-0-kind": "board",
        **{f"committees-0-{key}": value for key, value in member_fields(members).items()},
        "committees-0-duties_heading": "มีหน้าที่ ดังต่อไปนี้",
        "committees-0-duties": "ติดตามผล",
    }
    data.update(header)
    return data


def order_rows():
    return rows(Order, Committee, Member, Duty)


@pytest.fixture
def existing_order(org):
    order = Order.objects.create(
        organization=org, number=98, year=2565, subject="แต่งตั้งคณะกรรมการ ITA", fiscal_year=2565,
        signed_on=date(2022, 1, 17), signer_name="สนธยา คงสนิท",
    )  # fmt: skip
    committees_replace(
        order=order,
        committees=[
            CommitteeData(name="คณะทำงาน", members=[MemberData("ปลัด", "ประธาน")], duties=["ติดตาม"])
        ],
    )
    return order


@fixture_settings
@given(
    year=st.integers(min_value=2540, max_value=2600),
    signed=st.dates(min_value=date(1990, 1, 1), max_value=date(2650, 12, 31)),
    editing=st.booleans(),
)
def test_a_signing_date_outside_the_orders_year_is_refused_in_thai(
    login, analyst, existing_order, year, signed, editing
):
    assume(thai.be_year(signed.year) != year)
    before = order_rows()
    url = (
        reverse("committees:edit", args=[existing_order.pk])
        if editing
        else reverse("committees:create")
    )
    data = order_post(year=thai.thai_digits(str(year)), signed_on=signed.isoformat())
    if editing:
        data.update({"version": str(existing_order.version), "number": "98"})
    response = login(analyst).post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["signed_on"]
    assert all_thai(errors["signed_on"])
    assert order_rows() == before


member_titles = st.text(
    alphabet=THAI_LETTERS.replace("์", "") + ".", min_size=1, max_size=20
).filter(lambda s: s.strip(" ."))


@fixture_settings
@given(
    lines=st.lists(
        st.tuples(member_titles, st.none() | member_titles), min_size=1, max_size=8
    ).filter(lambda ls: any(role is None for _, role in ls)),
    editing=st.booleans(),
)
def test_members_without_a_role_are_refused_row_by_row_in_thai(
    login, analyst, existing_order, lines, editing
):
    text = "\n".join(title if role is None else f"{title} | {role}" for title, role in lines)
    before = order_rows()
    url = (
        reverse("committees:edit", args=[existing_order.pk])
        if editing
        else reverse("committees:create")
    )
    data = order_post(members=text)
    if editing:
        data.update(
            {
                "version": str(existing_order.version),
                "number": "98",
                "year": "2565",
                "signed_on": "2022-01-17",
            }
        )
    response = login(analyst).post(url, data)
    assert response.status_code == 200
    committee = response.context["formset"].forms[0]
    titles = [t for t, _ in lines] + [r for _, r in lines if r]
    assert all_thai(committee.non_field_errors(), *titles)
    for row, (_title, role) in zip(committee.members.forms, lines, strict=True):
        assert ("role" in row.errors) == (role is None)
        if role is None:
            assert all_thai(row.errors["role"], *titles)
    assert order_rows() == before


@fixture_settings
@given(
    number=st.integers(min_value=1, max_value=999),
    year=st.integers(min_value=2560, max_value=2600),
    lines=st.lists(st.tuples(member_titles, member_titles), min_size=1, max_size=6).map(
        lambda ls: [tuple(x) for x in ls]
    ),
)
def test_an_order_typed_in_thai_digits_round_trips(login, analyst, number, year, lines):
    text = "\n".join(f"{title} | {role}" for title, role in lines)
    signed = date(year - 543, 3, 1)
    response = login(analyst).post(
        reverse("committees:create"),
        order_post(
            members=text,
            number=thai.thai_digits(str(number)),
            year=thai.thai_digits(str(year)),
            fiscal_year=thai.thai_digits(str(year)),
            signed_on=signed.isoformat(),
        ),
    )
    assert response.status_code == 302
    order = Order.objects.get(number=number, year=year)
    assert order.signed_on == signed
    members = Member.objects.filter(committee__order=order).order_by("position")
    stored = [(m.position_title, m.role) for m in members]
    assert stored == lines
    order.delete()


@few
@given(
    year=st.integers(min_value=1900, max_value=2399) | st.integers(min_value=2701, max_value=10**5)
)
def test_an_order_year_that_is_not_buddhist_era_is_refused_in_thai(login, analyst, year):
    before = order_rows()
    response = login(analyst).post(
        reverse("committees:create"), order_post(year=str(year), signed_on="")
    )
    assert response.status_code == 200
    assert all_thai(response.context["form"].errors["year"], str(year))
    assert order_rows() == before


@fixture_settings
@given(
    number=st.integers(min_value=1, max_value=99),
    year=st.integers(min_value=2560, max_value=2600),
    in_thai=st.booleans(),
)
def test_copying_an_order_onto_a_number_in_use_is_refused_in_thai(
    login, analyst, existing_order, number, year, in_thai
):
    Order.objects.get_or_create(
        organization=existing_order.organization, number=number, year=year,
        defaults={"subject": "คำสั่งอื่น", "fiscal_year": year},
    )  # fmt: skip
    before = order_rows()
    digits = thai.thai_digits if in_thai else str
    response = login(analyst).post(
        reverse("committees:copy", args=[existing_order.pk]),
        {"number": digits(str(number)), "year": digits(str(year))},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["number"]
    assert all_thai(errors["number"])
    assert order_rows() == before


def test_text_longer_than_the_field_allows_is_refused_in_thai(login, analyst):
    before = order_rows()
    data = order_post()
    data["committees-0-name"] = "คณะทำงาน" * 40
    response = login(analyst).post(reverse("committees:create"), data)
    assert response.status_code == 200
    assert all_thai(response.context["formset"].forms[0].errors["name"])
    assert order_rows() == before


def test_helper_is_thai_sees_through_interpolated_input():
    assert is_thai("ลิงก์ที่ 1: “javascript:x” ไม่ใช่ลิงก์", "javascript:x")
    assert not is_thai("“กขค” is not a valid value.", "กขค")
    assert not is_thai("Ensure this value has at most 3 characters (it has 6).")
