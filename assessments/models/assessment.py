"""An organization's assessment of one fiscal year: the scores NACC published and the
working group's analysis of them."""

from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property

from assessments import scoring
from assessments.models.framework import Framework, Indicator, Instrument, OITItem
from itaportal.editing import Versioned
from itaportal.models import Organization

SCORE_VALIDATORS = [
    MinValueValidator(Decimal(0), "คะแนนต้องไม่น้อยกว่า 0"),
    MaxValueValidator(Decimal(100), "คะแนนต้องไม่เกิน 100"),
]


class AssessmentQuerySet(models.QuerySet):
    def for_organization(self, org):
        return self.filter(organization=org)

    def _structured(self):
        """Each assessment's framework is its year's kept structure (assessments/structure.py):
        one process-wide load per framework version instead of prefetching it per request."""
        from assessments.structure import StructuredIterable

        qs = self.select_related("framework")
        qs._iterable_class = StructuredIterable
        return qs

    def with_scores(self):
        return self._structured().prefetch_related(models.Prefetch("scores", _kept_scores()))

    def with_results(self):
        """Everything `.result` (total, level, instrument scores) needs, in a fixed number
        of queries however many assessments, years and indicators there are."""
        return (
            self._structured()
            .select_related("organization")
            .prefetch_related(models.Prefetch("scores", _kept_scores()))
        )


def _kept_scores():
    """Indicator scores whose indicator (with its instrument) is the kept structure's:
    one model object per score instead of three."""
    from assessments.structure import KeptIndicatorsIterable, with_kept

    return with_kept(IndicatorScore.objects.all(), KeptIndicatorsIterable, "indicator__framework")


class Assessment(Versioned):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="assessments", verbose_name="หน่วยงาน"
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name="กรอบการประเมิน",
    )
    year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", editable=False)
    recommendations = models.TextField("ข้อเสนอแนะจากสำนักงาน ป.ป.ช.", blank=True)
    published_on = models.DateField("วันที่ประกาศผล", null=True, blank=True)
    # What NACC announced, kept only to check the total computed from the indicator scores.
    published_total = models.DecimalField(
        "คะแนนรวมที่ ป.ป.ช. ประกาศ",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
    )
    published_level = models.CharField("ระดับที่ ป.ป.ช. ประกาศ", max_length=50, blank=True)
    # The year is on the public page and JSON only once the agency admin makes it public,
    # and then with the scores as they were at that moment (`public_scores`), never the
    # ones still being typed.
    public_on = models.DateField("วันที่เผยแพร่ต่อสาธารณะ", null=True, blank=True, editable=False)
    public_scores = models.JSONField(
        "ผลที่เผยแพร่", null=True, blank=True, editable=False, encoder=DjangoJSONEncoder
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = "ผลการประเมิน ITA"
        verbose_name_plural = "ผลการประเมิน ITA"
        ordering = ["organization", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="assessment_unique_year")
        ]

    def __str__(self):
        return f"ITA {self.year} {self.organization.short_name}"

    def save(self, *args, **kwargs):
        # The year is the framework's: kept on the row for the uniqueness rule and lookups.
        self.year = self.framework.year
        super().save(*args, **kwargs)

    @property
    def score_map(self):
        """{indicator number: score} of the scores on record (uses prefetched rows)."""
        return {s.indicator.number: s.score for s in self.scores.all()}

    @cached_property
    def result(self) -> scoring.Result:
        return scoring.compute(self.framework, self.score_map)

    @property
    def total(self):
        return self.result.total

    @property
    def level(self):
        return self.result.label

    @property
    def passed(self):
        return self.result.passed

    @property
    def published_check(self) -> scoring.PublishedCheck | None:
        """The computed result beside NACC's published one; None when none is recorded."""
        if self.published_total is None and not self.published_level:
            return None
        return scoring.PublishedCheck(
            total=self.result.total,
            level=self.result.label,
            published_total=self.published_total,
            published_level=self.published_level.strip(),
        )


class IndicatorScore(models.Model):
    class Source(models.TextChoices):
        ENTERED = "entered", "กรอกในแบบฟอร์ม"
        IMPORTED = "imported", "นำเข้าจากไฟล์"
        OIT_ITEMS = "oit_items", "คำนวณจากผลรายข้อ OIT"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, verbose_name="ตัวชี้วัด")
    score = models.DecimalField(
        "คะแนน", max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS
    )
    source = models.CharField(
        "ที่มาของคะแนน", max_length=10, choices=Source.choices, default=Source.ENTERED
    )

    class Meta:
        verbose_name = "คะแนนรายตัวชี้วัด"
        verbose_name_plural = "คะแนนรายตัวชี้วัด"
        ordering = ["assessment", "indicator__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="score_unique_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator.number}: {self.score}"


class OITItemResult(models.Model):
    """NACC's published verdict on one OIT item: met (100) or not met (0)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="item_results"
    )
    item = models.ForeignKey(OITItem, on_delete=models.PROTECT, verbose_name="ข้อ OIT")
    met = models.BooleanField("ผ่าน")
    reason = models.TextField("เหตุผลของผู้ประเมิน", blank=True)

    class Meta:
        verbose_name = "ผลการประเมินรายข้อ OIT"
        verbose_name_plural = "ผลการประเมินรายข้อ OIT"
        ordering = ["assessment", "item__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="itemresult_unique_item")
        ]

    def __str__(self):
        return f"{self.item.code}: {'ผ่าน' if self.met else 'ไม่ผ่าน'}"


class InstrumentAnalysis(models.Model):
    """The working group's analysis of one instrument, as in the seed's analysis table."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="analyses")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, verbose_name="เครื่องมือ")
    to_fix = models.TextField("ประเด็นที่ต้องแก้ไข", blank=True)
    to_improve = models.TextField("ประเด็นที่ต้องปรับปรุง", blank=True)
    to_maintain = models.TextField("ประเด็นที่ต้องรักษาระดับ", blank=True)

    class Meta:
        verbose_name = "ผลการวิเคราะห์รายเครื่องมือ"
        verbose_name_plural = "ผลการวิเคราะห์รายเครื่องมือ"
        ordering = ["assessment", "instrument__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "instrument"], name="analysis_unique_instrument"
            )
        ]

    def __str__(self):
        return f"{self.assessment} {self.instrument.code}"
