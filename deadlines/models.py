"""What is due and when: NACC's milestones of each framework year, the organization's own
deadlines, the settings from which the portal derives the rest, and the secret address
of each user's calendar feed."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from assessments.models import Framework
from itaportal.models import Department, Organization
from itaportal.prepared import PreparedQuery

END_BEFORE_START = "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"


class Milestone(models.Model):
    """One step of NACC's yearly calendar, e.g. the OIT submission window."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", "ลงทะเบียนและนำเข้าข้อมูลประกอบการประเมิน"
        IIT_EIT = "iit_eit", "ช่วงตอบแบบวัด IIT/EIT"
        OIT = "oit", "ช่วงส่งคำตอบแบบวัด OIT"
        PRELIMINARY = "preliminary", "ที่ปรึกษาตรวจให้คะแนน OIT (ผลเบื้องต้น)"
        CLARIFICATION = "clarification", "ชี้แจงเพิ่มเติมแบบวัด OIT"
        CONFIRMATION = "confirmation", "ยืนยันคะแนน OIT"
        ANNOUNCEMENT = "announcement", "ประกาศผลการประเมิน"
        OTHER = "other", "อื่น ๆ"

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="milestones", verbose_name="กรอบการประเมิน"
    )
    kind = models.CharField("ขั้นตอน", max_length=20, choices=Kind.choices)
    title = models.CharField("ชื่อที่แสดง", max_length=200, blank=True, help_text="เว้นว่างใช้ชื่อขั้นตอน")
    starts_on = models.DateField("วันเริ่ม")
    ends_on = models.DateField("วันสิ้นสุด")
    provisional = models.BooleanField(
        "วันที่ประมาณการ",
        default=True,
        help_text="ติ๊กไว้จนกว่าสำนักงาน ป.ป.ช. ประกาศวันที่แน่นอน",
    )
    source = models.CharField("ที่มา", max_length=300, blank=True)

    class Meta:
        verbose_name = "ขั้นตอนในปฏิทิน ป.ป.ช."
        verbose_name_plural = "ปฏิทินการประเมินของ ป.ป.ช."
        ordering = ["framework", "starts_on", "ends_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="milestone_ends_after_start",
                violation_error_message=END_BEFORE_START,
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.framework})"

    @property
    def name(self):
        return self.title or self.get_kind_display()

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": END_BEFORE_START})


class DeadlineSettings(models.Model):
    """How the portal derives an organization's deadlines; defaults when it has none."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        related_name="deadline_settings",
        verbose_name="หน่วยงาน",
    )
    report_days_after_quarter = models.PositiveSmallIntegerField(
        "ส่งรายงานผลรายไตรมาสภายใน (วันหลังสิ้นไตรมาส)",
        default=15,
        validators=[MinValueValidator(0), MaxValueValidator(90)],
    )
    memo_ack_days = models.PositiveSmallIntegerField(
        "รับทราบบันทึกข้อความภายใน (วันนับจากวันที่ของบันทึก)",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    approval_days_before_oit_close = models.PositiveSmallIntegerField(
        "ผู้บริหารอนุมัติคำตอบ OIT ก่อนปิดระบบ (วัน)",
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = "การตั้งค่ากำหนดส่ง"
        verbose_name_plural = "การตั้งค่ากำหนดส่ง"

    def __str__(self):
        return f"กำหนดส่งของ {self.organization}"

    @classmethod
    def of(cls, organization_id):
        """The organization's settings, or the defaults (unsaved) when it set none."""
        found = _settings_of(org=organization_id)
        return found[0] if found else cls(organization_id=organization_id)

    @classmethod
    def of_ahead(cls, organization_id):
        """Say ahead (itaportal.prepared) that the page reads `of(organization_id)`."""
        _settings_of.ahead(org=organization_id)


class OrganizationDeadline(models.Model):
    """A deadline the organization sets itself, e.g. signing the committee order."""

    class Kind(models.TextChoices):
        ORDER = "order", "คำสั่งแต่งตั้งคณะทำงาน"
        APPROVAL = "approval", "ผู้บริหารอนุมัติคำตอบ OIT"
        REPORT = "report", "รายงานผลการดำเนินงาน"
        MEMO = "memo", "รับทราบบันทึกข้อความ"
        OTHER = "other", "อื่น ๆ"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="deadlines", verbose_name="หน่วยงาน"
    )
    year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    kind = models.CharField("ประเภท", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField("สิ่งที่ต้องทำ", max_length=300)
    due_on = models.DateField("กำหนดวันที่")
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name="ส่วนราชการที่รับผิดชอบ",
        help_text="เว้นว่าง: ผู้ดูแลระบบหน่วยงานรับผิดชอบ",
    )
    done = models.BooleanField("ดำเนินการแล้ว", default=False)

    class Meta:
        verbose_name = "กำหนดส่งของหน่วยงาน"
        verbose_name_plural = "กำหนดส่งของหน่วยงาน"
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.title} ({self.due_on})"


def new_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a user's iCalendar feed; revoking deletes it, so the old
    address answers 404 and a new one can be made."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name="ผู้ใช้",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ลิงก์ปฏิทินส่วนตัว"
        verbose_name_plural = "ลิงก์ปฏิทินส่วนตัว"

    def __str__(self):
        return f"ปฏิทินของ {self.user}"


# Read by every home page (the "what is due" list), compiled once per connection.
_settings_of = PreparedQuery(
    lambda org: DeadlineSettings.objects.filter(organization_id=org).order_by("pk")[:1], "org"
)
