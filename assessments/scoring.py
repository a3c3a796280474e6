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

from dataclasses import dataclass, field
from decimal import Decimal

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


def item_points(framework) -> dict:
    """{item code: points of the total one OIT item is worth}, rounded to 2 decimals;
    empty while the year's item list is partial."""
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


def result_if_met(framework, scores, codes) -> Result:
    """The year's result had the items `codes` been met as well (capped at 100 per indicator).

    Adds each item's share to its indicator's score, which for an indicator computed from
    item results gives exactly the score the sub-indicator rule would give.
    """
    if not framework.items_complete:
        return compute(framework, scores)  # no item has a known share yet
    shares = item_shares(framework)
    raised = dict(scores)
    for code in codes:
        number, share = shares[code]
        if raised.get(number) is not None:
            raised[number] = min(HUNDRED, Decimal(raised[number]) + share)
    return compute(framework, raised)
