"""Starting a fiscal year in one step: the year's framework, the organization's
assessment of it, and what is carried forward from an earlier year (the committee order,
the measures, the OIT answers).

`fiscal_year_plan` says what starting would do and writes nothing; `fiscal_year_start`
does it in one transaction. Both refuse bad input with YearStartError (a Thai message and
the form field it belongs to). Starting is idempotent: what a run before already made
(the framework, the assessment, an order of the year, copied measures and answers) is
kept and not made twice, so running it again only does what is missing.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import IntegrityError, transaction

from assessments.matching import MappingError, match_items
from assessments.models import Assessment, Framework
from assessments.selectors import organization_years
from assessments.services import AssessmentError, assessment_create, framework_copy_provisional
from committees.models import Committee, Duty, Order
from committees.services import OrderError, order_copy_forward
from itaportal import access, thai
from itaportal.editing import DomainError
from itaportal.models import Organization, User
from itaportal.years import shift_years, year_changes
from measures.models import Measure
from measures.services import MeasureError, measures_copy_forward
from oit.models import OITAnswer
from oit.services import AnswerError, CopyPlan, oit_answers_copy_forward, oit_copy_plan


class YearStartError(DomainError):
    """Starting the year was refused; `field` names the form field the message belongs to
    ("year", "source_year", "mapping" or None)."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.field = field


def current_executive(organization):
    """The executive who signs the organization's orders now (the latest active one)."""
    return User.objects.current_executive(organization)


# --- the plan -------------------------------------------------------------------------------


@dataclass
class FrameworkStep:
    framework: Framework | None  # the year's own framework, when there is one
    source: Framework | None  # else the framework the provisional copy is made from
    items: list = field(default_factory=list)  # the year's OIT items (or their copies-to-be)

    @property
    def create(self):
        return self.framework is None

    @property
    def provisional(self):
        return self.framework.provisional if self.framework else True


@dataclass
class OrderStep:
    wanted: bool
    source: Order | None = None
    existing: Order | None = None  # an order of the new fiscal year already there
    subject: str = ""  # the copy's subject
    years_moved: int = 0  # how many years the copy's texts move
    signer: User | None = None

    @property
    def action(self):
        if not self.wanted:
            return "off"
        if self.existing:
            return "done"
        return "copy" if self.source else "none"


@dataclass
class MeasuresStep:
    wanted: bool
    to_copy: list = field(default_factory=list)
    present: list = field(default_factory=list)  # copied by a run before
    skipped: list = field(default_factory=list)  # their indicator is not in the new year

    @property
    def action(self):
        if not self.wanted:
            return "off"
        if self.to_copy:
            return "copy"
        return "done" if self.present else "none"


@dataclass
class AnswersStep:
    wanted: bool
    plan: CopyPlan | None = None

    @property
    def action(self):
        if not self.wanted:
            return "off"
        if self.plan is None or not (self.plan.pairs or self.plan.already_copied):
            return "none"
        if self.plan.pairs and self.plan.blocking:
            return "blocked"
        return "copy" if self.plan.pairs else "done"


@dataclass
class YearPlan:
    organization: Organization
    year: int
    source_year: int | None
    framework: FrameworkStep
    assessment: Assessment | None  # the year's assessment, when it exists already
    source_assessment: Assessment | None
    order: OrderStep
    measures: MeasuresStep
    answers: AnswersStep
    matching: object = None  # assessments.matching.ItemMatching, when there is a source

    @property
    def year_exists(self):
        return self.assessment is not None

    @property
    def framework_years_moved(self):
        return self.year - self.framework.source.year if self.framework.source else 0

    @property
    def nothing_to_do(self):
        return not (
            self.framework.create
            or self.assessment is None
            or self.order.action == "copy"
            or self.measures.action == "copy"
            or self.answers.action == "copy"
        )

    @property
    def carried_items(self):
        """Last year's items that carry something (an answer, a measure's link): the ones
        whose match matters, in the source's order."""
        codes = {old.item.code for old in self.source_answers}
        for measure in self.measures.to_copy + self.measures.present:
            codes.update(i.code for i in measure.oit_items.all())
        if self.matching is None:
            return []
        items = [m.source for m in self.matching.pairs] + self.matching.unmatched_source
        return sorted((i for i in items if i.code in codes), key=lambda i: (i.number, i.code))

    @property
    def source_answers(self):
        plan = self.answers.plan
        if plan is None:
            return []
        return (
            [old for old, _ in plan.pairs]
            + [old for old, _ in plan.already_copied]
            + plan.unmatched_answers
        )


def _check_years(organization, year, source_year, today):
    years = sorted(Framework.objects.values_list("year", flat=True))
    if not years:
        raise YearStartError(
            "ยังไม่มีกรอบการประเมินในระบบเลย กรุณาให้ผู้ดูแลระบบกลางนำเข้ากรอบการประเมินก่อน", field="year"
        )
    if year < years[0]:
        raise YearStartError(
            f"ระบบมีกรอบการประเมินตั้งแต่ปี {years[0]} จึงเริ่มปีงบประมาณ {year} ซึ่งอยู่ก่อนหน้านั้นไม่ได้",
            field="year",
        )
    latest = thai.current_fiscal_year(today) + 1
    if year > latest:
        raise YearStartError(
            f"ปีงบประมาณ {year} ยังอยู่อีกไกล เริ่มได้ไม่เกินปี {latest} (ปีงบประมาณถัดไป)", field="year"
        )
    own = organization_years(organization)
    if source_year is None:
        return next((y for y in own if y < year), None)
    if source_year not in own:
        have = ", ".join(str(y) for y in sorted(own)) or "ยังไม่มี"
        raise YearStartError(
            f"หน่วยงานไม่มีข้อมูลปีงบประมาณ {source_year} ให้คัดลอก (ปีที่มี: {have})",
            field="source_year",
        )
    if source_year >= year:
        raise YearStartError(f"ปีที่คัดลอกจากต้องอยู่ก่อนปีงบประมาณ {year}", field="source_year")
    return source_year


def _framework_step(year):
    framework = Framework.objects.filter(year=year).first()
    if framework is not None:
        return FrameworkStep(framework, None, list(framework.items()))
    source = Framework.objects.filter(year__lt=year).order_by("-year").first()
    delta = year - source.year
    # The items the provisional copy will have: the same codes, titles with years moved.
    items = [
        SimpleNamespace(
            pk=None,
            code=i.code,
            number=i.number,
            title=shift_years(i.title, delta, source_year=source.year),
        )
        for i in source.items()
    ]
    return FrameworkStep(None, source, items)


def _order_step(organization, year, source_year, wanted):
    step = OrderStep(wanted=wanted)
    if not wanted:
        return step
    step.existing = (
        Order.objects.filter(organization=organization, fiscal_year=year).order_by("pk").first()
    )
    orders = Order.objects.filter(organization=organization, fiscal_year__lt=year).order_by(
        "-fiscal_year", "-year", "-number", "-pk"
    )
    if source_year is not None:
        orders = orders.filter(fiscal_year__lte=source_year)
    step.source = orders.first()
    if step.source is not None:
        delta = year - step.source.fiscal_year
        step.subject = shift_years(step.source.subject, delta, source_year=step.source.fiscal_year)
        texts = [step.source.subject, step.source.preamble]
        texts += Committee.objects.filter(order=step.source).values_list("name", flat=True)
        texts += Duty.objects.filter(committee__order=step.source).values_list("text", flat=True)
        step.years_moved = sum(
            len(year_changes(text, delta, source_year=step.source.fiscal_year)) for text in texts
        )
        step.signer = current_executive(organization)
    return step


def _measures_step(source_assessment, assessment, framework_step, wanted):
    step = MeasuresStep(wanted=wanted)
    if not wanted or source_assessment is None:
        return step
    indicators = set(
        (framework_step.framework or framework_step.source).indicators.values_list(
            "number", flat=True
        )
    )
    present = set()
    if assessment is not None:
        present = set(
            Measure.objects.filter(assessment=assessment).values_list("indicator__number", "title")
        )
    for measure in Measure.objects.filter(assessment=source_assessment).for_cards():
        if measure.indicator.number not in indicators:
            step.skipped.append(measure)
        elif (measure.indicator.number, measure.title) in present:
            step.present.append(measure)
        else:
            step.to_copy.append(measure)
    return step


def _answers_plan(organization, year, source_year, framework_step, item_map):
    if framework_step.framework is not None:
        return oit_copy_plan(
            organization=organization, year=year, source_year=source_year, item_map=item_map
        )
    # No framework yet, so no answer of the year either: every matched answer is copied.
    plan = CopyPlan(source_year=source_year)
    targets = {i.code: i for i in framework_step.items}
    old_answers = (
        OITAnswer.objects.for_year(organization, source_year)
        .select_related("item", "department")
        .order_by("item__number")
    )
    for old in old_answers:
        target = targets.get(item_map.get(old.item.code))
        if target is None:
            plan.unmatched_answers.append(old)
        else:
            plan.pairs.append((old, target))
    used = {target.code for _, target in plan.pairs}
    plan.new_items_without_source = [i for i in framework_step.items if i.code not in used]
    return plan


def fiscal_year_plan(
    *,
    organization,
    year,
    source_year=None,
    copy_order=True,
    copy_measures=True,
    copy_answers=True,
    item_mapping=None,
    today=None,
):
    """What starting `year` for `organization` would create and copy; writes nothing.

    `source_year` is the year copied from (default: the organization's latest year before
    `year`); `item_mapping` ({last year's item code: new item code, or None}) is the
    admin's own matching of OIT items, over the automatic one (assessments.matching).
    Raises YearStartError for a year too far ahead, before the first framework, or a
    source year the organization does not have.
    """
    source_year = _check_years(organization, year, source_year, today)
    framework_step = _framework_step(year)
    assessment = Assessment.objects.filter(organization=organization, year=year).first()
    source_assessment = None
    matching = None
    if source_year is not None:
        source_assessment = Assessment.objects.select_related("framework").get(
            organization=organization, year=source_year
        )
        try:
            matching = match_items(
                source_assessment.framework.items(), framework_step.items, manual=item_mapping
            )
        except MappingError as exc:
            raise YearStartError(str(exc), field="mapping") from None
    answers = AnswersStep(wanted=copy_answers)
    if copy_answers and source_year is not None:
        answers.plan = _answers_plan(
            organization, year, source_year, framework_step, matching.codes()
        )
    return YearPlan(
        organization=organization,
        year=year,
        source_year=source_year,
        framework=framework_step,
        assessment=assessment,
        source_assessment=source_assessment,
        order=_order_step(organization, year, source_year, copy_order),
        measures=_measures_step(source_assessment, assessment, framework_step, copy_measures),
        answers=answers,
        matching=matching,
    )


# --- starting ---------------------------------------------------------------------------------


@dataclass
class YearStartResult:
    plan: YearPlan
    framework: Framework
    assessment: Assessment
    framework_created: bool = False
    assessment_created: bool = False
    order: Order | None = None
    measures_copied: int = 0
    answers_copied: int = 0

    @property
    def changed(self):
        return bool(
            self.framework_created
            or self.assessment_created
            or self.order
            or self.measures_copied
            or self.answers_copied
        )

    def made(self):
        """What the run created, one Thai phrase each (the page's message, the command's
        lines)."""
        made = []
        if self.framework_created:
            made.append(f"กรอบการประเมินเบื้องต้นจากปี {self.plan.framework.source.year}")
        if self.assessment_created:
            made.append("ผลการประเมินของปี")
        if self.order:
            made.append("ร่างคำสั่งแต่งตั้ง (ยังไม่ออกเลขที่)")
        if self.measures_copied:
            made.append(f"มาตรการ {self.measures_copied} รายการ")
        if self.answers_copied:
            made.append(f"ร่างคำตอบ OIT {self.answers_copied} ข้อ")
        return made


@transaction.atomic
def fiscal_year_start(
    *,
    organization,
    year,
    source_year=None,
    actor,
    copy_order=True,
    copy_measures=True,
    copy_answers=True,
    item_mapping=None,
    today=None,
):
    """Start `year` for `organization`, as `fiscal_year_plan` shows, all or nothing.

    - the framework: the year's own (published or provisional), else a provisional copy
      of the newest earlier one with its relative years moved;
    - the organization's assessment of the year;
    - optionally, from `source_year`: the committee order (a draft without a number, its
      relative years moved, signed by the current executive), the measures (not started,
      OIT items re-linked by the matching) and the OIT answers (drafts that need evidence
      of the new year), each skipped when a run before already made it.

    Only the organization's agency admin may start a year. Returns a YearStartResult.
    """
    if not access.can_manage(actor) or actor.organization_id != organization.pk:
        raise YearStartError(access.ADMIN_ONLY)
    # One start at a time per organization: a second one waits, then finds the work done.
    Organization.objects.select_for_update().get(pk=organization.pk)
    plan = fiscal_year_plan(
        organization=organization,
        year=year,
        source_year=source_year,
        copy_order=copy_order,
        copy_measures=copy_measures,
        copy_answers=copy_answers,
        item_mapping=item_mapping,
        today=today,
    )
    try:
        with transaction.atomic():
            return _start(plan, actor)
    except (AssessmentError, OrderError, MeasureError, AnswerError) as exc:
        raise YearStartError(str(exc)) from exc
    except IntegrityError:
        raise YearStartError(
            f"มีผู้อื่นเริ่มปีงบประมาณ {year} พร้อมกันอยู่ กรุณาเปิดหน้านี้ใหม่แล้วดูสิ่งที่ยังขาดอีกครั้ง"
        ) from None


def _start(plan, actor):
    framework = plan.framework.framework
    created = framework is None
    if created:
        framework = framework_copy_provisional(source=plan.framework.source, year=plan.year)
    assessment = plan.assessment
    result = YearStartResult(
        plan=plan,
        framework=framework,
        assessment=assessment,
        framework_created=created,
    )
    if assessment is None:
        result.assessment = assessment_create(organization=plan.organization, year=plan.year)
        result.assessment_created = True
    codes = plan.matching.codes() if plan.matching else {}
    if plan.order.action == "copy":
        source = plan.order.source
        result.order = order_copy_forward(
            order=source,
            year=source.year + (plan.year - source.fiscal_year),
            number=None,
            user=actor,
            signer=plan.order.signer,
        )
    if plan.measures.action == "copy":
        copied, _ = measures_copy_forward(
            source=plan.source_assessment,
            target=result.assessment,
            measures=Measure.objects.filter(pk__in=[m.pk for m in plan.measures.to_copy]),
            item_map=codes,
        )
        result.measures_copied = len(copied)
    if plan.answers.action == "copy":
        applied = oit_answers_copy_forward(
            organization=plan.organization,
            year=plan.year,
            actor=actor,
            source_year=plan.source_year,
            item_map=codes,
        )
        result.answers_copied = len(applied.pairs)
    return result
