"""The home page panel of this app: the latest year's total, level and distance to 85."""

from assessments.selectors import latest_assessment, summary


def home_panels(request):
    org = request.user.organization
    if org is None:
        return []
    assessment = latest_assessment(org)
    context = {"current": summary(assessment) if assessment else None}
    return [
        {
            "title": "ผลการประเมิน ITA",
            "template": "assessments/panel.html",
            "context": context,
        }
    ]
