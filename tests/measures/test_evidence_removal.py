"""Staff remove an evidence file of their own measure's report: asked once more, the file
gone from storage once removed, and the measure's one history page says who removed it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.models import Evidence, MeasureReport
from tests.confirming import confirmation_of, press_confirm


@pytest.fixture
def evidence(current, staff_finance):
    report = MeasureReport.objects.create(
        measure=current, year=current.follow_up_year, quarter=1, text="เผยแพร่แล้ว"
    )
    upload = SimpleUploadedFile("ภาพถ่ายกิจกรรม.pdf", b"%PDF-1.4 evidence")
    with_file = Evidence(report=report, original_name="ภาพถ่ายกิจกรรม.pdf", size=17)
    with_file.uploaded_by = staff_finance
    with_file.file.save("x.pdf", upload, save=True)
    return with_file


def remove_url(evidence):
    return reverse("measures:evidence_remove", args=[evidence.pk])


def history_url(measure):
    return reverse("audit:history", args=["measures", "measure", measure.pk])


def test_the_detail_page_offers_the_owner_a_remove_button_per_file(login, staff_finance, evidence):
    page = login(staff_finance).get(reverse("measures:detail", args=[evidence.report.measure_id]))
    assert remove_url(evidence) in page.content.decode()


def test_another_department_sees_no_remove_button(login, staff_office, evidence):
    page = login(staff_office).get(reverse("measures:detail", args=[evidence.report.measure_id]))
    assert remove_url(evidence) not in page.content.decode()


def test_nothing_is_removed_without_the_confirmation(login, staff_finance, evidence):
    asked = login(staff_finance).post(remove_url(evidence))
    confirmation = confirmation_of(asked)
    assert confirmation["title"] == "ยืนยันการลบไฟล์หลักฐาน"
    assert "ภาพถ่ายกิจกรรม.pdf" in confirmation["summary"]
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert evidence.file.storage.exists(evidence.file.name)


def test_the_owner_removes_a_file_and_the_history_says_so(
    login, staff_finance, analyst, evidence, django_capture_on_commit_callbacks
):
    client = login(staff_finance)
    name, storage = evidence.file.name, evidence.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        response = press_confirm(client, client.post(remove_url(evidence)))
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not storage.exists(name)

    history = login(analyst).get(history_url(evidence.report.measure)).content.decode()
    assert "ลบหลักฐาน" in history
    removal = history[history.index("ลบหลักฐาน") :][:600]
    assert "ภาพถ่ายกิจกรรม.pdf" in removal
    assert staff_finance.display_name in removal


def test_the_agency_admin_may_remove_a_file(login, analyst, evidence):
    client = login(analyst)
    assert press_confirm(client, client.post(remove_url(evidence))).status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


@pytest.mark.parametrize("who, status", [("staff_office", 403), ("mayor", 403), ("outsider", 404)])
def test_others_cannot_remove_a_file(login, evidence, who, status, request):
    client = login(request.getfixturevalue(who))
    assert client.post(remove_url(evidence), {"confirmed": "yes"}).status_code == status
    assert Evidence.objects.filter(pk=evidence.pk).exists()
