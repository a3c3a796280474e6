"""The home page panels of this app, for the agency admin: while the organization is not
set up yet, the checklist of what to do first (starting the fiscal year is its last
step); once it is, the way to start each new fiscal year."""

from assessments.selectors import organization_years, organization_years_ahead
from itaportal import access
from itaportal.thai import current_fiscal_year
from years.selectors import setup_counts_read, setup_steps


def year_to_start(user, years=None):
    """The current fiscal year when `user` may start it and it has no assessment yet;
    `years` are the organization's years when the page has read them already."""
    if not access.can_manage(user):
        return None
    year = current_fiscal_year()
    if years is None:
        # One compiled query, shared with the home page's panels.
        years = organization_years(user.organization_id)
    if year in years:
        return None
    return year


def home_reads(request):
    if access.can_manage(request.user):
        setup_counts_read(request.user.organization_id).ahead()
        organization_years_ahead(request.user.organization_id)


def home_panels(request):
    if not access.can_manage(request.user):
        return []
    steps = setup_steps(request.user.organization)
    # Only the year left open is not a setup matter: every October an organization set up
    # long ago has a new year to start, which the smaller panel below offers.
    if not all(step.done for step in steps[:-1]):
        done = sum(step.done for step in steps)
        return [
            {
                "title": "เริ่มต้นใช้งานระบบ",
                "template": "years/_setup_checklist.html",
                "context": {"steps": steps, "done": done, "total": len(steps)},
                "wide": True,
            }
        ]
    year = year_to_start(request.user)
    if year is None:
        return []
    return [
        {
            "title": f"ปีงบประมาณ {year} ยังไม่ได้เริ่ม",
            "template": "years/_home_panel.html",
            "context": {"year": year},
        }
    ]
