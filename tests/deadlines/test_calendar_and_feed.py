"""The year's calendar by month, and each user's iCalendar feed behind a revocable secret
address, read back with the icalendar library."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from icalendar import Calendar

from deadlines.milestones import milestones_seed
from deadlines.models import CalendarFeed, Milestone, OrganizationDeadline

DAY = datetime.timedelta(days=1)


@pytest.fixture
def feed_url(login, staff_office, memo, oit_window):
    client = login(staff_office)
    assert client.post(reverse("deadlines:feed_create")).status_code == 302
    token = CalendarFeed.objects.get(user=staff_office).token
    return reverse("deadlines:feed", args=[token])


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return cal, list(cal.walk("VEVENT"))


def test_the_feed_is_valid_icalendar_holding_the_users_dates(
    client, feed_url, memo, oit_window, org, office, fy, today
):
    OrganizationDeadline.objects.create(
        organization=org,
        year=fy,
        title="ส่งรายชื่อผู้ตอบ EIT",
        due_on=today + 3 * DAY,
        department=office,
    )
    client.logout()  # calendar apps have no session: the token is the key

    cal, events = events_of(client.get(feed_url))

    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    by_summary = {str(e["SUMMARY"]): e for e in events}
    window = by_summary["ช่วงส่งคำตอบแบบวัด OIT (วันที่ประมาณการ)"]
    assert window.decoded("DTSTART") == oit_window.starts_on
    assert window.decoded("DTEND") == oit_window.ends_on + DAY  # exclusive end
    memo_event = by_summary[f"รับทราบบันทึกข้อความ เรื่อง {memo.subject}"]
    assert memo_event.decoded("DTSTART") == memo.date + 7 * DAY
    assert str(memo_event["URL"]).endswith(reverse("measures:memo_detail", args=[memo.pk]))
    own = by_summary["ส่งรายชื่อผู้ตอบ EIT (สำนักปลัด)"]
    assert own.decoded("DTSTART") == today + 3 * DAY
    approval = by_summary[f"ผู้บริหารอนุมัติคำตอบ OIT ปี {fy} ให้ครบ (วันที่ประมาณการ)"]
    assert approval.decoded("DTSTART") == oit_window.ends_on - 7 * DAY
    reports = [s for s in by_summary if s.startswith("กำหนดส่งรายงานผลตามมาตรการ ไตรมาส")]
    assert len(reports) == 8  # four quarters of this year and of the next
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))


def test_a_revoked_or_replaced_address_answers_404(client, login, staff_office, feed_url):
    client = login(staff_office)
    client.post(reverse("deadlines:feed_create"))
    assert client.get(feed_url).status_code == 404
    new_url = reverse("deadlines:feed", args=[CalendarFeed.objects.get(user=staff_office).token])
    assert client.get(new_url).status_code == 200

    client.post(reverse("deadlines:feed_revoke"))
    assert client.get(new_url).status_code == 404
    assert not CalendarFeed.objects.filter(user=staff_office).exists()


def test_a_deactivated_users_feed_and_an_unknown_token_answer_404(client, staff_office, feed_url):
    assert client.get(reverse("deadlines:feed", args=["not-a-token"])).status_code == 404
    staff_office.is_active = False
    staff_office.save()
    assert client.get(feed_url).status_code == 404


def test_the_calendar_page_lists_the_year_by_month_with_provisional_dates_marked(
    login, staff_office, memo, oit_window, fy
):
    response = login(staff_office).get(reverse("deadlines:calendar"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"ปฏิทินการประเมิน ITA ปีงบประมาณ พ.ศ. {fy}" in page
    assert page.count('class="col-md-6 col-xl-4 calendar-month"') == 12
    assert "ช่วงส่งคำตอบแบบวัด OIT" in page and "(ประมาณการ)" in page
    assert "data-print" in page
    months = response.context["months"]
    assert months[0]["first"] == datetime.date(fy - 544, 10, 1)
    window = [m for m in months if any(e.key == f"milestone:{oit_window.pk}" for e in m["events"])]
    assert window, "the OIT window shows in the months it spans"


def test_the_calendar_refuses_a_nonsense_year(login, staff_office):
    assert login(staff_office).get(reverse("deadlines:calendar") + "?year=abc").status_code == 404


def test_milestones_are_seeded_once_provisional_where_the_reference_is_unsure(db):
    from tests.measures import factories

    for year in (2565, 2570):
        factories.framework(year)

    assert milestones_seed() == 12
    firm = Milestone.objects.filter(framework__year=2565)
    assert firm.count() == 5 and not firm.filter(provisional=True).exists()
    oit_2565 = firm.get(kind=Milestone.Kind.OIT)
    assert (oit_2565.starts_on, oit_2565.ends_on) == (
        datetime.date(2022, 3, 1),
        datetime.date(2022, 4, 30),
    )
    estimated = Milestone.objects.filter(framework__year=2570)
    assert estimated.count() == 7 and not estimated.filter(provisional=False).exists()

    # What the operator edited stays: a year with milestones is left alone.
    oit_2565.ends_on = datetime.date(2022, 5, 6)
    oit_2565.save()
    assert milestones_seed() == 0
    oit_2565.refresh_from_db()
    assert oit_2565.ends_on == datetime.date(2022, 5, 6)


def test_a_milestone_ending_before_it_starts_is_refused_in_thai_and_by_the_database(
    client, operator
):
    from tests.measures import factories

    fw = factories.framework(2570)
    client.force_login(operator)
    response = client.post(
        reverse("admin:deadlines_milestone_add"),
        {"framework": fw.pk, "kind": "oit", "starts_on": "2027-03-01", "ends_on": "2027-02-01"},
    )
    assert response.status_code == 200
    assert "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม" in response.content.decode()
    assert not Milestone.objects.exists()

    with pytest.raises(IntegrityError):
        Milestone.objects.create(
            framework=fw,
            kind="oit",
            starts_on=datetime.date(2027, 3, 1),
            ends_on=datetime.date(2027, 2, 1),
        )


def test_the_admin_adds_marks_done_and_deletes_the_organizations_deadlines(
    login, analyst, staff_office, office, org, today
):
    client = login(analyst)
    response = client.post(
        reverse("deadlines:deadline_add"),
        {
            "title": "ส่งรายชื่อผู้ตอบ IIT",
            "kind": "other",
            "due_on": "2027-01-10",
            "department": office.pk,
        },
    )
    assert response.status_code == 302
    deadline = OrganizationDeadline.objects.get(organization=org)
    assert (deadline.year, deadline.department, deadline.done) == (2570, office, False)
    assert "ส่งรายชื่อผู้ตอบ IIT" in client.get(reverse("deadlines:calendar")).content.decode()

    client.post(reverse("deadlines:deadline_done", args=[deadline.pk]))
    deadline.refresh_from_db()
    assert deadline.done
    delete = reverse("deadlines:deadline_delete", args=[deadline.pk])
    asked = client.post(delete)
    assert asked.status_code == 200 and "ส่งรายชื่อผู้ตอบ IIT" in asked.content.decode()
    assert OrganizationDeadline.objects.exists()  # nothing happens before the answer
    client.post(delete, {"confirmed": "yes"})
    assert not OrganizationDeadline.objects.exists()


def test_the_admin_adds_a_deadline_on_its_own_page_reached_from_the_calendar(
    login, analyst, staff_office, office, other_org
):
    other_org.departments.create(name="กองช่างของหน่วยงานอื่น")
    add = reverse("deadlines:deadline_add")
    calendar = login(analyst).get(reverse("deadlines:calendar"), {"year": 2571})
    assert f'href="{add}?year=2571"' in calendar.content.decode()
    page = login(analyst).get(add, {"year": 2571})
    html = page.content.decode()
    assert page.status_code == 200 and 'name="due_on"' in html
    # Only the organization's own departments are offered; the way back keeps the year.
    assert office.name in html and "กองช่างของหน่วยงานอื่น" not in html
    assert f"{reverse('deadlines:calendar')}?year=2571#deadlines" in html
    # Staff neither see the way in nor open the page.
    staff = login(staff_office)
    assert add not in staff.get(reverse("deadlines:calendar")).content.decode()
    assert staff.get(add).status_code == 403


def test_a_deadline_without_a_valid_date_or_of_another_organizations_department_is_refused(
    login, analyst, outsider, org
):
    client = login(analyst)
    response = client.post(
        reverse("deadlines:deadline_add"), {"title": "x", "kind": "other", "due_on": "31/02/2570"}
    )
    # The form again, its message next to the field (as every form page of the portal).
    assert (
        response.status_code == 200 and "กรุณากรอกวันที่แบบ วัน/เดือน/ปี พ.ศ." in response.content.decode()
    )
    response = client.post(
        reverse("deadlines:deadline_add"),
        {
            "title": "x",
            "kind": "other",
            "due_on": "2027-01-10",
            "department": outsider.department_id,
        },
    )
    assert response.status_code == 200 and "error_1_id_department" in response.content.decode()
    assert not OrganizationDeadline.objects.exists()


def test_staff_cannot_add_deadlines(login, staff_office):
    response = login(staff_office).post(
        reverse("deadlines:deadline_add"), {"title": "x", "kind": "other", "due_on": "2027-01-10"}
    )
    assert response.status_code == 403
    assert not OrganizationDeadline.objects.exists()
