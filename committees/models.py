"""Orders of the executive that appoint the ITA committees (คำสั่งแต่งตั้งคณะกรรมการ).

An Order holds its Committees in print order; each Committee holds its Members (a
position, optionally a named person, and a role in the committee) and its numbered Duties.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch

from itaportal import thai
from itaportal.editing import Versioned

DEFAULT_CLOSING = "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"
DEFAULT_DUTIES_HEADING = "มีหน้าที่ ดังต่อไปนี้"


class OrderQuerySet(models.QuerySet):
    def for_organization(self, organization):
        return self.filter(organization=organization)

    def for_listing(self):
        """Rows for the list page, with their committee and member counts in one query."""
        return (
            self.select_related("organization")
            .annotate(
                committee_count=Count("committees", distinct=True),
                member_count=Count("committees__members", distinct=True),
            )
            .order_by("-year", "-number")
        )

    def with_contents(self):
        """Orders with committees, members and duties, each in print order (4 queries)."""
        committees = Committee.objects.order_by("position", "pk").prefetch_related(
            Prefetch("members", queryset=Member.objects.order_by("position", "pk")),
            Prefetch("duties", queryset=Duty.objects.order_by("position", "pk")),
        )
        return self.select_related("organization", "updated_by").prefetch_related(
            Prefetch("committees", queryset=committees)
        )


class Order(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "ร่าง"
        SIGNED = "signed", "ลงนามแล้ว"

    organization = models.ForeignKey(
        "itaportal.Organization",
        on_delete=models.CASCADE,
        related_name="orders",
        verbose_name="หน่วยงาน",
    )
    # Blank while a draft waits for its number from the registry (a copied order does).
    number = models.PositiveIntegerField("เลขที่คำสั่ง", null=True, blank=True)
    year = models.PositiveSmallIntegerField("ปี พ.ศ. ของคำสั่ง", help_text="เช่น 2565")
    subject = models.TextField("เรื่อง")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณที่เกี่ยวข้อง", help_text="ปี พ.ศ. เช่น 2565")
    preamble = models.TextField(
        "ข้อความนำ (เหตุผลและอำนาจ)",
        blank=True,
        help_text="หนึ่งย่อหน้าต่อบรรทัด",
    )
    closing = models.CharField("ข้อความปิดท้าย", max_length=255, default=DEFAULT_CLOSING)
    signed_on = models.DateField("วันที่สั่ง", null=True, blank=True)
    signer_prefix = models.CharField(
        "ยศ/คำนำหน้าผู้ลงนาม", max_length=50, blank=True, help_text="เช่น ด.ต. หรือ นาย"
    )
    signer_name = models.CharField("ชื่อผู้ลงนาม", max_length=200, blank=True)
    signer_position = models.CharField("ตำแหน่งผู้ลงนาม", max_length=255, blank=True)
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
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

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = "คำสั่ง"
        verbose_name_plural = "คำสั่ง"
        ordering = ["organization", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "number"], name="order_unique_number_per_year"
            )
        ]

    def __str__(self):
        return f"คำสั่งที่ {self.number_text} {self.subject[:60]}"

    @property
    def number_text(self):
        """`98/2565`, or `…/2570` while the draft has no number yet."""
        return f"{self.number or '…'}/{self.year}"

    @property
    def number_display(self):
        """`๙๘/๒๕๖๕`, as printed after `ที่` (dots to write on while there is no number)."""
        return thai.thai_digits(f"{self.number or '.........'}/{self.year}")

    @property
    def preamble_paragraphs(self):
        return [line.strip() for line in self.preamble.splitlines() if line.strip()]

    @property
    def signed_on_display(self):
        return thai.thai_date(self.signed_on, "order") if self.signed_on else ""

    @property
    def is_signed(self):
        return self.status == self.Status.SIGNED

    @property
    def pdf_filename(self):
        return f"order-{self.number or 'draft'}-{self.year}.pdf"


class Committee(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", "คณะ (สมาชิกแต่ละคนมีบทบาท)"
        DESIGNATION = "designation", "ผู้รับผิดชอบตามตำแหน่ง (ได้แก่ …)"

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="committees", verbose_name="คำสั่ง"
    )
    position = models.PositiveSmallIntegerField("ลำดับ", default=1)
    name = models.CharField("ชื่อคณะ", max_length=255, help_text="เช่น คณะทำงานอำนวยการ")
    kind = models.CharField("ลักษณะ", max_length=20, choices=Kind.choices, default=Kind.BOARD)
    duties_heading = models.CharField(
        "ข้อความนำหน้าที่",
        max_length=255,
        blank=True,
        default=DEFAULT_DUTIES_HEADING,
        help_text="เช่น มีอำนาจหน้าที่ ดังต่อไปนี้ (เว้นว่างได้)",
    )

    class Meta:
        verbose_name = "คณะ"
        verbose_name_plural = "คณะ"
        ordering = ["order", "position", "pk"]

    def __str__(self):
        return self.name

    @property
    def intro(self):
        """The word that introduces the members: `ประกอบด้วย` or `ได้แก่`."""
        return "ได้แก่" if self.kind == self.Kind.DESIGNATION else "ประกอบด้วย"


class Member(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="members", verbose_name="คณะ"
    )
    position = models.PositiveSmallIntegerField("ลำดับ", default=1)
    position_title = models.CharField("ตำแหน่ง", max_length=255)
    person_name = models.CharField("ชื่อ-สกุล", max_length=200, blank=True)
    role = models.CharField(
        "บทบาทในคณะ", max_length=100, blank=True, help_text="เช่น หัวหน้าคณะกรรมการ"
    )

    class Meta:
        verbose_name = "สมาชิกในคณะ"
        verbose_name_plural = "สมาชิกในคณะ"
        ordering = ["committee", "position", "pk"]

    def __str__(self):
        return f"{self.position_title} ({self.role})" if self.role else self.position_title


class Duty(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="duties", verbose_name="คณะ"
    )
    position = models.PositiveSmallIntegerField("ลำดับ", default=1)
    text = models.TextField("หน้าที่")

    class Meta:
        verbose_name = "หน้าที่"
        verbose_name_plural = "หน้าที่"
        ordering = ["committee", "position", "pk"]

    def __str__(self):
        return self.text[:80]
