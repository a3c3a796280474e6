"""The home page panel of this app: for the agency admin, when the current fiscal year
has not been started yet, the way to start it."""

from assessments.models import Assessment
from itaportal import access
from itaportal.thai import current_fiscal_year


def year_to_start(user):
    """The current fiscal year when `user` may start it and it has no assessment yet."""
    if not access.can_manage(user):
        return None
    year = current_fiscal_year()
    if Assessment.objects.filter(organization=user.organization_id, year=year).exists():
        return None
    return year


def home_panels(request):
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
