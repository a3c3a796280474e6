"""NACC's verdicts per item and the organization's clarifications: recording, the draft of
each failed item, its approval, the PDF and CSV export, and the final verdicts as the
item results the scoring uses."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Assessment, OITItemResult
from oit import clarifications as svc
from oit.models import Clarification, ItemVerdict, OITAnswer
from tests import pdf
from tests.assessments.factories import make_answer, make_framework

S = Clarification.Status


@pytest.fixture
def framework(db):
    return make_framework(2565)


@pytest.fixture
def failed(org, office, framework, analyst, mayor):
    """O1 answered by สำนักปลัด and failed by the assessors."""
    make_answer(org, framework, "O1", office, OITAnswer.Status.APPROVED, mayor)
    svc.verdict_record(
        organization=org, year=2565, code="O1", met=False,
        comment="แผนผังไม่แสดงฝ่ายการเมือง", actor=analyst,
    )  # fmt: skip
    return Clarification.objects.get(verdict__item__code="O1")


def fresh(obj):
    obj.refresh_from_db()
    return obj


def write(clarification, actor, **changes):
    values = dict(
        clarification=fresh(clarification),
        actor=actor,
        version=clarification.version,
        text="แก้ไขแผนผังให้แสดงฝ่ายการเมืองแล้ว",
        links=[{"url": "https://www.thotsop.go.th/structure-2565", "label": "แผนผังใหม่"}],
    )
    values.update(changes)
    return svc.clarification_save(**values)


# --- verdicts ---------------------------------------------------------------------------


def test_a_failed_item_gets_a_draft_for_the_department_of_its_answer(failed, office):
    assert failed.status == S.DRAFT and failed.department == office
    assert failed.verdict.preliminary_comment == "แผนผังไม่แสดงฝ่ายการเมือง"


def test_a_passed_item_gets_no_clarification(org, framework, analyst):
    verdict = svc.verdict_record(
        organization=org, year=2565, code="O2", met=True, comment="", actor=analyst
    )
    assert verdict.preliminary_met and not Clarification.objects.exists()


def test_a_verdict_for_an_item_of_another_year_is_refused(org, framework, analyst):
    make_framework(2566, oit={3: {"3.1": [("O9", "ข้อของปี 2566", [])]}})
    with pytest.raises(svc.ClarificationError, match="ไม่มีข้อ O9 ในกรอบการประเมินปี 2565"):
        svc.verdict_record(
            organization=org, year=2565, code="O9", met=False, comment="", actor=analyst
        )
    assert not ItemVerdict.objects.exists()


@pytest.mark.parametrize("who", ["staff_office", "mayor", "outsider"])
def test_only_the_agency_admin_records_verdicts(org, framework, who, request):
    with pytest.raises(svc.ClarificationError):
        svc.verdict_record(
            organization=org, year=2565, code="O1", met=False, comment="",
            actor=request.getfixturevalue(who),
        )  # fmt: skip
    assert not ItemVerdict.objects.exists()


def test_a_clarification_for_an_item_that_passed_is_refused(org, framework, analyst):
    svc.verdict_record(organization=org, year=2565, code="O2", met=True, comment="", actor=analyst)
    with pytest.raises(svc.ClarificationError, match="ข้อ O2 ผ่านการประเมินเบื้องต้นแล้ว ไม่ต้องชี้แจง"):
        svc.clarification_start(organization=org, year=2565, code="O2", actor=analyst)


def test_an_untouched_draft_goes_when_the_verdict_is_corrected_to_a_pass(failed, org, analyst):
    svc.verdict_record(organization=org, year=2565, code="O1", met=True, comment="", actor=analyst)
    assert not Clarification.objects.exists()


def test_a_worked_on_clarification_keeps_the_verdict_from_turning_to_a_pass(
    failed, org, analyst, staff_office
):
    write(failed, staff_office)
    with pytest.raises(svc.ClarificationError, match="มีคำชี้แจงที่เริ่มทำแล้ว"):
        svc.verdict_record(
            organization=org, year=2565, code="O1", met=True, comment="", actor=analyst
        )
    assert not fresh(failed.verdict).preliminary_met


# --- the clarification's life -----------------------------------------------------------


def test_the_department_writes_submits_and_the_executive_approves(failed, staff_office, mayor):
    saved = write(failed, staff_office)
    assert saved.text.startswith("แก้ไขแผนผัง") and saved.links[0]["label"] == "แผนผังใหม่"
    submitted = svc.clarification_submit(
        clarification=saved, actor=staff_office, version=saved.version
    )
    assert submitted.status == S.SUBMITTED
    approved = svc.clarification_approve(
        clarification=submitted, actor=mayor, version=submitted.version
    )
    assert approved.status == S.APPROVED and approved.approved_at is not None
    assert [e.action for e in approved.events.all()] == ["edit", "submit", "approve"]


def test_the_executive_returns_with_a_comment(failed, staff_office, mayor):
    saved = write(failed, staff_office)
    saved = svc.clarification_submit(clarification=saved, actor=staff_office, version=saved.version)
    with pytest.raises(svc.ClarificationError, match="ความเห็น"):
        svc.clarification_return(
            clarification=saved, actor=mayor, comment=" ", version=saved.version
        )
    returned = svc.clarification_return(
        clarification=saved, actor=mayor, comment="แนบภาพหน้าเว็บด้วย", version=saved.version
    )
    assert returned.status == S.RETURNED and returned.review_comment == "แนบภาพหน้าเว็บด้วย"


@pytest.mark.parametrize("who", ["staff_finance", "mayor", "outsider"])
def test_others_cannot_write_the_departments_clarification(failed, who, request):
    with pytest.raises(svc.ClarificationError):
        write(failed, request.getfixturevalue(who))
    assert fresh(failed).text == ""


@pytest.mark.parametrize("who", ["staff_office", "analyst", "outsider"])
def test_only_the_executive_approves(failed, staff_office, who, request):
    saved = write(failed, staff_office)
    saved = svc.clarification_submit(clarification=saved, actor=staff_office, version=saved.version)
    with pytest.raises(svc.ClarificationError):
        svc.clarification_approve(
            clarification=saved, actor=request.getfixturevalue(who), version=saved.version
        )
    assert fresh(saved).status == S.SUBMITTED


def test_an_empty_clarification_is_not_submitted(failed, staff_office):
    with pytest.raises(svc.ClarificationError, match="กรุณาเขียนคำชี้แจงก่อน"):
        svc.clarification_submit(clarification=failed, actor=staff_office, version=failed.version)


def test_a_clarification_of_an_item_turned_passed_is_refused(failed, staff_office):
    ItemVerdict.objects.filter(pk=failed.verdict_id).update(preliminary_met=True)
    with pytest.raises(svc.ClarificationError, match="ผ่านการประเมินเบื้องต้นแล้ว ไม่ต้องชี้แจง"):
        write(failed, staff_office)


# --- export -----------------------------------------------------------------------------


@pytest.fixture
def approved(failed, staff_office, mayor):
    saved = write(
        failed, staff_office,
        new_files=[SimpleUploadedFile("ผัง.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")],
    )  # fmt: skip
    saved = svc.clarification_submit(clarification=saved, actor=staff_office, version=saved.version)
    return svc.clarification_approve(clarification=saved, actor=mayor, version=saved.version)


def test_the_pdf_holds_each_approved_clarification_in_thai(approved, org):
    document = svc.render_clarifications(org, 2565)
    assert document.filename == "คำชี้แจงผลการประเมิน-OIT-2565.pdf"
    assert document.content.startswith(b"%PDF")
    text = pdf.text(document.content)
    assert pdf.contains(text, "ปีงบประมาณ พ.ศ. ๒๕๖๕")
    assert pdf.contains(text, "ข้อ O1 โครงสร้าง")
    assert pdf.contains(text, "แผนผังไม่แสดงฝ่ายการเมือง")
    assert pdf.contains(text, "ผัง.pdf")
    # URLs keep their Arabic digits
    assert pdf.contains(text, "https://www.thotsop.go.th/structure-2565")
    assert any("Sarabun" in f for f in pdf.fonts(document.content))


def test_the_csv_has_one_row_per_approved_clarification(approved, org, finance, staff_finance):
    document = svc.render_clarifications_csv(org, 2565)
    rows = list(csv.reader(io.StringIO(document.content.decode("utf-8-sig"))))
    assert rows[0] == svc.CSV_HEADER
    assert rows[1][:5] == [
        "O1", "โครงสร้าง", "ไม่ผ่าน", "แผนผังไม่แสดงฝ่ายการเมือง", "แก้ไขแผนผังให้แสดงฝ่ายการเมืองแล้ว",
    ]  # fmt: skip
    assert rows[1][5] == "https://www.thotsop.go.th/structure-2565"
    assert rows[1][6] == "ผัง.pdf"
    assert len(rows) == 2


def test_drafts_are_not_exported(failed, org):
    rows = list(
        csv.reader(
            io.StringIO(svc.render_clarifications_csv(org, 2565).content.decode("utf-8-sig"))
        )
    )
    assert len(rows) == 1


# --- final verdicts become the item results ---------------------------------------------


def test_final_verdicts_become_the_item_results_and_the_score(org, framework, analyst):
    assessment = Assessment.objects.create(organization=org, framework=framework)
    for code, met in [("O1", False), ("O2", True), ("O3", False), ("O4", True), ("O5", True)]:
        svc.verdict_record(
            organization=org, year=2565, code=code, met=met, comment="", actor=analyst
        )
    # O1 clarified and passed in the end; O3 did not.
    svc.verdict_record(
        organization=org, year=2565, code="O1", met=True, comment="ผ่านหลังชี้แจง",
        actor=analyst, final=True,
    )  # fmt: skip
    recomputed = svc.verdicts_to_item_results(organization=org, year=2565, actor=analyst)
    assert recomputed == {4: Decimal("100.00")}  # indicator 3 waits for O3's final verdict
    results = {r.item.code: r.met for r in OITItemResult.objects.filter(assessment=assessment)}
    assert results == {"O1": True, "O2": True, "O4": True, "O5": True}
    svc.verdict_record(
        organization=org, year=2565, code="O3", met=False, comment="", actor=analyst, final=True
    )
    recomputed = svc.verdicts_to_item_results(organization=org, year=2565, actor=analyst)
    # 3.1: O1 and O2 met (100 %); 3.2: O3 not met (0 %) -> mean 50
    assert recomputed[3] == Decimal("50.00")
    assert fresh(assessment).scores.get(indicator__number=3).score == Decimal("50.00")


def test_final_verdicts_need_the_years_assessment(org, framework, analyst):
    svc.verdict_record(organization=org, year=2565, code="O2", met=True, comment="", actor=analyst)
    with pytest.raises(svc.ClarificationError, match="ยังไม่มีผลการประเมินปี 2565"):
        svc.verdicts_to_item_results(organization=org, year=2565, actor=analyst)


def test_a_final_verdict_needs_the_preliminary_one(org, framework, analyst):
    with pytest.raises(svc.ClarificationError, match="ยังไม่มีผลเบื้องต้น"):
        svc.verdict_record(
            organization=org, year=2565, code="O1", met=True, comment="", actor=analyst, final=True
        )
