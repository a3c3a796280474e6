"""The approved OIT answers as the public ITA page shows them (a section of
assessments.selectors.public_summary).

Only approved answers, and only their attachments, ever leave through here: a
transparency summary that mirrors the organization's own website, never the OIT answer
itself (NACC scores the links on that website).
"""

from django.db.models import Prefetch
from django.urls import reverse

from assessments.selectors import PublicSection
from assessments.structure import structure_for_year
from itaportal.prepared import PreparedQuery
from oit.models import OITAnswer, OITAnswerAttachment


def public_section(org, year):
    framework = structure_for_year(year)
    answers = public_oit_answers(org, year, framework)
    counts = {
        "approved": sum(len(sub["items"]) for i in answers for sub in i["sub_indicators"]),
        "items": sum(
            len(sub.items.all())
            for i in framework.indicators.all()
            for sub in i.sub_indicators.all()
        )
        if framework
        else 0,
    }
    return PublicSection("oit_answers", answers, "oit/_public.html", {"oit_counts": counts})


# Only the columns the page and the JSON show; the items, sub-indicators and indicators
# come from the year's kept structure (assessments/structure.py), not from joins.
_approved_answers = PreparedQuery(
    lambda org, year: (
        OITAnswer.objects.for_year(org, year)
        .current()
        .approved()
        .only("id", "item_id", "where_to_find", "explanation", "links", "approved_at")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=OITAnswerAttachment.objects.only(
                    "id", "answer_id", "original_name", "size"
                ),
            )
        )
        .order_by()
    ),
    *("org", "year"),
)


def public_oit_answers(org, year, framework=None):
    """[{number, name, sub_indicators: [{code, name, items: [...]}]}], JSON-ready, in the
    framework's order (indicator, sub-indicator, item). `framework` is the year's kept
    structure (read when not given).

    Two queries whatever the number of answers.
    """
    framework = framework or structure_for_year(year)
    if framework is None:
        return []
    answers = {a.item_id: a for a in _approved_answers(org=org.pk, year=year)}
    indicators = []
    for indicator in framework.indicators.all():
        subs = []
        for sub in indicator.sub_indicators.all():
            items = [
                _public_item(org, year, item, answers[item.pk])
                for item in sub.items.all()
                if item.pk in answers
            ]
            if items:
                subs.append({"code": sub.code, "name": sub.name, "items": items})
        if subs:
            indicators.append(
                {"number": indicator.number, "name": indicator.name, "sub_indicators": subs}
            )
    return indicators


def _public_item(org, year, item, answer):
    return {
        "code": item.code,
        "title": item.title,
        "where_to_find": answer.where_to_find,
        "explanation": answer.explanation,
        "links": [
            {"url": link.get("url", ""), "label": link.get("label", "")} for link in answer.links
        ],
        "attachments": [
            {
                "name": a.original_name,
                "size": a.size,
                "url": reverse("public:oit_attachment", args=[org.slug, year, a.pk]),
            }
            for a in answer.attachments.all()
        ],
        "approved_at": answer.approved_at.isoformat() if answer.approved_at else None,
    }
