"""The organization's published ITA result, for anyone (no login): HTML and JSON.

Both are built from one dict, `assessments.selectors.public_summary(org, year, sections)`;
the shape of the JSON is documented in docs/public-json.md. Other apps add their parts as *sections*: callables
`(org, year) -> PublicSection`, handed to the views where the URLs are composed
(itaportal/urls.py), so this app never imports the apps built on it.
"""

from pathlib import PurePosixPath

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from assessments.selectors import neighbour_years, public_summary, public_years, rating_scale
from assessments.structure import structure_of
from itaportal.attachments import serve_file
from itaportal.documents import page_words
from itaportal.models import Organization


def decimal_text(value):
    """Decimals travel as strings with two places ("60.61"), or null."""
    return None if value is None else f"{value:.2f}"


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
        # NACC's published total and level as recorded when the year was made public.
        "published": summary.get("published"),
        "public_on": summary["public_on"].isoformat(),
    }


def _public_summary_or_404(org_slug, year, sections):
    org = get_object_or_404(Organization, slug=org_slug)
    summary = public_summary(org, year, sections)
    if summary is None:
        raise Http404("ไม่พบผลการประเมินของปีนี้")
    return summary


def not_found(request, org=None, published=None):
    """The citizen's 404: the public pages' own layout, saying what is missing, with no
    way into the staff pages (the portal's 404 leads to the staff login). It names the
    organization and leads to its list only when the organization has a public year."""
    if org is not None and published is None:
        published = public_years(org)
    context = {"organization": org if published else None}
    return render(request, "assessments/public/404.html", context, status=404)


@require_GET
def years(request, org_slug):
    """The years the organization has made public, newest first, each with its result."""
    org = Organization.objects.filter(slug=org_slug).first()
    published = public_years(org) if org else []
    if not published:
        return not_found(request, org, published)
    return render(
        request, "assessments/public/years.html", {"organization": org, "years": published}
    )


@require_GET
def ita(request, org_slug, year, sections=()):
    org = Organization.objects.filter(slug=org_slug).first()
    summary = public_summary(org, year, sections) if org else None
    if summary is None:
        return not_found(request, org)
    published = public_years(org)
    older, newer = neighbour_years(published, year)
    summary.update(
        {
            "years": published,
            "older_year": older,
            "newer_year": newer,
            "rating_scale": rating_scale(structure_of(summary["framework"]), summary["level"]),
            # The organization's names kept whole at line ends (visitors have no
            # organization of their own for the context processor to read).
            "keep_words": SimpleLazyObject(lambda: page_words(org)),
        }
    )
    return render(request, "assessments/public/ita.html", summary)


@require_GET
def emblem(request, org_slug):
    """The organization's emblem on its public pages: shown only once it has made a year
    public (an organization with nothing public shows nothing)."""
    org = get_object_or_404(Organization, slug=org_slug)
    if not org.emblem or not public_years(org):
        raise Http404
    suffix = PurePosixPath(org.emblem.name).suffix
    return serve_file(org.emblem, original_name=f"ตราสัญลักษณ์-{org.slug}{suffix}")


@require_GET
def ita_json(request, org_slug, year, sections=()):
    summary = _public_summary_or_404(org_slug, year, sections)
    response = JsonResponse(summary_json(summary), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
