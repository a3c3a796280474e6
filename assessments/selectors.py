"""What the assessments pages show, read once for every place that shows it: the
dashboard and a year's page, the home panel, and the public page with its JSON.

Plain functions over already-filtered assessments (or an organization and a year);
nothing here writes or answers HTTP.
"""

from decimal import Decimal
from typing import NamedTuple

from assessments import charts, scoring
from assessments.models import Assessment
from itaportal import thai
from itaportal.prepared import PreparedQuery
from itaportal.shared import shared
from itaportal.years import opening_year


def indicator_rows(assessment):
    """[{indicator, instrument, score, points, source}] in indicator order."""
    scores = {s.indicator_id: s for s in assessment.scores.all()}
    instruments = {i.pk: i for i in assessment.framework.instruments.all()}
    rows = []
    for indicator in sorted(assessment.framework.indicators.all(), key=lambda i: i.number):
        row = scores.get(indicator.pk)
        score = row.score if row else None
        rows.append(
            {
                "indicator": indicator,
                "number": indicator.number,
                "name": indicator.name,
                "instrument": instruments[indicator.instrument_id],
                "weight": indicator.weight,
                "score": score,
                "points": None
                if score is None
                else scoring.round_half_up(score * indicator.weight / 100),
                "source": row.source if row else None,
                "source_label": row.get_source_display() if row else "",
            }
        )
    return rows


def ranked_rows(rows):
    """The scored indicators, highest first (the seed's คะแนนสูงสุดรายตัวชี้วัด); the lowest
    is marked weakest."""
    scored = sorted(
        (r for r in rows if r["score"] is not None), key=lambda r: (-r["score"], r["number"])
    )
    if scored:
        weakest = scored[-1]["score"]
        for r in scored:
            r["weakest"] = r["score"] == weakest
    return scored


def instrument_rows(assessment):
    result = assessment.result
    return [
        {"instrument": i, "score": result.instrument_scores.get(i.code)}
        for i in sorted(assessment.framework.instruments.all(), key=lambda x: x.order)
    ]


def summary(assessment):
    """Total, label, pass and distance to the pass mark of one assessment."""
    result = assessment.result
    pass_mark = assessment.framework.pass_mark
    distance = None
    if result.total is not None and result.total < pass_mark:
        distance = pass_mark - result.total
    return {
        "assessment": assessment,
        "year": assessment.year,
        "total": result.total,
        "level": result.label,
        "color": result.color,
        "passed": result.passed,
        "pass_mark": pass_mark,
        "distance": distance,
        "missing": result.missing,
    }


def history(assessments):
    """The year-over-year table and chart of assessments (oldest first)."""
    years = [a.year for a in assessments]
    per_year = [{r["number"]: r for r in indicator_rows(a)} for a in assessments]
    numbers = sorted({n for rows in per_year for n in rows})
    # Names and instruments as in the latest year that has the indicator.
    table = []
    for number in numbers:
        latest = next(rows[number] for rows in reversed(per_year) if number in rows)
        cells, previous = [], None
        for rows in per_year:
            score = rows[number]["score"] if number in rows else None
            change = None if score is None or previous is None else score - previous
            cells.append({"score": score, "change": change})
            previous = score if score is not None else previous
        table.append({"number": number, "name": latest["name"], "cells": cells})
    summaries = [summary(a) for a in assessments]
    chart = charts.year_bars(
        [(s["year"], s["total"], s["color"], s["level"]) for s in summaries],
        pass_mark=summaries[-1]["pass_mark"],
    )
    return {"years": years, "rows": table, "summaries": summaries, "chart": chart}


def item_rows(assessment):
    """Every OIT item of the year with its result and the points of the total it is worth,
    grouped by indicator and sub-indicator."""
    framework = assessment.framework
    points = scoring.item_points(framework)
    results = {r.item_id: r for r in assessment.item_results.all()}
    groups = []
    for indicator in sorted(framework.indicators.all(), key=lambda i: i.number):
        subs = sorted(indicator.sub_indicators.all(), key=lambda s: (s.order, s.code))
        if not subs:
            continue
        sub_rows = []
        for sub in subs:
            items = sorted(sub.items.all(), key=lambda i: i.number)
            rows = []
            for item in items:
                result = results.get(item.pk)
                rows.append(
                    {
                        "item": item,
                        "points": points.get(item.code),  # None: item list partial
                        "met": None if result is None else result.met,
                        "reason": result.reason if result else "",
                    }
                )
            recorded = [r for r in rows if r["met"] is not None]
            met = sum(1 for r in rows if r["met"])
            sub_rows.append(
                {
                    "sub": sub,
                    "rows": rows,
                    "met": met,
                    "count": len(rows),
                    "percent": scoring.round_half_up(Decimal(100) * met / len(rows))
                    if len(recorded) == len(rows)
                    else None,
                }
            )
        groups.append({"indicator": indicator, "subs": sub_rows})
    return groups


# Each year with its framework's id and structure token: the year's kept structure
# comes with the years, without another query.
_years_of = PreparedQuery(
    lambda org: (
        Assessment.objects.filter(organization=org)
        .order_by("-year")
        .values_list("year", "framework_id", "framework__structure_token")
    ),
    "org",
)


def _years_with_frameworks(org_id):
    return shared(("organization_years", org_id), lambda: tuple(_years_of(org=org_id)))


def organization_years_ahead(org_id):
    """Say ahead (itaportal.prepared) that the page reads the organization's years."""
    _years_of.ahead(org=org_id)


def organization_years(organization):
    """The fiscal years the organization has an assessment of, newest first: the years its
    year-scoped pages (results, OIT answers, measures, memos) switch between."""
    org_id = getattr(organization, "pk", organization)
    return [year for year, _framework, _token in _years_with_frameworks(org_id)]


def organization_framework(organization, year):
    """(framework id, structure token) of `year` when the organization has an assessment
    of that year, else None: read with its years, no query of its own once they are."""
    org_id = getattr(organization, "pk", organization)
    for row_year, framework_id, token in _years_with_frameworks(org_id):
        if row_year == year:
            return framework_id, token
    return None


def organization_structure(organization, year):
    """The kept structure of `year`'s framework when the organization has an assessment
    of that year, else None (`organization_framework`)."""
    from assessments.structure import kept_structure

    found = organization_framework(organization, year)
    return kept_structure(*found) if found else None


def organization_opening_year(organization, today=None):
    """(the year the organization's year-scoped pages open on, its years newest first):
    the current fiscal year when it has an assessment of it, else its latest."""
    years = organization_years(organization)
    return opening_year(years, thai.current_fiscal_year(today)), years


_with_results = PreparedQuery(
    lambda org: Assessment.objects.with_results().filter(organization=org), "org"
)
# A year's assessment ready to score, and with what else its page shows (prefetched).
_of_year = {
    also: PreparedQuery(
        lambda org, year, also=also: (
            Assessment.objects.with_results()
            .filter(organization=org, year=year)
            .prefetch_related(*also)
        ),
        *("org", "year"),
    )
    for also in ((), ("item_results",), ("analyses", "item_results"))
}


def assessments_with_results(org_id):
    """The organization's assessments, each ready to score (`with_results()`)."""
    return _with_results(org=org_id)


def assessment_with_results(org_id, year, also=()):
    """The organization's assessment of `year` ready to score, or None; `also` names the
    relations prefetched besides: ("item_results",) or ("analyses", "item_results")."""
    found = _of_year[tuple(also)](org=org_id, year=year)
    return found[0] if found else None


def _results_of(org):
    return Assessment.objects.with_results().filter(organization=org).order_by("-year")


_newest_two = PreparedQuery(lambda org: _results_of(org)[:2], "org")


def latest_assessment_ahead(org_id):
    """Say ahead (itaportal.prepared) that the page reads `latest_assessment`."""
    _newest_two.ahead(org=org_id)


def latest_assessment(organization):
    """The organization's last published result, or None (for home panels): the latest
    assessment with a complete computed total or NACC's published total. A year just
    started, with no scores yet, must not hide the last result."""
    org_id = getattr(organization, "pk", organization)

    # Rarely more than a year or two deep before one is complete.
    years = NewestFirst(_newest_two(org=org_id), lambda: _results_of(org_id)[2:])
    for assessment in years:
        if assessment.total is not None or assessment.published_total is not None:
            return assessment
    return None


class NewestFirst:
    """An organization's assessments newest first, read as a page needs them: the two
    newest (`newest_two`, from one compiled query: mostly all a page looks at), then the
    older ones (`older()`, a queryset), read once and only when iterated past the two."""

    def __init__(self, newest_two, older):
        self._newest, self._older_query, self._older = newest_two, older, None

    def __iter__(self):
        yield from self._newest
        if len(self._newest) == 2:
            if self._older is None:
                self._older = list(self._older_query())
            yield from self._older


# --- the public page -------------------------------------------------------------------


class PublicSection(NamedTuple):
    """One app's part of the public page: `data` goes into the JSON under `key`, and the
    HTML page includes `template` with the whole summary as its context; `page` adds
    values for the HTML page only (never the JSON)."""

    key: str
    data: object
    template: str
    page: dict | None = None


# The organization and year are unique together: one row or none.
_public_assessment = PreparedQuery(
    lambda org, year: Assessment.objects.select_related("framework").filter(
        organization=org, year=year, public_on__isnull=False
    ),
    *("org", "year"),
)


def public_summary(org, year, sections=()):
    """Everything the public page and its JSON show for `org` in fiscal `year`.

    None unless the organization has made that year public (`assessment_make_public`);
    the scores are those it made public then, not the ones stored now. Runs a fixed
    number of queries. Keys: organization, assessment, year, public_on, framework, total,
    level, color, passed, pass_mark, instruments [{code, name, weight, score}],
    indicators [{number, name, instrument, weight, score}], sections (the PublicSection of
    each of `sections`), and each section's data under its key.
    """
    found = _public_assessment(org=org.pk, year=year)
    assessment = found[0] if found else None
    if assessment is None or not assessment.public_scores:
        return None
    page = {
        "organization": org,
        "assessment": assessment,
        "year": assessment.year,
        "public_on": assessment.public_on,
        "framework": assessment.framework,
        **scores_from_json(assessment.public_scores),
    }
    page["sections"] = [section(org, assessment.year) for section in sections]
    page.update({section.key: section.data for section in page["sections"]})
    for section in page["sections"]:
        page.update(section.page or {})
    return page


def public_years(org):
    """The years `org` has made public, newest first: [{year, public_on, total, level,
    color}], each with the result it made public (never the scores typed since). One
    query; a year never made public or withdrawn is not in the list."""
    rows = (
        Assessment.objects.filter(organization=org, public_on__isnull=False)
        .exclude(public_scores=None)
        .order_by("-year")
        .values("year", "public_on", "public_scores")
    )
    return [
        {
            "year": row["year"],
            "public_on": row["public_on"],
            "total": _number(row["public_scores"].get("total")),
            "level": row["public_scores"].get("level"),
            "color": row["public_scores"].get("color") or "secondary",
        }
        for row in rows
    ]


def neighbour_years(years, year):
    """(the older, the newer) published year next to `year` in `years` (newest first),
    each None at the ends."""
    numbers = [y["year"] for y in years]
    older = [y for y in numbers if y < year]
    newer = [y for y in numbers if y > year]
    return (max(older) if older else None, min(newer) if newer else None)


def rating_scale(framework, level):
    """The year's rating rule as the public page shows it beside the grade, highest band
    first: [{label, color, min_total, min_each_instrument, below, marked}]. `below` is the
    next band's threshold for the lowest band (whose own threshold is 0), so it reads
    "below 50"; `marked` is the band `level` names. From the framework's data, so a year
    with another rule shows its own."""
    bands = sorted(framework.rating_bands.all(), key=lambda b: b.order)
    rows = []
    for index, band in enumerate(bands):
        higher = [b.min_total for b in bands[:index] if b.min_total > band.min_total]
        rows.append(
            {
                "label": band.label,
                "color": band.color,
                "min_total": band.min_total,
                "min_each_instrument": band.min_each_instrument,
                "below": min(higher) if not band.min_total and higher else None,
                "marked": band.label == level,
            }
        )
    return rows


SCORE_DECIMALS = ("total", "pass_mark")
ROW_DECIMALS = ("weight", "score")


def _number_text(value):
    return None if value is None else f"{value:.2f}"


def _number(text):
    return None if text is None else Decimal(text)


def public_scores(assessment):
    """The result of `assessment` as stored now, JSON-ready (numbers as "60.61"): what
    making the year public freezes into `Assessment.public_scores`."""
    return public_scores_of(Assessment.objects.with_results().get(pk=assessment.pk))


def public_scores_of(assessment):
    """`public_scores` of an assessment loaded by `Assessment.objects.with_results()`
    (for many at once: one queryset instead of a load per assessment)."""
    framework = assessment.framework
    result = assessment.result
    scores = {s.indicator_id: s.score for s in assessment.scores.all()}
    instruments = sorted(framework.instruments.all(), key=lambda i: i.order)
    codes = {i.pk: i.code for i in instruments}
    return {
        "total": _number_text(result.total),
        "level": result.label,
        "color": result.color,
        "passed": result.passed,
        "pass_mark": _number_text(framework.pass_mark),
        "instruments": [
            {
                "code": i.code,
                "name": i.name,
                "weight": _number_text(i.weight),
                "score": _number_text(result.instrument_scores.get(i.code)),
            }
            for i in instruments
        ],
        "indicators": [
            {
                "number": i.number,
                "name": i.name,
                "instrument": codes[i.instrument_id],
                "weight": _number_text(i.weight),
                "score": _number_text(scores.get(i.pk)),
            }
            for i in sorted(framework.indicators.all(), key=lambda i: i.number)
        ],
        "published": None
        if assessment.published_total is None and not assessment.published_level
        else {
            "total": _number_text(assessment.published_total),
            "level": assessment.published_level or None,
        },
    }


def scores_from_json(data):
    """`public_scores` with its numbers as Decimals again, for pages and the JSON."""
    page = {**data, **{key: _number(data.get(key)) for key in SCORE_DECIMALS}}
    for rows in ("instruments", "indicators"):
        page[rows] = [
            {**row, **{key: _number(row.get(key)) for key in ROW_DECIMALS}} for row in data[rows]
        ]
    return page
