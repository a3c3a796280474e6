"""The rules an answer must meet before it is submitted, each of which may bend only with
a reason the submitter writes: required elements, links on the organization's own
website (never the portal), and evidence renewed link by link after a copy. By role, in
the services and through the pages, and what the executive sees before approving."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oit import services
from oit.models import AnswerEvent, OITAnswer, OITAnswerAttachment
from tests.assessments.factories import make_answer, make_framework
from tests.conftest import sent_form_data

S = OITAnswer.Status
OWN = "https://www.thotsop.go.th/ita/o1"
DRIVE = "https://drive.google.com/file/d/abc/view"
PORTAL = "http://127.0.0.1:8000/p/thotsop/ita/2565/"  # SITE_URL's host in the tests
BOTH_TICKED = {"1": "link:1", "2": "link:1"}


@pytest.fixture
def framework(db):
    return make_framework(2565)


def answer(org, framework, office, actor, **fields):
    fields.setdefault("element_evidence", BOTH_TICKED)
    return make_answer(org, framework, "O1", office, S.DRAFT, actor, **fields)


def save(target, actor, **changes):
    target.refresh_from_db()
    values = dict(
        answer=target,
        actor=actor,
        version=target.version,
        links=target.links,
        where_to_find=target.where_to_find,
        explanation=target.explanation,
        element_evidence=target.element_evidence,
    )
    values.update(changes)
    return services.oit_answer_save(**values)


def submit(target, actor, **kwargs):
    target.refresh_from_db()
    return services.oit_answer_submit(answer=target, actor=actor, version=target.version, **kwargs)


def keys(target):
    target.refresh_from_db()
    return [e["key"] for e in target.exceptions()]


# --- required elements ------------------------------------------------------------------


def test_an_unticked_required_element_refuses_the_submission_and_names_it(
    org, office, framework, staff_office
):
    draft = answer(org, framework, office, staff_office, element_evidence={"1": "link:1"})
    with pytest.raises(
        services.AnswerError, match="องค์ประกอบที่ 2 ยังไม่มีหลักฐาน: ฝ่ายการเมืองและฝ่ายประจำ"
    ):
        submit(draft, staff_office)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_an_unticked_element_with_a_reason_is_submitted_and_the_reason_kept_on_the_event(
    org, office, framework, staff_office
):
    draft = answer(org, framework, office, staff_office, element_evidence={"1": "link:1"})
    save(draft, staff_office, exception_reasons={"element:2": "ผังฝ่ายการเมืองอยู่ในหน้าเดียวกัน"})
    submitted = submit(draft, staff_office)
    assert submitted.status == S.SUBMITTED
    event = submitted.events.get(action=AnswerEvent.Action.SUBMIT)
    assert "องค์ประกอบที่ 2" in event.comment
    assert "ผังฝ่ายการเมืองอยู่ในหน้าเดียวกัน" in event.comment


def test_a_blank_reason_does_not_count(org, office, framework, staff_office):
    draft = answer(org, framework, office, staff_office, element_evidence={})
    save(draft, staff_office, exception_reasons={"element:1": "   ", "element:2": "มีแล้ว"})
    with pytest.raises(services.AnswerError, match="มี 1 เรื่อง.*องค์ประกอบที่ 1"):
        submit(draft, staff_office)


def test_every_exception_needs_its_own_reason(org, office, framework, staff_office):
    draft = answer(
        org, framework, office, staff_office, element_evidence={},
        links=[{"url": DRIVE, "label": "ผัง"}],
    )  # fmt: skip
    save(draft, staff_office, exception_reasons={"element:1": "ผังอยู่ในไฟล์", "element:2": "ดูลิงก์"})
    with pytest.raises(services.AnswerError, match="นอกเว็บไซต์หลัก") as refused:
        submit(draft, staff_office)
    assert "องค์ประกอบ" not in str(refused.value)
    save(draft, staff_office, exception_reasons={f"link:{DRIVE}": "เว็บไซต์หลักล่มระหว่างย้ายเครื่อง"})
    assert submit(draft, staff_office).status == S.SUBMITTED


# --- links ------------------------------------------------------------------------------


def test_a_link_off_the_organizations_website_refuses_the_submission(
    org, office, framework, staff_office
):
    draft = answer(org, framework, office, staff_office, links=[{"url": DRIVE, "label": "ผัง"}])
    with pytest.raises(services.AnswerError, match="ลิงก์ที่ 1 อยู่นอกเว็บไซต์หลัก"):
        submit(draft, staff_office)


def test_a_subdomain_of_the_organization_is_its_own_website(org, office, framework, staff_office):
    draft = answer(
        org, framework, office, staff_office,
        links=[{"url": "https://ita.thotsop.go.th/o1", "label": "ผัง"}],
    )  # fmt: skip
    assert submit(draft, staff_office).status == S.SUBMITTED


def test_a_link_to_the_portal_is_refused_whatever_the_domains(org, office, framework, staff_office):
    draft = answer(org, framework, office, staff_office, links=[{"url": PORTAL, "label": "พอร์ทัล"}])
    assert [e["kind"] for e in draft.exceptions()] == ["portal"]
    with pytest.raises(services.AnswerError, match="ชี้มาที่ ITA Portal"):
        submit(draft, staff_office)
    # the host the page was reached under counts as the portal too
    mirror = "https://ita.example.org/p/thotsop/"
    org.website_domains = "thotsop.go.th\nita.example.org"
    org.save()
    draft.links = [{"url": mirror, "label": "พอร์ทัล"}]
    draft.save()
    with pytest.raises(services.AnswerError, match="ชี้มาที่ ITA Portal"):
        submit(draft, staff_office, portal_hosts={"ita.example.org"})


def test_a_link_to_the_portal_with_a_reason_is_submitted(org, office, framework, staff_office):
    draft = answer(org, framework, office, staff_office, links=[{"url": PORTAL, "label": "พอร์ทัล"}])
    save(draft, staff_office, exception_reasons={f"link:{PORTAL}": "หน้าเว็บไซต์หลักลิงก์มาที่นี่"})
    assert submit(draft, staff_office).status == S.SUBMITTED


def test_without_known_domains_only_the_portal_rule_applies(other_org, framework, outsider):
    department = outsider.department
    draft = make_answer(
        other_org, framework, "O2", department, S.DRAFT, outsider,
        links=[{"url": DRIVE, "label": "ผู้บริหาร"}],
    )  # fmt: skip
    assert draft.exceptions() == []
    assert submit(draft, outsider).status == S.SUBMITTED


# --- renewing what was copied -----------------------------------------------------------


@pytest.fixture
def copied(org, office, framework, analyst, mayor):
    """Last year's approved O1 (a link and a file) copied into 2566."""
    make_framework(2566)
    old = make_answer(
        org, framework, "O1", office, S.APPROVED, mayor,
        links=[{"url": OWN, "label": "ผัง 2565"}, {"url": OWN + "/b", "label": "ผังฝ่ายการเมือง"}],
    )  # fmt: skip
    OITAnswerAttachment.objects.create(
        answer=old, file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
        original_name="ผัง-2565.pdf", content_type="application/pdf", size=13,
    )  # fmt: skip
    services.oit_answers_copy_forward(organization=org, year=2566, actor=analyst)
    copy = OITAnswer.objects.in_year(2566).get()
    copy.element_evidence = BOTH_TICKED
    copy.save()
    return copy


def test_a_copy_carries_each_link_and_file_to_renew(copied):
    file_pk = copied.attachments.get().pk
    assert copied.needs_new_evidence
    assert keys(copied) == [f"renew:link:{OWN}", f"renew:link:{OWN}/b", f"renew:file:{file_pk}"]


def test_re_saving_a_copy_unchanged_does_not_renew_it(copied, staff_office):
    saved = save(copied, staff_office)
    assert saved.needs_new_evidence
    with pytest.raises(services.AnswerError, match="คัดลอกมาจากปีก่อน.*ผัง 2565"):
        submit(copied, staff_office)


def test_replacing_a_link_renews_that_link_only(copied, staff_office):
    links = [{"url": OWN + "?y=2566", "label": "ผัง 2566"}, copied.links[1]]
    saved = save(copied, staff_office, links=links)
    assert saved.needs_new_evidence
    assert [k for k in keys(copied) if k.startswith("renew:link")] == [f"renew:link:{OWN}/b"]


def test_confirming_link_by_link_and_the_file_renews_the_copy(copied, staff_office):
    file_key = f"file:{copied.attachments.get().pk}"
    saved = save(copied, staff_office, renewed=[f"link:{OWN}"])
    assert saved.needs_new_evidence  # one link and the file still wait
    saved = save(copied, staff_office, renewed=[f"link:{OWN}", f"link:{OWN}/b", file_key])
    assert not saved.needs_new_evidence
    assert keys(copied) == []
    assert submit(copied, staff_office).status == S.SUBMITTED


def test_removing_the_carried_file_renews_it(copied, staff_office):
    pk = copied.attachments.get().pk
    saved = save(
        copied, staff_office, remove_file_ids=[pk],
        renewed=[f"link:{OWN}", f"link:{OWN}/b", f"file:{pk}"],
    )  # fmt: skip
    assert not saved.needs_new_evidence


def test_a_confirmation_of_something_not_carried_is_ignored(copied, staff_office):
    saved = save(copied, staff_office, renewed=["link:https://elsewhere.go.th/"])
    assert saved.renewed_evidence == []


def test_unrenewed_evidence_with_a_reason_is_submitted(copied, staff_office):
    reasons = {key: "ประกาศฉบับเดิมยังใช้บังคับในปีนี้" for key in keys(copied)}
    save(copied, staff_office, exception_reasons=reasons)
    assert submit(copied, staff_office).status == S.SUBMITTED


# --- by role ----------------------------------------------------------------------------


@pytest.fixture
def off_site(org, office, framework, staff_office):
    return answer(org, framework, office, staff_office, links=[{"url": DRIVE, "label": "ผัง"}])


REASON = {f"link:{DRIVE}": "ไฟล์ใหญ่เกินกว่าที่เว็บไซต์หลักรับได้"}


@pytest.mark.parametrize("who", ["staff_office", "analyst"])
def test_staff_of_the_department_and_the_admin_submit_only_with_a_reason(off_site, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(services.AnswerError, match="ยังไม่ได้เขียนเหตุผล"):
        submit(off_site, actor)
    save(off_site, actor, exception_reasons=REASON)
    assert submit(off_site, actor).status == S.SUBMITTED


@pytest.mark.parametrize("who", ["staff_finance", "mayor", "outsider"])
def test_others_can_neither_write_a_reason_nor_submit(off_site, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(services.AnswerError):
        save(off_site, actor, exception_reasons=REASON)
    with pytest.raises(services.AnswerError):
        submit(off_site, actor)
    off_site.refresh_from_db()
    assert off_site.exception_reasons == {} and off_site.status == S.DRAFT


# --- through the pages ------------------------------------------------------------------


def answer_url(code="O1", year=2565):
    return reverse("oit:answer", args=[year, code])


def test_staff_write_the_reason_on_the_answer_page_and_submit(login, off_site, staff_office):
    client = login(staff_office)
    html = client.get(answer_url()).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one(".oit-reasons textarea")
    assert "นอกเว็บไซต์หลัก" in soup.select_one(f"label[for={box['id']}]").text
    data = sent_form_data(html, "form.oit-answer-form")
    data[box["name"]] = "ไฟล์ใหญ่เกินกว่าที่เว็บไซต์หลักรับได้"
    data["then_submit"] = ""
    response = client.post(answer_url(), data)
    assert response.status_code == 302
    off_site.refresh_from_db()
    assert off_site.status == S.SUBMITTED
    assert off_site.exception_reasons == REASON


def test_saving_and_submitting_without_the_reason_saves_but_does_not_send(
    login, off_site, staff_office
):
    client = login(staff_office)
    data = sent_form_data(client.get(answer_url()).content.decode(), "form.oit-answer-form")
    data["then_submit"] = ""
    response = client.post(answer_url(), data, follow=True)
    assert any("ยังส่งไม่ได้" in str(m) for m in response.context["messages"])
    off_site.refresh_from_db()
    assert off_site.status == S.DRAFT


def test_the_copy_page_offers_each_carried_link_to_confirm(login, copied, staff_office):
    client = login(staff_office)
    html = client.get(answer_url(year=2566)).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    offered = [box["value"] for box in soup.select(".oit-renewal input[name=renewed]")]
    assert offered[:2] == [f"link:{OWN}", f"link:{OWN}/b"] and offered[2].startswith("file:")
    data = sent_form_data(html, "form.oit-answer-form")
    data["renewed"] = offered
    assert client.post(answer_url(year=2566), data).status_code == 302
    copied.refresh_from_db()
    assert not copied.needs_new_evidence


@pytest.fixture
def explained(off_site, staff_office):
    save(off_site, staff_office, exception_reasons=REASON)
    return submit(off_site, staff_office)


def test_the_mayor_sees_each_exception_and_its_reason_in_the_queue(login, explained, mayor):
    html = login(mayor).get(reverse("oit:queue", args=[2565])).content.decode()
    card = BeautifulSoup(html, "html.parser").select_one(f"#answer-{explained.pk}")
    exception = card.select_one(".oit-exception")
    assert exception["data-kind"] == "off_domain"
    assert DRIVE in exception.text
    assert "ไฟล์ใหญ่เกินกว่าที่เว็บไซต์หลักรับได้" in exception.select_one(".oit-exception-reason").text


def test_the_mayor_sees_the_reasons_on_the_answer_page_too(login, explained, mayor):
    html = login(mayor).get(answer_url()).content.decode()
    reasons = BeautifulSoup(html, "html.parser").select(".oit-exception-reason")
    assert [r.text.strip() for r in reasons] == ["เหตุผล: “ไฟล์ใหญ่เกินกว่าที่เว็บไซต์หลักรับได้”"]


def test_an_answer_submitted_before_the_rules_shows_its_exceptions_without_a_reason(
    login, org, office, framework, staff_office, mayor
):
    make_answer(org, framework, "O3", office, S.SUBMITTED, staff_office)  # O3's element unticked
    html = login(mayor).get(reverse("oit:queue", args=[2565])).content.decode()
    exception = BeautifulSoup(html, "html.parser").select_one(".oit-exception")
    assert exception["data-kind"] == "element" and "ยังไม่มีเหตุผล" in exception.text


def test_another_organization_sees_none_of_it(login, explained, outsider):
    client = login(outsider)
    html = client.get(reverse("oit:queue", args=[2565])).content.decode()
    assert "ไฟล์ใหญ่เกินกว่าที่เว็บไซต์หลักรับได้" not in html
    assert "ไฟล์ใหญ่เกินกว่าที่เว็บไซต์หลักรับได้" not in client.get(answer_url()).content.decode()


def test_elements_only_inferred_from_what_agencies_published_are_guidance(
    org, office, framework, staff_office
):
    from assessments.models import OITItem

    draft = answer(org, framework, office, staff_office, element_evidence={})
    OITItem.objects.filter(pk=draft.item_id).update(elements_confidence=OITItem.Confidence.UNKNOWN)
    draft.refresh_from_db()
    draft.item.refresh_from_db()
    assert draft.exceptions() == []
    assert submit(draft, staff_office).status == S.SUBMITTED
