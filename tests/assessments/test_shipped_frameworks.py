"""The framework files the project ships: each loads, each keeps the required elements its
header promises, and FY 2567 (known only in part) still records a published result."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from assessments import imports, scoring, services
from assessments.models import Assessment, Framework, OITItem

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "fixtures").glob("ita-*.yaml")) + sorted(
    (ROOT / "fixtures/provisional").glob("ita-*.yaml")
)
STATED = re.compile(r"^# Items with required elements: (\d+) \(([^)]*)\)$", re.MULTILINE)


def file_id(path):
    return str(path.relative_to(ROOT))


def spec_of(path):
    return imports.parse_framework(imports.read_framework_file(path.read_bytes(), path.name))


def test_the_project_ships_the_years_it_knows():
    years = sorted(int(path.stem.removeprefix("ita-")) for path in SHIPPED)
    assert years == [2565, 2566, 2567, 2568, 2569]


@pytest.mark.parametrize("path", SHIPPED, ids=file_id)
def test_every_shipped_file_loads_as_the_year_it_is_named_for(db, path):
    framework, created = services.framework_import(
        data=imports.read_framework_file(path.read_bytes())
    )
    assert created
    assert f"ita-{framework.year}.yaml" == path.name
    assert framework.items().exists()
    # The files travel with the repository: their comments cite nothing outside it.
    text = path.read_text(encoding="utf-8")
    assert "/work/" not in text and "../shared" not in text
    assert "docs/frameworks.md" in text


@pytest.mark.parametrize("path", SHIPPED, ids=file_id)
def test_the_items_with_elements_are_the_ones_the_header_states(db, path):
    stated = STATED.search(path.read_text(encoding="utf-8"))
    assert stated, "the header says how many items have required elements"
    count, codes = int(stated[1]), [c.strip() for c in stated[2].split(",")]
    assert len(codes) == count

    spec = spec_of(path)
    assert [i.code for i in spec.items if i.required_elements] == codes

    framework, _ = services.framework_import(data=imports.read_framework_file(path.read_bytes()))
    loaded = OITItem.objects.filter(sub_indicator__indicator__framework=framework)
    with_elements = [i for i in loaded if i.required_elements]
    assert sorted(i.code for i in with_elements) == sorted(codes)
    for item in with_elements:
        assert item.elements_source, f"{item.code} names the kind of its source"
    assert f"{count} ข้อ" in framework.notes


@pytest.mark.parametrize("path", SHIPPED, ids=file_id)
def test_no_shipped_element_is_blank_or_repeated(path):
    for item in spec_of(path).items:
        elements = [" ".join(e.split()) for e in item.required_elements]
        assert all(elements), item.code
        assert len(set(elements)) == len(elements), item.code


def test_elements_from_two_sources_are_marked_confirmed_and_one_source_otherwise():
    spec_2566 = {i.code: i for i in spec_of(ROOT / "fixtures/ita-2566.yaml").items}
    assert spec_2566["O1"].elements_confidence == "confirmed"
    assert spec_2566["O24"].elements_confidence == "confirmed"
    assert spec_2566["O31"].elements_confidence == "one_source"
    assert "ยังไม่พบ" in spec_2566["O25"].required_elements[-1]  # cut short in every copy
    spec_2569 = {i.code: i for i in spec_of(ROOT / "fixtures/provisional/ita-2569.yaml").items}
    assert spec_2569["O10"].elements_confidence == "unknown"  # hints, not criteria
    assert not spec_2569["O3"].required_elements


# --- FY 2567 -----------------------------------------------------------------------------


def test_2567_has_three_instruments_at_30_30_40_and_the_rating_score(fw2567, fw2565):
    assert fw2567.provisional
    assert not fw2567.items_complete
    assert fw2567.pass_mark == Decimal("85")
    weights = {i.code: i.weight for i in fw2567.instruments.all()}
    assert weights == {"IIT": Decimal(30), "EIT": Decimal(30), "OIT": Decimal(40)}
    indicators = sorted(fw2567.indicators.all(), key=lambda i: i.number)
    assert [i.name for i in indicators] == [
        i.name for i in sorted(fw2565.indicators.all(), key=lambda i: i.number)
    ]
    for code, weight in weights.items():
        assert sum(i.weight for i in indicators if i.instrument.code == code) == weight
    labels = [b.label for b in sorted(fw2567.rating_bands.all(), key=lambda b: b.order)]
    assert labels == ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"]
    assert "แบ่งเท่ากัน" in fw2567.notes  # the weight split is an assumption, and says so
    assert sorted(i.code for i in fw2567.items()) == ["O1", "O10", "O2", "O25", "O3", "O4"]
    assert "ยังไม่ยืนยัน" in fw2567.items().get(code="O4").title


def scores_2567(iit, eit, oit9, oit10):
    return {
        **{n: Decimal(iit) for n in range(1, 6)},
        **{n: Decimal(eit) for n in (6, 7, 8)},
        9: Decimal(oit9),
        10: Decimal(oit10),
    }


@pytest.mark.parametrize(
    ("scores", "total", "label"),
    [
        (scores_2567(90, 90, 90, 90), "90.00", "ผ่านดี"),
        (scores_2567(96, 96, 100, 90), "95.60", "ผ่านดีเยี่ยม"),
        # a high total with one instrument under 85 only passes (the published สตง. case)
        (scores_2567(95, 80, 95, 95), "90.50", "ผ่าน"),
        (scores_2567(80, 80, 80, 70), "78.00", "ต้องปรับปรุง"),
    ],
)
def test_an_organization_records_its_2567_indicator_scores_and_gets_a_total_and_label(
    org, fw2567, scores, total, label
):
    assessment = services.assessment_create(organization=org, year=2567)
    services.scores_save(assessment=assessment, scores=scores, version=assessment.version)
    result = type(assessment).objects.with_results().get(pk=assessment.pk).result
    assert (result.total, result.label) == (Decimal(total), label)
    assert result.passed is (Decimal(total) >= 85)


def test_the_dashboard_shows_a_2567_result_entered_through_the_pages(login, analyst, frameworks):
    client = login(analyst)
    response = client.post(reverse("assessments:create"), {"year": "2567"})
    assert response["Location"] == reverse("assessments:scores", args=[2567])
    client.post(
        reverse("assessments:scores", args=[2567]),
        {f"indicator_{n}": "90" for n in range(1, 11)}
        | {"version": Assessment.objects.get(organization=analyst.organization).version},
    )
    response = client.get(reverse("assessments:dashboard"))
    current = response.context["current"]
    assert (current["year"], current["total"], current["level"]) == (2567, Decimal("90.00"), "ผ่านดี")
    assert "90.00" in response.content.decode()


def test_item_results_of_a_partial_year_leave_the_published_oit_score_alone(org, fw2567):
    assessment = services.assessment_create(organization=org, year=2567)
    assessment = services.scores_save(
        assessment=assessment, scores=scores_2567(90, 90, 88.5, 75), version=assessment.version
    )
    every_known_item = {i.code: services.ItemResultInput(met=False) for i in fw2567.items()}
    recomputed = services.item_results_save(
        assessment=assessment, results=every_known_item, version=assessment.version
    )
    assert recomputed == {}
    assert assessment.scores.get(indicator__number=9).score == Decimal("88.50")
    assert scoring.item_points(fw2567) == {}
    assert scoring.oit_indicator_scores(fw2567, {"O1": True}) == {}


def test_the_item_pages_of_2567_say_points_are_not_known_yet(login, analyst, org, fw2567):
    assessment = services.assessment_create(organization=org, year=2567)
    assessment = services.scores_save(
        assessment=assessment, scores=scores_2567(90, 90, 90, 90), version=assessment.version
    )
    services.item_results_save(
        assessment=assessment,
        results={"O1": services.ItemResultInput(met=False)},
        version=assessment.version,
    )
    client = login(analyst)
    for url in (
        reverse("assessments:item_results", args=[2567]),
        reverse("oit:progress", args=[2567]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ยังไม่ครบ (ทราบเพียงบางข้อ)" in response.content.decode(), url
    listing = client.get(reverse("oit:list", args=[2567]))
    assert listing.context["total_items"] == 6


def test_the_2567_file_exports_and_reimports_unchanged(fw2567):
    exported = imports.framework_to_data(fw2567)
    assert exported["items_complete"] is False
    Framework.objects.filter(pk=fw2567.pk).delete()
    reimported, created = services.framework_import(data=exported)
    assert created and not reimported.items_complete
    assert imports.framework_to_data(reimported) == exported
