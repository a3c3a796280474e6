"""The scoring rules against hand-computed cases, on the shipped FY 2565/2566 frameworks."""

from decimal import Decimal

import pytest

from assessments import scoring
from assessments.models import Framework
from tests.assessments.factories import make_framework
from tests.assessments.seed import SEED_2565, decimals

D = Decimal


def scores_for_total(total):
    """Ten equal indicator scores give exactly that total (the weights sum to 100)."""
    return dict.fromkeys(range(1, 11), D(total))


def test_the_seed_scores_give_60_61_level_d(fw2565):
    result = scoring.compute(fw2565, decimals(SEED_2565))
    assert result.total == D("60.61")
    assert result.label == "D"
    assert result.passed is False
    # IIT 402.10/5, EIT 261.29/3, OIT 51.77/2 (each instrument's own score, 0–100)
    assert result.instrument_scores == {"IIT": D("80.42"), "EIT": D("87.10"), "OIT": D("25.89")}


@pytest.mark.parametrize(
    "total, label, passed",
    [
        ("100", "AA", True),
        ("95", "AA", True),
        ("94.99", "A", True),
        ("85", "A", True),
        ("84.995", "A", True),  # rounds half-up to 85.00 first
        ("84.994", "B", False),
        ("84.99", "B", False),
        ("75", "B", False),
        ("74.99", "C", False),
        ("65", "C", False),
        ("64.99", "D", False),
        ("55", "D", False),
        ("54.99", "E", False),
        ("50", "E", False),
        ("49.99", "F", False),
        ("0", "F", False),
    ],
)
def test_every_band_boundary_of_2565(fw2565, total, label, passed):
    result = scoring.compute(fw2565, scores_for_total(total))
    assert result.total == scoring.round_half_up(D(total))
    assert (result.label, result.passed) == (label, passed)


def test_the_total_is_rounded_half_up_only_at_the_end(fw2565):
    # 6 % of 84.995 five times + 10 % ×3 + 20 % ×2 = 84.995 → 85.00, not 84.99 (banker's).
    result = scoring.compute(fw2565, scores_for_total("84.995"))
    assert result.total == D("85.00")
    assert result.label == "A"


@pytest.mark.parametrize(
    "scores, label",
    [
        (scores_for_total("95"), "ผ่านดีเยี่ยม"),
        (scores_for_total("94.99"), "ผ่านดี"),
        (scores_for_total("85"), "ผ่านดี"),
        (scores_for_total("84.99"), "ต้องปรับปรุง"),
        (scores_for_total("70"), "ต้องปรับปรุง"),
        (scores_for_total("69.99"), "ต้องปรับปรุงโดยด่วน"),
        (scores_for_total("0"), "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_the_rating_score_of_2566_when_every_instrument_is_level(fw2566, scores, label):
    assert scoring.compute(fw2566, scores).label == label


def test_a_high_total_with_eit_below_85_is_only_pass_not_good(fw2566):
    # The สตง. case: total 94.64 but EIT below 85 → ผ่าน, not ผ่านดี.
    scores = {1: "98.13", 2: "98.13", 3: "98.13", 4: "98.13", 5: "98.15",
              6: "84", 7: "84", 8: "84", 9: "100", 10: "100"}  # fmt: skip
    result = scoring.compute(fw2566, decimals(scores))
    assert result.total == D("94.64")  # 29.4402 + 25.2 + 40
    assert result.instrument_scores["EIT"] == D("84.00")
    assert result.label == "ผ่าน"
    assert result.passed is True


def test_excellent_needs_every_instrument_at_95(fw2566):
    scores = dict.fromkeys(range(1, 11), D("100"))
    scores.update({6: D("90"), 7: D("90"), 8: D("90")})  # total 97, EIT 90
    result = scoring.compute(fw2566, scores)
    assert result.total == D("97.00")
    assert result.label == "ผ่านดี"


def test_a_missing_score_leaves_the_total_open(fw2565):
    scores = decimals(SEED_2565)
    del scores[4]
    result = scoring.compute(fw2565, scores)
    assert result.total is None and result.label is None and result.passed is None
    assert result.missing == [4]
    assert result.instrument_scores["IIT"] is None
    assert result.instrument_scores["EIT"] == D("87.10")


def test_oit_indicator_is_the_mean_of_its_sub_indicator_percentages(fw2565):
    # 9.1: 7/9, 9.2: 2/8, 9.3: 2/7, 9.4: 1/4, 9.5: 2/5 → (77.78+25+28.57+25+40)/5 = 39.27
    met_codes = {"O1", "O2", "O3", "O4", "O5", "O6", "O7", "O10", "O14", "O18", "O22", "O25",
                 "O29", "O30", "O34", "O39"}  # fmt: skip
    met = {item.code: item.code in met_codes for item in fw2565.items()}
    scores = scoring.oit_indicator_scores(fw2565, met)
    assert scores == {9: D("39.27"), 10: D("12.50")}
    # A flat average over all items would give 12/33 = 36.36 and 2/10 = 20.00 instead.


def test_every_item_of_a_sub_indicator_met_gives_its_full_share(fw2565):
    met = {code: True for code in ("O42", "O43")}
    assert scoring.oit_indicator_scores(fw2565, met)[10] == D("50.00")


def test_points_at_stake_of_2565(fw2565):
    points = scoring.item_points(fw2565)
    assert points["O1"] == D("0.44")  # 20 / (9 items × 5 sub-indicators)
    assert points["O10"] == D("0.50")  # 20 / (8 × 5)
    assert points["O18"] == D("0.57")  # 20 / (7 × 5)
    assert points["O25"] == D("1.00")  # 20 / (4 × 5)
    assert points["O29"] == D("0.80")  # 20 / (5 × 5)
    assert points["O34"] == D("1.25")  # 20 / (8 × 2)
    assert points["O42"] == D("5.00") and points["O43"] == D("5.00")  # 20 / (2 × 2)
    assert len(points) == 43


def test_the_total_had_every_failed_item_been_met(fw2565):
    met_codes = {"O1", "O2", "O3", "O4", "O5", "O6", "O7", "O10", "O14", "O18", "O22", "O25",
                 "O29", "O30", "O34", "O39"}  # fmt: skip
    failed = [i.code for i in fw2565.items() if i.code not in met_codes]
    result = scoring.result_if_met(fw2565, decimals(SEED_2565), failed)
    # Indicators 9 and 10 at 100: 24.126 + 26.129 + 20 + 20 = 90.255 → 90.26
    assert result.total == D("90.26")
    assert result.label == "A"
    only_o42 = scoring.result_if_met(fw2565, decimals(SEED_2565), ["O42"])
    assert only_o42.total == D("65.61")  # +5.00 points


def test_the_shipped_2565_framework_has_ten_indicators_and_43_items(fw2565):
    assert [i.number for i in fw2565.indicators.all()] == list(range(1, 11))
    counts = [(s.code, len(s.items.all())) for i in fw2565.indicators.all()
              for s in i.sub_indicators.all()]  # fmt: skip
    assert counts == [("9.1", 9), ("9.2", 8), ("9.3", 7), ("9.4", 4), ("9.5", 5),
                      ("10.1", 8), ("10.2", 2)]  # fmt: skip
    assert fw2565.items().count() == 43
    assert fw2565.items().first().code == "O1"
    assert sum(i.weight for i in fw2565.indicators.all()) == 100


def test_the_all_met_total_is_exact_when_a_stored_score_was_rounded_down(db):
    # Indicator 3 has one sub-indicator of three items, one met: 33.333… stored as 33.33.
    # Adding the two failed items' shares to 33.33 gives 99.9967, not 100, which would
    # put the all-met total 0.01 short (88.01 for 88.02).
    framework = make_framework(
        year=2570,
        oit={
            3: {"3.1": [("O1", "ก", []), ("O2", "ข", []), ("O3", "ค", [])]},
            4: {"4.1": [("O4", "ง", []), ("O5", "จ", [])]},
        },
    )
    framework = Framework.objects.with_structure().get(pk=framework.pk)
    met = {"O1": True, "O2": False, "O3": False, "O4": True, "O5": True}
    oit = scoring.oit_indicator_scores(framework, met)
    assert oit == {3: D("33.33"), 4: D("100.00")}
    scores = {1: D("80.05"), 2: D("80"), **oit}
    assert scoring.compute(framework, scores).total == D("74.68")  # 24.015 + 24 + 6.666 + 20
    all_met = scoring.result_if_met(framework, scores, ["O2", "O3"], met=met)
    assert all_met.total == D("88.02")  # 24.015 + 24 + 20 + 20 = 88.015
    # Without the recorded results it can only add shares, the old approximation.
    assert scoring.result_if_met(framework, scores, ["O2", "O3"]).total == D("88.01")


@pytest.mark.parametrize(
    "total, level, published, published_level, difference, matches",
    [
        ("60.61", "D", "60.61", "D", D(0), True),
        ("60.62", "D", "60.61", "D", D("0.01"), False),
        ("60.51", "D", "60.61", "", D("0.10"), False),
        ("60.61", "D", "60.61", "C", D(0), False),
        ("60.61", "D", None, "D", None, True),
    ],
)
def test_the_computed_result_is_checked_against_the_published_one(
    total, level, published, published_level, difference, matches
):
    check = scoring.PublishedCheck(
        total=D(total),
        level=level,
        published_total=None if published is None else D(published),
        published_level=published_level,
    )
    assert check.difference == difference
    assert check.matches is matches


def test_an_incomplete_result_neither_matches_nor_differs():
    check = scoring.PublishedCheck(
        total=None, level=None, published_total=D("60.61"), published_level="D"
    )
    assert check.difference is None
    assert not check.matches and not check.total_differs and not check.level_differs
