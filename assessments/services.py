"""Actions over several rows of the assessments app, each in one transaction.

Every function takes keyword arguments and raises AssessmentError (assessments/errors.py;
Thai messages) when the action cannot be done; the views and the admin show the messages
as they are. Reading the uploaded files is assessments/imports.py, which never writes.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, ProtectedError, UniqueConstraint

from assessments import scoring
from assessments.errors import AssessmentError
from assessments.imports import (
    ITEM_RESULTS,
    framework_to_data,
    parse_framework,
    parse_item_results,
    parse_scores,
    read_score_rows,
    read_sheet_rows,
)
from assessments.matching import MappingError, match_items
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
from assessments.structure import structure_of
from itaportal.editing import Versioned, bump_version, lock, lock_version, refused_if_taken
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
    sub-indicator code, item code). Rows missing from the file are deleted — unless the
    year is in use (an assessment, or anything pointing at its items), in which case the
    whole import is refused: such a year takes NACC's list through `framework_publish`.
    Returns (framework, created).
    """
    spec = parse_framework(data)
    framework = Framework.objects.filter(year=spec.year).first()
    created = framework is None
    if not created and not allow_update:
        raise AssessmentError(f"มีกรอบการประเมินปี {spec.year} อยู่แล้ว")
    if framework is None:
        framework = Framework(year=spec.year)
    _write_framework(framework, spec, provisional=spec.provisional)

    if not created:
        _refuse_dropping(framework, spec)

    subs = _write_structure(framework, spec)
    existing_items = {i.code: i for i in framework.items()}
    kept_items = set()
    for sub_code, item_spec in _spec_items(spec):
        item = existing_items.get(item_spec.code) or OITItem(code=item_spec.code)
        _write_item(item, item_spec, subs[sub_code])
        kept_items.add(item.pk)

    # What the file no longer lists (only possible for a year nobody uses).
    OITItem.objects.in_framework(framework).exclude(pk__in=kept_items).delete()
    OITSubIndicator.objects.filter(indicator__framework=framework).exclude(code__in=subs).delete()
    _drop_unlisted(framework, spec)
    _write_bands(framework, spec)
    return framework, created


def _write_framework(framework, spec, *, provisional):
    framework.name = spec.name
    framework.pass_mark = spec.pass_mark
    framework.provisional = provisional
    framework.notes = spec.notes
    framework.items_complete = spec.items_complete
    framework.save()


def _write_structure(framework, spec):
    """Instruments, indicators and sub-indicators as the file lists them (created or
    updated in place); returns {sub-indicator code: row}."""
    instruments = {}
    for code, name, weight, order in spec.instruments:
        instruments[code], _ = framework.instruments.update_or_create(
            code=code, defaults={"name": name, "weight": weight, "order": order}
        )
    indicators = {}
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
    subs = {}
    for ind in spec.indicators:
        for sub_spec in ind.sub_indicators:
            sub = existing_subs.get(sub_spec.code) or OITSubIndicator(code=sub_spec.code)
            sub.indicator = indicators[ind.number]
            sub.name = sub_spec.name
            sub.order = sub_spec.order
            sub.save()
            subs[sub_spec.code] = sub
    return subs


def _spec_items(spec):
    """(sub-indicator code, ItemSpec) of every item in the file, in its order."""
    return [
        (sub_spec.code, item_spec)
        for ind in spec.indicators
        for sub_spec in ind.sub_indicators
        for item_spec in sub_spec.items
    ]


def _write_item(item, item_spec, sub):
    item.code = item_spec.code
    item.sub_indicator = sub
    item.number = item_spec.number
    item.title = item_spec.title
    item.group = item_spec.group
    item.required_elements = item_spec.required_elements
    item.evidence_period = item_spec.evidence_period
    item.elements_confidence = item_spec.elements_confidence
    item.elements_source = item_spec.elements_source
    item.retired = False
    item.save()


def _drop_unlisted(framework, spec):
    framework.indicators.exclude(number__in=[i.number for i in spec.indicators]).delete()
    framework.instruments.exclude(code__in=[c for c, *_ in spec.instruments]).delete()


def _write_bands(framework, spec):
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


def framework_used(framework):
    """Whether organizations use the year: an assessment on it, or anything (answers,
    item results, measures) pointing at one of its items."""
    if framework.assessments.exists():
        return True
    items = OITItem.all_objects.in_framework(framework)
    return any(
        items.filter(**{f"{rel.name}__isnull": False}).exists()
        for rel in OITItem._meta.related_objects
    )


def _refuse_dropping(framework, spec):
    if not framework_used(framework):
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
                framework_in_use_message(framework, "รายการที่ไม่มีในไฟล์")
                or f"ลบรายการที่ไม่มีในไฟล์ไม่ได้ เพราะมีหน่วยงานใช้กรอบการประเมินปี {framework.year} อยู่",
                "รายการที่จะหายไป: " + ", ".join(gone),
                "ถ้าเป็นรายการข้อที่ ป.ป.ช. ประกาศ ให้นำเข้าผ่านหน้าจับคู่ข้อ (เผยแพร่ฉบับทางการ) "
                "ซึ่งย้ายคำตอบและผลรายข้อตามข้อที่เปลี่ยนรหัสหรือรวมกัน",
            ]
        )


# --- publishing NACC's list into a year in use -----------------------------------------


@dataclass
class PublishPlan:
    """How the items of a year in use (old) become those of NACC's published file (new).

    kept: [(old row, new ItemSpec)] same code; renumbered: the same with another code;
    merged: [(new ItemSpec, [old rows])], the first row becomes the new item; new:
    [ItemSpec] without an old item; retired: [old row] without a new item. `dependents`
    is {old row pk: [(what, count)]} for every old row.
    """

    framework: Framework
    spec: object
    digest: str
    kept: list
    renumbered: list
    merged: list
    new: list
    retired: list
    dependents: dict

    def dependents_of(self, item):
        return [(label, n) for label, n in self.dependents.get(item.pk, []) if n]

    @property
    def mapping(self):
        """{old code: new code or ""} as a form shows it."""
        pairs = {old.code: new.code for old, new in self.kept + self.renumbered}
        for new, olds in self.merged:
            pairs.update({old.code: new.code for old in olds})
        pairs.update({old.code: "" for old in self.retired})
        return pairs

    @property
    def merges(self):
        return [new.code for new, _olds in self.merged]

    @property
    def retiring(self):
        """Codes of the old rows left retired that carry answers, results or measures:
        the list the operator must have seen before `framework_publish` applies."""
        rows = self.retired + [old for _new, olds in self.merged for old in olds[1:]]
        return sorted({old.code for old in rows if self.dependents_of(old)})


@dataclass
class PublishResult:
    framework: Framework
    plan: PublishPlan
    # (merged-away old row, what, the record) left on the retired row: repointing it
    # would have given one organization two of the same record on the merged item.
    left_on_retired: list
    # (retired row, [(what, count)]) of the items NACC dropped that still carry records.
    retired: list


def framework_digest(data):
    """A fingerprint of a framework file's data, carried from the preview to the confirm
    so the file applied is the file the operator checked."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def item_dependents(items):
    """{item pk: [(what, count)]}: the records pointing at each item, found through the
    model's reverse relations (OIT answers, item results, the measures that name it), so
    this app needs no import of the apps that own them."""
    pks = [i.pk for i in items]
    found = {pk: [] for pk in pks}
    for rel in OITItem._meta.related_objects:
        label = str(rel.related_model._meta.verbose_name_plural)
        counts = dict(
            OITItem.all_objects.filter(pk__in=pks)
            .order_by()
            .values_list("pk")
            .annotate(n=Count(rel.name))
        )
        for pk in pks:
            found[pk].append((label, counts.get(pk, 0)))
    return found


def _clean_code(code):
    return str(code or "").strip().upper()


def framework_publish_plan(*, framework, data, mapping=None, merges=()):
    """The mapping of `framework`'s current items onto the items of NACC's file `data`,
    without writing anything (the preview the operator confirms).

    `mapping`: {old code: new code, or "" / None for "retired"} chosen by hand; it wins
    over assessments.matching's rules. `merges`: new codes the operator marked as
    merging two or more old items; sending two old items to one new item is refused
    unless that new item is marked. Raises ImportRefused or MappingError (Thai).
    """
    spec = parse_framework(data)
    if spec.year != framework.year:
        raise AssessmentError(f"ไฟล์นี้เป็นกรอบการประเมินปี {spec.year} ไม่ใช่ปี {framework.year} ที่เลือกไว้")
    olds = {i.code: i for i in framework.items()}
    news = {i.code: i for i in spec.items}
    mapping = {_clean_code(k): _clean_code(v) or None for k, v in (mapping or {}).items()}
    merges = {_clean_code(c) for c in merges if _clean_code(c)}
    unknown = [c for c in mapping if c not in olds]
    unknown += [c for c in mapping.values() if c and c not in news]
    unknown += [c for c in merges if c not in news]
    if unknown:
        raise MappingError(
            f"ไม่พบข้อ {', '.join(sorted(set(unknown)))} "
            f"ในรายการข้อปัจจุบันของปี {framework.year} หรือในไฟล์ที่นำเข้า"
        )
    sources_of = {}
    for old, new in mapping.items():
        if new:
            sources_of.setdefault(new, []).append(old)
    for new, sources in sources_of.items():
        if len(sources) > 1 and new not in merges:
            raise MappingError(
                f"ข้อ {', '.join(sorted(sources))} ถูกจับคู่กับข้อ {new} ข้อเดียวกัน "
                f"ถ้าข้อ {new} ของ ป.ป.ช. รวมข้อเดิมเหล่านี้ไว้ ให้ทำเครื่องหมาย “รวมข้อ” ที่ข้อ {new} "
                "ถ้าไม่ใช่ ให้เลือกข้อปลายทางไม่ให้ซ้ำกัน"
            )
    for new in sorted(merges):
        if len(sources_of.get(new, [])) < 2:
            raise MappingError(
                f"ข้อ {new} ทำเครื่องหมาย “รวมข้อ” ไว้ แต่มีข้อเดิมจับคู่มาไม่ถึงสองข้อ "
                "กรุณาเลือกข้อเดิมที่รวมกันเป็นข้อนี้ หรือเอาเครื่องหมายออก"
            )
    # Of the old items merged into one new item, the first takes part in the matching
    # (its row becomes the new item); the others follow it.
    groups = {
        new: sorted((olds[c] for c in sources_of[new]), key=lambda i: (i.number, i.code))
        for new in merges
    }
    followers = {old.code for rows in groups.values() for old in rows[1:]}
    matching = match_items(
        [i for c, i in olds.items() if c not in followers],
        spec.items,
        manual={old: new for old, new in mapping.items() if old not in followers},
    )
    kept, renumbered, merged = [], [], []
    for match in matching.pairs:
        if match.target.code in merges:
            merged.append((match.target, groups[match.target.code]))
        elif match.renumbered:
            renumbered.append((match.source, match.target))
        else:
            kept.append((match.source, match.target))
    merged.sort(key=lambda pair: pair[0].number)
    followers = [old for _new, olds in merged for old in olds[1:]]
    _refuse_dropping_structure(framework, spec, matching.unmatched_source + followers)
    return PublishPlan(
        framework=framework,
        spec=spec,
        digest=framework_digest(data),
        kept=kept,
        renumbered=renumbered,
        merged=merged,
        new=matching.unmatched_target,
        retired=matching.unmatched_source,
        dependents=item_dependents(olds.values()),
    )


def _refuse_dropping_structure(framework, spec, staying):
    """Publishing changes items, not the year's structure: an indicator or instrument
    of a year in use stays, and a sub-indicator the file drops may go only when no item
    (a retired one included) stays on it."""
    gone = [
        f"ตัวชี้วัดที่ {n}"
        for n in framework.indicators.exclude(
            number__in=[i.number for i in spec.indicators]
        ).values_list("number", flat=True)
    ]
    gone += [
        f"เครื่องมือ {c}"
        for c in framework.instruments.exclude(
            code__in=[c for c, *_ in spec.instruments]
        ).values_list("code", flat=True)
    ]
    listed = {s.code for ind in spec.indicators for s in ind.sub_indicators}
    gone += sorted(
        {
            f"ตัวชี้วัดย่อย {row.sub_indicator.code}"
            for row in staying
            if row.sub_indicator.code not in listed
        }
    )
    if gone:
        raise AssessmentError(
            [
                f"ไฟล์นี้ไม่มี {', '.join(gone)} ซึ่งกรอบการประเมินปี {framework.year} ใช้อยู่ "
                "(มีข้อที่เลิกใช้แล้วหรือคะแนนของหน่วยงานผูกอยู่)",
                "การเผยแพร่ฉบับทางการเปลี่ยนได้เฉพาะรายการข้อ OIT กรุณาแก้ไขไฟล์ให้มีรายการเหล่านี้",
            ]
        )


def _unique_sets(model, field):
    """The field sets of `model` that must stay unique and include `field`."""
    sets = [c.fields for c in model._meta.constraints if isinstance(c, UniqueConstraint)]
    sets += list(model._meta.unique_together)
    return [tuple(s) for s in sets if field.name in s]


def _repoint(old, new):
    """Point the records of `old` (an item merged into `new`) at `new`, each saved on its
    own (their history and version move on). A record that would duplicate one `new`
    already has (the same organization's answer, the same assessment's result, a measure
    naming both) stays on `old`; returns [(what, record)] of those."""
    left = []
    for rel in OITItem._meta.related_objects:
        model, field = rel.related_model, rel.field
        label = str(model._meta.verbose_name)
        if rel.many_to_many:
            # The link rows themselves move (the related managers would not see the
            # retired item): one link per record, unless the record names both items.
            through = rel.through
            owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            for link in through._base_manager.filter(**{target: old}).select_related(owner):
                if through._base_manager.filter(
                    **{f"{owner}_id": getattr(link, f"{owner}_id"), target: new}
                ).exists():
                    left.append((label, getattr(link, owner)))
                else:
                    setattr(link, target, new)
                    link.save(update_fields=[target])
            continue
        unique_sets = _unique_sets(model, field)
        for record in model._base_manager.filter(**{field.name: old}).order_by("pk"):
            clash = any(
                model._base_manager.filter(
                    **{
                        model._meta.get_field(name).attname: getattr(
                            record, model._meta.get_field(name).attname
                        )
                        for name in names
                        if name != field.name
                    },
                    **{field.attname: new.pk},
                ).exists()
                for names in unique_sets
            )
            if clash:
                left.append((label, record))
                continue
            setattr(record, field.name, new)
            if isinstance(record, Versioned):
                bump_version(record, update_fields=[field.name])
            else:
                record.save(update_fields=[field.name])
    return left


@transaction.atomic
def framework_publish(*, framework, data, mapping=None, merges=(), digest, retiring):
    """Make `data` (NACC's published file) the official framework of a year in use.

    The items are matched as `framework_publish_plan` shows; `digest` is the plan's
    (the file confirmed is the file previewed) and `retiring` the codes of the old
    items with records that the operator saw listed as retired. Kept and renumbered items
    are updated in place, so their answers, results and measures follow; of merged items
    the first row becomes the new item and the records of the others are moved to it
    unless that would duplicate one (those stay, listed); items the file drops are
    flagged retired, never deleted. The framework loses its provisional mark.
    """
    framework = lock(Framework, pk=framework.pk)
    plan = framework_publish_plan(framework=framework, data=data, mapping=mapping, merges=merges)
    if digest != plan.digest:
        raise AssessmentError(
            "ไฟล์กรอบการประเมินไม่ใช่ไฟล์เดียวกับที่แสดงการจับคู่ไว้ "
            "กรุณาอัปโหลดไฟล์และตรวจการจับคู่อีกครั้ง ยังไม่ได้บันทึกข้อมูลใด ๆ"
        )
    unlisted = sorted(set(plan.retiring) - {_clean_code(c) for c in retiring})
    if unlisted:
        raise AssessmentError(
            f"ข้อ {', '.join(unlisted)} จะเลิกใช้ทั้งที่มีคำตอบ ผลรายข้อ หรือมาตรการผูกอยู่ "
            "แต่ไม่อยู่ในรายการที่ยืนยันไว้ กรุณาตรวจการจับคู่อีกครั้งก่อนยืนยัน"
        )
    spec = plan.spec
    followers = [(new, old) for new, olds in plan.merged for old in olds[1:]]
    staying = plan.retired + [old for _new, old in followers]

    _write_framework(framework, spec, provisional=False)
    subs = _write_structure(framework, spec)
    rows = {new.code: old for old, new in plan.kept + plan.renumbered}
    rows.update({new.code: olds[0] for new, olds in plan.merged})
    # Retire first and move renumbered rows off their codes, so no code is held twice.
    for row in staying:
        row.retired = True
        row.save(update_fields=["retired"])
    for code, row in rows.items():
        if row.code != code:
            row.code = f"#{row.pk}"
            row.save(update_fields=["code"])
    for sub_code, item_spec in _spec_items(spec):
        row = rows.get(item_spec.code) or OITItem(code=item_spec.code)
        _write_item(row, item_spec, subs[sub_code])
        rows[item_spec.code] = row
    left = []
    for new, old in followers:
        left += [(old, what, record) for what, record in _repoint(old, rows[new.code])]

    OITSubIndicator.objects.filter(indicator__framework=framework).exclude(code__in=subs).delete()
    _write_bands(framework, spec)
    after = item_dependents(staying)
    retired = [
        (row, [(what, n) for what, n in after[row.pk] if n])
        for row in sorted(staying, key=lambda r: (r.number, r.code))
    ]
    return PublishResult(
        framework=framework,
        plan=plan,
        left_on_retired=left,
        retired=[(row, counts) for row, counts in retired if counts],
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
    taken = AssessmentError(f"มีผลการประเมินปี {year} อยู่แล้ว")
    if Assessment.objects.filter(organization=organization, year=year).exists():
        raise taken
    with refused_if_taken(taken):
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
    if not scores:
        return 0  # every score cell left blank: nothing changes
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
    return _record_item_results(assessment, _locked(assessment, version), results)


@transaction.atomic
def item_results_import(*, assessment, upload, filename):
    """All-or-nothing import of OIT item results from a CSV or XLSX file (columns: item
    code, ผ่าน/ไม่ผ่าน/ยังไม่มีผล, reason), read as the score import reads its file.

    Returns (the number of items changed, {indicator number: new score}); raises
    ImportRefused with one message per bad row. Like the score import, the assessment is
    locked without a page version (a file replaces what is stored, nothing typed on a
    page is at stake) and its version moves on, so a results page opened before the
    import is refused rather than silently putting the old results back.
    """
    rows = read_sheet_rows(upload, filename, ITEM_RESULTS)
    locked = lock(Assessment.objects.select_related("framework"), pk=assessment.pk)
    framework = structure_of(locked.framework)
    items = [
        i
        for ind in framework.indicators.all()
        for s in ind.sub_indicators.all()
        for i in s.items.all()
    ]
    parsed = parse_item_results(rows, items)
    results = {
        code: ItemResultInput(met=met, reason=reason) for code, (met, reason) in parsed.items()
    }
    if not results:
        return 0, {}
    return len(results), _record_item_results(assessment, locked, results)


def _record_item_results(caller, assessment, results):
    """Write `results` on the locked `assessment`, recompute the indicators whose items
    all have a result, and save the row with its version moved on."""
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


@transaction.atomic
def assessment_make_public(*, assessment, on, version):
    """Put the year on the organization's public page and JSON from `on`, with its result
    as it is now (the scores page's `version`): later changes to the scores stay private
    until the year is made public again."""
    from assessments.selectors import public_scores

    locked = _locked(assessment, version)
    locked.public_on = on
    locked.public_scores = public_scores(locked)
    return _saved(assessment, locked, ["public_on", "public_scores"])


@transaction.atomic
def assessment_withdraw_public(*, assessment, version):
    """Take the year off the public page and JSON."""
    locked = _locked(assessment, version)
    locked.public_on = None
    locked.public_scores = None
    return _saved(assessment, locked, ["public_on", "public_scores"])


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
