"""The home page panel of this app: the last published result (total, level, distance to
the pass mark) and, beside it, the year being worked on when that is a later one still
without a result."""

from assessments.models import Assessment
from assessments.selectors import (
    latest_assessment,
    latest_assessment_ahead,
    organization_opening_year,
    organization_years_ahead,
    summary,
)
from itaportal.prepared import PreparedQuery

# Compiled once per connection (itaportal.prepared): the panel is on every home page.
_assessment = PreparedQuery(
    lambda org, year: Assessment.objects.select_related("framework").filter(
        organization=org, year=year
    ),
    "org",
    "year",
)


def home_reads(request):
    org = request.user.organization_id
    if org is not None:
        latest_assessment_ahead(org)
        organization_years_ahead(org)


def home_panels(request):
    org = request.user.organization
    if org is None:
        return []
    published = latest_assessment(org)
    year, _years = organization_opening_year(org)
    working = None
    if year is not None and (published is None or year > published.year):
        working = _assessment(org=org.pk, year=year)[0]
    context = {"current": summary(published) if published else None, "working": working}
    return [
        {
            "title": "ผลการประเมิน ITA",
            "template": "assessments/panel.html",
            "context": context,
        }
    ]
