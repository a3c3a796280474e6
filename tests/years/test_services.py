"""Starting a fiscal year: what is created and copied, all or nothing, and run again."""

from unittest import mock

import pytest

from assessments.models import Assessment, Framework, Indicator, OITItem, OITSubIndicator
from committees.models import Committee, Duty, Member, Order
from measures.models import Measure, MeasureReport
from oit.models import AnswerEvent, OITAnswer, OITAnswerAttachment
from tests.trust.helpers import is_thai, rows
from tests.years.conftest import ORDER_DUTY, SOURCE, TODAY, YEAR, item
from years import services

S = OITAnswer.Status


def start(org, actor, **options):
    options.setdefault("today", TODAY)
    return services.fiscal_year_start(
        organization=org, year=options.pop("year", YEAR), actor=actor, **options
    )


def plan(org, **options):
    options.setdefault("today", TODAY)
    return services.fiscal_year_plan(organization=org, year=options.pop("year", YEAR), **options)


def everything():
    """Every row starting a year may write, the field history included."""
    return rows(
        Framework, Indicator, OITSubIndicator, OITItem, Assessment, Order, Committee, Member,
        Duty, Measure, MeasureReport, OITAnswer, OITAnswerAttachment, AnswerEvent,
    )  # fmt: skip


# --- the framework ----------------------------------------------------------------------


def test_without_a_published_framework_a_provisional_copy_moves_its_years(org, analyst, last_year):
    result = start(org, analyst)
    framework = Framework.objects.get(year=YEAR)
    assert result.framework_created and framework.provisional
    assert framework.name == "ITA ประจำปีงบประมาณ พ.ศ. 2570"
    assert "คัดลอกจากกรอบการประเมินปี 2569" in framework.notes
    assert "ใช้ตามปี 2569" in framework.notes  # the source's own note, moved
    o3, o5 = item(YEAR, "O3"), item(YEAR, "O5")
    assert o3.evidence_period == "ข้อมูลของปีงบประมาณ พ.ศ. 2570 (ปีที่ประเมิน)"
    assert o5.evidence_period == "ข้อมูลของปีงบประมาณ พ.ศ. 2569 (ปีที่ผ่านมา)"
    assert o3.group == "แผนปี 2570"
    # the law's year in a required element is not relative
    assert o3.required_elements == [
        "แผนของปีงบประมาณ พ.ศ. 2570",
        "อ้างอิง พ.ร.บ.ข้อมูลข่าวสารของราชการ พ.ศ. 2540",
    ]
    assert framework.items().count() == 5
    # the source framework is untouched
    assert item(SOURCE, "O3").evidence_period == "ข้อมูลของปีงบประมาณ พ.ศ. 2569 (ปีที่ประเมิน)"


def test_a_published_framework_of_the_year_is_used_as_it_is(org, analyst, last_year, published2570):
    result = start(org, analyst)
    assert not result.framework_created
    assert result.assessment.framework == published2570
    assert Framework.objects.filter(year=YEAR).count() == 1
    assert not published2570.provisional


def test_the_admin_copy_action_moves_the_years_too(fw2569):
    from assessments.services import framework_copy

    new = framework_copy(framework=fw2569, year=2571)
    assert new.provisional
    assert item(2571, "O5").evidence_period == "ข้อมูลของปีงบประมาณ พ.ศ. 2570 (ปีที่ผ่านมา)"


# --- what is copied forward ---------------------------------------------------------------


def test_the_order_is_copied_as_a_draft_without_a_number_signed_by_the_executive(
    org, analyst, mayor, last_year
):
    result = start(org, analyst)
    order = result.order
    assert (order.number, order.year, order.fiscal_year) == (None, 2570, 2570)
    assert order.status == Order.Status.DRAFT and order.signed_on is None
    assert order.subject == "แต่งตั้งคณะกรรมการ ITA ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"
    assert (order.signer_prefix, order.signer_name) == ("นาย", "mayor ทดสอบ")
    assert order.signer_position == mayor.position_title
    # relative years moved, the strategy period and the law's year kept
    assert "(พ.ศ. ๒๕๖๑ – ๒๕๘๐)" in order.preamble and "พ.ศ. ๒๕๓๗" in order.preamble
    assert order.preamble.endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๗๐")
    committee = order.committees.get()
    assert committee.name == "คณะทำงาน ITA ปีงบประมาณ ๒๕๗๐"
    assert committee.duties.get().text == ORDER_DUTY.replace("๒๕๖๘", "๒๕๖๙")
    assert "เมื่อวันที่ ๘ มิถุนายน ๒๕๖๖" in committee.duties.get().text
    assert order.number_display == "........./๒๕๗๐"
    # last year's order is untouched
    source = Order.objects.get(pk=last_year["order"].pk)
    assert (source.number, source.status) == (7, Order.Status.SIGNED)


def test_measures_are_copied_not_started_with_their_departments_steps_and_relinked_items(
    org, analyst, last_year, published2570
):
    start(org, analyst)
    new = Measure.objects.get(assessment__year=YEAR)
    old = last_year["measure"]
    assert (new.status, new.progress, new.completed_on) == (Measure.Status.NOT_STARTED, 0, None)
    assert not new.reports.exists()
    assert new.steps == old.steps and new.title == old.title
    assert set(new.departments.all()) == set(old.departments.all())
    assert new.indicator == published2570.indicators.get(number=3)
    # O3 of 2569 is O4 of 2570 (same title, renumbered)
    assert [i.code for i in new.oit_items.all()] == ["O4"]
    assert new.oit_items.get().sub_indicator.indicator.framework == published2570
    assert (new.start_date.year, new.due_date.year) == (2026, 2027)


def test_answers_are_copied_as_drafts_that_need_new_evidence_on_the_matched_items(
    org, analyst, last_year, published2570
):
    result = start(org, analyst)
    copies = {a.item.code: a for a in OITAnswer.objects.for_year(org, YEAR).select_related("item")}
    # O1 stays O1; O3 → O4 and O5 → O6 (renumbered); the new O3 gets nothing
    assert set(copies) == {"O1", "O4", "O6"}
    assert copies["O4"].copied_from == last_year["answers"]["O3"]
    assert all(a.status == S.DRAFT and a.needs_new_evidence for a in copies.values())
    assert copies["O1"].approved_at is None  # the approval is not carried over
    assert result.answers_copied == 3
    # last year's answers keep their states
    assert OITAnswer.objects.get(pk=last_year["answers"]["O1"].pk).status == S.APPROVED


def test_each_copy_is_optional(org, analyst, last_year):
    result = start(org, analyst, copy_order=False, copy_measures=False, copy_answers=False)
    assert result.framework_created and result.assessment_created
    assert not Order.objects.filter(fiscal_year=YEAR).exists()
    assert not Measure.objects.filter(assessment__year=YEAR).exists()
    assert not OITAnswer.objects.for_year(org, YEAR).exists()


def test_a_hand_made_mapping_moves_an_answer_to_the_chosen_item(
    org, analyst, last_year, published2570
):
    start(org, analyst, item_mapping={"O5": None, "O1": "O3"})
    codes = set(OITAnswer.objects.for_year(org, YEAR).values_list("item__code", flat=True))
    assert codes == {"O3", "O4"}


# --- idempotent, all or nothing ---------------------------------------------------------


def test_running_it_again_duplicates_nothing(org, analyst, last_year):
    start(org, analyst)
    after_first = everything()
    again = start(org, analyst)
    assert not again.changed
    assert everything() == after_first
    assert again.plan.nothing_to_do and again.plan.year_exists


def test_running_it_again_does_only_what_is_missing(org, analyst, last_year):
    start(org, analyst, copy_answers=False)
    order_pk = Order.objects.get(fiscal_year=YEAR).pk
    result = start(org, analyst)
    assert not result.framework_created and not result.assessment_created
    assert result.order is None and result.measures_copied == 0
    assert result.answers_copied == 3
    assert Order.objects.get(fiscal_year=YEAR).pk == order_pk
    assert Measure.objects.filter(assessment__year=YEAR).count() == 1


class Injected(Exception):
    """The failure the test makes happen."""


@pytest.mark.parametrize(
    "target, name, n",
    [
        (AnswerEvent.objects, "create", 2),  # the last step, mid-way through the answers
        (Measure, "save", 1),  # after the framework, the assessment and the order
        (Duty.objects, "bulk_create", 1),  # inside the order copy
    ],
)
def test_a_failure_mid_way_leaves_everything_as_it_was(org, analyst, last_year, target, name, n):
    before = everything()
    original = getattr(target, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise Injected
        return original(*args, **kwargs)

    with mock.patch.object(target, name, failing), pytest.raises(Injected):
        start(org, analyst)
    assert everything() == before
    # and it works when tried again
    assert start(org, analyst).answers_copied == 3


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, field, words",
    [
        ({"year": 2572}, "year", "เริ่มได้ไม่เกินปี 2571"),
        ({"year": 2560}, "year", "ตั้งแต่ปี 2569"),
        ({"source_year": 2566}, "source_year", "ไม่มีข้อมูลปีงบประมาณ 2566"),
        ({"year": 2569, "source_year": 2569}, "source_year", "ต้องอยู่ก่อนปีงบประมาณ 2569"),
        ({"item_mapping": {"O1": "O1", "O2": "O1"}}, "mapping", "ข้อเดียวกัน"),
        ({"item_mapping": {"O1": "O9"}}, "mapping", "ไม่พบข้อ O9"),
    ],
)
def test_bad_input_is_refused_in_thai_and_changes_nothing(
    org, analyst, last_year, options, field, words
):
    before = everything()
    with pytest.raises(services.YearStartError) as refused:
        start(org, analyst, **options)
    assert refused.value.field == field
    assert words in str(refused.value) and is_thai(refused.value)
    assert everything() == before


def test_a_year_before_any_framework_is_refused(org, analyst):
    with pytest.raises(services.YearStartError, match="ยังไม่มีกรอบการประเมินในระบบ"):
        start(org, analyst)


def test_only_the_organizations_admin_may_start_a_year(
    org, last_year, staff_office, mayor, outsider
):
    before = everything()
    for actor in (staff_office, mayor, outsider):
        with pytest.raises(services.YearStartError, match="ผู้ดูแลระบบหน่วยงาน"):
            start(org, actor)
    assert everything() == before


def test_a_new_organization_without_years_gets_the_framework_and_the_assessment(other_org, fw2569):
    from tests.conftest import make_user

    admin = make_user("other-admin", other_org, "admin")
    result = start(other_org, admin)
    assert result.plan.source_year is None and result.plan.matching is None
    assert result.assessment_created and result.order is None
    assert (result.measures_copied, result.answers_copied) == (0, 0)


# --- the plan --------------------------------------------------------------------------------


def test_the_plan_says_what_will_happen_and_writes_nothing(org, analyst, last_year):
    before = everything()
    p = plan(org)
    assert everything() == before
    assert p.source_year == SOURCE and p.framework.create and p.framework.source.year == SOURCE
    assert next(i for i in p.framework.items if i.code == "O3").title == "แผนดำเนินงานประจำปี"
    assert p.order.action == "copy" and p.order.subject.endswith("๒๕๗๐")
    # one relative year in each of subject, preamble, committee name and duty; the
    # strategy period, the law's year and the meeting's date stay
    assert p.order.years_moved == 4
    assert [m.title for m in p.measures.to_copy] == ["มาตรการเผยแพร่แผนดำเนินงาน"]
    assert p.answers.action == "copy" and len(p.answers.plan.pairs) == 3
    assert [i.code for i in p.carried_items] == ["O1", "O3", "O5"]
    assert not p.nothing_to_do and not p.year_exists


def test_the_plan_holds_back_answers_when_the_new_year_has_work_of_its_own(
    org, office, analyst, staff_office, last_year, published2570
):
    from tests.assessments.factories import make_answer

    make_answer(org, published2570, "O2", office, S.DRAFT, staff_office, explanation="งานใหม่")
    p = plan(org)
    assert p.answers.action == "blocked"
    result = start(org, analyst)
    assert result.answers_copied == 0
    assert OITAnswer.objects.for_year(org, YEAR).count() == 1
    assert result.measures_copied == 1  # the rest still happens
