"""The ITA scoring rules, on a framework's structure and plain numbers.

- Total = Σ indicator score × indicator weight / 100, rounded half-up to 2 decimals at the end.
- Each instrument's own score = its indicators' weighted mean (0–100), for the Rating Score.
- The label is the first of the year's rating bands that admits the total (and, where the
  band says so, every instrument's own score); pass = total ≥ the year's pass mark.
- An OIT indicator computed from item results is the mean over its sub-indicators of the
  percentage of items met in each, so one item is worth
  indicator weight / (items in its sub-indicator × sub-indicators in its indicator).
- Both depend on knowing every item: for a framework whose item list is partial
  (`items_complete` off, e.g. FY 2567) the item functions return nothing, and a year is
  scored from its published indicator scores alone.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from itaportal.thai import round_half_up

HUNDRED = Decimal(100)


@dataclass
class Result:
    total: Decimal | None
    label: str | None
    color: str
    passed: bool | None
    instrument_scores: dict = field(default_factory=dict)  # code -> Decimal (0–100) or None
    missing: list = field(default_factory=list)  # indicator numbers without a score

    @property
    def complete(self):
        return self.total is not None


def _indicators(framework):
    return sorted(framework.indicators.all(), key=lambda i: i.number)


def compute(framework, scores) -> Result:
    """Score a year from `scores`: {indicator number: Decimal score 0–100}."""
    indicators = _indicators(framework)
    missing = [i.number for i in indicators if scores.get(i.number) is None]
    instrument_scores = {}
    for instrument in sorted(framework.instruments.all(), key=lambda x: x.order):
        own = [i for i in indicators if i.instrument_id == instrument.pk]
        weight = sum((i.weight for i in own), Decimal(0))
        if own and weight and all(scores.get(i.number) is not None for i in own):
            weighted = sum((Decimal(scores[i.number]) * i.weight for i in own), Decimal(0))
            instrument_scores[instrument.code] = round_half_up(weighted / weight)
        else:
            instrument_scores[instrument.code] = None
    if missing or not indicators:
        return Result(None, None, "secondary", None, instrument_scores, missing)
    total = round_half_up(
        sum((Decimal(scores[i.number]) * i.weight for i in indicators), Decimal(0)) / HUNDRED
    )
    label, color = rating(framework, total, instrument_scores.values())
    return Result(total, label, color, total >= framework.pass_mark, instrument_scores, [])


def rating(framework, total, instrument_scores):
    """(label, color) of the first rating band of the year that admits the total."""
    percentages = [p for p in instrument_scores if p is not None]
    for band in sorted(framework.rating_bands.all(), key=lambda b: b.order):
        if band.admits(total, percentages):
            return band.label, band.color
    return None, "secondary"


def item_points(framework) -> Mapping:
    """{item code: points of the total one OIT item is worth}, rounded to 2 decimals;
    empty while the year's item list is partial. Computed once per loaded framework (a kept
    structure keeps its points for every request of the process), so read-only."""
    kept = framework.__dict__.get("_item_points")
    if kept is None:
        kept = framework.__dict__["_item_points"] = MappingProxyType(_item_points(framework))
    return kept


def _item_points(framework) -> dict:
    points = {}
    if not framework.items_complete:
        return points
    for indicator in _indicators(framework):
        subs = list(indicator.sub_indicators.all())
        for sub in subs:
            items = list(sub.items.all())
            for item in items:
                points[item.code] = round_half_up(indicator.weight / (len(items) * len(subs)))
    return points


def oit_indicator_scores(framework, met) -> dict:
    """{indicator number: score} for indicators with sub-indicators, from {item code: bool}.

    Items without a result count as not met. Empty while the year's item list is partial.
    """
    scores = {}
    if not framework.items_complete:
        return scores
    for indicator in _indicators(framework):
        subs = [s for s in indicator.sub_indicators.all() if list(s.items.all())]
        if not subs:
            continue
        percentages = []
        for sub in subs:
            items = list(sub.items.all())
            percentages.append(HUNDRED * sum(1 for i in items if met.get(i.code)) / len(items))
        scores[indicator.number] = round_half_up(sum(percentages, Decimal(0)) / len(percentages))
    return scores


def item_shares(framework) -> dict:
    """{item code: (indicator number, points of its indicator's 0–100 score the item is worth)};
    empty while the year's item list is partial."""
    shares = {}
    if not framework.items_complete:
        return shares
    for indicator in _indicators(framework):
        subs = [s for s in indicator.sub_indicators.all() if list(s.items.all())]
        for sub in subs:
            items = list(sub.items.all())
            for item in items:
                shares[item.code] = (indicator.number, HUNDRED / (len(items) * len(subs)))
    return shares


def result_if_met(framework, scores, codes, met=None) -> Result:
    """The year's result had the items `codes` been met as well (capped at 100 per indicator).

    An indicator whose every item has a result in `met` ({item code: bool}, the results
    on record) is scored again by the sub-indicator rule, as recording the results would
    score it. Any other indicator gets each item's share added to its score.
    """
    if not framework.items_complete:
        return compute(framework, scores)  # no item has a known share yet
    met = met or {}
    shares = item_shares(framework)
    raised = dict(scores)
    for code in codes:
        number, share = shares[code]
        if raised.get(number) is not None:
            raised[number] = min(HUNDRED, Decimal(raised[number]) + share)
    # The share of an item is exact but the stored score is rounded: adding shares to it
    # can miss 100 by a hair (33.33 + 2 × 33.333… = 99.9967) and move the total by 0.01.
    recorded = set(met)
    rescored = oit_indicator_scores(framework, {**met, **dict.fromkeys(codes, True)})
    for number in {shares[code][0] for code in codes}:
        own = [c for c, (n, _share) in shares.items() if n == number]
        if raised.get(number) is not None and recorded.issuperset(own):
            raised[number] = rescored[number]
    return compute(framework, raised)


@dataclass
class PublishedCheck:
    """The total and level computed from the indicator scores beside the ones NACC
    published, to catch a typing slip in a score."""

    total: Decimal | None
    level: str | None
    published_total: Decimal | None
    published_level: str

    @property
    def complete(self):
        return self.total is not None

    @property
    def difference(self):
        """How far apart the two totals are (never negative), or None."""
        if self.total is None or self.published_total is None:
            return None
        return abs(self.total - self.published_total)

    @property
    def total_differs(self):
        return bool(self.difference)

    @property
    def level_differs(self):
        return bool(self.complete and self.published_level and self.published_level != self.level)

    @property
    def matches(self):
        return self.complete and not self.total_differs and not self.level_differs
