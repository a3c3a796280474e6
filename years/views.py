from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments.matching import normalize_title
from assessments.selectors import organization_years
from itaportal import access, thai
from years import services
from years.forms import MAP_PREFIX, StartYearForm, mapping_from


@access.admin_required
@require_http_methods(["GET", "POST"])
def start(request):
    """Start a fiscal year: the form, then a preview of everything that will be created
    and copied (with the OIT item matching to adjust), then the confirmed run."""
    org = request.user.organization
    years = organization_years(org)
    current = thai.current_fiscal_year()
    initial = {"year": current, "source_year": next((y for y in years if y < current), None)}
    form = StartYearForm(request.POST or None, years=years, initial=initial)
    plan, chosen, mapping_error, year_note = None, {}, "", ""
    if request.method == "POST" and form.is_valid():
        options = form.options()
        chosen = mapping_from(request.POST)
        confirmed = (
            request.POST.get("action") == "confirm"
            and form.cleaned_data["previewed"] == form.fingerprint()
        )
        try:
            if confirmed:
                result = services.fiscal_year_start(
                    organization=org, actor=request.user, item_mapping=chosen or None, **options
                )
                messages.success(request, _done_message(result))
                return redirect("assessments:detail", year=result.assessment.year)
            plan = services.fiscal_year_plan(
                organization=org, item_mapping=chosen or None, **options
            )
        except services.YearStartError as exc:
            if exc.field == "mapping":
                # Show the selects again as the admin left them, with the reason.
                mapping_error = str(exc)
                plan = services.fiscal_year_plan(organization=org, **options)
            else:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        if plan is not None:
            form.data = form.data.copy()
            form.data["previewed"] = form.fingerprint()
            if plan.year_exists and plan.nothing_to_do:
                form.add_error(
                    "year",
                    f"หน่วยงานเริ่มปีงบประมาณ {plan.year} ไว้แล้ว และคัดลอกครบตามที่เลือก ไม่มีอะไรต้องทำเพิ่ม",
                )
            elif plan.year_exists:
                year_note = (
                    f"หน่วยงานเริ่มปีงบประมาณ {plan.year} ไว้แล้ว — ด้านล่างคือส่วนที่ยังขาด "
                    "กดยืนยันเพื่อทำเฉพาะส่วนนั้น (สิ่งที่มีอยู่แล้วจะไม่ถูกสร้างซ้ำหรือเขียนทับ)"
                )
    shown_year = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    return render(
        request,
        "years/start.html",
        {
            "form": form,
            "plan": plan,
            "shown_year": shown_year or current,
            "mapping_rows": _mapping_rows(plan, chosen) if plan else [],
            "mapping_error": mapping_error,
            "map_prefix": MAP_PREFIX,
            "year_note": year_note,
        },
    )


def _mapping_rows(plan, chosen):
    """One row per last-year item that carries something: the item, what carries it, the
    choices of new items and the one selected (the admin's, else the automatic match)."""
    if plan.matching is None:
        return []
    answers = {old.item.code for old in plan.source_answers}
    linked = {}
    for measure in plan.measures.to_copy + plan.measures.present:
        for item in measure.oit_items.all():
            linked[item.code] = linked.get(item.code, 0) + 1
    pairs = {m.source.code: m for m in plan.matching.pairs}
    targets = {t.code: t for t in plan.framework.items}
    rows = []
    for item in plan.carried_items:
        match = pairs.get(item.code)
        selected = (
            chosen[item.code] if item.code in chosen else (match.target.code if match else "")
        )
        rows.append(
            {
                "item": item,
                "match": match,
                "has_answer": item.code in answers,
                "measures": linked.get(item.code, 0),
                "selected": selected or "",
                # The same title: nothing to check, so the page folds these away.
                "certain": selected in targets
                and normalize_title(item.title) == normalize_title(targets[selected].title),
            }
        )
    return rows


def _done_message(result):
    plan = result.plan
    if not result.changed:
        return f"ปีงบประมาณ {plan.year} เริ่มไว้ครบแล้ว ไม่มีอะไรเปลี่ยน"
    return f"เริ่มปีงบประมาณ {plan.year} แล้ว: สร้าง" + " ".join(result.made())
