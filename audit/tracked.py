"""Which domain records keep a field-by-field history, and how each finds its organization.

django-simple-history keeps the rows; they live in this app (tables audit_historical…)
so the domain apps stay free of history plumbing. Approvals, returns, reopenings and
acknowledgements are domain events of their own, recorded by their apps.
"""

from django.urls import reverse

from announcements.models import Announcement
from assessments.models import Assessment, IndicatorScore, InstrumentAnalysis, OITItemResult
from campaigns.models import Campaign, ResponseCount, Stakeholder
from committees.models import Committee, Duty, Member, Order
from itaportal.models import Department, Organization, User
from measures.models import Evidence, Measure, MeasureReport, Memo
from oit.models import OITAnswer, OITAnswerAttachment

# model: path from the model to its organization (for access checks).
TRACKED = {
    Organization: "pk",
    Department: "organization",
    User: "organization",
    Order: "organization",
    Committee: "order__organization",
    Member: "committee__order__organization",
    Duty: "committee__order__organization",
    Assessment: "organization",
    IndicatorScore: "assessment__organization",
    OITItemResult: "assessment__organization",
    InstrumentAnalysis: "assessment__organization",
    OITAnswer: "organization",
    OITAnswerAttachment: "answer__organization",
    Measure: "assessment__organization",
    MeasureReport: "measure__assessment__organization",
    Evidence: "report__measure__assessment__organization",
    Memo: "assessment__organization",
    Campaign: "organization",
    Stakeholder: "campaign__organization",
    ResponseCount: "campaign__organization",
    Announcement: "organization",
}

EXCLUDED_FIELDS = {User: ["password", "last_login"]}


# model: the page where people read and edit the record, for the history's link back.
RECORD_PAGES = {
    Organization: lambda o: reverse("organization_settings"),
    Department: lambda d: reverse("department_edit", args=[d.pk]),
    User: lambda u: reverse("user_edit", args=[u.pk]),
    Order: lambda o: reverse("committees:detail", args=[o.pk]),
    Committee: lambda c: reverse("committees:detail", args=[c.order_id]),
    Member: lambda m: reverse("committees:detail", args=[m.committee.order_id]),
    Duty: lambda d: reverse("committees:detail", args=[d.committee.order_id]),
    Measure: lambda m: reverse("measures:detail", args=[m.pk]),
    MeasureReport: lambda r: reverse("measures:detail", args=[r.measure_id]),
    Evidence: lambda e: reverse("measures:detail", args=[e.report.measure_id]),
    Memo: lambda m: reverse("measures:memo_detail", args=[m.pk]),
    Campaign: lambda c: reverse("campaigns:detail", args=[c.year]),
    Stakeholder: lambda s: reverse("campaigns:detail", args=[s.campaign.year]),
    ResponseCount: lambda r: reverse("campaigns:detail", args=[r.campaign.year]),
    Announcement: lambda a: reverse("announcements:detail", args=[a.pk]),
}


# A record's parts, whose changes show on the record's one history page: model -> [(part
# model, how to find the parts' ids from the record's pk)]. Each finder reads the history
# tables, so a part removed since (an evidence file, a member) still shows, with its removal.
def _ids(model, **lookup):
    return set(model.history.filter(**lookup).values_list("id", flat=True))


def _report_ids(measure_pk):
    return _ids(MeasureReport, measure_id=measure_pk)


def _committee_ids(order_pk):
    return _ids(Committee, order_id=order_pk)


RECORD_PARTS = {
    Measure: [
        (MeasureReport, _report_ids),
        (Evidence, lambda pk: _ids(Evidence, report_id__in=_report_ids(pk))),
    ],
    Order: [
        (Committee, _committee_ids),
        (Member, lambda pk: _ids(Member, committee_id__in=_committee_ids(pk))),
        (Duty, lambda pk: _ids(Duty, committee_id__in=_committee_ids(pk))),
    ],
    OITAnswer: [(OITAnswerAttachment, lambda pk: _ids(OITAnswerAttachment, answer_id=pk))],
}


def record_parts(model, pk):
    """[(part model, ids)] of the parts whose history joins the record's."""
    return [(part, find(pk)) for part, find in RECORD_PARTS.get(model, [])]


def record_page(obj):
    """The URL of the page showing `obj`, or None when it has none of its own."""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    page = RECORD_PAGES.get(type(obj))
    return page(obj) if page else None


def tracked_models():
    """[(model class, org path)] for every tracked model."""
    return list(TRACKED.items())


def org_path_for(model):
    return TRACKED.get(model)
