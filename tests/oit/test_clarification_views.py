"""The verdict and clarification pages through HTTP, by role: the admin records verdicts,
the department writes, the mayor approves, everyone of the organization downloads the PDF
and CSV, and another organization sees nothing."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from oit import clarifications as svc
from oit.models import Clarification, ItemVerdict, OITAnswer
from tests.assessments.factories import make_answer, make_framework
from tests.conftest import sent_form_data

S = Clarification.Status


@pytest.fixture
def framework(db):
    return make_framework(2565)


@pytest.fixture
def failed(org, office, framework, analyst, mayor):
    make_answer(org, framework, "O1", office, OITAnswer.Status.APPROVED, mayor)
    svc.verdict_record(
        organization=org, year=2565, code="O1", met=False, comment="ไม่มีฝ่ายการเมือง", actor=analyst
    )
    return Clarification.objects.get()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def url(name, *args):
    return reverse(f"oit:{name}", args=[2565, *args])


PAGES = [
    ("verdicts", ()),
    ("clarifications", ()),
    ("clarification", ("O1",)),
    ("clarifications_pdf", ()),
    ("clarifications_csv", ()),
]


@pytest.mark.parametrize("name, args", PAGES)
@pytest.mark.parametrize(
    "who, status",
    [("analyst", 200), ("mayor", 200), ("staff_office", 200), ("staff_finance", 200)],
)
def test_members_read_every_page(login, failed, name, args, who, status, request):
    assert login(request.getfixturevalue(who)).get(url(name, *args)).status_code == status


def test_another_organization_gets_404_for_the_clarification(login, failed, outsider):
    client = login(outsider)
    assert client.get(url("clarification", "O1")).status_code == 404
    assert "ไม่มีฝ่ายการเมือง" not in client.get(url("clarifications")).content.decode()
    assert "ไม่มีฝ่ายการเมือง" not in client.get(url("verdicts")).content.decode()


def test_the_admin_records_a_verdict_on_the_page(login, analyst, framework):
    client = login(analyst)
    response = client.post(
        url("verdicts"),
        {"code": "O3", "stage": "preliminary", "met": "0", "comment": "แผนเป็นของปีก่อน"},
        follow=True,
    )
    assert "บันทึกผลเบื้องต้นของข้อ O3 แล้ว" in messages_of(response)
    card = BeautifulSoup(response.content, "html.parser").select_one(".oit-verdict[data-code=O3]")
    assert "ไม่ผ่าน" in card.text and "แผนเป็นของปีก่อน" in card.text
    assert Clarification.objects.get().verdict.item.code == "O3"


def test_a_verdict_for_an_item_of_another_year_is_refused_in_thai(login, analyst, framework):
    response = login(analyst).post(
        url("verdicts"), {"code": "O99", "stage": "preliminary", "met": "0"}, follow=True
    )
    assert "ไม่มีข้อ O99 ในกรอบการประเมินปี 2565 จึงบันทึกผลของข้อนี้ไม่ได้" in messages_of(response)
    assert not ItemVerdict.objects.exists()


def test_a_code_with_a_null_character_is_refused_in_thai_not_with_a_500(login, analyst, framework):
    # Found by the fuzz test on PostgreSQL, which refuses NUL in a query.
    response = login(analyst).post(
        url("verdicts"), {"code": "O1\x00", "stage": "preliminary", "met": "0"}, follow=True
    )
    assert response.status_code == 200
    assert "ไม่มีข้อ O1 ในกรอบการประเมินปี 2565 จึงบันทึกผลของข้อนี้ไม่ได้" in messages_of(response)
    assert not ItemVerdict.objects.exists()


@pytest.mark.parametrize("who", ["mayor", "staff_office"])
def test_only_the_admin_posts_verdicts(login, framework, who, request):
    response = login(request.getfixturevalue(who)).post(
        url("verdicts"), {"code": "O1", "stage": "preliminary", "met": "0"}
    )
    assert response.status_code == 403
    assert not ItemVerdict.objects.exists()


def test_the_department_writes_and_submits_then_the_mayor_approves(
    login, failed, staff_office, mayor
):
    client = login(staff_office)
    html = client.get(url("clarification", "O1")).content.decode()
    data = sent_form_data(html, "form.oit-clarification-form")
    data["text"] = "เพิ่มแผนผังฝ่ายการเมืองในหน้าเดียวกันแล้ว"
    data["link_url"] = ["https://www.thotsop.go.th/structure", "", "", "", ""]
    data["link_label"] = ["แผนผังใหม่", "", "", "", ""]
    assert client.post(url("clarification", "O1"), data).status_code == 302
    failed.refresh_from_db()
    client.post(url("clarification_submit", "O1"), {"version": failed.version})
    failed.refresh_from_db()
    assert failed.status == S.SUBMITTED

    mayor_client = login(mayor)
    page = BeautifulSoup(mayor_client.get(url("clarification", "O1")).content, "html.parser")
    assert "เพิ่มแผนผังฝ่ายการเมือง" in page.text
    assert page.select_one(f"form[action='{url('clarification_approve', 'O1')}']")
    mayor_client.post(url("clarification_approve", "O1"), {"version": failed.version})
    failed.refresh_from_db()
    assert failed.status == S.APPROVED
    csv = mayor_client.get(url("clarifications_csv"))
    assert csv["Content-Type"].startswith("text/csv")
    assert "เพิ่มแผนผังฝ่ายการเมือง" in csv.content.decode("utf-8-sig")
    pdf = mayor_client.get(url("clarifications_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_staff_of_another_department_cannot_write(login, failed, staff_finance):
    client = login(staff_finance)
    assert client.get(url("clarification", "O1")).context["form"] is None
    response = client.post(url("clarification", "O1"), {"text": "x", "version": failed.version})
    assert response.status_code == 403
    failed.refresh_from_db()
    assert failed.text == ""


@pytest.mark.parametrize("who", ["analyst", "staff_office"])
def test_only_the_mayor_approves_on_the_page(login, failed, staff_office, who, request):
    saved = svc.clarification_save(
        clarification=failed, actor=staff_office, version=failed.version, text="ชี้แจง", links=[]
    )
    saved = svc.clarification_submit(clarification=saved, actor=staff_office, version=saved.version)
    response = login(request.getfixturevalue(who)).post(
        url("clarification_approve", "O1"), {"version": saved.version}
    )
    assert response.status_code == 403
    saved.refresh_from_db()
    assert saved.status == S.SUBMITTED


def test_the_mayors_queue_points_to_clarifications_waiting(login, failed, staff_office, mayor):
    saved = svc.clarification_save(
        clarification=failed, actor=staff_office, version=failed.version, text="ชี้แจง", links=[]
    )
    queue = login(mayor).get(reverse("oit:queue", args=[2565])).content.decode()
    assert "คำชี้แจงผลการประเมินรออนุมัติ" not in queue
    svc.clarification_submit(clarification=saved, actor=staff_office, version=saved.version)
    queue = login(mayor).get(reverse("oit:queue", args=[2565])).content.decode()
    assert "คำชี้แจงผลการประเมินรออนุมัติ 1 ข้อ" in queue


# --- sending saves what was typed; removing a file is asked ------------------------------


def _side_send(client, **typed):
    """What the browser posts when the user types into the clarification form and presses
    the side button "ส่งให้ผู้บริหารพิจารณา": the button belongs to the form."""
    html = client.get(url("clarification", "O1")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    button = next(b for b in soup.select("button") if b.get_text(strip=True) == "ส่งให้ผู้บริหารพิจารณา")
    form = soup.select_one(f"form#{button['form']}")
    data = sent_form_data(html, f"form#{form['id']}") | typed
    data[button["name"]] = ""
    return client.post(button.get("formaction") or form["action"], data)


def test_the_side_send_button_saves_the_typed_clarification_then_sends(login, failed, staff_office):
    response = _side_send(login(staff_office), text="ข้อความที่เพิ่งพิมพ์แล้วกดส่ง")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.text == "ข้อความที่เพิ่งพิมพ์แล้วกดส่ง"
    assert failed.status == S.SUBMITTED


def test_a_refused_send_keeps_what_was_typed_saved(login, failed, staff_office):
    client = login(staff_office)
    response = _side_send(client, text="")
    failed.refresh_from_db()
    assert failed.status == S.DRAFT
    assert "บันทึกแล้ว แต่ยังส่งไม่ได้" in client.get(response["Location"]).content.decode()


def test_removing_a_clarification_file_is_asked_and_recorded(login, failed, staff_office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from oit.models import ClarificationAttachment
    from tests.confirming import confirmation_of, press_confirm

    attachment = ClarificationAttachment(
        clarification=failed, original_name="ผังเดิม.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("x.pdf", SimpleUploadedFile("x.pdf", b"%PDF-1.4 x"), save=True)
    client = login(staff_office)
    html = client.get(url("clarification", "O1")).content.decode()
    data = sent_form_data(html, "form.oit-clarification-form") | {
        "text": "ชี้แจงใหม่",
        "remove_files": [str(attachment.pk)],
    }
    asked = client.post(url("clarification", "O1"), data)
    assert "ผังเดิม.pdf" in " ".join(confirmation_of(asked)["items"])
    assert ClarificationAttachment.objects.filter(pk=attachment.pk).exists()
    failed.refresh_from_db()
    assert failed.text == ""
    assert press_confirm(client, asked).status_code == 302
    assert not ClarificationAttachment.objects.filter(pk=attachment.pk).exists()
    failed.refresh_from_db()
    assert failed.text == "ชี้แจงใหม่"
    assert failed.events.order_by("-pk").first().comment == "ลบไฟล์: ผังเดิม.pdf"
