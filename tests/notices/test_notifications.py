"""The bell, the notifications page, each user's mail choice and the organization's
reminder rules."""

import datetime

import pytest
from django.urls import reverse

from deadlines.models import DeadlineSettings
from notices.models import NoticePreference, Notification, ReminderRule
from notices.services import DEFAULT_RULES, rule_due, rules_of

D = datetime.date


@pytest.fixture
def notes(staff_office):
    return [
        Notification.objects.create(user=staff_office, title=f"เรื่องที่ {n}", url="/measures/mine/")
        for n in (1, 2, 3)
    ]


def test_the_bell_counts_the_users_unread_notifications(login, staff_office, staff_finance, notes):
    Notification.objects.create(user=staff_finance, title="ของคนอื่น")
    page = login(staff_office).get(reverse("home")).content.decode()
    assert 'id="notification-count">3</span>' in page


def test_opening_a_notification_marks_it_read_and_goes_where_it_leads(login, staff_office, notes):
    client = login(staff_office)
    response = client.get(reverse("notices:open", args=[notes[0].pk]))
    assert response.status_code == 302 and response["Location"] == "/measures/mine/"
    notes[0].refresh_from_db()
    assert notes[0].is_read
    assert 'id="notification-count">2</span>' in client.get(reverse("home")).content.decode()


def test_a_notification_leading_off_site_goes_home_instead(login, staff_office):
    note = Notification.objects.create(user=staff_office, title="x", url="https://evil.example/")
    response = login(staff_office).get(reverse("notices:open", args=[note.pk]))
    assert response["Location"] == "/"


def test_another_users_notification_answers_404(login, staff_finance, notes):
    response = login(staff_finance).get(reverse("notices:open", args=[notes[0].pk]))
    assert response.status_code == 404
    notes[0].refresh_from_db()
    assert not notes[0].is_read


def test_the_page_lists_them_and_marks_all_read(login, staff_office, notes):
    client = login(staff_office)
    page = client.get(reverse("notices:list")).content.decode()
    assert all(n.title in page for n in notes) and "ยังไม่อ่าน 3" in page
    client.post(reverse("notices:mark_all_read"))
    assert not Notification.objects.unread().exists()
    assert "notification-count" not in client.get(reverse("home")).content.decode()


def test_a_long_history_is_paged_and_the_unread_count_covers_every_page(login, staff_office):
    Notification.objects.bulk_create(
        Notification(user=staff_office, title=f"แจ้งเตือนลำดับ {n:02d}") for n in range(30)
    )
    client = login(staff_office)
    first = client.get(reverse("notices:list")).content.decode()
    second = client.get(reverse("notices:list"), {"page": 2}).content.decode()
    assert first.count("notification-link") == 25 and second.count("notification-link") == 5
    assert "ยังไม่อ่าน 30" in first and "ยังไม่อ่าน 30" in second


def test_a_user_chooses_the_digest_and_an_address(login, staff_office):
    client = login(staff_office)
    response = client.post(
        reverse("notices:preferences"), {"email": "digest", "address": "office@thotsop.go.th"}
    )
    assert response.status_code == 302
    staff_office.refresh_from_db()
    assert staff_office.email == "office@thotsop.go.th"
    assert NoticePreference.objects.get(user=staff_office).email == "digest"


def test_an_invalid_address_is_refused_in_thai_and_nothing_is_saved(login, staff_office):
    staff_office.email = "kept@thotsop.go.th"
    staff_office.save()
    response = login(staff_office).post(
        reverse("notices:preferences"), {"email": "off", "address": "not an address@"}
    )
    assert response.status_code == 400
    assert "รูปแบบอีเมลไม่ถูกต้อง" in response.content.decode()
    staff_office.refresh_from_db()
    assert staff_office.email == "kept@thotsop.go.th"
    assert not NoticePreference.objects.exists()


def test_an_organization_without_rules_gets_the_defaults(org):
    assert [(r.days, r.when) for r in rules_of(org.pk)] == DEFAULT_RULES


def test_the_admin_sets_the_rules_and_the_derived_deadlines(login, analyst, org):
    response = login(analyst).post(
        reverse("notices:rules"),
        {
            "before": "10, 3",
            "after": "2",
            "report_days_after_quarter": "20",
            "memo_ack_days": "5",
            "approval_days_before_oit_close": "10",
        },
    )
    assert response.status_code == 302
    assert sorted((r.days, r.when) for r in ReminderRule.objects.filter(organization=org)) == [
        (2, "after"),
        (3, "before"),
        (10, "before"),
    ]
    assert DeadlineSettings.objects.get(organization=org).report_days_after_quarter == 20


@pytest.mark.parametrize(
    "before, after, message",
    [
        ("14, 0", "1", "จำนวนวันต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 365"),
        ("7", "-1", "จำนวนวันต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 365"),
        ("สิบสี่", "", "กรอกจำนวนวันเป็นตัวเลข"),
        ("", "", "ต้องมีกฎการเตือนอย่างน้อยหนึ่งข้อ"),
    ],
)
def test_zero_negative_or_no_rules_are_refused_in_thai_and_nothing_is_half_saved(
    login, analyst, org, before, after, message
):
    ReminderRule.objects.create(organization=org, days=5, when="before")
    response = login(analyst).post(
        reverse("notices:rules"),
        {
            "before": before,
            "after": after,
            "report_days_after_quarter": "30",
            "memo_ack_days": "5",
            "approval_days_before_oit_close": "10",
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert [(r.days, r.when) for r in ReminderRule.objects.filter(organization=org)] == [
        (5, "before")
    ]
    assert not DeadlineSettings.objects.filter(organization=org).exists()


def test_staff_cannot_change_the_rules(login, staff_office):
    assert login(staff_office).get(reverse("notices:rules")).status_code == 403


def rules(*pairs):
    return [ReminderRule(days=d, when=w) for d, w in pairs]


def test_the_latest_rule_whose_day_has_come_is_the_one_that_reminds():
    default = rules(*DEFAULT_RULES)
    due = D(2027, 1, 15)
    assert rule_due(default, due, D(2026, 12, 31)) is None
    assert rule_due(default, due, D(2027, 1, 1)).code == "before14"
    assert rule_due(default, due, D(2027, 1, 7)).code == "before14"
    assert rule_due(default, due, D(2027, 1, 8)).code == "before7"
    assert rule_due(default, due, D(2027, 1, 15)).code == "before1"
    assert rule_due(default, due, D(2027, 1, 16)).code == "after1"
    # A missed night is caught up within a few days; an old miss is not dug up.
    assert rule_due(default, due, D(2027, 1, 22)).code == "after1"
    assert rule_due(default, due, D(2027, 1, 23)) is None


def test_the_operator_cannot_save_a_rule_of_zero_days_in_the_admin(client, operator, org):
    client.force_login(operator)
    response = client.post(
        reverse("admin:notices_reminderrule_add"),
        {"organization": org.pk, "days": "0", "when": "before"},
    )
    assert response.status_code == 200
    assert "จำนวนวันต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 365" in response.content.decode()
    assert not ReminderRule.objects.exists()
