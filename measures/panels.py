"""The measures panel of the home page: what is overdue and what is due this quarter."""

from django.utils import timezone

from itaportal import access, thai
from itaportal.prepared import PreparedQuery
from itaportal.shared import shared
from measures.models import Measure, Quarter


def _of_year(org, year):
    return Measure.objects.filter(assessment__organization=org, assessment__year=year)


# The panel's queries, compiled once per connection (itaportal.prepared).
_years = PreparedQuery(
    lambda org: (
        Measure.objects.filter(assessment__organization=org)
        .order_by()
        .values_list("assessment__year", flat=True)
        .distinct()
    ),
    "org",
)
_measures = PreparedQuery(lambda org, year: _of_year(org, year).for_panel(), "org", "year")
_measures_of = PreparedQuery(
    lambda org, year, department: _of_year(org, year).for_department(department).for_panel(),
    *("org", "year", "department"),
)


def _measures_read(org, year, department):
    if department is None:
        return _measures.bound(org=org, year=year)
    return _measures_of.bound(org=org, year=year, department=department)


def measures_of_year(org, year, department=None):
    """The measures of the organization's assessment of `year` (of one department when
    given) as the panel shows them: status, dates, title, indicator and the quarters
    reported. Read once per home page: the "what is due" list asks the same."""
    return shared(("panel_measures", org, year, department), _measures_read(org, year, department))


def measures_of_year_ahead(org, year, department=None):
    """Say ahead (itaportal.prepared) that the page reads `measures_of_year`."""
    _measures_read(org, year, department).ahead()


def _shown(user, today):
    """(the year whose measures the panel shows first, the department when only its own
    are shown, else None)."""
    own_only = not (access.can_manage(user) or user.is_executive) and user.department_id
    # The measures carried out this fiscal year are last year's result's.
    return thai.current_fiscal_year(today) - 1, user.department_id if own_only else None


def home_reads(request):
    user = request.user
    if user.is_authenticated and user.organization_id is not None:
        measures_of_year_ahead(user.organization_id, *_shown(user, timezone.localdate()))


def home_panels(request):
    user = request.user
    if not user.is_authenticated or user.organization_id is None:
        return []
    today = timezone.localdate()
    org = user.organization_id
    latest, department = _shown(user, today)
    own_only = department is not None

    def measures_of(year):
        return measures_of_year(org, year, department)

    # Without last year's measures, the latest year's. Mostly there are some: then the
    # years need not be asked.
    measures = measures_of(latest)
    if not measures:
        years = set(_years(org=org))
        if not years:
            return []
        if latest not in years:
            latest = max(years)
            measures = measures_of(latest)
    quarter = Quarter.of(today)
    overdue = [(m, m.overdue_reasons) for m in measures]
    overdue = [(m, reasons) for m, reasons in overdue if reasons]
    return [
        {
            "title": "มาตรการของส่วนราชการ" if own_only else f"มาตรการตามผลการประเมินปี {latest}",
            "template": "measures/_home_panel.html",
            "context": {
                "year": latest,
                "count": len(measures),
                "done": sum(1 for m in measures if m.status == Measure.Status.DONE),
                "overdue": overdue,
                "due_now": [m for m in measures if m.due_in_quarter(quarter)],
                "quarter": quarter,
                "own_only": own_only,
            },
        }
    ]
