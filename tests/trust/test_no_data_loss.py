"""No data loss: an action over several records is all or nothing.

Each test makes one write of a multi-record action fail half-way (the Nth save, create
or bulk insert raises, as a full disk or a dropped connection would) and checks that
the database is exactly as before — statuses, versions, event logs, history rows and
counts — and that the same action then succeeds when tried again.
"""

import contextlib
import io
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from assessments.models import (
    Assessment,
    Framework,
    Indicator,
    IndicatorScore,
    Instrument,
    OITItem,
    OITItemResult,
    OITSubIndicator,
    RatingBand,
)
from assessments.services import (
    ItemResultInput,
    framework_import,
    item_results_save,
    scores_import,
    scores_save,
)
from committees.models import Committee, Duty, Member, Order
from committees.services import (
    CommitteeData,
    MemberData,
    committees_replace,
    order_copy_forward,
    order_save,
)
from itaportal.editing import Conflict
from measures import services as measure_services
from measures.forms import MeasureForm
from measures.models import Evidence, Measure, MeasureReport, Quarter
from oit import services as oit_services
from oit.models import AnswerEvent, OITAnswer, OITAnswerAttachment
from tests.assessments.factories import make_answer, make_framework
from tests.measures import factories as measure_factories
from tests.trust.helpers import files_under, rows

pytestmark = pytest.mark.django_db

S = OITAnswer.Status
PDF = b"%PDF-1.4\n"


class Injected(Exception):
    """The failure a test makes happen; nothing in the portal raises it."""


@contextlib.contextmanager
def failing(target, name, n):
    """Make the `n`th call of `target.name` raise Injected; earlier calls go through.

    `target` is a model class (for `save`) or a manager (for `create`, `bulk_create`).
    """
    original = getattr(target, name)
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(args)
        if len(calls) == n:
            raise Injected(f"{name} #{n}")
        return original(*args, **kwargs)

    with mock.patch.object(target, name, wrapper):
        yield calls


@contextlib.contextmanager
def failing_write(n):
    """Make the `n`th INSERT, UPDATE or DELETE sent to the database raise Injected, whatever
    the code that sends it (save, create, bulk_create, queryset update, many-to-many, the
    audit history). Yields the list of writes seen so far."""
    writes = []

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(sql)
            if len(writes) == n:
                raise Injected(f"write #{n}: {sql[:60]}")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield writes


def fails_whole_at_every_write(action, state):
    """Run `action` once with each of its writes failing in turn; after every failure the
    `state()` must be as before. Finally run it through; return how many writes it made."""
    before = state()
    n = 0
    while True:
        n += 1
        with failing_write(n) as writes:
            try:
                action()
            except Injected:
                assert state() == before, f"write {n} of the action left part of it behind"
                continue
        assert len(writes) == n - 1
        return len(writes)


# --- approving several OIT answers at once -------------------------------------------------


@pytest.fixture
def fw2565(db):
    return make_framework(2565)  # items O1–O5


@pytest.fixture
def waiting(org, office, finance, fw2565, staff_office):
    return [
        make_answer(org, fw2565, code, dept, S.SUBMITTED, staff_office)
        for code, dept in [("O1", office), ("O2", finance), ("O3", office), ("O4", finance)]
    ]


def answer_state():
    return rows(OITAnswer, AnswerEvent, OITAnswerAttachment)


@pytest.mark.parametrize(
    "where, n",
    [("answer save", 1), ("answer save", 3), ("answer save", 4), ("event", 2), ("event", 4)],
)
def test_approving_several_answers_approves_all_or_none(org, mayor, waiting, where, n):
    ids = {a.pk: a.version for a in waiting}
    before = answer_state()
    target = (OITAnswer, "save") if where == "answer save" else (AnswerEvent.objects, "create")
    with failing(*target, n), pytest.raises(Injected):
        oit_services.oit_answer_approve_many(organization=org, answer_versions=ids, actor=mayor)
    assert answer_state() == before
    assert set(OITAnswer.objects.values_list("status", flat=True)) == {S.SUBMITTED}

    oit_services.oit_answer_approve_many(organization=org, answer_versions=ids, actor=mayor)
    assert set(OITAnswer.objects.values_list("status", flat=True)) == {S.APPROVED}
    assert AnswerEvent.objects.filter(action=AnswerEvent.Action.APPROVE).count() == len(ids)


def test_a_refused_bulk_approval_changes_no_answer(org, mayor, waiting):
    """One answer went back to its department after the queue was opened: the others are
    not approved either."""
    queue = {a.pk: a.version for a in waiting}
    oit_services.oit_answer_return(
        answer=waiting[2], actor=mayor, comment="แก้ลิงก์", version=waiting[2].version
    )
    before = answer_state()
    with pytest.raises(Conflict) as refused:
        oit_services.oit_answer_approve_many(organization=org, answer_versions=queue, actor=mayor)
    assert "ยังไม่ได้อนุมัติข้อใดเลย" in str(refused.value)
    assert answer_state() == before


@pytest.mark.parametrize("n", [1, 3, 5])
def test_assigning_several_items_assigns_all_or_none(org, analyst, finance, fw2565, n):
    items = list(OITItem.objects.in_framework(fw2565))
    before = answer_state()
    with failing(AnswerEvent.objects, "create", n), pytest.raises(Injected):
        oit_services.oit_items_assign(
            organization=org, year=2565, item_ids=[i.pk for i in items], department=finance,
            actor=analyst,
        )  # fmt: skip
    assert answer_state() == before


# --- importing and saving scores -------------------------------------------------------------


@pytest.fixture
def assessment(org, fw2565):
    a = Assessment.objects.create(organization=org, framework=fw2565)
    scores_save(assessment=a, scores={1: Decimal("80.00"), 2: Decimal("70.50")}, version=a.version)
    return a


def score_state():
    return rows(IndicatorScore, Assessment, OITItemResult)


SCORES_CSV = "ตัวชี้วัดที่,คะแนน\n1,๙๐.๒๕\n2,60\n3,75.5\n4,100\n".encode()


@pytest.mark.parametrize(
    "where, n",
    [("score save", 1), ("score save", 2), ("score save", 3), ("score save", 4), ("assessment", 1)],
)
def test_importing_scores_imports_all_or_none(assessment, where, n):
    before = score_state()
    target = (IndicatorScore, "save") if where == "score save" else (Assessment, "save")
    with failing(*target, n), pytest.raises(Injected):
        scores_import(assessment=assessment, upload=SCORES_CSV, filename="scores.csv")
    assert score_state() == before

    assert scores_import(assessment=assessment, upload=SCORES_CSV, filename="scores.csv") == 4
    stored = dict(
        IndicatorScore.objects.filter(assessment=assessment).values_list(
            "indicator__number", "score"
        )
    )
    assert stored == {1: Decimal("90.25"), 2: 60, 3: Decimal("75.5"), 4: 100}


def test_importing_scores_from_an_xlsx_imports_all_or_none(assessment):
    from openpyxl import Workbook

    book = Workbook()
    for line in [("ตัวชี้วัดที่", "คะแนน"), (1, 90.25), (2, 60), (3, "๗๕.๕"), (4, 100)]:
        book.active.append(line)
    out = io.BytesIO()
    book.save(out)
    before = score_state()
    with failing(IndicatorScore, "save", 3), pytest.raises(Injected):
        scores_import(assessment=assessment, upload=out.getvalue(), filename="scores.xlsx")
    assert score_state() == before


@pytest.mark.parametrize(
    "where, n", [("result", 1), ("result", 3), ("result", 5), ("score", 1), ("score", 2)]
)
def test_recording_oit_item_results_records_all_or_none(assessment, where, n):
    """Five results and the two indicator scores they decide: a failure anywhere, on a
    result row or on a recomputed score, leaves results and scores as they were."""
    results = {code: ItemResultInput(met=code != "O2") for code in ["O1", "O2", "O3", "O4", "O5"]}
    before = score_state()
    target = OITItemResult if where == "result" else IndicatorScore
    with failing(target, "save", n), pytest.raises(Injected):
        item_results_save(assessment=assessment, results=results, version=assessment.version)
    assert score_state() == before

    assert set(
        item_results_save(assessment=assessment, results=results, version=assessment.version)
    ) == {3, 4}


# --- copying last year's answers forward ---------------------------------------------------------


@pytest.fixture
def last_year(org, office, finance, fw2565, mayor, staff_office):
    """FY 2565 answers, approved, two of them with files; FY 2566 with the same items."""
    answers = [
        make_answer(org, fw2565, code, dept, S.APPROVED, mayor)
        for code, dept in [("O1", office), ("O2", office), ("O3", finance), ("O5", finance)]
    ]
    for answer, names in [(answers[0], ["ผัง.pdf", "ภาพ.pdf"]), (answers[2], ["แผน.pdf"])]:
        for name in names:
            OITAnswerAttachment.objects.create(
                answer=answer, file=SimpleUploadedFile(name, PDF + name.encode()),
                original_name=name, content_type="application/pdf", size=20, uploaded_by=staff_office,
            )  # fmt: skip
    make_framework(2566)
    return answers


@pytest.mark.parametrize(
    "where, n",
    [
        ("answer save", 1),
        ("answer save", 4),
        ("attachment save", 1),
        ("attachment save", 3),
        ("event", 1),
        ("event", 4),
    ],
)
def test_copying_answers_forward_copies_all_or_none(org, analyst, last_year, where, n):
    target = {
        "answer save": (OITAnswer, "save"),
        "attachment save": (OITAnswerAttachment, "save"),
        "event": (AnswerEvent.objects, "create"),
    }[where]
    before = answer_state()
    with failing(*target, n), pytest.raises(Injected):
        oit_services.oit_answers_copy_forward(organization=org, year=2566, actor=analyst)
    assert answer_state() == before

    oit_services.oit_answers_copy_forward(organization=org, year=2566, actor=analyst)
    copies = OITAnswer.objects.for_year(org, 2566)
    assert copies.count() == len(last_year)
    assert set(copies.values_list("status", flat=True)) == {S.DRAFT}
    assert OITAnswerAttachment.objects.filter(answer__in=copies).count() == 3
    # The source year is untouched, approvals included.
    assert set(OITAnswer.objects.for_year(org, 2565).values_list("status", flat=True)) == {
        S.APPROVED
    }


def test_a_failed_copy_leaves_no_stray_files(org, analyst, last_year, media):
    stored = files_under(media)
    with failing(AnswerEvent.objects, "create", 4), pytest.raises(Injected):
        oit_services.oit_answers_copy_forward(organization=org, year=2566, actor=analyst)
    assert files_under(media) == stored


def test_a_failed_answer_save_leaves_no_stray_files(org, staff_office, fw2565, office, media):
    answer = make_answer(org, fw2565, "O1", office, S.DRAFT, staff_office)
    stored = files_under(media)
    upload = SimpleUploadedFile("ใหม่.pdf", PDF)
    with failing(AnswerEvent.objects, "create", 1), pytest.raises(Injected):
        oit_services.oit_answer_save(
            answer=answer, actor=staff_office, version=answer.version, links=[],
            where_to_find="หน้าหลัก", explanation="", element_evidence={}, new_files=[upload],
        )  # fmt: skip
    assert files_under(media) == stored


# --- orders: copying forward and saving with committees -----------------------------------------


@pytest.fixture
def order(org, analyst):
    order = Order.objects.create(
        organization=org,
        number=98,
        year=2565,
        fiscal_year=2565,
        subject="แต่งตั้งคณะกรรมการ ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
        signed_on=date(2022, 1, 17),
        signer_name="สนธยา คงสนิท",
    )  # fmt: skip  (a draft: a signed order is locked until the executive reopens it)
    committees_replace(
        order=order,
        committees=[
            CommitteeData(
                name="คณะทำงานอำนวยการ",
                members=[MemberData("นายก", "ประธาน"), MemberData("ปลัด", "เลขานุการ")],
                duties=["กำกับดูแล", "ให้คำปรึกษา"],
            ),
            CommitteeData(
                name="คณะทำงาน",
                members=[MemberData("นักวิเคราะห์นโยบายและแผน", "คณะทำงาน", "นางสาวใจดี มีสุข")],
                duties=["วิเคราะห์ผล"],
            ),
        ],
    )
    return order


def order_state():
    return rows(Order, Committee, Member, Duty)


def order_header(order, **changes):
    fields = ["number", "year", "subject", "fiscal_year", "preamble", "closing", "signed_on",
              "signer_prefix", "signer_name", "signer_position", "status"]  # fmt: skip
    return {name: getattr(order, name) for name in fields} | changes


ORDER_WRITES = [
    ("order save", 1),
    ("committee", 1),
    ("committee", 2),
    ("members", 1),
    ("duties", 1),
]


def order_target(where):
    return {
        "order save": (Order, "save"),
        "committee": (Committee.objects, "create"),
        "members": (Member.objects, "bulk_create"),
        "duties": (Duty.objects, "bulk_create"),
    }[where]


@pytest.mark.parametrize("where, n", ORDER_WRITES)
def test_copying_an_order_forward_copies_all_or_none(order, analyst, where, n):
    before = order_state()
    with failing(*order_target(where), n), pytest.raises(Injected):
        order_copy_forward(order=order, year=2566, number=12, user=analyst)
    assert order_state() == before

    copy = order_copy_forward(order=order, year=2566, number=12, user=analyst)
    assert Committee.objects.filter(order=copy).count() == 2
    assert Member.objects.filter(committee__order=copy).count() == 3
    assert Duty.objects.filter(committee__order=copy).count() == 3


@pytest.mark.parametrize("where, n", ORDER_WRITES)
def test_a_failed_save_of_an_order_keeps_its_committees(order, analyst, where, n):
    """Saving replaces the committees: a failure after the old ones are deleted must
    bring them back, members and duties included."""
    before = order_state()
    new_committees = [CommitteeData(name="คณะใหม่", members=[MemberData("ปลัด", "ประธาน")])]
    with failing(*order_target(where), n), pytest.raises(Injected):
        order_save(
            organization=order.organization, order=order, version=order.version,
            committees=new_committees * 2, user=analyst, **order_header(order, subject="แก้ไขเรื่อง"),
        )  # fmt: skip
    assert order_state() == before


# --- measures: quarterly reports with evidence, and the measure form ----------------------------


@pytest.fixture
def depts(org, office, finance):
    return measure_factories.departments(org)


@pytest.fixture
def measure(org, depts):
    a = measure_factories.assessment(org, 2565)
    return measure_factories.measure(a, 6, [depts["office"]], title="มาตรการเดิม", progress=10)


def measure_fields(form):
    """What the measure page hands the service: the form's cleaned fields."""
    return {name: form.cleaned_data[name] for name in MeasureForm.Meta.fields}


def measure_state():
    through = (Measure.departments.through, Measure.oit_items.through)
    return rows(Measure, *through, MeasureReport, Evidence)


def evidence_files():
    return [SimpleUploadedFile(f"หลักฐาน{n}.pdf", PDF + bytes([n])) for n in range(3)]


@pytest.mark.parametrize("n", [1, 2, 3])
def test_a_report_with_several_files_is_saved_whole_or_not_at_all(measure, staff_office, n):
    before = measure_state()
    with failing(Evidence, "save", n), pytest.raises(Injected):
        measure_services.report_save(
            measure=measure, quarter=Quarter(2566, 2), text="จัดอบรม", links=[],
            files=evidence_files(), user=staff_office,
        )  # fmt: skip
    assert measure_state() == before
    assert Measure.objects.get(pk=measure.pk).status == Measure.Status.NOT_STARTED

    report = measure_services.report_save(
        measure=measure, quarter=Quarter(2566, 2), text="จัดอบรม", links=[],
        files=evidence_files(), user=staff_office,
    )  # fmt: skip
    assert report.evidence.count() == 3


def test_a_failed_update_of_a_report_keeps_its_text_and_files(measure, staff_office):
    report = measure_services.report_save(
        measure=measure, quarter=Quarter(2566, 1), text="ผลเดิม", links=["https://a.go.th/1"],
        files=evidence_files()[:1], user=staff_office,
    )  # fmt: skip
    before = measure_state()
    with failing(Evidence, "save", 2), pytest.raises(Injected):
        measure_services.report_save(
            measure=measure, quarter=Quarter(2566, 1), text="ผลใหม่", links=[],
            files=evidence_files(), user=staff_office, version=report.version,
        )  # fmt: skip
    assert measure_state() == before
    report.refresh_from_db()
    assert (report.text, report.links) == ("ผลเดิม", ["https://a.go.th/1"])


def test_a_failed_report_leaves_no_stray_files(measure, staff_office, media):
    stored = files_under(media)
    with failing(Evidence, "save", 3), pytest.raises(Injected):
        measure_services.report_save(
            measure=measure, quarter=Quarter(2566, 2), text="จัดอบรม", links=[],
            files=evidence_files(), user=staff_office,
        )  # fmt: skip
    assert files_under(media) == stored


def test_a_measure_whose_departments_fail_to_save_keeps_every_field(measure, analyst, depts):
    """The form writes the row, then its departments and OIT items: a failure on the
    second write must not leave the new title with the old departments."""
    data = {
        "indicator": str(measure.indicator_id),
        "order": "2",
        "title": "มาตรการแก้ไขแล้ว",
        "improvements": "ปรับปรุงเว็บไซต์",
        "departments": [str(depts["finance"].pk), str(depts["works"].pk)],
        "start_date": "2022-10-01",
        "due_date": "2023-09-30",
        "status": "in_progress",
        "progress": "๔๐",
        "version": str(measure.version),
    }
    form = MeasureForm(data, instance=measure, assessment=measure.assessment)
    assert form.is_valid(), form.errors
    before = measure_state()
    with (
        mock.patch.object(Measure.departments.related_manager_cls, "set", side_effect=Injected),
        pytest.raises(Injected),
    ):
        measure_services.measure_save(
            assessment=measure.assessment, measure=measure, version=measure.version,
            user=analyst, **measure_fields(form),
        )  # fmt: skip
    assert measure_state() == before


@pytest.fixture
def measures_to_copy(org, depts):
    """The seed's five FY 2565 measures (departments, OIT items) and an FY 2566 to copy to."""
    seed = measure_factories.seed_measures(org)
    return seed[6].assessment, measure_factories.assessment(org, 2566)


@pytest.mark.parametrize("n", [1, 3, 5])
def test_copying_measures_forward_copies_all_or_none(measures_to_copy, n):
    source, target = measures_to_copy
    before = measure_state()
    with failing(Measure, "save", n), pytest.raises(Injected):
        measure_services.measures_copy_forward(source=source, target=target)
    assert measure_state() == before

    copied, skipped = measure_services.measures_copy_forward(source=source, target=target)
    assert (len(copied), skipped) == (5, [])


# --- importing a framework over an existing year ------------------------------------------------


@pytest.mark.parametrize(
    "where, n", [("item", 1), ("item", 4), ("sub", 2), ("bands", 1), ("framework", 1)]
)
def test_reimporting_a_framework_changes_all_or_nothing(fw2565, where, n):
    from assessments.imports import framework_to_data

    data = framework_to_data(fw2565)
    data["name"] = "ITA 2565 ฉบับแก้ไข"
    for indicator in data["indicators"]:
        for sub in indicator.get("sub_indicators", []):
            sub["name"] += " (แก้ไข)"
            for item in sub["items"]:
                item["title"] += " (แก้ไข)"
    data["rating_bands"].insert(0, {"label": "AA", "min_total": "95", "color": "success"})
    models = (Framework, Instrument, Indicator, OITSubIndicator, OITItem, RatingBand)
    before = rows(*models)
    target = {
        "item": (OITItem, "save"),
        "sub": (OITSubIndicator, "save"),
        "bands": (RatingBand.objects, "bulk_create"),
        "framework": (Framework, "save"),
    }[where]
    with failing(*target, n), pytest.raises(Injected):
        framework_import(data=data)
    assert rows(*models) == before

    framework_import(data=data)
    assert OITItem.objects.filter(title__endswith="(แก้ไข)").count() == 5


# --- every write, in turn -----------------------------------------------------------------------
#
# The tests above fail chosen writes through the ORM. These fail each SQL write of an
# action in turn, so no write the action makes (history rows, many-to-many, a queryset
# update) can be forgotten by the test.


def test_every_write_of_a_bulk_approval_is_covered(org, mayor, waiting):
    ids = {a.pk: a.version for a in waiting}
    count = fails_whole_at_every_write(
        lambda: oit_services.oit_answer_approve_many(
            organization=org, answer_versions=ids, actor=mayor
        ),
        answer_state,
    )
    assert count >= 2 * len(ids)  # an event and an update per answer
    assert set(OITAnswer.objects.values_list("status", flat=True)) == {S.APPROVED}


def test_every_write_of_a_score_import_is_covered(assessment):
    count = fails_whole_at_every_write(
        lambda: scores_import(assessment=assessment, upload=SCORES_CSV, filename="scores.csv"),
        score_state,
    )
    assert count >= 4


def test_every_write_of_recording_item_results_is_covered(assessment):
    results = {code: ItemResultInput(met=code != "O2") for code in ["O1", "O2", "O3", "O4", "O5"]}
    count = fails_whole_at_every_write(
        lambda: item_results_save(
            assessment=assessment, results=results, version=assessment.version
        ),
        score_state,
    )
    assert count >= 7


def test_every_write_of_copying_answers_forward_is_covered(org, analyst, last_year):
    count = fails_whole_at_every_write(
        lambda: oit_services.oit_answers_copy_forward(organization=org, year=2566, actor=analyst),
        answer_state,
    )
    assert count >= 2 * len(last_year) + 3  # answers, their events, the three files
    assert OITAnswer.objects.for_year(org, 2566).count() == len(last_year)


def test_every_write_of_saving_an_answer_with_files_is_covered(org, staff_office, fw2565, office):
    answer = make_answer(org, fw2565, "O1", office, S.DRAFT, staff_office)
    old = OITAnswerAttachment.objects.create(
        answer=answer, file=SimpleUploadedFile("เก่า.pdf", PDF), original_name="เก่า.pdf",
        content_type="application/pdf", size=len(PDF), uploaded_by=staff_office,
    )  # fmt: skip

    def save():
        uploads = [SimpleUploadedFile(f"ใหม่{n}.pdf", PDF + bytes([n])) for n in range(2)]
        oit_services.oit_answer_save(
            answer=OITAnswer.objects.get(pk=answer.pk), actor=staff_office,
            version=OITAnswer.objects.get(pk=answer.pk).version,
            links=[{"url": "https://www.thotsop.go.th/ita/o1", "label": "โครงสร้าง"}],
            where_to_find="หน้าหลัก › ITA", explanation="", element_evidence={"1": "link:1"},
            new_files=uploads, remove_file_ids=[old.pk],
        )  # fmt: skip

    count = fails_whole_at_every_write(save, answer_state)
    assert count >= 5  # the answer, the removed file, two new files, the event
    assert list(answer.attachments.values_list("original_name", flat=True)) == [
        "ใหม่0.pdf",
        "ใหม่1.pdf",
    ]


def test_every_write_of_copying_an_order_forward_is_covered(order, analyst):
    count = fails_whole_at_every_write(
        lambda: order_copy_forward(order=order, year=2566, number=12, user=analyst), order_state
    )
    assert count >= 4


def test_every_write_of_saving_an_order_over_its_committees_is_covered(order, analyst):
    def save():
        stored = Order.objects.get(pk=order.pk)
        order_save(
            organization=order.organization, order=stored, version=stored.version, user=analyst,
            committees=[CommitteeData(name="คณะใหม่", members=[MemberData("ปลัด", "ประธาน")])],
            **order_header(stored, subject="แก้ไขเรื่อง"),
        )  # fmt: skip

    assert fails_whole_at_every_write(save, order_state) >= 4
    assert list(Committee.objects.filter(order=order).values_list("name", flat=True)) == ["คณะใหม่"]


def test_every_write_of_a_report_with_evidence_is_covered(measure, staff_office):
    count = fails_whole_at_every_write(
        lambda: measure_services.report_save(
            measure=measure,
            quarter=Quarter(2566, 2),
            text="จัดอบรม",
            links=[],
            files=evidence_files(),
            user=staff_office,
        ),  # fmt: skip
        measure_state,
    )
    assert count >= 5  # the report, three files, the measure's status
    assert Measure.objects.get(pk=measure.pk).status == Measure.Status.IN_PROGRESS


def test_every_write_of_saving_a_measure_is_covered(measure, analyst, depts):
    def save():
        current = Measure.objects.get(pk=measure.pk)
        data = {
            "indicator": str(current.indicator_id), "order": "2", "title": "มาตรการแก้ไขแล้ว",
            "departments": [str(depts["finance"].pk), str(depts["works"].pk)],
            "start_date": "2022-10-01", "due_date": "2023-09-30", "status": "done",
            "progress": "๑๐๐", "version": str(current.version),
        }  # fmt: skip
        form = MeasureForm(data, instance=current, assessment=current.assessment)
        assert form.is_valid(), form.errors
        measure_services.measure_save(
            assessment=current.assessment, measure=current, version=current.version,
            user=analyst, **measure_fields(form),
        )  # fmt: skip

    assert fails_whole_at_every_write(save, measure_state) >= 3
    saved = Measure.objects.get(pk=measure.pk)
    assert (saved.title, saved.progress, saved.version) == ("มาตรการแก้ไขแล้ว", 100, 2)


def test_every_write_of_reimporting_a_framework_is_covered(fw2565):
    from assessments.imports import framework_to_data

    data = framework_to_data(fw2565)
    data["indicators"][-1]["sub_indicators"][0]["items"][0]["title"] = "ชื่อใหม่"
    models = (Framework, Instrument, Indicator, OITSubIndicator, OITItem, RatingBand)
    assert (
        fails_whole_at_every_write(lambda: framework_import(data=data), lambda: rows(*models)) >= 10
    )


def test_every_write_of_copying_measures_forward_is_covered(measures_to_copy):
    source, target = measures_to_copy
    count = fails_whole_at_every_write(
        lambda: measure_services.measures_copy_forward(source=source, target=target),
        measure_state,
    )
    assert count >= 10  # five measures, their departments and OIT items
    assert Measure.objects.filter(assessment=target).count() == 5
