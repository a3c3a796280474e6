"""Which domain records keep a field-by-field history, and how each finds its organization.

django-simple-history keeps the rows; they live in this app (tables audit_historical…)
so the domain apps stay free of history plumbing. Approvals, returns, reopenings and
acknowledgements are domain events of their own, recorded by their apps.
"""

from django.utils.module_loading import import_string

# "app.Model": path from the model to its organization (for access checks).
TRACKED = {
    "itaportal.Organization": "pk",
    "itaportal.Department": "organization",
    "itaportal.User": "organization",
    "committees.Order": "organization",
    "committees.Committee": "order__organization",
    "committees.Member": "committee__order__organization",
    "committees.Duty": "committee__order__organization",
    "assessments.Assessment": "organization",
    "assessments.IndicatorScore": "assessment__organization",
    "assessments.OITItemResult": "assessment__organization",
    "assessments.InstrumentAnalysis": "assessment__organization",
    "assessments.OITAnswer": "organization",
    "assessments.OITAnswerAttachment": "answer__organization",
    "measures.Measure": "assessment__organization",
    "measures.MeasureReport": "measure__assessment__organization",
    "measures.Evidence": "report__measure__assessment__organization",
    "measures.Memo": "assessment__organization",
}

EXCLUDED_FIELDS = {"itaportal.User": ["password", "last_login"]}


def tracked_models():
    """[(model class, org path)] for every tracked model."""
    found = []
    for label, org_path in TRACKED.items():
        app_label, model_name = label.split(".")
        model = import_string(f"{app_label}.models.{model_name}")
        found.append((model, org_path))
    return found


def org_path_for(model):
    return TRACKED.get(f"{model._meta.app_label}.{model.__name__}")
