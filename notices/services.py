"""Reminders: what is due (deadlines.selectors.due_items) meets the organization's rules,
becomes a notification in the portal and an e-mail, once.

`reminders_send(day=…)` is what the daily task and `manage.py send_reminders` run:
1. plan: for every active user, each due item whose latest rule has come (not more than
   CATCH_UP days ago, so a missed night is caught up but an old miss is not dug up);
2. record: a Delivery per channel, unique, and the portal notification, in one
   transaction (a rerun finds them and does nothing);
3. mail: every e-mail delivery still pending, old ones included, one mail each or one
   digest per user; a failing server leaves them pending for the next run.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from deadlines.selectors import DueItem, due_items
from itaportal import thai
from itaportal.editing import DomainError
from itaportal.models import User
from notices.models import (
    DAYS_RANGE,
    Delivery,
    NoticePreference,
    Notification,
    ReminderRule,
)

log = logging.getLogger(__name__)

# Rules an organization has until it sets its own: 14, 7 and 1 days before, and the day
# after a date was missed.
DEFAULT_RULES = [(14, "before"), (7, "before"), (1, "before"), (1, "after")]
CATCH_UP = 6
SUBJECT_PREFIX = "[ITA Portal] "


class NoticeError(DomainError):
    pass


@dataclass
class Reminder:
    user: User
    item: DueItem
    rule: ReminderRule
    day: datetime.date

    @property
    def when(self):
        left = (self.item.due - self.day).days
        if left > 1:
            return f"อีก {left} วัน"
        if left == 1:
            return "พรุ่งนี้"
        if left == 0:
            return "วันนี้"
        return f"เลยกำหนดมาแล้ว {-left} วัน"

    @property
    def subject(self):
        due = thai.thai_date(self.item.due, "short", "arabic")
        return f"{self.item.title} — กำหนด {due} ({self.when})"

    @property
    def body(self):
        lines = [self.item.title]
        if self.item.detail:
            lines.append(self.item.detail)
        lines.append(f"กำหนด {thai.thai_date(self.item.due, 'long', 'arabic')} ({self.when})")
        if self.item.provisional:
            lines.append("วันที่นี้เป็นวันที่ประมาณการ ยังไม่ได้ยืนยันจากสำนักงาน ป.ป.ช.")
        return "\n".join(lines)


def rules_of(organization_id):
    rules = list(ReminderRule.objects.filter(organization_id=organization_id))
    if rules:
        return rules
    return [ReminderRule(organization_id=organization_id, days=d, when=w) for d, w in DEFAULT_RULES]


def rule_due(rules, due, day):
    """The latest rule whose day has come for an item due on `due`, if it came within
    CATCH_UP days of `day`; else None."""
    came = [
        (due + datetime.timedelta(days=rule.offset), rule)
        for rule in rules
        if due + datetime.timedelta(days=rule.offset) <= day
    ]
    if not came:
        return None
    trigger, rule = max(came, key=lambda pair: pair[0])
    return rule if (day - trigger).days <= CATCH_UP else None


def reminders_plan(*, day):
    """Every reminder the rules call for on `day`, recorded already or not."""
    users = (
        User.objects.filter(is_active=True, organization__isnull=False)
        .select_related("organization", "department")
        .order_by("organization_id", "username")
    )
    rules_by_org = {}
    planned = []
    for user in users:
        if user.organization_id not in rules_by_org:
            rules_by_org[user.organization_id] = rules_of(user.organization_id)
        rules = rules_by_org[user.organization_id]
        for item in due_items(user, day):
            if item.due is None:
                continue
            rule = rule_due(rules, item.due, day)
            if rule is not None:
                planned.append(Reminder(user=user, item=item, rule=rule, day=day))
    return planned


def _email_wanted(user, preferences):
    return bool(user.email) and preferences.get(user.pk, NoticePreference.Email.EACH) != "off"


@transaction.atomic
def reminders_record(*, reminders):
    """Record each reminder not recorded yet: its portal notification and, for a user who
    wants mail, a pending e-mail. Returns the portal deliveries made now."""
    preferences = dict(
        NoticePreference.objects.filter(user__in={r.user.pk for r in reminders}).values_list(
            "user_id", "email"
        )
    )
    made = []
    now = timezone.now()
    for r in reminders:
        common = {
            "user": r.user,
            "item_key": r.item.key,
            "due": r.item.due,
            "rule": r.rule.code,
            "subject": r.subject,
            "body": r.body,
            "url": r.item.url,
            "day": r.day,
        }
        try:
            with transaction.atomic():
                portal = Delivery.objects.create(
                    channel=Delivery.Channel.PORTAL, sent_at=now, **common
                )
        except IntegrityError:
            continue  # recorded by an earlier run (or a run beside this one)
        Notification.objects.create(
            user=r.user, title=r.subject, body=r.body, url=r.item.url, due=r.item.due
        )
        made.append(portal)
        if _email_wanted(r.user, preferences):
            with transaction.atomic():
                Delivery.objects.get_or_create(
                    user=r.user,
                    item_key=r.item.key,
                    due=r.item.due,
                    rule=r.rule.code,
                    channel=Delivery.Channel.EMAIL,
                    defaults={
                        k: v
                        for k, v in common.items()
                        if k not in ("user", "item_key", "due", "rule")
                    },
                )
    return made


def _footer():
    site = settings.SITE_URL.rstrip("/")
    return f"\n\n—\nITA Portal: {site}/\nตั้งค่าการแจ้งเตือน: {site}/notices/"


def _link(delivery):
    return f"{settings.SITE_URL.rstrip('/')}{delivery.url}" if delivery.url else ""


def _messages_for(user, deliveries, digest):
    """[(EmailMessage, [deliveries it carries])]"""
    sender = settings.DEFAULT_FROM_EMAIL
    if digest:
        day = max(d.day for d in deliveries)
        parts = [f"• {d.subject}\n  {_link(d)}".rstrip() for d in deliveries]
        subject = (
            f"{SUBJECT_PREFIX}สรุปสิ่งที่ต้องทำ {thai.thai_date(day, 'short', 'arabic')} "
            f"({len(deliveries)} เรื่อง)"
        )
        body = f"เรียน {user.get_full_name() or user.username}\n\n" + "\n".join(parts) + _footer()
        return [(EmailMessage(subject, body, sender, [user.email]), deliveries)]
    return [
        (
            EmailMessage(
                SUBJECT_PREFIX + d.subject,
                f"{d.body}\n\n{_link(d)}".rstrip() + _footer(),
                sender,
                [user.email],
            ),
            [d],
        )
        for d in deliveries
    ]


def reminders_mail_pending():
    """Send every pending e-mail reminder of active users; mark what the server took.
    Returns the deliveries sent. A failure is counted on the delivery, which stays
    pending: the next run sends it once."""
    user_ids = list(
        Delivery.objects.filter(
            channel=Delivery.Channel.EMAIL, sent_at__isnull=True, user__is_active=True
        )
        .exclude(user__email="")
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    if not user_ids:
        return []
    modes = dict(NoticePreference.objects.filter(user__in=user_ids).values_list("user_id", "email"))
    connection = get_connection()
    sent = []
    for user_id in user_ids:
        mode = modes.get(user_id, NoticePreference.Email.EACH)
        if mode != NoticePreference.Email.OFF:
            digest = mode == NoticePreference.Email.DIGEST
            sent.extend(_mail_user(user_id, digest=digest, connection=connection))
    return sent


@transaction.atomic
def _mail_user(user_id, *, digest, connection):
    """One user's pending mails, their rows locked while they are sent: a run beside this
    one skips them (PostgreSQL) or waits for the lock (SQLite) and then finds them sent,
    and a run that dies mid-way leaves them pending."""
    pending = list(
        Delivery.objects.select_for_update(skip_locked=True)
        .filter(user_id=user_id, channel=Delivery.Channel.EMAIL, sent_at__isnull=True)
        .order_by("due", "pk")
    )
    if not pending:
        return []
    user = User.objects.get(pk=user_id)
    sent = []
    for message, carried in _messages_for(user, pending, digest):
        message.connection = connection
        ids = [d.pk for d in carried]
        try:
            message.send()
        except Exception as exc:  # any failure of the mail server: keep for a retry
            log.warning("reminder mail to %s failed: %s", user.email, exc)
            Delivery.objects.filter(pk__in=ids).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:500]
            )
            continue
        now = timezone.now()
        Delivery.objects.filter(pk__in=ids).update(sent_at=now, attempts=F("attempts") + 1)
        for d in carried:
            d.user, d.sent_at, d.digest = user, now, digest
        sent.extend(carried)
    return sent


def reminders_send(*, day, dry_run=False):
    """Send what is due on `day`. Returns [{user, channel, subject, due}] of what went out
    in this run (with dry_run, what would be recorded, nothing written or mailed)."""
    planned = reminders_plan(day=day)
    if dry_run:
        recorded = {
            (d.user_id, d.item_key, d.due, d.rule)
            for d in Delivery.objects.filter(
                channel=Delivery.Channel.PORTAL, user__in={r.user.pk for r in planned}
            )
        }
        return [
            _row(r.user, "portal", r.subject, r.item.due)
            for r in planned
            if (r.user.pk, r.item.key, r.item.due, r.rule.code) not in recorded
        ]
    made = reminders_record(reminders=planned)
    rows = [_row(d.user, "portal", d.subject, d.due) for d in made]
    for d in reminders_mail_pending():
        rows.append(_row(d.user, "digest" if d.digest else "email", d.subject, d.due))
    return rows


def _row(user, channel, subject, due):
    return {
        "user": user.username,
        "email": user.email,
        "channel": channel,
        "subject": subject,
        "due": due.isoformat(),
    }


@transaction.atomic
def reminder_rules_save(*, organization, before, after):
    """Replace the organization's rules: `before` and `after` are lists of whole days."""
    days = [(d, ReminderRule.When.BEFORE) for d in before] + [
        (d, ReminderRule.When.AFTER) for d in after
    ]
    if not days:
        raise NoticeError("ต้องมีกฎการเตือนอย่างน้อยหนึ่งข้อ", field="before")
    for d, when in days:
        if d < 1 or d > 365:
            field = "before" if when == ReminderRule.When.BEFORE else "after"
            raise NoticeError(DAYS_RANGE, field=field)
    ReminderRule.objects.filter(organization=organization).delete()
    ReminderRule.objects.bulk_create(
        [ReminderRule(organization=organization, days=d, when=w) for d, w in sorted(set(days))]
    )


def notification_open(*, notification):
    """Mark `notification` read (once) and return where it leads."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification.url or "/"


def notifications_mark_all_read(*, user):
    return Notification.objects.filter(user=user).unread().update(read_at=timezone.now())
