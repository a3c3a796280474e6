"""The IIT/EIT campaign of a fiscal year: who is expected to answer NACC's two
perception surveys, the links or access codes NACC gives for them, the stakeholders the
organization invites to the EIT, and the response counts read off ITAS over time.

The links and codes are private to the organization's members: anyone holding them can
answer in the organization's name.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from itaportal.editing import Versioned
from itaportal.models import Organization


class Instrument(models.TextChoices):
    IIT = "IIT", "IIT (ผู้มีส่วนได้ส่วนเสียภายใน)"
    EIT = "EIT", "EIT (ผู้มีส่วนได้ส่วนเสียภายนอก)"


class Campaign(Versioned):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="campaigns", verbose_name="หน่วยงาน"
    )
    year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    iit_target = models.PositiveIntegerField(
        "จำนวนบุคลากรที่ต้องตอบแบบวัด IIT",
        null=True,
        blank=True,
        help_text="บุคลากรของหน่วยงานที่ปฏิบัติงานมาไม่น้อยกว่า 1 ปี ตามที่ ป.ป.ช. กำหนด",
    )
    eit_target = models.PositiveIntegerField(
        "เป้าหมายจำนวนผู้ตอบแบบวัด EIT",
        null=True,
        blank=True,
        help_text="เว้นว่างเพื่อใช้จำนวนผู้มีส่วนได้ส่วนเสียในรายชื่อ",
    )
    iit_link = models.URLField("ลิงก์แบบวัด IIT", max_length=500, blank=True)
    iit_code = models.CharField("รหัสเข้าตอบแบบวัด IIT", max_length=100, blank=True)
    eit_link = models.URLField("ลิงก์แบบวัด EIT", max_length=500, blank=True)
    eit_code = models.CharField("รหัสเข้าตอบแบบวัด EIT", max_length=100, blank=True)
    itas_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ผู้ถือบัญชี ITAS ของหน่วยงาน",
    )
    itas_checked_on = models.DateField("ตรวจสอบบัญชี ITAS ล่าสุดเมื่อ", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="แก้ไขล่าสุดโดย",
        editable=False,
    )

    class Meta:
        verbose_name = "การรณรงค์ IIT/EIT"
        verbose_name_plural = "การรณรงค์ IIT/EIT"
        ordering = ["organization", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="campaign_once_per_year")
        ]

    def __str__(self):
        return f"IIT/EIT ปี {self.year} — {self.organization.short_name}"

    def target(self, instrument, stakeholder_count=None):
        """How many answers the organization aims at for `instrument`, or None."""
        if instrument == Instrument.IIT:
            return self.iit_target
        if self.eit_target is not None:
            return self.eit_target
        if stakeholder_count is None:
            stakeholder_count = self.stakeholders.count() if self.pk else 0
        return stakeholder_count or None


class Stakeholder(models.Model):
    """One outside person or body the organization invites to answer the EIT."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="stakeholders", verbose_name="การรณรงค์"
    )
    name = models.CharField("ชื่อ", max_length=200)
    group = models.CharField(
        "กลุ่ม", max_length=200, blank=True, help_text="เช่น ผู้รับบริการ ผู้ประกอบการ ผู้นำชุมชน"
    )
    phone = models.CharField("โทรศัพท์", max_length=50, blank=True)
    email = models.EmailField("อีเมล", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ผู้มีส่วนได้ส่วนเสียภายนอก"
        verbose_name_plural = "ผู้มีส่วนได้ส่วนเสียภายนอก"
        ordering = ["campaign", "group", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "name"], name="stakeholder_once_per_campaign"
            )
        ]

    def __str__(self):
        return self.name


class ResponseCount(models.Model):
    """The number of answers ITAS showed for one survey on one day, as the admin read it."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="counts", verbose_name="การรณรงค์"
    )
    instrument = models.CharField("แบบวัด", max_length=3, choices=Instrument.choices)
    counted_on = models.DateField("วันที่อ่านยอด")
    count = models.PositiveIntegerField("จำนวนผู้ตอบ", validators=[MinValueValidator(0)])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ผู้บันทึก",
    )
    recorded_at = models.DateTimeField("บันทึกเมื่อ", auto_now=True)

    class Meta:
        verbose_name = "ยอดผู้ตอบแบบวัด"
        verbose_name_plural = "ยอดผู้ตอบแบบวัด"
        ordering = ["campaign", "instrument", "counted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "instrument", "counted_on"], name="response_count_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.instrument} {self.counted_on}: {self.count}"
