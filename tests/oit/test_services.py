"""The OIT answer services: every transition, every refusal, by role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from itaportal.editing import Conflict
from oit import services
from oit.models import AnswerEvent, OITAnswer, OITAnswerAttachment
from tests.assessments.factories import item, make_answer, make_framework
from tests.conftest import make_user

S = OITAnswer.Status
A = AnswerEvent.Action


@pytest.fixture
def framework(db):
    return make_framework(2565)


@pytest.fixture
def draft(org, office, framework, staff_office):
    return make_answer(org, framework, "O1", office, S.DRAFT, staff_office)


@pytest.fixture
def submitted(org, office, framework, staff_office):
    return make_answer(org, framework, "O2", office, S.SUBMITTED, staff_office)


@pytest.fixture
def approved(org, office, framework, mayor):
    return make_answer(org, framework, "O3", office, S.APPROVED, mayor)


def save(answer, actor, **changes):
    values = dict(
        answer=answer,
        actor=actor,
        version=answer.version,
        links=[{"url": "https://www.thotsop.go.th/o1", "label": "โครงสร้าง"}],
        where_to_find="หน้าหลัก › ข้อมูลหน่วยงาน › โครงสร้าง",
        explanation="",
        element_evidence={},
    )
    values.update(changes)
    return services.oit_answer_save(**values)


def last_event(answer):
    return answer.events.order_by("-pk").first()


# --- saving -----------------------------------------------------------------------------


def test_staff_of_the_department_saves_and_the_version_moves_on(draft, staff_office):
    saved = save(draft, staff_office, explanation="ตามประกาศ")
    assert saved.explanation == "ตามประกาศ"
    assert saved.version == draft.version + 1
    assert last_event(saved).action == A.EDIT
    assert last_event(saved).actor == staff_office


def test_it_refuses_staff_of_other_department(draft, staff_finance):
    with pytest.raises(services.AnswerError, match="ส่วนราชการอื่น"):
        save(draft, staff_finance, explanation="ไม่ควรบันทึก")
    draft.refresh_from_db()
    assert draft.explanation == ""


def test_the_admin_edits_any_department_and_may_reassign(draft, analyst, finance):
    saved = save(draft, analyst, department=finance, set_department=True)
    assert saved.department == finance


def test_staff_cannot_change_the_department(draft, staff_office, finance):
    with pytest.raises(services.AnswerError, match="ผู้ดูแลระบบหน่วยงาน"):
        save(draft, staff_office, department=finance, set_department=True)


def test_the_executive_does_not_edit_answers(draft, mayor):
    with pytest.raises(services.AnswerError):
        save(draft, mayor)


def test_a_user_of_another_organization_is_refused(draft, outsider):
    with pytest.raises(services.AnswerError, match="ไม่ใช่ของหน่วยงาน"):
        save(draft, outsider)


def test_an_approved_answer_is_locked_for_everyone(approved, analyst, staff_office):
    for actor in (analyst, staff_office):
        with pytest.raises(services.AnswerError, match="ล็อก"):
            save(approved, actor, explanation="แก้")
    approved.refresh_from_db()
    assert approved.explanation == ""


def test_a_submitted_answer_waits_and_is_not_edited(submitted, staff_office):
    with pytest.raises(services.AnswerError, match="แก้ไขไม่ได้จนกว่าผู้บริหารจะส่งกลับ"):
        save(submitted, staff_office)


def test_the_second_writer_gets_a_conflict_and_nothing_is_overwritten(draft, staff_office, analyst):
    opened = draft.version
    save(draft, analyst, explanation="ของผู้ดูแลระบบ", version=opened)
    with pytest.raises(Conflict, match="ถูกแก้ไขโดย") as caught:
        save(draft, staff_office, explanation="ของเจ้าหน้าที่", version=opened)
    assert caught.value.current.explanation == "ของผู้ดูแลระบบ"
    draft.refresh_from_db()
    assert draft.explanation == "ของผู้ดูแลระบบ"


def test_staff_cannot_start_an_unassigned_item(org, framework, staff_office):
    answer = OITAnswer(organization=org, item=item(framework, "O4"))
    with pytest.raises(services.AnswerError, match="ยังไม่ได้มอบหมาย"):
        save(answer, staff_office, version=None)
    assert not OITAnswer.objects.filter(item__code="O4").exists()


def test_the_admin_starts_an_answer_on_first_save(org, framework, analyst, office):
    answer = OITAnswer(organization=org, item=item(framework, "O4"))
    saved = save(answer, analyst, version=None, department=office, set_department=True)
    assert saved.pk and saved.department == office and saved.status == S.DRAFT


def test_removing_a_file_drops_the_tick_that_pointed_at_it(draft, staff_office):
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    saved = save(draft, staff_office, new_files=[upload])
    attachment = saved.attachments.get()
    saved = save(
        saved, staff_office, element_evidence={"1": f"file:{attachment.pk}", "2": "link:1"}
    )
    assert saved.element_evidence == {"1": f"file:{attachment.pk}", "2": "link:1"}
    saved = save(
        saved,
        staff_office,
        element_evidence={"1": f"file:{attachment.pk}", "2": "link:1"},
        remove_file_ids=[attachment.pk],
    )
    assert saved.element_evidence == {"2": "link:1"}
    assert not OITAnswerAttachment.objects.filter(pk=attachment.pk).exists()


# --- submitting -------------------------------------------------------------------------


@pytest.fixture
def ready(org, office, framework, staff_office):
    """A draft of O1 with evidence for both of its elements, on the organization's site."""
    return make_answer(
        org, framework, "O1", office, S.DRAFT, staff_office,
        element_evidence={"1": "link:1", "2": "link:1"},
    )  # fmt: skip


def test_staff_submit_their_draft(ready, staff_office):
    draft = ready
    submitted = services.oit_answer_submit(answer=draft, actor=staff_office, version=draft.version)
    assert submitted.status == S.SUBMITTED
    event = last_event(submitted)
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        A.SUBMIT,
        S.DRAFT,
        S.SUBMITTED,
        staff_office,
    )


def test_the_admin_submits_too(ready, analyst):
    assert (
        services.oit_answer_submit(answer=ready, actor=analyst, version=ready.version).status
        == S.SUBMITTED
    )


@pytest.mark.parametrize("who", ["staff_finance", "mayor", "outsider"])
def test_others_cannot_submit(draft, who, request):
    with pytest.raises(services.AnswerError):
        services.oit_answer_submit(
            answer=draft, actor=request.getfixturevalue(who), version=draft.version
        )
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_a_returned_answer_can_be_submitted_again(org, office, framework, staff_office):
    returned = make_answer(org, framework, "O4", office, S.RETURNED, staff_office)
    assert (
        services.oit_answer_submit(
            answer=returned, actor=staff_office, version=returned.version
        ).status
        == S.SUBMITTED
    )


def test_it_refuses_to_submit_without_a_link_or_the_path(org, office, framework, staff_office):
    empty = make_answer(org, framework, "O5", office, links=[], where_to_find="")
    with pytest.raises(services.AnswerError, match="ลิงก์คำตอบอย่างน้อย 1 ลิงก์.*ตำแหน่งบนเว็บไซต์"):
        services.oit_answer_submit(answer=empty, actor=staff_office, version=empty.version)


def test_it_refuses_to_submit_a_copied_answer_not_yet_checked(ready, staff_office):
    OITAnswer.objects.filter(pk=ready.pk).update(
        needs_new_evidence=True, carried_evidence={"links": [ready.links[0]["url"]]}
    )
    with pytest.raises(services.AnswerError, match="คัดลอกมาจากปีก่อน"):
        services.oit_answer_submit(answer=ready, actor=staff_office, version=ready.version)


def test_submitting_twice_is_refused_as_a_wrong_state(submitted, staff_office):
    with pytest.raises(services.AnswerError, match="รออนุมัติ"):
        services.oit_answer_submit(answer=submitted, actor=staff_office, version=submitted.version)


# --- approving, returning, reopening ----------------------------------------------------


def test_the_executive_approves_a_submitted_answer(submitted, mayor):
    approved = services.oit_answer_approve(answer=submitted, actor=mayor, version=submitted.version)
    assert approved.status == S.APPROVED and approved.approved_at is not None
    event = last_event(approved)
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        A.APPROVE,
        S.SUBMITTED,
        S.APPROVED,
        mayor,
    )


@pytest.mark.parametrize("who", ["analyst", "staff_office", "staff_finance", "outsider"])
def test_only_the_executive_approves(submitted, who, request):
    with pytest.raises(services.AnswerError):
        services.oit_answer_approve(
            answer=submitted, actor=request.getfixturevalue(who), version=submitted.version
        )
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_approving_a_draft_is_refused(draft, mayor):
    with pytest.raises(services.AnswerError, match="อยู่ในสถานะ “ร่าง” จึงอนุมัติไม่ได้"):
        services.oit_answer_approve(answer=draft, actor=mayor, version=draft.version)


def test_approving_what_changed_since_the_page_was_opened_is_refused(submitted, mayor):
    with pytest.raises(Conflict):
        services.oit_answer_approve(answer=submitted, actor=mayor, version=submitted.version - 1)


def test_the_executive_returns_with_a_comment(submitted, mayor):
    returned = services.oit_answer_return(
        answer=submitted, actor=mayor, comment="ลิงก์เสีย", version=submitted.version
    )
    assert returned.status == S.RETURNED and returned.review_comment == "ลิงก์เสีย"
    event = last_event(returned)
    assert (event.action, event.comment, event.actor) == (A.RETURN, "ลิงก์เสีย", mayor)


def test_a_return_without_a_comment_is_refused(submitted, mayor):
    with pytest.raises(services.AnswerError, match="ความเห็น"):
        services.oit_answer_return(
            answer=submitted, actor=mayor, comment="   ", version=submitted.version
        )
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


@pytest.mark.parametrize("who", ["analyst", "staff_office"])
def test_only_the_executive_returns(submitted, who, request):
    with pytest.raises(services.AnswerError):
        services.oit_answer_return(
            answer=submitted,
            actor=request.getfixturevalue(who),
            comment="ไม่ผ่าน",
            version=submitted.version,
        )


def test_returning_a_draft_is_refused(draft, mayor):
    with pytest.raises(services.AnswerError, match="ส่งกลับไม่ได้"):
        services.oit_answer_return(answer=draft, actor=mayor, comment="x", version=draft.version)


def test_the_executive_reopens_an_approved_answer_with_a_reason(approved, mayor, staff_office):
    reopened = services.oit_answer_reopen(
        answer=approved, actor=mayor, reason="ลิงก์ย้าย", version=approved.version
    )
    assert reopened.status == S.DRAFT and reopened.approved_at is None
    event = last_event(reopened)
    assert (event.action, event.from_status, event.to_status, event.comment) == (
        A.REOPEN,
        S.APPROVED,
        S.DRAFT,
        "ลิงก์ย้าย",
    )
    assert save(reopened, staff_office, explanation="แก้แล้ว").explanation == "แก้แล้ว"


def test_reopening_needs_a_reason_and_the_executive(approved, mayor, analyst):
    with pytest.raises(services.AnswerError, match="เหตุผล"):
        services.oit_answer_reopen(
            answer=approved, actor=mayor, reason="", version=approved.version
        )
    with pytest.raises(services.AnswerError):
        services.oit_answer_reopen(
            answer=approved, actor=analyst, reason="ขอแก้", version=approved.version
        )
    approved.refresh_from_db()
    assert approved.status == S.APPROVED


def test_reopening_a_draft_is_refused(draft, mayor):
    with pytest.raises(services.AnswerError, match="เปิดให้แก้ไขอีกครั้งไม่ได้"):
        services.oit_answer_reopen(answer=draft, actor=mayor, reason="x", version=draft.version)


def test_approve_many_approves_all_selected(org, office, framework, staff_office, mayor):
    answers = [
        make_answer(org, framework, code, office, S.SUBMITTED, staff_office)
        for code in ("O1", "O2", "O3")
    ]
    services.oit_answer_approve_many(
        organization=org, answer_versions={a.pk: a.version for a in answers}, actor=mayor
    )
    assert set(OITAnswer.objects.values_list("status", flat=True)) == {S.APPROVED}
    assert AnswerEvent.objects.filter(action=A.APPROVE, actor=mayor).count() == 3


def test_approve_many_is_all_or_nothing(org, office, framework, staff_office, mayor):
    ok = make_answer(org, framework, "O1", office, S.SUBMITTED, staff_office)
    draft = make_answer(org, framework, "O2", office, S.DRAFT, staff_office)
    with pytest.raises(services.AnswerError, match="O2.*ยังไม่ได้อนุมัติข้อใดเลย"):
        services.oit_answer_approve_many(
            organization=org,
            answer_versions={ok.pk: ok.version, draft.pk: draft.version},
            actor=mayor,
        )
    ok.refresh_from_db()
    assert ok.status == S.SUBMITTED


def test_approve_many_refuses_answers_of_another_organization(
    org, other_org, office, framework, staff_office, mayor
):
    mine = make_answer(org, framework, "O1", office, S.SUBMITTED, staff_office)
    theirs = make_answer(other_org, framework, "O2", None, S.SUBMITTED)
    with pytest.raises(services.AnswerError, match="ไม่พบ"):
        services.oit_answer_approve_many(
            organization=org, answer_versions={mine.pk: mine.version, theirs.pk: 1}, actor=mayor
        )
    mine.refresh_from_db()
    assert mine.status == S.SUBMITTED


def test_approve_many_by_the_admin_is_refused(org, office, framework, staff_office, analyst):
    answer = make_answer(org, framework, "O1", office, S.SUBMITTED, staff_office)
    with pytest.raises(services.AnswerError, match="ผู้บริหาร"):
        services.oit_answer_approve_many(
            organization=org, answer_versions={answer.pk: answer.version}, actor=analyst
        )


# --- assigning --------------------------------------------------------------------------


def test_the_admin_assigns_items_in_bulk(org, framework, analyst, finance):
    ids = [item(framework, c).pk for c in ("O1", "O2", "O3")]
    changed = services.oit_items_assign(
        organization=org, year=2565, item_ids=ids, department=finance, actor=analyst
    )
    assert len(changed) == 3
    assert set(OITAnswer.objects.values_list("department", flat=True)) == {finance.pk}
    assert AnswerEvent.objects.filter(action=A.ASSIGN).count() == 3


def test_assigning_refuses_staff_and_approved_items(
    org, office, framework, analyst, staff_office, finance, approved
):
    with pytest.raises(services.AnswerError, match="ผู้ดูแลระบบหน่วยงาน"):
        services.oit_items_assign(
            organization=org, year=2565, item_ids=[item(framework, "O1").pk],
            department=finance, actor=staff_office,
        )  # fmt: skip
    with pytest.raises(services.AnswerError, match="O3 อนุมัติแล้ว"):
        services.oit_items_assign(
            organization=org, year=2565, item_ids=[item(framework, "O1").pk, approved.item_id],
            department=finance, actor=analyst,
        )  # fmt: skip
    assert not OITAnswer.objects.filter(item__code="O1").exists()


def test_assigning_to_a_department_of_another_organization_is_refused(
    org, framework, analyst, outsider
):
    with pytest.raises(services.AnswerError, match="ไม่ได้อยู่ในหน่วยงาน"):
        services.oit_items_assign(
            organization=org, year=2565, item_ids=[item(framework, "O1").pk],
            department=outsider.department, actor=analyst,
        )  # fmt: skip


# --- copying a year forward -------------------------------------------------------------


@pytest.fixture
def next_year(db):
    # O3 was renamed in the new year: it must not be matched.
    return make_framework(2566, titles={"O3": "แผนปฏิบัติราชการประจำปี"})


def test_copy_forward_makes_drafts_that_need_new_evidence(
    org, office, framework, next_year, analyst, mayor, approved, submitted
):
    upload = SimpleUploadedFile("ev.pdf", b"%PDF-1.4 old", content_type="application/pdf")
    OITAnswerAttachment.objects.create(
        answer=approved, file=upload, original_name="ev.pdf", content_type="application/pdf",
        size=12,
    )  # fmt: skip
    OITAnswer.objects.filter(pk=submitted.pk).update(element_evidence={"1": "link:1"})
    plan = services.oit_answers_copy_forward(organization=org, year=2566, actor=analyst)
    assert plan.source_year == 2565
    assert [old.item.code for old, _ in plan.pairs] == ["O2"]
    assert [old.item.code for old in plan.unmatched_answers] == ["O3"]
    copy = OITAnswer.objects.in_year(2566).get()
    assert copy.item.code == "O2"
    assert copy.status == S.DRAFT and copy.needs_new_evidence and copy.approved_at is None
    assert copy.element_evidence == {}
    assert copy.links == submitted.links and copy.department == office
    assert last_event(copy).action == A.COPY
    # the old year is untouched
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_copy_forward_never_copies_an_approval(org, office, framework, analyst, mayor):
    make_framework(2566)
    make_answer(org, framework, "O1", office, S.APPROVED, mayor)
    services.oit_answers_copy_forward(organization=org, year=2566, actor=analyst)
    copy = OITAnswer.objects.in_year(2566).get()
    assert copy.status == S.DRAFT
    assert not copy.events.filter(action=A.APPROVE).exists()


def test_copy_forward_copies_files_under_new_names(org, office, framework, analyst, mayor):
    make_framework(2566)
    old = make_answer(org, framework, "O1", office, S.APPROVED, mayor)
    upload = SimpleUploadedFile("ev.pdf", b"%PDF-1.4 old", content_type="application/pdf")
    original = OITAnswerAttachment.objects.create(
        answer=old, file=upload, original_name="ev.pdf", content_type="application/pdf", size=12
    )
    services.oit_answers_copy_forward(organization=org, year=2566, actor=analyst)
    copied = OITAnswerAttachment.objects.exclude(pk=original.pk).get()
    assert copied.file.name != original.file.name
    assert copied.file.read() == b"%PDF-1.4 old"


def test_copy_forward_is_all_or_nothing_when_the_new_year_has_work(
    org, office, framework, analyst, staff_office
):
    new = make_framework(2566)
    make_answer(org, framework, "O1", office, S.DRAFT, staff_office)
    make_answer(org, framework, "O2", office, S.DRAFT, staff_office)
    make_answer(org, new, "O2", office, S.DRAFT, staff_office, explanation="งานใหม่")
    with pytest.raises(services.AnswerError, match="O2.*ยังไม่ได้คัดลอกข้อใดเลย"):
        services.oit_answers_copy_forward(organization=org, year=2566, actor=analyst)
    assert OITAnswer.objects.in_year(new.year).count() == 1


def test_copy_forward_is_for_the_admin_only(org, framework, staff_office, mayor):
    make_framework(2566)
    for actor in (staff_office, mayor):
        with pytest.raises(services.AnswerError):
            services.oit_answers_copy_forward(organization=org, year=2566, actor=actor)


def test_copy_forward_without_a_previous_year_says_so(org, framework, analyst):
    with pytest.raises(services.AnswerError, match="ไม่พบคำตอบ OIT ของปีก่อน"):
        services.oit_answers_copy_forward(organization=org, year=2565, actor=analyst)


def test_links_outside_the_domain_and_to_the_portal_get_warnings(org, framework, office):
    answer = make_answer(
        org,
        framework,
        "O1",
        office,
        links=[
            {"url": "https://www.thotsop.go.th/a", "label": "ของเรา"},
            {"url": "https://drive.google.com/x", "label": "ไดรฟ์"},
            {"url": "https://portal.example/p/thotsop/ita/2565/", "label": "พอร์ทัล"},
        ],
    )
    levels = [c["level"] for c in answer.link_checks({"portal.example"})]
    assert levels == ["", "warning", "danger"]


def test_an_other_org_user_does_not_count_as_a_member(org, framework):
    stranger = make_user("stranger", None, "staff")
    answer = make_answer(org, framework, "O1")
    with pytest.raises(services.AnswerError):
        services.oit_answer_submit(answer=answer, actor=stranger, version=answer.version)
