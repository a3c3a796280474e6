"""The home page of every role starts with what the user must do, most urgent first,
each item linking to where it is done."""

import datetime

from django.urls import reverse

from deadlines.models import DeadlineSettings, OrganizationDeadline
from deadlines.selectors import due_items
from measures.models import MeasureReport
from oit.models import OITAnswer
from tests.assessments.factories import make_answer
from tests.conftest import make_user
from tests.deadlines.conftest import make_memo
from tests.measures import factories

DAY = datetime.timedelta(days=1)


def home_keys(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    panel = response.context["panels"][0]
    assert panel["title"] == "สิ่งที่ต้องทำ"
    return [item.key for item in panel["context"]["items"]]


def test_staff_see_the_memo_to_acknowledge_until_they_do(login, staff_office, memo, today):
    client = login(staff_office)
    assert home_keys(client) == [f"memo:{memo.pk}"]
    page = client.get(reverse("home")).content.decode()
    assert reverse("measures:memo_detail", args=[memo.pk]) in page
    assert "รับทราบบันทึกข้อความ เรื่อง แจ้งมาตรการประจำปี" in page

    response = client.post(
        reverse("measures:memo_ack", args=[memo.pk]), {"name": "ผู้ทดสอบ", "position": "หัวหน้า"}
    )
    assert response.status_code == 302

    assert home_keys(client) == []
    assert "ไม่มีงานค้างที่ต้องทำในตอนนี้" in client.get(reverse("home")).content.decode()


def test_a_memo_is_due_the_organizations_number_of_days_after_its_date(staff_office, memo, org):
    assert due_items(staff_office, memo.date)[0].due == memo.date + 7 * DAY
    DeadlineSettings.objects.create(organization=org, memo_ack_days=3)
    assert due_items(staff_office, memo.date)[0].due == memo.date + 3 * DAY


def test_a_colleague_acknowledging_for_the_department_clears_it_for_everyone_of_it(
    staff_office, office, org, memo, today
):
    colleague = make_user("office-2", org, "staff", office)
    memo.acknowledgements.create(user=colleague, name="เพื่อนร่วมงาน", position="หัวหน้าสำนักปลัด")
    assert due_items(staff_office, today) == []


def test_memos_to_other_departments_and_of_old_years_are_not_asked(
    staff_office, year, finance, org, today, fy
):
    make_memo(year["last"], [finance], today)
    old = factories.assessment(org, fy - 3, scores={}, analysis=False)
    make_memo(old, [staff_office.department], today)
    assert due_items(staff_office, today) == []


def test_quarterly_reports_are_due_days_after_the_quarter_and_leave_once_reported(
    staff_office, office, year, today, fy
):
    measure = factories.measure(year["last"], 7, [office], title="มาตรการเผยแพร่ข้อมูล")
    from itaportal import thai

    _, quarter = thai.fiscal_quarter(today)
    _, end = thai.quarter_range(fy, quarter)

    items = due_items(staff_office, today)
    current = [i for i in items if i.key == f"report:{fy}-{quarter}:d{office.pk}"]
    assert len(current) == 1
    assert current[0].due == end + 15 * DAY
    assert current[0].detail == "ยังไม่รายงาน 1 มาตรการ"
    assert current[0].url == reverse("measures:mine")

    MeasureReport.objects.create(measure=measure, year=fy, quarter=quarter, text="ทำแล้ว")
    keys = [i.key for i in due_items(staff_office, today)]
    assert f"report:{fy}-{quarter}:d{office.pk}" not in keys


def test_the_executive_is_asked_to_approve_before_the_oit_window_closes(
    mayor, staff_office, office, year, oit_window, today, fy
):
    make_answer(year["current"].organization, year["current"].framework, "O7", office, "submitted")

    items = due_items(mayor, today)
    assert [(i.key, i.due, i.provisional) for i in items] == [
        (f"oit-approve:{fy}", oit_window.ends_on - 7 * DAY, True)
    ]
    assert items[0].url == reverse("oit:queue", args=[fy])
    assert items[0].detail == "รออนุมัติ 1 ข้อ"


def test_staff_are_asked_to_fix_returned_answers_and_prepare_drafts(
    staff_office, office, year, oit_window, today, fy
):
    org, fw = year["current"].organization, year["current"].framework
    make_answer(org, fw, "O7", office, OITAnswer.Status.RETURNED)
    make_answer(org, fw, "O14", office, OITAnswer.Status.DRAFT)

    keys = {i.key: i.detail for i in due_items(staff_office, today)}
    assert keys == {
        f"oit-returned:{fy}:d{office.pk}": "ถูกส่งกลับ 1 ข้อ",
        f"oit-prepare:{fy}:d{office.pk}": "ร่างอยู่ 1 ข้อ",
    }


def test_own_deadlines_go_to_their_department_and_undepartmented_ones_to_the_admin(
    org, office, finance, analyst, staff_office, staff_finance, today, fy
):
    mine = OrganizationDeadline.objects.create(
        organization=org, year=fy, title="ส่งรายชื่อ", due_on=today + DAY, department=office
    )
    admins = OrganizationDeadline.objects.create(
        organization=org, year=fy, title="เสนอคำสั่ง", due_on=today + 5 * DAY
    )
    OrganizationDeadline.objects.create(
        organization=org, year=fy, title="ทำแล้ว", due_on=today, done=True
    )

    assert [i.key for i in due_items(staff_office, today)] == [f"deadline:{mine.pk}"]
    assert [i.key for i in due_items(staff_finance, today)] == []
    # The analyst belongs to สำนักปลัด as well; most urgent first.
    assert [i.key for i in due_items(analyst, today)] == [
        f"deadline:{mine.pk}",
        f"deadline:{admins.pk}",
    ]


def test_the_list_is_sorted_most_urgent_first_and_the_home_page_starts_with_it(
    login, staff_office, office, org, memo, today, fy
):
    OrganizationDeadline.objects.create(
        organization=org, year=fy, title="เลยกำหนดแล้ว", due_on=today - 2 * DAY, department=office
    )
    client = login(staff_office)
    keys = home_keys(client)
    assert keys[0].startswith("deadline:") and keys[1] == f"memo:{memo.pk}"
    assert "เลยกำหนด 2 วัน" in client.get(reverse("home")).content.decode()


def test_another_organizations_memos_and_deadlines_never_show(outsider, memo, org, today, fy):
    OrganizationDeadline.objects.create(organization=org, year=fy, title="x", due_on=today)
    assert due_items(outsider, today) == []


def _broken(answer, verdict="broken"):
    from django.utils import timezone

    from oit.models import LinkCheck

    return LinkCheck.objects.create(
        answer=answer,
        url=answer.links[0]["url"],
        verdict=verdict,
        message="ลิงก์เสีย",
        checked_at=timezone.now(),
    )


def test_links_the_checker_found_wrong_are_due_for_their_department_and_the_admin(
    staff_office, staff_finance, analyst, office, finance, year, today
):
    org, fw = year["current"].organization, year["current"].framework
    _broken(make_answer(org, fw, "O7", office, OITAnswer.Status.DRAFT))
    _broken(make_answer(org, fw, "O14", finance, OITAnswer.Status.DRAFT), "off_domain")

    mine = [i for i in due_items(staff_office, today) if i.key.startswith("oit-links")]
    theirs = [i for i in due_items(staff_finance, today) if i.key.startswith("oit-links")]
    everyone = [i for i in due_items(analyst, today) if i.key.startswith("oit-links")]

    assert [i.detail for i in mine] == ["1 ข้อ (O7)"]
    assert [i.detail for i in theirs] == ["1 ข้อ (O14)"]
    assert [i.detail for i in everyone] == ["2 ข้อ (O7, O14)"]
    assert mine[0].url == reverse("oit:links", args=[year["current"].year])


def test_no_link_item_when_every_checked_link_is_fine(staff_office, office, year, today):
    org, fw = year["current"].organization, year["current"].framework
    _broken(make_answer(org, fw, "O7", office, OITAnswer.Status.DRAFT), "ok")

    assert not [i for i in due_items(staff_office, today) if i.key.startswith("oit-links")]


def test_the_memo_menu_opens_on_the_latest_year_that_has_memos(login, staff_office, memo, fy):
    # The current year has an assessment but no memo yet: last year's memo is shown.
    response = login(staff_office).get(reverse("measures:memo_list"))
    assert response.status_code == 200
    assert response.context["assessment"].year == fy - 1
    assert memo.subject in response.content.decode()
    # Asking for a year still shows that year.
    response = login(staff_office).get(reverse("measures:memo_list") + f"?year={fy}")
    assert response.context["assessment"].year == fy


def test_the_years_milestones_are_kept_per_framework_version_and_an_edit_shows_at_once(
    org, year, oit_window, fy, django_assert_num_queries
):
    import datetime

    from assessments.selectors import organization_years
    from deadlines.selectors import year_milestones
    from itaportal.shared import shared_reads

    assert [m.pk for m in year_milestones(fy, org.pk)] == [oit_window.pk]
    with shared_reads():
        organization_years(org)  # what the page reads anyway
        with django_assert_num_queries(0):
            kept = year_milestones(fy, org.pk)
    assert kept == [oit_window]

    oit_window.ends_on += datetime.timedelta(days=7)
    oit_window.save()  # renews the framework's token: every process reads them again
    assert year_milestones(fy, org.pk)[0].ends_on == oit_window.ends_on
    oit_window.delete()
    assert year_milestones(fy, org.pk) == []
    # Without the organization, or for a year it has no assessment of: by the year.
    assert year_milestones(fy + 1, org.pk) == year_milestones(fy + 1) == []
