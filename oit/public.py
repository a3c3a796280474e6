"""The approved OIT answers as the public ITA page shows them (a section of
assessments.selectors.public_summary).

Only approved answers, and only their attachments, ever leave through here: a
transparency summary that mirrors the organization's own website, never the OIT answer
itself (NACC scores the links on that website).
"""

from django.urls import reverse

from assessments.selectors import PublicSection
from assessments.structure import structure_for_year
from oit.models import OITAnswer


def public_section(org, year):
    answers = public_oit_answers(org, year)
    framework = structure_for_year(year)
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


def public_oit_answers(org, year):
    """[{number, name, sub_indicators: [{code, name, items: [...]}]}], JSON-ready.

    Two queries whatever the number of answers.
    """
    answers = (
        OITAnswer.objects.for_year(org, year)
        .current()
        .approved()
        .select_related("item__sub_indicator__indicator")
        .prefetch_related("attachments")
        .order_by("item__sub_indicator__indicator__number", "item__sub_indicator__order",
                  "item__sub_indicator__code", "item__number")
    )  # fmt: skip
    indicators = []
    for answer in answers:
        sub, indicator = answer.item.sub_indicator, answer.item.sub_indicator.indicator
        if not indicators or indicators[-1]["number"] != indicator.number:
            indicators.append(
                {"number": indicator.number, "name": indicator.name, "sub_indicators": []}
            )
        subs = indicators[-1]["sub_indicators"]
        if not subs or subs[-1]["code"] != sub.code:
            subs.append({"code": sub.code, "name": sub.name, "items": []})
        subs[-1]["items"].append(
            {
                "code": answer.item.code,
                "title": answer.item.title,
                "where_to_find": answer.where_to_find,
                "explanation": answer.explanation,
                "links": [
                    {"url": link.get("url", ""), "label": link.get("label", "")}
                    for link in answer.links
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
        )
    return indicators
