"""An ITA framework is data: one per fiscal year, edited by the operator, never code."""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models


class FrameworkQuerySet(models.QuerySet):
    def get_by_natural_key(self, year):
        return self.get(year=year)

    def with_structure(self):
        """Everything needed to score a year, in a fixed number of queries."""
        return self.prefetch_related(
            "instruments",
            models.Prefetch("indicators", queryset=Indicator.objects.select_related("instrument")),
            "indicators__sub_indicators__items",
            "rating_bands",
        )


class Framework(models.Model):
    # Shown wherever a number or a list rests on a framework NACC has not published yet
    # (templates/assessments/_provisional.html and the public JSON).
    PROVISIONAL_NOTICE = (
        "ประมาณการตามกรอบการประเมินเบื้องต้น (ป.ป.ช. ยังไม่ประกาศคู่มือของปีนี้) ตัวเลขอาจเปลี่ยนเมื่อประกาศ"
    )

    year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", unique=True)
    name = models.CharField("ชื่อกรอบการประเมิน", max_length=200)
    pass_mark = models.DecimalField(
        "เกณฑ์ผ่าน", max_digits=5, decimal_places=2, default=Decimal("85")
    )
    provisional = models.BooleanField(
        "ข้อมูลเบื้องต้น", default=False, help_text="ยังไม่ครบหรือยังไม่ยืนยันจากประกาศของสำนักงาน ป.ป.ช."
    )
    notes = models.TextField("หมายเหตุ / ส่วนที่ยังขาด", blank=True)
    items_complete = models.BooleanField(
        "รายการข้อ OIT ครบถ้วน",
        default=True,
        help_text="ไม่ติ๊กเมื่อทราบเพียงบางข้อ: ระบบจะยังไม่คำนวณคะแนนที่แต่ละข้อมีผล "
        "และไม่คำนวณคะแนนตัวชี้วัดจากผลรายข้อ (บันทึกคะแนนรายตัวชี้วัดที่ประกาศได้ตามปกติ)",
    )

    # A new random value whenever the year's structure (the framework, its instruments,
    # indicators, sub-indicators, items or rating bands) changes: the key under which each
    # process keeps the loaded structure (assessments/structure.py). Random rather than a
    # counter, so that a rolled-back change can never leave two structures under one key.
    structure_token = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = "กรอบการประเมิน ITA"
        verbose_name_plural = "กรอบการประเมิน ITA"
        ordering = ["-year"]

    def __str__(self):
        return f"ITA {self.year}"

    def natural_key(self):
        return (self.year,)

    @property
    def provisional_notice(self):
        """The estimate notice of a provisional year, or None once NACC has published it."""
        return self.PROVISIONAL_NOTICE if self.provisional else None

    @property
    def in_use(self):
        """Whether an organization's assessment is scored on this framework."""
        return self.assessments.exists()

    def items(self):
        """The year's OIT items, in order (one query)."""
        return OITItem.objects.in_framework(self).order_by("number")


class InstrumentManager(models.Manager):
    def get_by_natural_key(self, year, code):
        return self.get(framework__year=year, code=code)


class Instrument(models.Model):
    class Code(models.TextChoices):
        IIT = "IIT", "IIT การรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน"
        EIT = "EIT", "EIT การรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก"
        OIT = "OIT", "OIT การเปิดเผยข้อมูลสาธารณะ"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="instruments")
    code = models.CharField("เครื่องมือ", max_length=3, choices=Code.choices)
    name = models.CharField("ชื่อ", max_length=200)
    weight = models.DecimalField("น้ำหนัก (ร้อยละของคะแนนรวม)", max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)

    objects = InstrumentManager()

    class Meta:
        verbose_name = "เครื่องมือการประเมิน"
        verbose_name_plural = "เครื่องมือการประเมิน"
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="instrument_unique_code")
        ]

    def __str__(self):
        return f"{self.code} ({self.framework.year})"

    @property
    def plain_name(self):
        """The name without its code in brackets, for places that show the code beside it
        ("IIT แบบวัดการรับรู้…ภายใน", not "IIT แบบวัดการรับรู้…ภายใน (IIT)")."""
        return self.name.replace(f"({self.code})", "").strip()

    def natural_key(self):
        return (self.framework.year, self.code)

    natural_key.dependencies = ["assessments.framework"]


class IndicatorManager(models.Manager):
    def get_by_natural_key(self, year, number):
        return self.get(framework__year=year, number=number)


class Indicator(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    instrument = models.ForeignKey(
        Instrument, on_delete=models.RESTRICT, related_name="indicators", verbose_name="เครื่องมือ"
    )
    number = models.PositiveSmallIntegerField("ตัวชี้วัดที่")
    name = models.CharField("ชื่อตัวชี้วัด", max_length=200)
    weight = models.DecimalField("น้ำหนัก (ร้อยละของคะแนนรวม)", max_digits=5, decimal_places=2)

    objects = IndicatorManager()

    class Meta:
        verbose_name = "ตัวชี้วัด"
        verbose_name_plural = "ตัวชี้วัด"
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="indicator_unique_number")
        ]

    def __str__(self):
        return f"ตัวชี้วัดที่ {self.number} {self.name}"

    def natural_key(self):
        return (self.framework.year, self.number)

    natural_key.dependencies = ["assessments.framework", "assessments.instrument"]

    def clean(self):
        if (
            self.instrument_id
            and self.framework_id
            and self.instrument.framework_id != self.framework_id
        ):
            raise ValidationError({"instrument": "เครื่องมือต้องอยู่ในกรอบการประเมินปีเดียวกัน"})


class OITSubIndicatorManager(models.Manager):
    def get_by_natural_key(self, year, code):
        return self.get(indicator__framework__year=year, code=code)


class OITSubIndicator(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="sub_indicators", verbose_name="ตัวชี้วัด"
    )
    code = models.CharField("รหัส", max_length=10, help_text="เช่น 9.1")
    name = models.CharField("ชื่อตัวชี้วัดย่อย", max_length=200)
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)

    objects = OITSubIndicatorManager()

    class Meta:
        verbose_name = "ตัวชี้วัดย่อย OIT"
        verbose_name_plural = "ตัวชี้วัดย่อย OIT"
        ordering = ["indicator__framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "code"], name="subindicator_unique_code")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def natural_key(self):
        return (self.indicator.framework.year, self.code)

    natural_key.dependencies = ["assessments.indicator"]


# The one spelling of the way from an OIT item to its framework (item → sub-indicator →
# indicator → framework); querysets of models that point at an item prefix it with "item__".
ITEM_FRAMEWORK = "sub_indicator__indicator__framework"
ITEM_YEAR = f"{ITEM_FRAMEWORK}__year"


class OITItemQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, code):
        return self.in_year(year).get(code=code)

    def in_year(self, year):
        """The items of fiscal `year`'s framework."""
        return self.filter(**{ITEM_YEAR: year})

    def in_framework(self, framework):
        """The items of `framework` (a Framework or its id)."""
        return self.filter(**{ITEM_FRAMEWORK: framework})

    def with_framework(self):
        """Each item with its sub-indicator, indicator and framework, in the same query."""
        return self.select_related(ITEM_FRAMEWORK)


class CurrentItemManager(models.Manager.from_queryset(OITItemQuerySet)):
    """The items a year uses: retired ones (dropped when NACC published the year, kept
    for the answers and results they carry) are left out of every list, prefetch and
    score. `OITItem.all_objects` sees them too."""

    def get_queryset(self):
        return super().get_queryset().filter(retired=False)


class OITItem(models.Model):
    class Confidence(models.TextChoices):
        """How far the item's required elements can be trusted, since NACC's manual is
        rarely reachable and the wording comes from copies other agencies published."""

        CONFIRMED = "confirmed", "✅ ยืนยันแล้ว (ตรงกันตั้งแต่ 2 แหล่งขึ้นไป หรือเป็นข้อความของ ป.ป.ช.)"
        ONE_SOURCE = "one_source", "◐ มีแหล่งเดียว"
        UNKNOWN = "unknown", "❓ ยังไม่ทราบ / อนุมาน"

    sub_indicator = models.ForeignKey(
        OITSubIndicator, on_delete=models.CASCADE, related_name="items", verbose_name="ตัวชี้วัดย่อย"
    )
    code = models.CharField("ข้อ", max_length=10, help_text="เช่น O1")
    number = models.PositiveSmallIntegerField("ลำดับข้อ", help_text="ใช้เรียงข้อ เช่น O12 → 12")
    title = models.CharField("ชื่อข้อ", max_length=300)
    group = models.CharField("หัวข้อย่อย", max_length=200, blank=True)
    required_elements = models.JSONField(
        "องค์ประกอบที่ต้องมี", default=list, blank=True, help_text="รายการข้อความ หนึ่งรายการต่อองค์ประกอบ"
    )
    evidence_period = models.CharField(
        "ช่วงเวลาของข้อมูล", max_length=300, blank=True, help_text="เช่น ข้อมูลในปีงบประมาณที่ประเมิน"
    )
    elements_confidence = models.CharField(
        "ความน่าเชื่อถือขององค์ประกอบ",
        max_length=12,
        choices=Confidence.choices,
        default=Confidence.UNKNOWN,
    )
    elements_source = models.CharField(
        "ที่มาขององค์ประกอบ",
        max_length=300,
        blank=True,
        help_text="ประเภทของแหล่ง เช่น สำเนาเกณฑ์บนเว็บไซต์ของ อปท. สองแห่ง",
    )
    retired = models.BooleanField(
        "เลิกใช้แล้ว",
        default=False,
        help_text="ไม่มีในรายการข้อที่ ป.ป.ช. ประกาศ: ไม่แสดงในรายการข้อและไม่นำไปคิดคะแนน "
        "แต่เก็บไว้พร้อมคำตอบและผลรายข้อที่ผูกอยู่",
    )

    objects = CurrentItemManager()
    all_objects = OITItemQuerySet.as_manager()

    class Meta:
        verbose_name = "ข้อ OIT"
        verbose_name_plural = "ข้อ OIT"
        ordering = ["number"]
        # A retired item keeps its code, which the published list may give to a new item.
        constraints = [
            models.UniqueConstraint(
                fields=["sub_indicator", "code"],
                condition=models.Q(retired=False),
                name="item_unique_code",
            )
        ]

    def __str__(self):
        suffix = " (เลิกใช้แล้ว)" if self.retired else ""
        return f"{self.code} {self.title}{suffix}"

    def natural_key(self):
        return (self.sub_indicator.indicator.framework.year, self.code)

    natural_key.dependencies = ["assessments.oitsubindicator"]


class RatingBand(models.Model):
    """One label of the year's rating rule, tried from the highest `order` down.

    A total reaches the band when it is at least `min_total` and, where
    `min_each_instrument` is set, every instrument's own score (as a percentage of its
    maximum) is at least that too. AA…F up to FY 2565 use `min_total` alone; the Rating
    Score from FY 2566 adds the per-instrument condition (ผ่านดีเยี่ยม, ผ่านดี).
    """

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="rating_bands")
    label = models.CharField("ระดับ", max_length=50)
    min_total = models.DecimalField("คะแนนรวมขั้นต่ำ", max_digits=5, decimal_places=2)
    min_each_instrument = models.DecimalField(
        "คะแนนขั้นต่ำของทุกเครื่องมือ", max_digits=5, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField("ลำดับ (สูงไปต่ำ)", default=0)
    color = models.CharField(
        "สี", max_length=20, default="secondary", help_text="สีป้ายระดับ (Bootstrap)"
    )

    class Meta:
        verbose_name = "ระดับผลการประเมิน"
        verbose_name_plural = "ระดับผลการประเมิน"
        ordering = ["framework", "order"]

    def __str__(self):
        return self.label

    def admits(self, total, instrument_percentages):
        if total < self.min_total:
            return False
        if self.min_each_instrument is None:
            return True
        return all(p >= self.min_each_instrument for p in instrument_percentages)
