"""Notifications in the portal, the reminder rules of each organization, each user's
choice of e-mail, and the delivery records that make reminding idempotent."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from itaportal.models import Organization


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="ผู้ใช้",
    )
    title = models.CharField("เรื่อง", max_length=400)
    body = models.TextField("รายละเอียด", blank=True)
    url = models.CharField("ลิงก์", max_length=400, blank=True)
    due = models.DateField("กำหนด", null=True, blank=True)
    created_at = models.DateTimeField("แจ้งเมื่อ", default=timezone.now)
    read_at = models.DateTimeField("อ่านเมื่อ", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "การแจ้งเตือน"
        verbose_name_plural = "การแจ้งเตือน"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None


def unread_count_of_user():
    """A subquery on users: how many of the user's notifications are unread."""
    unread = (
        Notification.objects.filter(user=models.OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(unread), 0)


DAYS_RANGE = "จำนวนวันต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 365"


class ReminderRule(models.Model):
    """Remind `days` days before a due date, or `days` days after it was missed."""

    class When(models.TextChoices):
        BEFORE = "before", "ก่อนถึงกำหนด"
        AFTER = "after", "หลังเลยกำหนด"

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="reminder_rules",
        verbose_name="หน่วยงาน",
    )
    days = models.PositiveSmallIntegerField(
        "จำนวนวัน",
        validators=[MinValueValidator(1, DAYS_RANGE), MaxValueValidator(365, DAYS_RANGE)],
    )
    when = models.CharField("เมื่อ", max_length=10, choices=When.choices, default=When.BEFORE)

    class Meta:
        verbose_name = "กฎการเตือน"
        verbose_name_plural = "กฎการเตือน"
        ordering = ["organization", "when", "-days"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__gte=1, days__lte=365),
                name="reminder_days_1_to_365",
                violation_error_message=DAYS_RANGE,
            ),
            models.UniqueConstraint(
                fields=["organization", "days", "when"], name="reminder_rule_unique"
            ),
        ]

    def __str__(self):
        return f"{self.days} วัน{self.get_when_display()}"

    @property
    def offset(self):
        """Days from the due date to the reminder: negative before, positive after."""
        return -self.days if self.when == self.When.BEFORE else self.days

    @property
    def code(self):
        return f"{self.when}{self.days}"


class NoticePreference(models.Model):
    class Email(models.TextChoices):
        EACH = "each", "ส่งอีเมลทุกครั้งที่มีการเตือน"
        DIGEST = "digest", "สรุปรวมวันละหนึ่งฉบับ"
        OFF = "off", "ไม่รับอีเมล (ดูในระบบเท่านั้น)"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preference",
        verbose_name="ผู้ใช้",
    )
    email = models.CharField(
        "การแจ้งเตือนทางอีเมล", max_length=10, choices=Email.choices, default=Email.EACH
    )

    class Meta:
        verbose_name = "การตั้งค่าการแจ้งเตือนของผู้ใช้"
        verbose_name_plural = "การตั้งค่าการแจ้งเตือนของผู้ใช้"

    def __str__(self):
        return f"{self.user}: {self.get_email_display()}"


class Delivery(models.Model):
    """One reminder to one user on one channel. Unique per (user, item, due date, rule,
    channel): a reminder recorded once is never made again, whatever reruns; an e-mail
    stays pending (sent_at empty) until the mail server takes it."""

    class Channel(models.TextChoices):
        PORTAL = "portal", "ในระบบ"
        EMAIL = "email", "อีเมล"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name="ผู้ใช้",
    )
    item_key = models.CharField(max_length=200)
    due = models.DateField("กำหนด")
    rule = models.CharField(max_length=20)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    subject = models.CharField(max_length=400)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=400, blank=True)
    day = models.DateField("วันที่เตือน")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "การส่งการเตือน"
        verbose_name_plural = "การส่งการเตือน"
        ordering = ["day", "user", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "item_key", "due", "rule", "channel"], name="delivery_once"
            )
        ]
        indexes = [models.Index(fields=["channel", "sent_at"], name="delivery_pending")]

    def __str__(self):
        return f"{self.subject} → {self.user} ({self.channel})"
