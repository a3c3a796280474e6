"""The organization's published ITA result, for anyone (no login): HTML and JSON.

Both are built from one dict, `public_summary(org, year, sections)`; the shape of the JSON
is documented in docs/public-json.md. Other apps add their parts as *sections*: callables
`(org, year) -> PublicSection`, handed to the views where the URLs are composed
(itaportal/urls.py), so this app never imports the apps built on it.
"""

from typing import NamedTuple

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from assessments.models import Assessment
from itaportal.models import Organization


class PublicSection(NamedTuple):
    """One app's part of the public page: `data` goes into the JSON under `key`, and the
    HTML page includes `template` with the whole summary as its context."""

    key: str
    data: object
    template: str


def decimal_text(value):
    """Decimals travel as strings with two places ("60.61"), or null."""
    return None if value is None else f"{value:.2f}"


def public_summary(org, year, sections=()):
    """Everything the public page and its JSON show for `org` in fiscal `year`.

    Raises Http404 when the organization has no assessment of that year. Runs a fixed
    number of queries. Keys: organization, assessment, year, framework, total, level,
    color, passed, pass_mark, instruments [{code, name, weight, score}], indicators
    [{number, name, instrument, weight, score}], sections (the PublicSection of each of
    `sections`), and each section's data under its key.
    """
    assessment = Assessment.objects.with_results().filter(organization=org, year=year).first()
    if assessment is None:
        raise Http404("ไม่พบผลการประเมินของปีนี้")
    framework = assessment.framework
    result = assessment.result
    scores = {s.indicator_id: s.score for s in assessment.scores.all()}
    instruments = sorted(framework.instruments.all(), key=lambda i: i.order)
    codes = {i.pk: i.code for i in instruments}
    summary = {
        "organization": org,
        "assessment": assessment,
        "year": assessment.year,
        "framework": framework,
        "total": result.total,
        "level": result.label,
        "color": result.color,
        "passed": result.passed,
        "pass_mark": framework.pass_mark,
        "instruments": [
            {
                "code": i.code,
                "name": i.name,
                "weight": i.weight,
                "score": result.instrument_scores.get(i.code),
            }
            for i in instruments
        ],
        "indicators": [
            {
                "number": i.number,
                "name": i.name,
                "instrument": codes[i.instrument_id],
                "weight": i.weight,
                "score": scores.get(i.pk),
            }
            for i in sorted(framework.indicators.all(), key=lambda i: i.number)
        ],
    }
    summary["sections"] = [section(org, assessment.year) for section in sections]
    summary.update({section.key: section.data for section in summary["sections"]})
    return summary


def summary_json(summary):
    """The documented JSON shape (docs/public-json.md) of a public summary."""
    org = summary["organization"]
    return {
        "organization": {"slug": org.slug, "name": org.name, "short_name": org.short_name},
        "year": summary["year"],
        "framework": {
            "name": summary["framework"].name,
            "provisional": summary["framework"].provisional,
            "pass_mark": decimal_text(summary["pass_mark"]),
            "notice": summary["framework"].provisional_notice,
        },
        "total": decimal_text(summary["total"]),
        "level": summary["level"],
        "passed": summary["passed"],
        "instruments": [
            {
                "code": i["code"],
                "name": i["name"],
                "weight": decimal_text(i["weight"]),
                "score": decimal_text(i["score"]),
            }
            for i in summary["instruments"]
        ],
        "indicators": [
            {
                "number": i["number"],
                "name": i["name"],
                "instrument": i["instrument"],
                "weight": decimal_text(i["weight"]),
                "score": decimal_text(i["score"]),
            }
            for i in summary["indicators"]
        ],
        **{section.key: section.data for section in summary["sections"]},
        "published": _published_json(summary["assessment"]),
    }


def _published_json(assessment):
    """NACC's published total and level as recorded, or None when neither is."""
    if assessment.published_total is None and not assessment.published_level:
        return None
    return {
        "total": decimal_text(assessment.published_total),
        "level": assessment.published_level or None,
    }


@require_GET
def ita(request, org_slug, year, sections=()):
    org = get_object_or_404(Organization, slug=org_slug)
    return render(request, "assessments/public/ita.html", public_summary(org, year, sections))


@require_GET
def ita_json(request, org_slug, year, sections=()):
    org = get_object_or_404(Organization, slug=org_slug)
    response = JsonResponse(
        summary_json(public_summary(org, year, sections)), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
