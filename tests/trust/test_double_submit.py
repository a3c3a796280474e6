"""A creating form sent twice (a double click, a resend after a timeout) creates its
record once: the form carries a one-time token."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.forms import default_quarter
from measures.models import Evidence, Measure, MeasureReport
from tests.conftest import sent_form_data
from tests.measures import factories


@pytest.fixture
def measure(org, office, finance):
    depts = factories.departments(org)
    a = factories.assessment(org, 2565)
    return factories.measure(
        a, 6, [depts["office"]], title="ม", start_date=date(2022, 10, 1), due_date=date(2023, 9, 30)
    )


def test_a_new_measure_sent_twice_is_created_once(login, analyst, measure):
    client = login(analyst)
    url = reverse("measures:create", args=[2565])
    data = sent_form_data(client.get(url).content.decode(), "form:has(input[name=once])")
    assert data["once"]
    data.update(
        {
            "indicator": str(measure.indicator_id),
            "title": "มาตรการใหม่",
            "improvements": "ปรับปรุงเว็บไซต์",
            "departments": [str(d.pk) for d in measure.departments.all()],
            "start_date": "2022-10-01",
            "due_date": "2023-09-30",
            "progress": "0",
        }
    )
    before = Measure.objects.count()
    first = client.post(url, data)
    assert first.status_code == 302, first.context["form"].errors if first.context else None
    second = client.post(url, data)
    assert second.status_code == 302
    assert Measure.objects.count() == before + 1
    assert Measure.objects.filter(title="มาตรการใหม่").count() == 1


def test_a_report_with_evidence_sent_twice_stores_one_file(login, analyst, measure):
    client = login(analyst)
    url = reverse("measures:report_add", args=[measure.pk])
    data = sent_form_data(client.get(url).content.decode(), "form:has(input[name=once])")
    data.update({"quarter": str(default_quarter(measure)), "text": "ผลงาน"})
    for _ in range(2):
        pdf = SimpleUploadedFile("e.pdf", b"%PDF-1.4\nx", "application/pdf")
        assert client.post(url, {**data, "files": pdf}).status_code == 302
    assert MeasureReport.objects.count() == 1
    assert Evidence.objects.count() == 1


def test_a_refused_create_can_be_sent_again_with_the_same_token(login, analyst, measure):
    client = login(analyst)
    url = reverse("measures:create", args=[2565])
    data = sent_form_data(client.get(url).content.decode(), "form:has(input[name=once])")
    data.update({"indicator": str(measure.indicator_id), "title": ""})  # refused: no title
    assert client.post(url, data).status_code == 200
    data.update(
        {
            "title": "มาตรการใหม่",
            "improvements": "ปรับปรุง",
            "departments": [str(d.pk) for d in measure.departments.all()],
            "start_date": "2022-10-01",
            "due_date": "2023-09-30",
            "progress": "0",
        }
    )
    assert client.post(url, data).status_code == 302
    assert Measure.objects.filter(title="มาตรการใหม่").count() == 1
