"""Actions over several rows of the assessments app, each in one transaction.

Every function takes keyword arguments and raises AssessmentError (assessments/errors.py;
Thai messages) when the action cannot be done; the views and the admin show the messages
as they are. Reading the uploaded files is assessments/imports.py, which never writes.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError

from assessments import scoring
from assessments.errors import AssessmentError
from assessments.imports import framework_to_data, parse_framework, parse_scores, read_score_rows
from assessments.models import (
    Assessment,
    Framework,
    Indicator,
    IndicatorScore,
    InstrumentAnalysis,
    OITItem,
    OITItemResult,
    OITSubIndicator,
    RatingBand,
)
from itaportal.editing import bump_version, lock, lock_version
from itaportal.thai import round_half_up
from itaportal.years import shift_years

# --- frameworks -------------------------------------------------------------------------


def framework_in_use_message(framework, what):
    """The Thai refusal for removing `what` from a framework an assessment uses, or None."""
    count = framework.assessments.count()
    if not count:
        return None
    return (
        f"ลบ {what} ไม่ได้ เพราะกรอบการประเมินปี {framework.year} มีผลการประเมินของหน่วยงานใช้อยู่ "
        f"{count} รายการ — การลบจะทำให้คะแนนที่บันทึกไว้หายไป "
        f"(แก้ชื่อหรือน้ำหนักได้ หรือคัดลอกเป็นกรอบปีใหม่แล้วแก้ไขที่ปีนั้น)"
    )


@transaction.atomic
def framework_import(*, data, allow_update=True):
    """Create or update a year's framework from a mapping (see docs/frameworks.md).

    Rows are matched by their natural keys (instrument code, indicator number,
    sub-indicator code, item code). Rows missing from the file are deleted — unless an
    organization's assessment uses that year, in which case the whole import is refused.
    Returns (framework, created).
    """
    spec = parse_framework(data)
    framework = Framework.objects.filter(year=spec.year).first()
    created = framework is None
    if not created and not allow_update:
        raise AssessmentError(f"มีกรอบการประเมินปี {spec.year} อยู่แล้ว")
    if framework is None:
        framework = Framework(year=spec.year)
    framework.name = spec.name
    framework.pass_mark = spec.pass_mark
    framework.provisional = spec.provisional
    framework.notes = spec.notes
    framework.items_complete = spec.items_complete
    framework.save()

    if not created:
        _refuse_dropping(framework, spec)

    instruments = {}
    for code, name, weight, order in spec.instruments:
        instruments[code], _ = framework.instruments.update_or_create(
            code=code, defaults={"name": name, "weight": weight, "order": order}
        )
    indicators, subs, kept_items = {}, {}, set()
    for ind in spec.indicators:
        indicators[ind.number], _ = Indicator.objects.update_or_create(
            framework=framework,
            number=ind.number,
            defaults={
                "name": ind.name,
                "instrument": instruments[ind.instrument],
                "weight": ind.weight,
            },
        )
    existing_subs = {
        s.code: s for s in OITSubIndicator.objects.filter(indicator__framework=framework)
    }
    existing_items = {i.code: i for i in framework.items()}
    for ind in spec.indicators:
        for sub_spec in ind.sub_indicators:
            sub = existing_subs.get(sub_spec.code) or OITSubIndicator(code=sub_spec.code)
            sub.indicator = indicators[ind.number]
            sub.name = sub_spec.name
            sub.order = sub_spec.order
            sub.save()
            subs[sub_spec.code] = sub
    for ind in spec.indicators:
        for sub_spec in ind.sub_indicators:
            for item_spec in sub_spec.items:
                item = existing_items.get(item_spec.code) or OITItem(code=item_spec.code)
                item.sub_indicator = subs[sub_spec.code]
                item.number = item_spec.number
                item.title = item_spec.title
                item.group = item_spec.group
                item.required_elements = item_spec.required_elements
                item.evidence_period = item_spec.evidence_period
                item.elements_confidence = item_spec.elements_confidence
                item.elements_source = item_spec.elements_source
                item.save()
                kept_items.add(item.pk)

    # What the file no longer lists (only possible for a year no assessment uses).
    OITItem.objects.in_framework(framework).exclude(pk__in=kept_items).delete()
    OITSubIndicator.objects.filter(indicator__framework=framework).exclude(code__in=subs).delete()
    framework.indicators.exclude(number__in=indicators).delete()
    framework.instruments.exclude(code__in=instruments).delete()
    framework.rating_bands.all().delete()
    RatingBand.objects.bulk_create(
        RatingBand(
            framework=framework,
            label=label,
            min_total=min_total,
            min_each_instrument=each,
            color=color,
            order=order,
        )
        for label, min_total, each, color, order in spec.rating_bands
    )
    return framework, created


def _refuse_dropping(framework, spec):
    if not framework.assessments.exists():
        return
    gone = []
    numbers = {i.number for i in spec.indicators}
    codes = {i.code for i in spec.items}
    subs = {s.code for ind in spec.indicators for s in ind.sub_indicators}
    instruments = {code for code, *_ in spec.instruments}
    gone += [
        f"ตัวชี้วัดที่ {n}"
        for n in framework.indicators.exclude(number__in=numbers).values_list("number", flat=True)
    ]
    gone += [
        f"ตัวชี้วัดย่อย {c}"
        for c in OITSubIndicator.objects.filter(indicator__framework=framework)
        .exclude(code__in=subs)
        .values_list("code", flat=True)
    ]
    gone += [
        f"ข้อ {c}" for c in framework.items().exclude(code__in=codes).values_list("code", flat=True)
    ]
    gone += [
        f"เครื่องมือ {c}"
        for c in framework.instruments.exclude(code__in=instruments).values_list("code", flat=True)
    ]
    if gone:
        raise AssessmentError(
            [
                framework_in_use_message(framework, "รายการที่ไม่มีในไฟล์"),
                "รายการที่จะหายไป: " + ", ".join(gone),
            ]
        )


def framework_copy(*, framework, year):
    """A new year's framework with the same structure, marked provisional for editing
    (its relative years moved: see framework_copy_provisional)."""
    return framework_copy_provisional(source=framework, year=year)


def framework_delete(*, framework):
    """Delete a framework no assessment uses; refuse with a Thai message otherwise."""
    message = framework_in_use_message(framework, f"กรอบการประเมินปี {framework.year}")
    if message:
        raise AssessmentError(message)
    try:
        with transaction.atomic():
            framework.delete()
    except ProtectedError:
        raise AssessmentError(f"ลบกรอบการประเมินปี {framework.year} ไม่ได้ เพราะมีข้อมูลอื่นอ้างถึง") from None


# --- assessments ------------------------------------------------------------------------


@transaction.atomic
def assessment_create(*, organization, year):
    """The organization's assessment of a fiscal year (its framework must exist)."""
    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        raise AssessmentError(f"ยังไม่มีกรอบการประเมินปี {year} กรุณาให้ผู้ดูแลระบบกลางเพิ่มกรอบการประเมินก่อน")
    if Assessment.objects.filter(organization=organization, year=year).exists():
        raise AssessmentError(f"มีผลการประเมินปี {year} อยู่แล้ว")
    return Assessment.objects.create(organization=organization, framework=framework)


def _write_scores(assessment, scores, source):
    """Replace the indicator scores given in `scores` on a locked `assessment`."""
    indicators = {i.number: i for i in assessment.framework.indicators.all()}
    errors = [
        f"ไม่มีตัวชี้วัดที่ {n} ในกรอบการประเมินปี {assessment.year}" for n in scores if n not in indicators
    ]
    errors += [
        f"ตัวชี้วัดที่ {n}: คะแนนต้องอยู่ระหว่าง 0 ถึง 100"
        for n, s in scores.items()
        if s is not None and not Decimal(0) <= s <= Decimal(100)
    ]
    if errors:
        raise AssessmentError(errors)
    existing = {s.indicator.number: s for s in assessment.scores.select_related("indicator")}
    for number, score in scores.items():
        row = existing.get(number)
        if score is None:
            if row:
                row.delete()
            continue
        score = round_half_up(score)
        if row is None:
            IndicatorScore.objects.create(
                assessment=assessment, indicator=indicators[number], score=score, source=source
            )
        elif row.score != score or row.source != source:
            row.score, row.source = score, source
            row.save(update_fields=["score", "source"])


def _locked(assessment, version):
    """The assessment's row locked at `version` (Conflict otherwise), with its framework."""
    return lock_version(
        Assessment.objects.select_related("framework"), pk=assessment.pk, version=version
    )


def _saved(assessment, locked, update_fields=()):
    """Save the locked row with its version moved on, and bring the caller's `assessment`
    up to date with it: its version, and no cached result of the old scores."""
    bump_version(locked, update_fields=list(update_fields))
    assessment.version = locked.version
    assessment.__dict__.pop("result", None)
    return locked


@transaction.atomic
def scores_save(*, assessment, scores, version, source=IndicatorScore.Source.ENTERED):
    """Replace the indicator scores given in `scores` ({indicator number: Decimal or None})
    of `assessment`, which must still be at the `version` the scores page showed.

    None removes a score. Scores outside 0–100 or unknown indicators are refused whole.
    Returns the assessment as saved.
    """
    locked = _locked(assessment, version)
    _write_scores(locked, scores, source)
    return _saved(assessment, locked)


@transaction.atomic
def scores_import(*, assessment, upload, filename):
    """All-or-nothing import of indicator scores from a CSV or XLSX file.

    Returns the number of scores saved; raises ImportRefused with one message per bad row.
    The assessment is locked without a page version: the file carries NACC's published
    figures, which replace what is stored whatever the page showed, and nothing typed on
    the page is at stake. The version still moves on, so a scores page opened before the
    import is refused rather than silently putting the old scores back.
    """
    rows = read_score_rows(upload, filename)
    locked = lock(Assessment.objects.select_related("framework"), pk=assessment.pk)
    scores = parse_scores(rows, locked.framework.indicators.all())
    _write_scores(locked, scores, IndicatorScore.Source.IMPORTED)
    _saved(assessment, locked)
    return len(scores)


@dataclass
class ItemResultInput:
    met: bool | None  # None: no result recorded
    reason: str = ""


@transaction.atomic
def item_results_save(*, assessment, results, version):
    """Record OIT item results ({item code: ItemResultInput}) of `assessment`, which must
    still be at the `version` the results page showed, and follow them through.

    For every indicator whose items all have a result, its score is recomputed by the
    sub-indicator rule and saved as an IndicatorScore with source "oit_items".
    Returns {indicator number: new score} for the indicators recomputed.
    """
    caller, assessment = assessment, _locked(assessment, version)
    framework = Framework.objects.with_structure().get(pk=assessment.framework_id)
    items = {
        i.code: i
        for ind in framework.indicators.all()
        for s in ind.sub_indicators.all()
        for i in s.items.all()
    }
    unknown = [code for code in results if code not in items]
    if unknown:
        raise AssessmentError(f"ไม่มีข้อ {', '.join(unknown)} ในกรอบการประเมินปี {assessment.year}")
    existing = {r.item_id: r for r in assessment.item_results.all()}
    for code, value in results.items():
        item = items[code]
        row = existing.get(item.pk)
        if value.met is None:
            if row:
                row.delete()
                existing.pop(item.pk)
            continue
        if row is None:
            existing[item.pk] = OITItemResult.objects.create(
                assessment=assessment, item=item, met=value.met, reason=value.reason
            )
        elif row.met != value.met or row.reason != value.reason:
            row.met, row.reason = value.met, value.reason
            row.save(update_fields=["met", "reason"])
    by_pk = {i.pk: i for i in items.values()}
    met = {by_pk[pk].code: r.met for pk, r in existing.items()}
    recomputed = {}
    computed = scoring.oit_indicator_scores(framework, met)
    for indicator in framework.indicators.all():
        own = [i.code for s in indicator.sub_indicators.all() for i in s.items.all()]
        # A partial item list computes nothing: the published score stays.
        if indicator.number in computed and all(code in met for code in own):
            recomputed[indicator.number] = computed[indicator.number]
    if recomputed:
        _write_scores(assessment, recomputed, IndicatorScore.Source.OIT_ITEMS)
    _saved(caller, assessment)
    return recomputed


@transaction.atomic
def analysis_save(*, assessment, recommendations, analyses, version):
    """NACC's recommendations and the working group's analysis per instrument, on the
    `version` of the assessment the analysis page showed.

    `analyses`: {instrument code: {"to_fix": …, "to_improve": …, "to_maintain": …}}.
    """
    caller, assessment = assessment, _locked(assessment, version)
    instruments = {i.code: i for i in assessment.framework.instruments.all()}
    unknown = [c for c in analyses if c not in instruments]
    if unknown:
        raise AssessmentError(f"ไม่มีเครื่องมือ {', '.join(unknown)} ในปี {assessment.year}")
    for code, texts in analyses.items():
        InstrumentAnalysis.objects.update_or_create(
            assessment=assessment, instrument=instruments[code], defaults=texts
        )
    assessment.recommendations = recommendations
    return _saved(caller, assessment, ["recommendations"])


@transaction.atomic
def published_result_save(*, assessment, total, level, version):
    """Record the total and level NACC published for the year (None and "" clear them),
    against which the total computed from the indicator scores is checked, on the
    `version` of the assessment the scores page showed."""
    level = (level or "").strip()
    errors = []
    if total is not None and not Decimal(0) <= total <= Decimal(100):
        errors.append("คะแนนรวมที่ ป.ป.ช. ประกาศต้องอยู่ระหว่าง 0 ถึง 100")
    elif total is not None and total != round_half_up(total):
        errors.append("คะแนนรวมที่ ป.ป.ช. ประกาศมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง")
    if len(level) > Assessment._meta.get_field("published_level").max_length:
        errors.append("ระดับที่ ป.ป.ช. ประกาศยาวเกินไป")
    if errors:
        raise AssessmentError(errors)
    locked = _locked(assessment, version)
    locked.published_total = total
    locked.published_level = level
    return _saved(assessment, locked, ["published_total", "published_level"])


# --- provisional frameworks --------------------------------------------------------------


def _shifted(value, delta, source_year):
    """`value` (text, or a list or mapping of texts) with its relative years moved."""
    if isinstance(value, str):
        return shift_years(value, delta, source_year=source_year)
    if isinstance(value, list):
        return [_shifted(v, delta, source_year) for v in value]
    if isinstance(value, dict):
        return {k: _shifted(v, delta, source_year) for k, v in value.items()}
    return value


def framework_copy_provisional(*, source, year):
    """`source` copied as the provisional framework of `year` (NACC has not published it).

    Same instruments, weights, rating rule, indicators and items; every relative year in
    its texts (name, notes, indicator and sub-indicator names, item titles, groups,
    required elements, evidence periods) moves by `year - source.year`, so the copy of
    2569 asks for the data of 2570 and 2569 where 2569 asked for 2569 and 2568. Years that
    are not relative (a law's, a national plan's period) stay: see itaportal/years.py.
    """
    if Framework.objects.filter(year=year).exists():
        raise AssessmentError(f"มีกรอบการประเมินปี {year} อยู่แล้ว")
    delta = year - source.year
    data = framework_to_data(source)
    item_fields = ("title", "group", "required_elements", "evidence_period")
    for indicator in data["indicators"]:
        indicator["name"] = _shifted(indicator["name"], delta, source.year)
        for sub in indicator.get("sub_indicators", []):
            sub["name"] = _shifted(sub["name"], delta, source.year)
            for item in sub["items"]:
                for name in item_fields:
                    if name in item:
                        item[name] = _shifted(item[name], delta, source.year)
    name = _shifted(source.name, delta, source.year)
    if str(year) not in name:
        limit = Framework._meta.get_field("name").max_length
        name = f"{name[: limit - 8]} ปี {year}"
    notes = (
        f"ข้อมูลเบื้องต้น คัดลอกจากกรอบการประเมินปี {source.year} และเลื่อนปีในข้อความไป {delta} ปี "
        f"ยังไม่ใช่รายการทางการของสำนักงาน ป.ป.ช. — ตรวจสอบและแก้ไขให้ตรงกับประกาศของปี {year}"
    )
    if source.notes:
        notes += "\n\nหมายเหตุของกรอบต้นแบบ: " + _shifted(source.notes, delta, source.year)
    data.update(year=year, name=name, provisional=True, notes=notes)
    new, _ = framework_import(data=data, allow_update=False)
    return new
