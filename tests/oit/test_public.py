"""The public ITA page and its JSON show approved OIT answers only, and serve only their
files; every other file is for logged-in members of the organization."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Assessment
from oit.models import OITAnswer, OITAnswerAttachment
from tests.assessments.factories import make_answer, make_framework
from tests.conftest import assert_served_as_upload

S = OITAnswer.Status


@pytest.fixture
def framework(db):
    return make_framework(2565)


@pytest.fixture
def assessment(org, framework):
    from datetime import date

    from assessments.services import assessment_make_public

    a = Assessment.objects.create(organization=org, framework=framework)
    return assessment_make_public(assessment=a, on=date(2022, 9, 30), version=a.version)


def attach(answer, name="ev.pdf", content=b"%PDF-1.4 evidence"):
    return OITAnswerAttachment.objects.create(
        answer=answer,
        file=SimpleUploadedFile(name, content),
        original_name=name,
        content_type="application/pdf",
        size=len(content),
    )


@pytest.fixture
def answers(org, office, framework, assessment, mayor):
    made = {}
    for code, status in [
        ("O1", S.APPROVED),
        ("O2", S.SUBMITTED),
        ("O3", S.DRAFT),
        ("O4", S.RETURNED),
    ]:
        made[status] = make_answer(
            org,
            framework,
            code,
            office,
            status,
            mayor,
            links=[{"url": f"https://www.thotsop.go.th/secret-{code}", "label": f"ป้าย-{code}"}],
            where_to_find=f"หน้าหลัก › เส้นทาง-{code}",
        )
    return made


def public_url(org, year=2565):
    return reverse("public:ita", args=[org.slug, year])


def json_url(org, year=2565):
    return reverse("public:ita_json", args=[org.slug, year])


def test_the_public_page_shows_approved_answers_only(client, org, answers):
    html = client.get(public_url(org)).content.decode()
    page = html + BeautifulSoup(html, "html.parser").get_text()  # addresses and text as read
    assert "secret-O1" in page and "เส้นทาง-O1" in page
    for code in ("O2", "O3", "O4"):
        assert f"secret-{code}" not in page
        assert f"เส้นทาง-{code}" not in page
    assert 'rel="noopener noreferrer"' in html


def test_the_json_groups_approved_answers_by_indicator_and_sub_indicator(client, org, answers):
    data = client.get(json_url(org)).json()
    assert data["oit_answers"] == [
        {
            "number": 3,
            "name": "การเปิดเผยข้อมูล",
            "sub_indicators": [
                {
                    "code": "3.1",
                    "name": "ตัวชี้วัดย่อย 3.1",
                    "items": [
                        {
                            "code": "O1",
                            "title": "โครงสร้าง",
                            "where_to_find": "หน้าหลัก › เส้นทาง-O1",
                            "explanation": "",
                            "links": [
                                {"url": "https://www.thotsop.go.th/secret-O1", "label": "ป้าย-O1"}
                            ],
                            "attachments": [],
                            "approved_at": None,
                        }
                    ],
                }
            ],
        }
    ]
    text = client.get(json_url(org)).content.decode()
    for code in ("O2", "O3", "O4"):
        assert f"secret-{code}" not in text


def test_public_attachments_of_approved_answers_download_without_login(client, org, answers):
    public_file = attach(answers[S.APPROVED])
    data = client.get(json_url(org)).json()
    url = data["oit_answers"][0]["sub_indicators"][0]["items"][0]["attachments"][0]["url"]
    assert url == reverse("public:oit_attachment", args=[org.slug, 2565, public_file.pk])
    response = client.get(url)
    assert_served_as_upload(response, "inline")  # sandboxed: never runs in our origin
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("status", [S.SUBMITTED, S.DRAFT, S.RETURNED])
def test_files_of_unapproved_answers_are_never_public(client, org, answers, status):
    private = attach(answers[status], "private.pdf")
    response = client.get(reverse("public:oit_attachment", args=[org.slug, 2565, private.pk]))
    assert response.status_code == 404
    assert "private.pdf" not in client.get(public_url(org)).content.decode()
    assert "private.pdf" not in client.get(json_url(org)).content.decode()


def test_a_public_file_is_not_reachable_under_another_organization(client, org, other_org, answers):
    public_file = attach(answers[S.APPROVED])
    url = reverse("public:oit_attachment", args=[other_org.slug, 2565, public_file.pk])
    assert client.get(url).status_code == 404


def test_member_attachment_view_checks_the_organization(
    client, login, org, answers, staff_finance, outsider
):
    private = attach(answers[S.DRAFT], "draft.pdf")
    url = reverse("oit:attachment", args=[2565, private.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert login(outsider).get(url).status_code == 404
    response = login(staff_finance).get(url)  # any member of the organization reads
    assert_served_as_upload(response, "inline")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"


def test_reopening_an_answer_takes_it_off_the_public_page(client, org, answers):
    OITAnswer.objects.filter(pk=answers[S.APPROVED].pk).update(status=S.DRAFT)
    assert "secret-O1" not in client.get(public_url(org)).content.decode()
    assert client.get(json_url(org)).json()["oit_answers"] == []


def _queries(client, url):
    """The page's queries once the process keeps the year's structure (the first request
    loads it)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_public_page_runs_a_fixed_number_of_queries(
    client, org, office, framework, assessment, mayor, django_assert_num_queries
):
    first = make_answer(org, framework, "O1", office, S.APPROVED, mayor)
    attach(first)
    few_html = _queries(client, public_url(org))
    few_json = _queries(client, json_url(org))
    for code in ("O2", "O3", "O4", "O5"):
        attach(make_answer(org, framework, code, office, S.APPROVED, mayor))
        attach(OITAnswer.objects.get(item__code=code), "second.pdf")
    with django_assert_num_queries(few_html):
        client.get(public_url(org))
    with django_assert_num_queries(few_json):
        client.get(json_url(org))


def test_the_public_page_says_how_many_approved_answers_it_lists_out_of_the_years_items(
    client, org, framework, answers
):
    from bs4 import BeautifulSoup

    from assessments.models import OITItem

    items = OITItem.objects.filter(sub_indicator__indicator__framework=framework).count()
    assert items > 1
    note = BeautifulSoup(client.get(public_url(org)).content, "html.parser").select_one(
        "[data-approved]"
    )
    assert (note["data-approved"], note["data-items"]) == ("1", str(items))
    assert note.get_text(" ", strip=True) == (
        f"แสดงเฉพาะคำตอบที่ผู้บริหารอนุมัติแล้ว 1 ข้อ จาก {items} ข้อของแบบวัด OIT ปี 2565"
    )
    assert "oit_counts" not in client.get(json_url(org)).json()  # the page's, not the JSON's
