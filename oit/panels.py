"""Home-page panels of the OIT answers (composed in itaportal/urls.py).

Everyone sees how far the answers of the year being worked on are; the executive sees
how many answers wait for approval; staff see their department's answers that came back
with the executive's comment; the agency admin sees both counts.
"""

from assessments.selectors import organization_opening_year, organization_years_ahead
from itaportal.prepared import PreparedQuery
from oit.models import OITAnswer
from oit.selectors import (
    answer_counts_ahead,
    answer_status_counts,
    submitted_by_year,
    year_item_count,
)
from oit.snapshots import newest_alerts_for, newest_alerts_read


def _progress_panel(org):
    """The answers of the year the OIT pages open on, by status, out of its items."""
    year, _years = organization_opening_year(org)
    if year is None:
        return None
    total = year_item_count(org, year)
    if not total:
        return None
    counts = answer_status_counts(org, year)
    approved = counts.get(OITAnswer.Status.APPROVED, 0)
    return {
        "title": f"คำตอบ OIT ปี {year}",
        "template": "oit/_panel_progress.html",
        "context": {
            "year": year,
            "total": total,
            "approved": approved,
            "submitted": counts.get(OITAnswer.Status.SUBMITTED, 0),
            "started": sum(counts.values()),
            "percent": round(100 * approved / total),
        },
    }


# The panel's query, compiled once per connection (itaportal.prepared).
_returned = PreparedQuery(
    lambda org, department: (
        OITAnswer.objects.filter(organization=org, department_id=department)
        .returned()
        # Only what the panel shows: not the listing's framework chain and full users.
        .select_related("item")
        .only("review_comment", "item__code", "item__title", "item__number")
        .with_year()
        .order_by("-year", "item__number")
    ),
    "org",
    "department",
)


def _returned_read(user):
    if user.department_id and not user.is_executive:
        return _returned.bound(org=user.organization_id, department=user.department_id)
    return None


def home_reads(request):
    user = request.user
    if user.organization_id is None:
        return
    organization_years_ahead(user.organization_id)
    answer_counts_ahead(user.organization_id)
    for read in (_returned_read(user), newest_alerts_read(user)):
        if read is not None:
            read.ahead()


def home_panels(request):
    user = request.user
    org = user.organization
    if org is None:
        return []
    panels = []
    progress = _progress_panel(org)
    if progress is not None:
        panels.append(progress)
    if user.is_executive or user.is_agency_admin:
        waiting = [{"year": year, "n": n} for year, n in submitted_by_year(org)]
        panels.append(
            {
                "title": "คำตอบ OIT รออนุมัติ",
                "template": "oit/_panel_waiting.html",
                "context": {
                    "waiting": waiting,
                    "total": sum(row["n"] for row in waiting),
                    "is_executive": user.is_executive,
                },
            }
        )
    returned_read = _returned_read(user)
    if returned_read is not None:
        returned = returned_read()
        panels.append(
            {
                "title": f"คำตอบ OIT ที่ถูกส่งกลับ ({user.department.name})",
                "template": "oit/_panel_returned.html",
                "context": {"returned": returned},
            }
        )
    # Links entered into ITAS that changed, broke or disappeared while NACC reviews them.
    alerts = newest_alerts_for(user)
    if alerts:
        panels.append(
            {
                "title": "ลิงก์ที่ส่ง ITAS เปลี่ยนไป",
                "template": "oit/_panel_alerts.html",
                "context": {"alerts": alerts},
            }
        )
    return panels
