"""Which domain records keep a field-by-field history, and how each finds its organization.

django-simple-history keeps the rows; they live in this app (tables audit_historical…)
so the domain apps stay free of history plumbing. Approvals, returns, reopenings and
acknowledgements are domain events of their own, recorded by their apps.
"""

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


def tracked_models():
    """[(model class, org path)] for every tracked model."""
    return list(TRACKED.items())


def org_path_for(model):
    return TRACKED.get(model)
