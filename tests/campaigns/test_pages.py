"""The campaign page: targets, ITAS links and codes for members only, counts drawn
against the targets, the ITAS account record, and the EIT poster."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import Campaign, ResponseCount, Stakeholder
from tests.conftest import sent_form_data

EIT_LINK = "https://itas.nacc.go.th/go/eit/x7k2p9"


@pytest.fixture
def campaign(org, year, analyst):
    c = Campaign.objects.create(
        organization=org,
        year=year,
        iit_target=40,
        iit_link="https://itas.nacc.go.th/go/iit/q1w2e3",
        iit_code="IIT-4821",
        eit_link=EIT_LINK,
        eit_code="EIT-9315",
    )
    for name in ("ก", "ข", "ค", "ง", "จ"):
        Stakeholder.objects.create(campaign=c, name=name, group="ผู้รับบริการ")
    return c


def test_members_see_the_links_and_codes(login, staff_office, campaign, year):
    page = login(staff_office).get(reverse("campaigns:detail", args=[year])).content.decode()
    assert EIT_LINK in page and "EIT-9315" in page and "IIT-4821" in page


def test_another_organization_gets_404_and_never_the_codes(login, outsider, campaign, year):
    response = login(outsider).get(reverse("campaigns:detail", args=[year]))
    assert response.status_code == 404
    assert "EIT-9315" not in response.content.decode()


def test_anonymous_users_are_sent_to_login(client, campaign, year):
    response = client.get(reverse("campaigns:detail", args=[year]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_public_ita_page_does_not_carry_the_codes(client, org, campaign, year):
    response = client.get(reverse("public:ita", args=[org.slug, year]))
    assert "EIT-9315" not in response.content.decode()


def test_a_year_not_assessed_is_404(login, analyst, year):
    assert login(analyst).get(reverse("campaigns:detail", args=[2599])).status_code == 404


def test_the_page_opens_without_any_campaign_saved(login, staff_office, year):
    page = login(staff_office).get(reverse("campaigns:detail", args=[year]))
    assert page.status_code == 200
    assert "ยังไม่มีการบันทึกยอดผู้ตอบ" in page.content.decode()
    assert not Campaign.objects.exists()  # reading makes nothing


def test_the_admin_saves_targets_links_and_the_itas_account(login, analyst, year, org):
    client = login(analyst)
    url = reverse("campaigns:edit", args=[year])
    data = sent_form_data(client.get(url).content.decode(), "#campaign-form")
    data.update(
        iit_target="๔๒",
        eit_link="itas.nacc.go.th/go/eit/abc",
        eit_code="E-1",
        itas_holder=str(analyst.pk),
        itas_checked_on="2026-11-30",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    c = Campaign.objects.get(organization=org, year=year)
    assert c.iit_target == 42
    assert c.eit_link == "https://itas.nacc.go.th/go/eit/abc"
    assert c.itas_holder == analyst and c.itas_checked_on == date(2026, 11, 30)
    assert c.updated_by == analyst and c.version == 2
    page = client.get(reverse("campaigns:detail", args=[year])).content.decode()
    assert "30 พฤศจิกายน 2569" in page  # when the ITAS account was last checked


def test_a_second_editor_gets_a_conflict_and_keeps_the_typed_text(login, analyst, campaign, year):
    client = login(analyst)
    url = reverse("campaigns:edit", args=[year])
    data = sent_form_data(client.get(url).content.decode(), "#campaign-form")
    services.campaign_save(
        organization=campaign.organization,
        year=year,
        version=campaign.version,
        actor=analyst,
        iit_target=55,
    )
    data["eit_code"] = "ใหม่-1"
    response = client.post(url, data)
    assert response.status_code == 409
    assert 'value="ใหม่-1"' in response.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).eit_code == "EIT-9315"


def test_the_itas_holder_must_be_of_the_organization(analyst, outsider, campaign, year):
    from campaigns.errors import CampaignError

    with pytest.raises(CampaignError):
        services.campaign_save(
            organization=campaign.organization,
            year=year,
            version=campaign.version,
            actor=analyst,
            itas_holder=outsider,
        )


def test_staff_cannot_edit_the_campaign(login, staff_office, campaign, year):
    assert login(staff_office).get(reverse("campaigns:edit", args=[year])).status_code == 403


def test_counts_typed_with_a_date_are_drawn_against_the_target(login, analyst, campaign, year):
    client = login(analyst)
    url = reverse("campaigns:count_add", args=[year])
    today = timezone.localdate()
    for days_ago, count in ((10, 8), (5, 21), (0, 30)):
        day = today - timedelta(days=days_ago)
        response = client.post(url, {"instrument": "IIT", "counted_on": day, "count": count})
        assert response.status_code == 302
    client.post(url, {"instrument": "EIT", "counted_on": today, "count": "๔"})
    page = client.get(reverse("campaigns:detail", args=[year])).content.decode()
    assert "<polyline" in page and "stroke-dasharray" in page  # the lines and the targets
    # The text equivalent: every reading with its share of the target.
    assert "75%" in page  # 30 of 40 staff
    assert "80%" in page  # 4 of the 5 stakeholders on the list
    assert ResponseCount.objects.filter(campaign=campaign).count() == 4


def test_a_second_reading_of_the_same_day_replaces_the_first(login, analyst, campaign, year):
    client = login(analyst)
    url = reverse("campaigns:count_add", args=[year])
    today = timezone.localdate()
    client.post(url, {"instrument": "EIT", "counted_on": today, "count": 2})
    client.post(url, {"instrument": "EIT", "counted_on": today, "count": 3})
    assert list(ResponseCount.objects.values_list("count", flat=True)) == [3]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"instrument": "IIT", "counted_on": "01/01/2600", "count": 1}, "วันในอนาคต"),
        ({"instrument": "IIT", "counted_on": "2026-11-01", "count": -1}, "ไม่น้อยกว่า"),
        ({"instrument": "IIT", "counted_on": "2026-11-01", "count": "abc"}, "จำนวนเต็ม"),
        ({"instrument": "OIT", "counted_on": "2026-11-01", "count": 1}, "เลือก"),
        ({"instrument": "IIT", "counted_on": "31/31/2026", "count": 1}, "วันที่"),
    ],
)
def test_bad_counts_are_refused_with_a_thai_message(login, analyst, campaign, year, data, message):
    response = login(analyst).post(reverse("campaigns:count_add", args=[year]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ResponseCount.objects.exists()


def test_the_poster_page_holds_a_qr_code_of_the_eit_link(login, staff_office, campaign, year):
    page = login(staff_office).get(reverse("campaigns:poster", args=[year])).content.decode()
    assert "<svg" in page and 'class="segno"' in page
    assert EIT_LINK in page and "EIT-9315" in page


def test_the_qr_code_encodes_the_eit_link():
    import segno

    from campaigns.documents import qr_svg

    expected = segno.make(EIT_LINK, error="m", micro=False)
    assert qr_svg(EIT_LINK) == expected.svg_inline(scale=8, border=4, title="คิวอาร์โค้ดแบบวัด EIT")


def test_the_poster_pdf_is_one_a4_page_with_the_thai_text(login, staff_office, campaign, year):
    from io import BytesIO

    from pypdf import PdfReader

    response = login(staff_office).get(reverse("campaigns:poster_pdf", args=[year]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = PdfReader(BytesIO(response.content))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = pdf.pages[0].extract_text()
    assert "ขอเชิญร่วมตอบแบบวัด" in text and "EIT-9315" in text


def test_without_an_eit_link_the_poster_explains_why_not(login, analyst, year):
    client = login(analyst)
    response = client.get(reverse("campaigns:poster", args=[year]), follow=True)
    assert "ยังไม่ได้บันทึกลิงก์แบบวัด EIT" in response.content.decode()


def test_stakeholders_are_added_and_removed_by_the_admin(login, analyst, year):
    client = login(analyst)
    url = reverse("campaigns:stakeholders", args=[year])
    assert client.post(url, {"name": "กลุ่มสตรีตำบล", "group": "ผู้นำชุมชน"}).status_code == 302
    duplicate = client.post(url, {"name": "กลุ่มสตรีตำบล"})
    assert (
        duplicate.status_code == 400 and "มี “กลุ่มสตรีตำบล” ในรายชื่อแล้ว" in duplicate.content.decode()
    )
    person = Stakeholder.objects.get()
    delete = reverse("campaigns:stakeholder_delete", args=[year, person.pk])
    asked = client.post(delete)
    # Asked once more, naming who goes; nothing is removed before the answer.
    assert asked.status_code == 200 and "จะลบ กลุ่มสตรีตำบล" in asked.content.decode()
    assert Stakeholder.objects.exists()
    client.post(delete, {"confirmed": "yes"})
    assert not Stakeholder.objects.exists()


def test_a_reading_is_deleted_only_once_confirmed(login, analyst, campaign, year):
    import datetime

    from campaigns.models import ResponseCount

    reading = ResponseCount.objects.create(
        campaign=campaign, instrument="IIT", counted_on=datetime.date(2026, 11, 20), count=1234
    )
    delete = reverse("campaigns:count_delete", args=[year, reading.pk])
    client = login(analyst)
    asked = client.post(delete)
    assert asked.status_code == 200
    assert f"จำนวน {reading.count:,} คน" in asked.content.decode()
    assert ResponseCount.objects.filter(pk=reading.pk).exists()
    client.post(delete, {"confirmed": "yes"})
    assert not ResponseCount.objects.filter(pk=reading.pk).exists()


def test_another_organization_cannot_delete_a_stakeholder(login, outsider, other_year, campaign):
    person = campaign.stakeholders.first()
    login(outsider).post(
        reverse("campaigns:stakeholder_delete", args=[other_year, person.pk]), {"confirmed": "yes"}
    )
    assert Stakeholder.objects.filter(pk=person.pk).exists()


def test_the_navigation_links_to_the_campaign(login, staff_office, year):
    html = login(staff_office).get(reverse("home")).content.decode()
    assert reverse("campaigns:home") in html
    response = login(staff_office).get(reverse("campaigns:home"))
    assert response["Location"] == reverse("campaigns:detail", args=[year])


HUGE = 10**20


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("campaigns:detail", [HUGE], "get"),
        ("campaigns:poster_pdf", [HUGE], "get"),
        ("campaigns:count_delete", [2570, HUGE], "post"),
        ("campaigns:stakeholder_delete", [2570, HUGE], "post"),
    ],
)
def test_huge_numbers_in_the_url_answer_404_or_a_message(
    login, analyst, campaign, name, args, method
):
    response = getattr(login(analyst), method)(reverse(name, args=args))
    assert response.status_code in (302, 404)
    assert Stakeholder.objects.filter(campaign=campaign).count() == 5


def test_the_campaign_page_runs_a_fixed_number_of_queries(login, analyst, campaign, year):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(analyst)
    url = reverse("campaigns:detail", args=[year])
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    today = timezone.localdate()
    for n in range(20):
        ResponseCount.objects.create(
            campaign=campaign, instrument="IIT", counted_on=today - timedelta(days=n), count=n
        )
        Stakeholder.objects.create(campaign=campaign, name=f"ผู้มีส่วนได้ส่วนเสีย {n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert response.content.decode().count("<circle") == 20


def test_a_change_of_the_campaign_shows_in_its_history(login, analyst, campaign, year):
    client = login(analyst)
    url = reverse("campaigns:edit", args=[year])
    data = sent_form_data(client.get(url).content.decode(), "#campaign-form")
    data["eit_code"] = "EIT-0001"
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("campaigns:detail", args=[year])).content.decode()
    history = reverse("audit:history", args=["campaigns", "campaign", campaign.pk])
    assert history in page
    timeline = client.get(history).content.decode()
    assert "EIT-0001" in timeline and "EIT-9315" in timeline


def test_a_long_stakeholder_list_paginates(login, analyst, campaign, year):
    from campaigns.views import STAKEHOLDERS_PER_PAGE

    for n in range(STAKEHOLDERS_PER_PAGE):
        Stakeholder.objects.create(campaign=campaign, name=f"ผู้มีส่วนได้ส่วนเสีย {n:03}")
    client = login(analyst)
    url = reverse("campaigns:stakeholders", args=[year])
    first = client.get(url).content.decode()
    assert f"ทั้งหมด {STAKEHOLDERS_PER_PAGE + 5} ราย" in first
    assert first.count("<tr><td>") == STAKEHOLDERS_PER_PAGE
    assert "ถัดไป" in first
    assert client.get(url, {"page": 2}).content.decode().count("<tr><td>") == 5
    assert client.get(url, {"page": "x" * 3000}).status_code == 200
