"""The organization's ITA results: dashboard, one year's page, and the admin's editors
(indicator scores, OIT item results with the points at stake, analysis text)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from assessments import imports, scoring, services
from assessments.errors import AssessmentError
from assessments.forms import (
    AnalysisForm,
    AssessmentCreateForm,
    ItemResultsForm,
    ItemResultsImportForm,
    PublicForm,
    PublishedResultForm,
    ScoreImportForm,
    ScoresForm,
)
from assessments.models import IndicatorScore
from assessments.selectors import (
    assessment_with_results,
    assessments_with_results,
    history,
    indicator_rows,
    instrument_rows,
    item_rows,
    organization_years,
    organization_years_ahead,
    ranked_rows,
    summary,
)
from itaportal import access, thai
from itaportal.editing import Conflict, conflict_response, show_error
from itaportal.years import opening_year


def _assessment(request, year, also=()):
    """The user's organization's assessment of `year`, ready to score (with its framework's
    whole structure) and with the relations `also` names; 404 otherwise."""
    org_id = request.user.organization_id
    assessment = assessment_with_results(org_id, year, also) if org_id is not None else None
    if assessment is None:
        raise Http404
    return assessment


@access.member_required
def dashboard(request):
    assessments = assessments_with_results(request.user.organization_id)
    assessments.sort(key=lambda a: a.year)
    years = [a.year for a in reversed(assessments)]
    year = opening_year(years, thai.current_fiscal_year())
    context = {
        "assessments": assessments,
        "years": years,
        "can_manage": access.can_manage(request.user),
    }
    if assessments:
        current = next(a for a in assessments if a.year == year)
        rows = indicator_rows(current)
        context.update(
            current=summary(current),
            ranked=ranked_rows(rows),
            instruments=instrument_rows(current),
            history=history(assessments),
        )
    return render(request, "assessments/dashboard.html", context)


@access.member_required
def detail(request, year):
    organization_years_ahead(request.user.organization_id)  # read with the assessment
    assessment = _assessment(request, year, also=("analyses", "item_results"))
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
        "has_items": bool(assessment.item_results.all()),
        "can_manage": access.can_manage(request.user),
        "years": organization_years(request.user.organization_id),
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
        except AssessmentError as exc:
            for message in exc.messages:
                form.add_error("year", message)
        else:
            messages.success(request, f"เพิ่มผลการประเมินปี {assessment.year} แล้ว กรอกคะแนนได้เลย")
            return redirect("assessments:scores", year=assessment.year)
    return render(request, "assessments/create.html", {"form": form})


def _conflict_with(request, year, exc):
    """Re-read the assessment another save changed, with everything its pages show."""
    exc.current = _assessment(request, year)
    return exc.current


def _scores_page(request, assessment, *, form=None, import_form=None, import_errors=(),
                 published_form=None):  # fmt: skip
    """The scores page: the indicator scores, the file import and NACC's published result,
    each form as sent when it is the one that came back with errors."""
    current = {s.indicator.number: s for s in assessment.scores.all()}
    if form is None:
        indicators = sorted(assessment.framework.indicators.all(), key=lambda i: i.number)
        initial = {ScoresForm.field_name(n): s.score for n, s in current.items()}
        form = ScoresForm(indicators=indicators, initial=initial | {"version": assessment.version})
    return {
        "assessment": assessment,
        "form": form,
        "current": current,
        "import_form": import_form or ScoreImportForm(),
        "import_errors": import_errors,
        "published_form": published_form or PublishedResultForm(assessment=assessment),
        "years": organization_years(assessment.organization_id),
    }


@access.admin_required
@require_http_methods(["GET", "POST"])
def scores(request, year):
    assessment = _assessment(request, year)
    indicators = sorted(assessment.framework.indicators.all(), key=lambda i: i.number)
    current = {s.indicator.number: s.score for s in assessment.scores.all()}
    initial = {ScoresForm.field_name(n): score for n, score in current.items()}
    initial["version"] = assessment.version
    form = ScoresForm(request.POST or None, indicators=indicators, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {n: v for n, v in form.scores().items() if v != current.get(n)}
        try:
            services.scores_save(
                assessment=assessment, scores=changed, version=form.cleaned_data["version"]
            )
        except Conflict as exc:
            stored = _conflict_with(request, year, exc).score_map
            changes = [
                (f"ตัวชี้วัดที่ {n}", stored.get(n, "ยังไม่มีคะแนน"))
                for n, typed in form.scores().items()
                if typed != stored.get(n)
            ]
            context = _scores_page(request, exc.current, form=form)
            return conflict_response(
                request, "assessments/scores_form.html", context, form=form, conflict=exc,
                changes=changes,
            )  # fmt: skip
        except AssessmentError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"บันทึกคะแนนปี {year} แล้ว")
            return redirect("assessments:detail", year=year)
    return render(
        request, "assessments/scores_form.html", _scores_page(request, assessment, form=form)
    )


def _import_sheet(form, service, **data):
    """Run `service` (an all-or-nothing import) on the form's file, with `data`.

    Returns (what the service returned, []) when the file was imported, else (None, the
    Thai reasons it was refused, one per bad row; none when the form itself is invalid)."""
    if not form.is_valid():
        return None, []
    upload = form.cleaned_data["file"]
    try:
        return service(upload=upload, filename=upload.name, **data), []
    except AssessmentError as exc:
        return None, exc.messages


@access.admin_required
@require_POST
def scores_import(request, year):
    assessment = _assessment(request, year)
    form = ScoreImportForm(request.POST, request.FILES)
    count, errors = _import_sheet(form, services.scores_import, assessment=assessment)
    if count is not None:
        if count:
            messages.success(request, f"นำเข้าคะแนน {count} ตัวชี้วัดของปี {year} แล้ว")
        else:
            messages.info(request, "ไฟล์ไม่มีคะแนนที่กรอกไว้ จึงไม่ได้เปลี่ยนคะแนน")
        return redirect("assessments:detail", year=year)
    context = _scores_page(request, assessment, import_form=form, import_errors=errors)
    return render(request, "assessments/scores_form.html", context)


TEMPLATE_FORMATS = ("csv", "xlsx")


def _template_response(assessment, kind, rows, *, stem, format):
    """A file to fill in for `assessment`'s import of `kind`: its headers and `rows`."""
    if format not in TEMPLATE_FORMATS:
        raise Http404
    content_type, content = imports.sheet_template(kind, rows, format=format)
    response = HttpResponse(content, content_type=content_type)
    name = f"{stem}-{assessment.organization.slug}-{assessment.year}.{format}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@access.admin_required
def scores_template(request, year, format):
    """The score file to fill in: one row per indicator of the year, with the scores
    stored now, so the file imported unchanged changes nothing."""
    assessment = _assessment(request, year)
    stored = assessment.score_map
    rows = [
        [i.number, stored.get(i.number, ""), i.name]
        for i in sorted(assessment.framework.indicators.all(), key=lambda i: i.number)
    ]
    return _template_response(assessment, imports.SCORES, rows, stem="scores", format=format)


@access.admin_required
def item_results_template(request, year, format):
    """The item results file to fill in: one row per OIT item of the year, with the
    results stored now."""
    assessment = _assessment(request, year)
    stored = {r.item_id: r for r in assessment.item_results.all()}
    words = {True: "ผ่าน", False: "ไม่ผ่าน"}
    rows = []
    for item in _items_in_order(assessment.framework):
        result = stored.get(item.pk)
        rows.append(
            [
                item.code,
                words[result.met] if result else "",
                result.reason if result else "",
                item.title,
            ]
        )
    return _template_response(
        assessment, imports.ITEM_RESULTS, rows, stem="oit-results", format=format
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
                version=form.cleaned_data["version"],
            )
        except Conflict as exc:
            stored = _conflict_with(request, year, exc)
            context = _scores_page(request, stored, published_form=form)
            return conflict_response(
                request, "assessments/scores_form.html", context, form=form, conflict=exc,
                fields=["published_total", "published_level"], form_name="published_form",
            )  # fmt: skip
        except AssessmentError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"บันทึกผลที่ ป.ป.ช. ประกาศของปี {year} แล้ว")
            return redirect("assessments:detail", year=year)
    context = _scores_page(request, assessment, published_form=form)
    return render(request, "assessments/scores_form.html", context)


@access.admin_required
@require_POST
def make_public(request, year):
    """Put the year on the public page with its result as it is now, or take it off."""
    assessment = _assessment(request, year)
    withdraw = "withdraw" in request.POST
    form = PublicForm(request.POST)
    if withdraw:
        form.fields["public_on"].required = False
    if form.is_valid():
        try:
            if withdraw:
                services.assessment_withdraw_public(
                    assessment=assessment, version=form.cleaned_data["version"]
                )
            else:
                services.assessment_make_public(
                    assessment=assessment,
                    on=form.cleaned_data["public_on"],
                    version=form.cleaned_data["version"],
                )
        except Conflict as exc:
            messages.error(request, str(exc))
        except AssessmentError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                f"ถอนปี {year} ออกจากหน้าสาธารณะแล้ว"
                if withdraw
                else f"เผยแพร่ผลการประเมินปี {year} ต่อสาธารณะแล้ว",
            )
    else:
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
    return redirect("assessments:detail", year=year)


def _item_results_conflict(request, year, exc, form, items, typed):
    """The results page as stored now, the user's choices kept in the form."""
    stored = _conflict_with(request, year, exc)
    results = {r.item_id: r for r in stored.item_results.all()}
    labels = {True: "ผ่าน", False: "ไม่ผ่าน", None: "ยังไม่มีผล"}
    changes = []
    for item in items:
        row = results.get(item.pk)
        met, reason = (row.met, row.reason) if row else (None, "")
        if (met, reason) != (typed[item.code].met, typed[item.code].reason):
            changes.append((item.code, f"{labels[met]} {reason}".strip()))
    context = _item_results_context(request, stored, form)
    return conflict_response(
        request, "assessments/item_results.html", context, form=form, conflict=exc,
        changes=changes,
    )  # fmt: skip


def _items_in_order(framework):
    """The year's OIT items in the framework's order: indicator, sub-indicator, item."""
    return [
        item
        for indicator in sorted(framework.indicators.all(), key=lambda i: i.number)
        for sub in sorted(indicator.sub_indicators.all(), key=lambda s: (s.order, s.code))
        for item in sorted(sub.items.all(), key=lambda i: i.number)
    ]


@access.admin_required
@require_POST
def item_results_import(request, year):
    """OIT item results from a CSV or XLSX file, all or nothing, as the scores import."""
    assessment = _assessment(request, year, also=("item_results",))
    form = ItemResultsImportForm(request.POST, request.FILES)
    imported, errors = _import_sheet(form, services.item_results_import, assessment=assessment)
    if imported is not None:
        count, recomputed = imported
        if count:
            messages.success(
                request,
                f"นำเข้าผลรายข้อ OIT {count} ข้อของปี {year} แล้ว" + _recomputed_text(recomputed),
            )
        else:
            messages.info(request, "ไฟล์ไม่มีผลที่กรอกไว้ จึงไม่ได้เปลี่ยนผลรายข้อ")
        return redirect("assessments:item_results", year=year)
    results_form = _results_form(request, assessment, _items_in_order(assessment.framework), None)
    context = _item_results_context(request, assessment, results_form)
    context |= {"import_form": form, "import_errors": errors}
    return render(request, "assessments/item_results.html", context)


@access.member_required
@require_http_methods(["GET", "POST"])
def item_results(request, year):
    organization_years_ahead(request.user.organization_id)  # read with the assessment
    assessment = _assessment(request, year, also=("item_results",))
    all_items = _items_in_order(assessment.framework)
    form = _results_form(request, assessment, all_items, request.POST or None)
    if request.method == "POST":
        access.require(form is not None, access.ADMIN_ONLY)
        if form.is_valid():
            results = {
                code: services.ItemResultInput(met=met, reason=reason)
                for code, (met, reason) in form.results().items()
            }
            try:
                recomputed = services.item_results_save(
                    assessment=assessment, results=results, version=form.cleaned_data["version"]
                )
            except Conflict as exc:
                return _item_results_conflict(request, year, exc, form, all_items, results)
            except AssessmentError as exc:
                show_error(form, exc)
            else:
                messages.success(request, "บันทึกผลรายข้อ OIT แล้ว" + _recomputed_text(recomputed))
                return redirect("assessments:item_results", year=year)
    context = _item_results_context(request, assessment, form)
    return render(request, "assessments/item_results.html", context)


def _results_form(request, assessment, items, data):
    """The results form of an admin (None for those who only read), from what is stored."""
    if not access.can_manage(request.user):
        return None
    initial = {"version": assessment.version}
    codes = {i.pk: i.code for i in items}
    for r in assessment.item_results.all():
        code = codes[r.item_id]
        initial[f"met_{code}"] = "1" if r.met else "0"
        initial[f"reason_{code}"] = r.reason
    return ItemResultsForm(data, items=items, initial=initial)


def _recomputed_text(recomputed):
    text = ", ".join(f"ตัวชี้วัดที่ {n} = {s}" for n, s in sorted(recomputed.items()))
    return f" และคำนวณคะแนน {text} จากผลรายข้อ" if text else ""


def _item_results_context(request, assessment, form):
    framework = assessment.framework
    groups = item_rows(assessment)
    if form is not None:
        for group in groups:
            for sub in group["subs"]:
                for row in sub["rows"]:
                    row["met_radios"] = form.met_radios(row["item"])
                    row["reason_textarea"] = form.reason_textarea(row["item"])
    failed = sorted(
        (row for g in groups for s in g["subs"] for row in s["rows"] if row["met"] is False),
        key=lambda r: (-(r["points"] or 0), r["item"].number),
    )
    what_if = lost = None
    if failed and assessment.result.complete and framework.items_complete:
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
    return {
        "assessment": assessment,
        "current": summary(assessment),
        "groups": groups,
        "failed": failed,
        "lost": lost,
        "what_if": what_if,
        "oit_scores": oit_scores,
        "form": form,
        "import_form": ItemResultsImportForm(),
        "import_errors": (),
        "can_manage": access.can_manage(request.user),
        "years": organization_years(assessment.organization_id),
    }


@access.admin_required
@require_http_methods(["GET", "POST"])
def analysis(request, year):
    assessment = _assessment(request, year)
    instruments = sorted(assessment.framework.instruments.all(), key=lambda i: i.order)
    existing = {a.instrument_id: a for a in assessment.analyses.all()}
    initial = {"recommendations": assessment.recommendations, "version": assessment.version}
    for instrument in instruments:
        row = existing.get(instrument.pk)
        for key, _label in AnalysisForm.TEXTS:
            initial[f"{instrument.code}_{key}"] = getattr(row, key, "") if row else ""
    form = AnalysisForm(request.POST or None, instruments=instruments, initial=initial)
    scores = {r["instrument"].pk: r["score"] for r in instrument_rows(assessment)}
    groups = [(i, fields, scores.get(i.pk)) for i, fields in form.groups()]
    context = {
        "assessment": assessment,
        "form": form,
        "groups": groups,
        "years": organization_years(assessment.organization_id),
    }
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data["recommendations"].strip()
        try:
            services.analysis_save(
                assessment=assessment,
                recommendations=typed,
                analyses=form.analyses(),
                version=form.cleaned_data["version"],
            )
        except Conflict as exc:
            stored = _conflict_with(request, year, exc)
            changes = []
            if stored.recommendations != typed:
                changes.append((form.fields["recommendations"].label, stored.recommendations))
            rows = {a.instrument.code: a for a in stored.analyses.select_related("instrument")}
            for code, texts in form.analyses().items():
                for key, label in AnalysisForm.TEXTS:
                    value = getattr(rows.get(code), key, "")
                    if value != texts[key]:
                        changes.append((f"{code}: {label}", value))
            return conflict_response(
                request, "assessments/analysis_form.html", context, form=form, conflict=exc,
                changes=changes,
            )  # fmt: skip
        messages.success(request, f"บันทึกข้อเสนอแนะและผลการวิเคราะห์ปี {year} แล้ว")
        return redirect("assessments:detail", year=year)
    return render(request, "assessments/analysis_form.html", context)
