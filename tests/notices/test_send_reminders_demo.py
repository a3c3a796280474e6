"""send_reminders driven day by day over the demo's live FY 2570, from the demo's day
(3 December 2026) to 20 January 2027, with the default rules (14, 7 and 1 days before a
due date, and the day after it was missed).

What is due in the demo in that span:
- the memo on FY 2569's measures (dated 30 Nov 2026, to acknowledge within 7 days, by
  7 Dec), acknowledged by กองคลัง only: the other departments' people (analyst and
  staff-office of สำนักปลัด, staff-works, staff-edu) are reminded;
- the committee order to sign by 15 Dec (the admin's own deadline) and the EIT
  stakeholder list by 25 Dec (สำนักปลัด's: analyst and staff-office);
- the Q1 reports of FY 2570, due 15 Jan 2027 (15 days after the quarter): สำนักปลัด and
  กองการศึกษา each miss one, and the admin follows all of them.
The mayor and staff-finance have nothing due in the span.
"""

import datetime
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from itaportal.models import User
from notices.models import Delivery, NoticePreference, Notification
from notices.services import reminders_send

D = datetime.date
MEMO, ORDER, EIT, Q1 = D(2026, 12, 7), D(2026, 12, 15), D(2026, 12, 25), D(2027, 1, 15)
MEMO_DAYS = [D(2026, 12, 3), D(2026, 12, 6), D(2026, 12, 8)]  # 7 days before came on 30 Nov
ORDER_DAYS = [D(2026, 12, 3), D(2026, 12, 8), D(2026, 12, 14), D(2026, 12, 16)]
EIT_DAYS = [D(2026, 12, 11), D(2026, 12, 18), D(2026, 12, 24), D(2026, 12, 26)]
Q1_DAYS = [D(2027, 1, 1), D(2027, 1, 8), D(2027, 1, 14), D(2027, 1, 16)]

EXPECTED = {
    "analyst": sorted(
        [(d, MEMO) for d in MEMO_DAYS]
        + [(d, ORDER) for d in ORDER_DAYS]
        + [(d, EIT) for d in EIT_DAYS]
        + [(d, Q1) for d in Q1_DAYS]
    ),
    "staff-office": sorted(
        [(d, MEMO) for d in MEMO_DAYS] + [(d, EIT) for d in EIT_DAYS] + [(d, Q1) for d in Q1_DAYS]
    ),
    "staff-edu": sorted([(d, MEMO) for d in MEMO_DAYS] + [(d, Q1) for d in Q1_DAYS]),
    "staff-works": [(d, MEMO) for d in MEMO_DAYS],
}
START, END = D(2026, 12, 3), D(2027, 1, 20)


def days(start=START, end=END):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


@pytest.fixture
def demo(db):
    call_command("loaddemo", verbosity=0)
    return {u.username: u for u in User.objects.all()}


def deliveries(channel):
    got = {}
    for d in Delivery.objects.filter(channel=channel).select_related("user"):
        got.setdefault(d.user.username, []).append((d.day, d.due))
    return {user: sorted(rows) for user, rows in got.items()}


def test_over_the_span_each_user_gets_exactly_the_reminders_of_their_work_once(demo):
    for day in days():
        reminders_send(day=day)

    assert deliveries(Delivery.Channel.PORTAL) == EXPECTED
    assert deliveries(Delivery.Channel.EMAIL) == EXPECTED
    assert not Delivery.objects.filter(sent_at__isnull=True).exists()
    # One mail per reminder, to the user's own address, never to the mayor or กองคลัง.
    sent_to = sorted(m.to[0] for m in mail.outbox)
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert sent_to == sorted(demo[user].email for user, rows in EXPECTED.items() for _ in rows)
    # In the portal, one notification per reminder, unread.
    for username, rows in EXPECTED.items():
        notes = Notification.objects.filter(user=demo[username])
        assert notes.count() == len(rows)
        assert notes.unread().count() == len(rows)
    assert not Notification.objects.filter(user__username__in=["mayor", "staff-finance"]).exists()


def test_the_mails_say_what_is_due_by_when_and_link_to_it(demo):
    reminders_send(day=D(2026, 12, 3))

    to_works = [m for m in mail.outbox if m.to == [demo["staff-works"].email]]
    assert len(to_works) == 1
    message = to_works[0]
    assert message.subject.startswith("[ITA Portal] รับทราบบันทึกข้อความ")
    assert "กำหนด 7 ธ.ค. 69 (อีก 4 วัน)" in message.subject
    assert "/measures/memos/" in message.body
    order = [m for m in mail.outbox if "คำสั่งแต่งตั้ง" in m.subject]
    assert [m.to for m in order] == [[demo["analyst"].email]]
    assert "(อีก 12 วัน)" in order[0].subject


def test_running_a_day_again_or_the_whole_span_again_sends_nothing_more(demo):
    for day in days():
        reminders_send(day=day)
    sent, notes = len(mail.outbox), Notification.objects.count()

    again = [row for day in days() for row in reminders_send(day=day)]

    assert again == []
    assert len(mail.outbox) == sent
    assert Notification.objects.count() == notes


def test_a_mail_failure_leaves_the_reminder_pending_and_the_retry_sends_it_once(demo, settings):
    from tests.notices.backends import FlakyBackend

    settings.EMAIL_BACKEND = "tests.notices.backends.FlakyBackend"
    FlakyBackend.failing = True
    try:
        first = reminders_send(day=D(2026, 12, 3))
    finally:
        FlakyBackend.failing = False

    # The portal has its notifications; the mails are kept, counted, not lost.
    assert {r["channel"] for r in first} == {"portal"}
    pending = Delivery.objects.filter(channel=Delivery.Channel.EMAIL, sent_at__isnull=True)
    assert pending.count() == 5 and {d.attempts for d in pending} == {1}
    assert "mail server down" in pending.first().last_error
    assert mail.outbox == []

    retry = reminders_send(day=D(2026, 12, 3))
    assert sorted((r["user"], r["channel"]) for r in retry) == sorted(
        [("analyst", "email"), ("analyst", "email"), ("staff-edu", "email")]
        + [("staff-office", "email"), ("staff-works", "email")]
    )
    assert len(mail.outbox) == 5
    assert Notification.objects.count() == 5  # not made again

    reminders_send(day=D(2026, 12, 3))
    reminders_send(day=D(2026, 12, 4))
    assert len(mail.outbox) == 5


def test_a_deactivated_user_gets_nothing_not_even_a_mail_left_pending(demo, settings):
    from tests.notices.backends import FlakyBackend

    settings.EMAIL_BACKEND = "tests.notices.backends.FlakyBackend"
    FlakyBackend.failing = True
    try:
        reminders_send(day=D(2026, 12, 3))
    finally:
        FlakyBackend.failing = False
    works = demo["staff-works"]
    works.is_active = False
    works.save()

    for day in days(D(2026, 12, 3), D(2026, 12, 10)):
        reminders_send(day=day)

    assert not [m for m in mail.outbox if m.to == [works.email]]
    assert (
        Delivery.objects.filter(user=works).count() == 2
    )  # the memo reminder of 3 Dec (portal and mail), made before leaving


def test_a_user_who_chose_the_digest_gets_one_mail_a_day(demo):
    NoticePreference.objects.create(user=demo["analyst"], email=NoticePreference.Email.DIGEST)

    rows = reminders_send(day=D(2026, 12, 3))

    to_analyst = [m for m in mail.outbox if m.to == [demo["analyst"].email]]
    assert len(to_analyst) == 1
    digest = to_analyst[0]
    assert "สรุปสิ่งที่ต้องทำ" in digest.subject and "(2 เรื่อง)" in digest.subject
    assert "รับทราบบันทึกข้อความ" in digest.body and "คำสั่งแต่งตั้ง" in digest.body
    assert [r["channel"] for r in rows if r["user"] == "analyst"].count("digest") == 2
    # Still one notification per reminder in the portal.
    assert Notification.objects.filter(user=demo["analyst"]).count() == 2


def test_a_user_who_turned_mail_off_is_reminded_in_the_portal_only(demo):
    NoticePreference.objects.create(user=demo["staff-works"], email=NoticePreference.Email.OFF)

    reminders_send(day=D(2026, 12, 3))

    assert not [m for m in mail.outbox if m.to == [demo["staff-works"].email]]
    assert Notification.objects.filter(user=demo["staff-works"]).count() == 1


def test_the_command_dry_run_writes_nothing_and_json_prints_only_the_list(demo):
    out = StringIO()
    call_command("send_reminders", "--date", "2026-12-03", "--dry-run", "--json", stdout=out)

    rows = json.loads(out.getvalue())
    assert sorted(r["user"] for r in rows) == [
        "analyst",
        "analyst",
        "staff-edu",
        "staff-office",
        "staff-works",
    ]
    assert {r["channel"] for r in rows} == {"portal"}
    assert {r["due"] for r in rows} == {"2026-12-07", "2026-12-15"}
    assert not Delivery.objects.exists() and not Notification.objects.exists()
    assert mail.outbox == []

    out = StringIO()
    call_command("send_reminders", "--date", "2026-12-03", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert sorted(r["channel"] for r in rows) == ["email"] * 5 + ["portal"] * 5
    assert all({"user", "channel", "subject", "due"} <= set(r) for r in rows)


def test_the_command_refuses_a_malformed_date_in_thai(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="วันที่ไม่ถูกต้อง"):
        call_command("send_reminders", "--date", "3/12/2569")


def test_the_nightly_task_sends_the_days_reminders_on_the_worker(demo, run_tasks):
    from django_tasks_db.models import DBTaskResult

    from ops.schedule import enqueue_daily

    enqueue_daily(D(2026, 12, 3))
    run_tasks()

    result = DBTaskResult.objects.get(task_path="notices.tasks.send_daily_reminders")
    assert result.status == "SUCCESSFUL" and result.return_value == 10
    assert Notification.objects.count() == 5 and len(mail.outbox) == 5
