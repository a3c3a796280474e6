"""What the OIT pages read across apps: the score the approved answers predict, and the
last published result to compare it with."""

from django.db.models import Count

from assessments import scoring
from assessments.models import Assessment, OITItem
from assessments.selectors import NewestFirst, organization_structure
from itaportal.prepared import PreparedCount, PreparedQuery
from itaportal.shared import shared
from oit.models import OITAnswer

_item_count = PreparedCount(lambda year: OITItem.objects.in_year(year), "year")


# The organization's answers counted by year, department, status and whether the item is
# retired: a few dozen rows that answer every count the home page asks (the year's
# progress, a department's, what waits for approval in each year) in one read.
_tally = PreparedQuery(
    lambda org: (
        OITAnswer.objects.filter(organization=org)
        .with_year()
        .order_by()
        .values_list("year", "department_id", "status", "item__retired")
        .annotate(n=Count("pk"))
    ),
    "org",
)


def _tally_of(org_id):
    return shared(("oit_tally", org_id), lambda: _tally(org=org_id))


def answer_counts_ahead(org_id):
    """Say ahead (itaportal.prepared) that the page counts the organization's answers
    (`answer_status_counts`, `submitted_by_year`)."""
    _tally.ahead(org=org_id)


def _scored_up_to(org, year):
    return (
        Assessment.objects.with_scores().filter(organization=org, year__lte=year).order_by("-year")
    )


_scored_newest_two = PreparedQuery(lambda org, year: _scored_up_to(org, year)[:2], "org", "year")


def scored_years_ahead(org_id, year):
    """Say ahead (itaportal.prepared) that the page reads `scored_years(org, year)`."""
    _scored_newest_two.ahead(org=org_id, year=year)


def scored_years(org, year):
    """The organization's assessments of fiscal `year` and before, newest first, with their
    scores (`NewestFirst`: the year itself and the one before are what the progress page
    mostly needs), for the parts of one page to share."""
    org_id = getattr(org, "pk", org)
    return NewestFirst(
        _scored_newest_two(org=org_id, year=year), lambda: _scored_up_to(org_id, year)[2:]
    )


def year_item_count(organization, year):
    """How many OIT items fiscal `year` uses (retired ones left out): from the year's kept
    structure when the organization has the year (its years are read by every home
    page), else counted once for the page."""
    structure = organization_structure(organization, year)
    if structure is not None:
        return len(structure.items_by_pk)
    return shared(("oit_item_count", year), lambda: _item_count(year=year))


def answer_status_counts(organization, year, department=None):
    """{status: number} of the organization's answers to the items `year` uses (of one
    department's when given); read once for a page whose panels all ask."""
    org_id = getattr(organization, "pk", organization)
    department_id = getattr(department, "pk", department)
    counts = {}
    for row_year, row_department, status, retired, n in _tally_of(org_id):
        if row_year == year and not retired and department_id in (None, row_department):
            counts[status] = counts.get(status, 0) + n
    return counts


def submitted_by_year(organization):
    """[(year, number of answers waiting for approval)], newest year first, of the years
    with any: what each year's queue shows (answers to items the year still uses)."""
    org_id = getattr(organization, "pk", organization)
    waiting = {}
    for year, _department, status, retired, n in _tally_of(org_id):
        if status == OITAnswer.Status.SUBMITTED and not retired:
            waiting[year] = waiting.get(year, 0) + n
    return sorted(waiting.items(), reverse=True)


def predicted_result(framework, year, answers, scored):
    """The score the organization would get if every approved answer is accepted:
    (scoring result, {OIT indicator number: score}, the year IIT/EIT scores were borrowed
    from or None). `scored` is the organization's `scored_years` up to `year`."""
    met = {a.item.code: a.status == OITAnswer.Status.APPROVED for a in answers}
    oit_scores = scoring.oit_indicator_scores(framework, met)
    assessment = next((a for a in scored if a.year == year), None)
    scores = dict(assessment.score_map) if assessment else {}
    borrowed_from = None
    non_oit = [i for i in framework.indicators.all() if i.number not in oit_scores]
    if any(scores.get(i.number) is None for i in non_oit):
        # Early in the year NACC has not scored IIT/EIT yet: use the last published ones,
        # those of the latest earlier year with any score.
        previous = next((a for a in scored if a.year < year and a.scores.all()), None)
        if previous is not None:
            old = {s.indicator.number: s for s in previous.scores.all()}
            for indicator in non_oit:
                if scores.get(indicator.number) is None and indicator.number in old:
                    scores[indicator.number] = old[indicator.number].score
                    borrowed_from = previous.year
    scores.update(oit_scores)
    result = scoring.compute(framework, scores)
    return result, oit_scores, borrowed_from


def last_published(scored):
    """The latest of `scored` (`scored_years`) whose scores are complete, or None."""
    for assessment in scored:
        if assessment.result.complete:
            return assessment
    return None
