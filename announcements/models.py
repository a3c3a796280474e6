"""Announcements (ประกาศ) of the organization: the executive's integrity statement
(เจตจำนงสุจริต), the No Gift Policy, and any announcement the admin writes.

Each is printed in the official announcement layout (ระเบียบงานสารบรรณ, ประกาศ), starts
from an editable template filled with the organization's data (announcements.standard),
is a draft until marked signed, and can be attached to the OIT answer it serves.
"""

from django.conf import settings
from django.db import models

from itaportal import thai
from itaportal.editing import Versioned


class AnnouncementQuerySet(models.QuerySet):
    def for_organization(self, organization):
        return self.filter(organization=organization)


class Announcement(Versioned):
    class Kind(models.TextChoices):
        INTEGRITY = "integrity", "เจตจำนงสุจริตของผู้บริหาร"
        NO_GIFT = "no_gift", "นโยบายไม่รับของขวัญและของกำนัล (No Gift Policy)"
        GENERIC = "generic", "ประกาศทั่วไป"

    organization = models.ForeignKey(
        "itaportal.Organization",
        on_delete=models.CASCADE,
        related_name="announcements",
        verbose_name="หน่วยงาน",
    )
    kind = models.CharField("ประเภท", max_length=20, choices=Kind.choices, default=Kind.GENERIC)
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ", help_text="ปี พ.ศ. เช่น 2570")
    subject = models.TextField("เรื่อง")
    body = models.TextField("ข้อความ", help_text="หนึ่งย่อหน้าต่อบรรทัด")
    signed_on = models.DateField(
        "วันที่ประกาศ (ลงนาม)",
        null=True,
        blank=True,
        editable=False,
        help_text="ว่างไว้ขณะเป็นร่าง",
    )
    signer_prefix = models.CharField("ยศ/คำนำหน้าผู้ลงนาม", max_length=50, blank=True)
    signer_name = models.CharField("ชื่อผู้ลงนาม", max_length=200, blank=True)
    signer_position = models.CharField("ตำแหน่งผู้ลงนาม", max_length=255, blank=True)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="แก้ไขล่าสุดโดย",
    )

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = "ประกาศ"
        verbose_name_plural = "ประกาศ"
        ordering = ["organization", "-fiscal_year", "-pk"]

    def __str__(self):
        return f"ประกาศ เรื่อง {self.subject[:60]}"

    @property
    def is_signed(self):
        return self.signed_on is not None

    @property
    def paragraphs(self):
        return [line.strip() for line in self.body.splitlines() if line.strip()]

    @property
    def pdf_filename(self):
        return f"ประกาศ-{self.kind}-{self.fiscal_year}-{self.pk}.pdf"

    @property
    def signed_on_display(self):
        return thai.thai_date(self.signed_on, "order") if self.signed_on else ""
