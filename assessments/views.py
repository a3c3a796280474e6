"""The organization's ITA results: dashboard, one year's page, and the admin's editors
(indicator scores, OIT item results with the points at stake, analysis text)."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments import charts, scoring, services
from assessments.forms import (
    AnalysisForm,
    AssessmentCreateForm,
    ItemResultsForm,
    PublishedResultForm,
    ScoreImportForm,
    ScoresForm,
)
from assessments.models import Assessment, IndicatorScore
from itaportal import access


def _assessment(request, year, structure=False):
    """The user's organization's assessment of `year`, ready to score; 404 otherwise."""
    qs = Assessment.objects.with_results()
    if structure:
        qs = qs.prefetch_related("framework__indicators__sub_indicators__items")
    return access.get_for_user(request.user, qs, year=year)


def indicator_rows(assessment):
    """[{indicator, instrument, score, points, source}] in indicator order."""
    scores = {s.indicator_id: s for s in assessment.scores.all()}
    instruments = {i.pk: i for i in assessment.framework.instruments.all()}
    rows = []
    for indicator in sorted(assessment.framework.indicators.all(), key=lambda i: i.number):
        row = scores.get(indicator.pk)
        score = row.score if row else None
        rows.append(
            {
                "indicator": indicator,
                "number": indicator.number,
                "name": indicator.name,
                "instrument": instruments[indicator.instrument_id],
                "weight": indicator.weight,
                "score": score,
                "points": None
                if score is None
                else scoring.round_half_up(score * indicator.weight / 100),
                "source": row.source if row else None,
                "source_label": row.get_source_display() if row else "",
            }
        )
    return rows


def ranked_rows(rows):
    """The scored indicators, highest first (the seed's คะแนนสูงสุดรายตัวชี้วัด); the lowest
    is marked weakest."""
    scored = sorted(
        (r for r in rows if r["score"] is not None), key=lambda r: (-r["score"], r["number"])
    )
    if scored:
        weakest = scored[-1]["score"]
        for r in scored:
            r["weakest"] = r["score"] == weakest
    return scored


def instrument_rows(assessment):
    result = assessment.result
    return [
        {"instrument": i, "score": result.instrument_scores.get(i.code)}
        for i in sorted(assessment.framework.instruments.all(), key=lambda x: x.order)
    ]


def summary(assessment):
    """Total, label, pass and distance to the pass mark of one assessment."""
    result = assessment.result
    pass_mark = assessment.framework.pass_mark
    distance = None
    if result.total is not None and result.total < pass_mark:
        distance = pass_mark - result.total
    return {
        "assessment": assessment,
        "year": assessment.year,
        "total": result.total,
        "level": result.label,
        "color": result.color,
        "passed": result.passed,
        "pass_mark": pass_mark,
        "distance": distance,
        "missing": result.missing,
    }


@access.member_required
def dashboard(request):
    assessments = list(
        Assessment.objects.with_results().for_organization(request.user.organization_id)
    )
    assessments.sort(key=lambda a: a.year)
    context = {"assessments": assessments, "can_manage": access.can_manage(request.user)}
    if assessments:
        current = assessments[-1]
        rows = indicator_rows(current)
        context.update(
            current=summary(current),
            ranked=ranked_rows(rows),
            instruments=instrument_rows(current),
            history=history(assessments),
        )
    return render(request, "assessments/dashboard.html", context)


def history(assessments):
    """The year-over-year table and chart of assessments (oldest first)."""
    years = [a.year for a in assessments]
    per_year = [{r["number"]: r for r in indicator_rows(a)} for a in assessments]
    numbers = sorted({n for rows in per_year for n in rows})
    # Names and instruments as in the latest year that has the indicator.
    table = []
    for number in numbers:
        latest = next(rows[number] for rows in reversed(per_year) if number in rows)
        cells, previous = [], None
        for rows in per_year:
            score = rows[number]["score"] if number in rows else None
            change = None if score is None or previous is None else score - previous
            cells.append({"score": score, "change": change})
            previous = score if score is not None else previous
        table.append({"number": number, "name": latest["name"], "cells": cells})
    summaries = [summary(a) for a in assessments]
    chart = charts.year_bars(
        [(s["year"], s["total"], s["color"], s["level"]) for s in summaries],
        pass_mark=summaries[-1]["pass_mark"],
    )
    return {"years": years, "rows": table, "summaries": summaries, "chart": chart}


@access.member_required
def detail(request, year):
    assessment = _assessment(request, year)
    rows = indicator_rows(assessment)
    analyses = {a.instrument_id: a for a in assessment.analyses.all()}
    instruments = instrument_rows(assessment)
    for row in instruments:
        row["analysis"] = analyses.get(row["instrument"].pk)
        row["indicators"] = [r for r in rows if r["instrument"].pk == row["instrument"].pk]
    context = {
        "current": summary(assessment),
        "assessment": assessment,
        "rows": rows,
        "ranked": ranked_rows(rows),
        "instruments": instruments,
        "has_items": assessment.item_results.exists(),
        "can_manage": access.can_manage(request.user),
    }
    return render(request, "assessments/detail.html", context)


@access.admin_required
@require_http_methods(["GET", "POST"])
def create(request):
    org = request.user.organization
    form = AssessmentCreateForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                organization=org, year=form.cleaned_data["year"]
            )
        except services.AssessmentError as exc:
            for message in exc.messages:
                form.add_error("year", message)
        else:
            messages.success(request, f"เพิ่มผลการประเมินปี {assessment.year} แล้ว กรอกคะแนนได้เลย")
            return redirect("assessments:scores", year=assessment.year)
    return render(request, "assessments/create.html", {"form": form})


@access.admin_required
@require_http_methods(["GET", "POST"])
def scores(request, year):
    assessment = _assessment(request, year)
    indicators = sorted(assessment.framework.indicators.all(), key=lambda i: i.number)
    current = {s.indicator.number: s for s in assessment.scores.all()}
    initial = {ScoresForm.field_name(n): s.score for n, s in current.items()}
    form = ScoresForm(request.POST or None, indicators=indicators, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {
            n: v
            for n, v in form.scores().items()
            if v != (current[n].score if n in current else None)
        }
        try:
            services.scores_save(assessment=assessment, scores=changed)
        except services.AssessmentError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"บันทึกคะแนนปี {year} แล้ว")
            return redirect("assessments:detail", year=year)
    return render(
        request,
        "assessments/scores_form.html",
        {
            "assessment": assessment,
            "form": form,
            "current": current,
            "import_form": ScoreImportForm(),
            "published_form": PublishedResultForm(assessment=assessment),
        },
    )


@access.admin_required
@require_POST
def scores_import(request, year):
    assessment = _assessment(request, year)
    form = ScoreImportForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = services.scores_import(
                assessment=assessment, upload=upload, filename=upload.name
            )
        except services.AssessmentError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"นำเข้าคะแนน {count} ตัวชี้วัดของปี {year} แล้ว")
            return redirect("assessments:detail", year=year)
    indicators = sorted(assessment.framework.indicators.all(), key=lambda i: i.number)
    current = {s.indicator.number: s for s in assessment.scores.all()}
    return render(
        request,
        "assessments/scores_form.html",
        {
            "assessment": assessment,
            "form": ScoresForm(
                indicators=indicators,
                initial={ScoresForm.field_name(n): s.score for n, s in current.items()},
            ),
            "current": current,
            "import_form": form,
            "import_errors": errors,
            "published_form": PublishedResultForm(assessment=assessment),
        },
    )


@access.admin_required
@require_POST
def published(request, year):
    """NACC's published total and level, typed on the scores page to check the computed
    total against."""
    assessment = _assessment(request, year)
    form = PublishedResultForm(request.POST, assessment=assessment)
    if form.is_valid():
        try:
            services.published_result_save(
                assessment=assessment,
                total=form.cleaned_data["published_total"],
                level=form.cleaned_data["published_level"],
            )
        except services.AssessmentError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"บันทึกผลที่ ป.ป.ช. ประกาศของปี {year} แล้ว")
            return redirect("assessments:detail", year=year)
    indicators = sorted(assessment.framework.indicators.all(), key=lambda i: i.number)
    current = {s.indicator.number: s for s in assessment.scores.all()}
    return render(
        request,
        "assessments/scores_form.html",
        {
            "assessment": assessment,
            "form": ScoresForm(
                indicators=indicators,
                initial={ScoresForm.field_name(n): s.score for n, s in current.items()},
            ),
            "current": current,
            "import_form": ScoreImportForm(),
            "published_form": form,
        },
    )


def item_rows(assessment):
    """Every OIT item of the year with its result and the points of the total it is worth,
    grouped by indicator and sub-indicator."""
    framework = assessment.framework
    points = scoring.item_points(framework)
    results = {r.item_id: r for r in assessment.item_results.all()}
    groups = []
    for indicator in sorted(framework.indicators.all(), key=lambda i: i.number):
        subs = sorted(indicator.sub_indicators.all(), key=lambda s: (s.order, s.code))
        if not subs:
            continue
        sub_rows = []
        for sub in subs:
            items = sorted(sub.items.all(), key=lambda i: i.number)
            rows = []
            for item in items:
                result = results.get(item.pk)
                rows.append(
                    {
                        "item": item,
                        "points": points[item.code],
                        "met": None if result is None else result.met,
                        "reason": result.reason if result else "",
                    }
                )
            recorded = [r for r in rows if r["met"] is not None]
            met = sum(1 for r in rows if r["met"])
            sub_rows.append(
                {
                    "sub": sub,
                    "rows": rows,
                    "met": met,
                    "count": len(rows),
                    "percent": scoring.round_half_up(Decimal(100) * met / len(rows))
                    if len(recorded) == len(rows)
                    else None,
                }
            )
        groups.append({"indicator": indicator, "subs": sub_rows})
    return groups


@access.member_required
@require_http_methods(["GET", "POST"])
def item_results(request, year):
    assessment = _assessment(request, year, structure=True)
    framework = assessment.framework
    all_items = [
        item
        for indicator in sorted(framework.indicators.all(), key=lambda i: i.number)
        for sub in sorted(indicator.sub_indicators.all(), key=lambda s: (s.order, s.code))
        for item in sorted(sub.items.all(), key=lambda i: i.number)
    ]
    can_manage = access.can_manage(request.user)
    form = None
    if can_manage:
        initial = {}
        codes = {i.pk: i.code for i in all_items}
        for r in assessment.item_results.all():
            code = codes[r.item_id]
            initial[f"met_{code}"] = "1" if r.met else "0"
            initial[f"reason_{code}"] = r.reason
        form = ItemResultsForm(request.POST or None, items=all_items, initial=initial)
    if request.method == "POST":
        access.require(can_manage, access.ADMIN_ONLY)
        if form.is_valid():
            results = {
                code: services.ItemResultInput(met=met, reason=reason)
                for code, (met, reason) in form.results().items()
            }
            try:
                recomputed = services.item_results_save(assessment=assessment, results=results)
            except services.AssessmentError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                text = ", ".join(f"ตัวชี้วัดที่ {n} = {s}" for n, s in sorted(recomputed.items()))
                messages.success(
                    request,
                    "บันทึกผลรายข้อ OIT แล้ว" + (f" และคำนวณคะแนน {text} จากผลรายข้อ" if text else ""),
                )
                return redirect("assessments:item_results", year=year)
    groups = item_rows(assessment)
    if form is not None:
        for group in groups:
            for sub in group["subs"]:
                for row in sub["rows"]:
                    row["met_field"], row["reason_field"] = form.field_pair(row["item"])
    failed = sorted(
        (row for g in groups for s in g["subs"] for row in s["rows"] if row["met"] is False),
        key=lambda r: (-r["points"], r["item"].number),
    )
    what_if = lost = None
    if failed and assessment.result.complete:
        recorded = {
            row["item"].code: row["met"]
            for g in groups
            for s in g["subs"]
            for row in s["rows"]
            if row["met"] is not None
        }
        what_if = scoring.result_if_met(
            framework, assessment.score_map, [r["item"].code for r in failed], met=recorded
        )
        # From the totals: the item points are rounded one by one and need not add up.
        lost = what_if.total - assessment.result.total
    oit_scores = [
        {"indicator": g["indicator"], "score": assessment.score_map.get(g["indicator"].number)}
        for g in groups
    ]
    computed_numbers = {
        s.indicator.number
        for s in assessment.scores.all()
        if s.source == IndicatorScore.Source.OIT_ITEMS
    }
    for row in oit_scores:
        row["computed"] = row["indicator"].number in computed_numbers
    context = {
        "assessment": assessment,
        "current": summary(assessment),
        "groups": groups,
        "failed": failed,
        "lost": lost,
        "what_if": what_if,
        "oit_scores": oit_scores,
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "assessments/item_results.html", context)


@access.admin_required
@require_http_methods(["GET", "POST"])
def analysis(request, year):
    assessment = _assessment(request, year)
    instruments = sorted(assessment.framework.instruments.all(), key=lambda i: i.order)
    existing = {a.instrument_id: a for a in assessment.analyses.all()}
    initial = {"recommendations": assessment.recommendations}
    for instrument in instruments:
        row = existing.get(instrument.pk)
        for key, _label in AnalysisForm.TEXTS:
            initial[f"{instrument.code}_{key}"] = getattr(row, key, "") if row else ""
    form = AnalysisForm(request.POST or None, instruments=instruments, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.analysis_save(
            assessment=assessment,
            recommendations=form.cleaned_data["recommendations"].strip(),
            analyses=form.analyses(),
        )
        messages.success(request, f"บันทึกข้อเสนอแนะและผลการวิเคราะห์ปี {year} แล้ว")
        return redirect("assessments:detail", year=year)
    scores = {r["instrument"].pk: r["score"] for r in instrument_rows(assessment)}
    groups = [(i, fields, scores.get(i.pk)) for i, fields in form.groups()]
    return render(
        request,
        "assessments/analysis_form.html",
        {"assessment": assessment, "form": form, "groups": groups},
    )


def latest_assessment(organization):
    """The organization's latest assessment with its result, or None (for home panels)."""
    return (
        Assessment.objects.with_results().for_organization(organization).order_by("-year").first()
    )
