"""Improvement measures per assessment and indicator, their quarterly progress reports
with evidence, and the memo that circulates them to the department heads.

A measure is written in the fiscal year of its assessment (the scores of FY 2565 come out
in September 2565) and carried out in the *follow-up year* that comes after it (FY 2566):
the quarterly reports belong to the quarters of that year.
"""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property

from assessments.models import Assessment, Indicator, OITItem
from itaportal import thai
from itaportal.attachments import Attachment, random_name
from itaportal.editing import Versioned
from itaportal.models import Department, Organization


class Quarter:
    """A fiscal quarter (BE year, 1–4) with its dates; sorts and compares as a tuple."""

    def __init__(self, year, quarter):
        self.year, self.quarter = int(year), int(quarter)
        self.start, self.end = thai.quarter_range(self.year, self.quarter)

    @classmethod
    def of(cls, day):
        return cls(*thai.fiscal_quarter(day))

    @classmethod
    def parse(cls, text):
        """'2566-1' → Quarter(2566, 1); ValueError with a Thai message otherwise."""
        try:
            year, quarter = (int(part) for part in thai.arabic_digits(text).split("-"))
            return cls(year, quarter)
        except (TypeError, ValueError):
            raise ValueError("ไตรมาสไม่ถูกต้อง") from None

    def key(self):
        return (self.year, self.quarter)

    def __eq__(self, other):
        return isinstance(other, Quarter) and self.key() == other.key()

    def __lt__(self, other):
        return self.key() < other.key()

    def __le__(self, other):
        return self.key() <= other.key()

    def __hash__(self):
        return hash(self.key())

    def __str__(self):
        return f"{self.year}-{self.quarter}"

    def __repr__(self):
        return f"Quarter({self.year}, {self.quarter})"

    @property
    def name(self):
        """ไตรมาส 1 (ต.ค.–ธ.ค.) ปีงบประมาณ 2566 (documents pass it through thai_digits)"""
        return f"{thai.quarter_name(self.quarter)} ปีงบประมาณ {self.year}"

    @property
    def short_name(self):
        return f"ไตรมาส {self.quarter}/{self.year}"


# The heading of a report part that no single department writes.
WHOLE_MEASURE = "ทั้งมาตรการ"


@functools.lru_cache(maxsize=64)
def follow_up_quarters(assessment_year):
    """The four quarters of the follow-up year (kept per process: every measure card asks;
    read them, never change them)."""
    return tuple(Quarter(assessment_year + 1, q) for q in (1, 2, 3, 4))


def validate_text_list(value):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("ต้องเป็นรายการข้อความ")


class MeasureQuerySet(models.QuerySet):
    def for_assessment(self, assessment):
        return self.filter(assessment=assessment)

    def for_department(self, department):
        return self.filter(departments=department)

    def for_listing(self, evidence=True):
        """Everything a list, a document or the overdue flag reads, in a fixed number of
        queries however many measures there are (without the reports' evidence when the
        caller reads it itself)."""
        reports = MeasureReport.objects.select_related("created_by", "department")
        if evidence:
            reports = reports.prefetch_related("evidence")
        return (
            _kept_indicators(self.select_related("assessment__organization"))
            .prefetch_related(
                Prefetch("departments", queryset=Department.objects.order_by("order", "name")),
                Prefetch("reports", queryset=reports.order_by("year", "quarter", "pk")),
                Prefetch("oit_items", queryset=OITItem.objects.order_by("number")),
            )
            .order_by("indicator__instrument__order", "indicator__number", "order", "pk")
        )

    # What the panel and the cards never show: the measure's long texts and lists, and
    # its assessment's recommendations and public scores (JSON read for every row).
    NOT_ON_CARDS = (
        "weakness",
        "improvements",
        "responsible_people",
        "steps",
        "monitoring",
        "assessment__recommendations",
        "assessment__public_scores",
    )

    def for_panel(self):
        """What the home page's panel reads: status, dates, title, indicator number and
        which quarters were reported (the overdue and due-now flags); three queries."""
        return (
            _kept_indicators(self.select_related("assessment"))
            .defer(*self.NOT_ON_CARDS)
            .prefetch_related(
                Prefetch(
                    "reports",
                    queryset=MeasureReport.objects.only(
                        "id", "measure_id", "year", "quarter"
                    ).order_by("year", "quarter"),
                )
            )
            .order_by("indicator__instrument__order", "indicator__number", "order", "pk")
        )

    def for_cards(self):
        """What the measure cards of the list pages read: title, indicator, departments,
        OIT items, status and which quarters were reported (for the overdue flag). Not the
        reports' text, authors or evidence, which only the detail page and the documents
        show: at five years of history that halves the page's work."""
        return (
            _kept_indicators(self.select_related("assessment"))
            .defer(*self.NOT_ON_CARDS)
            .prefetch_related(
                Prefetch("departments", queryset=Department.objects.order_by("order", "name")),
                Prefetch(
                    "reports",
                    queryset=MeasureReport.objects.only(
                        "id", "measure_id", "year", "quarter"
                    ).order_by("year", "quarter"),
                ),
                # A card shows each item's code and title, not what it asks for.
                Prefetch(
                    "oit_items",
                    queryset=OITItem.objects.only("id", "code", "title", "number").order_by(
                        "number"
                    ),
                ),
            )
            .order_by("indicator__instrument__order", "indicator__number", "order", "pk")
        )


def _kept_indicators(queryset):
    """Measures whose indicator (with its instrument) is the year's kept structure's."""
    from assessments.structure import KeptIndicatorsIterable, with_kept

    return with_kept(queryset, KeptIndicatorsIterable, "indicator__framework")


class Measure(Versioned):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "ยังไม่เริ่มดำเนินการ"
        IN_PROGRESS = "in_progress", "อยู่ระหว่างดำเนินการ"
        DONE = "done", "ดำเนินการแล้วเสร็จ"

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="measures", verbose_name="ผลการประเมิน"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="measures", verbose_name="ตัวชี้วัด"
    )
    order = models.PositiveSmallIntegerField(
        "ลำดับในตัวชี้วัด", default=1, help_text="ใช้เรียงแถวของตัวชี้วัดเดียวกัน"
    )
    sub_topic = models.TextField(
        "หัวข้อย่อยการประเมิน", blank=True, help_text="ข้อคำถามของแบบวัดที่ได้คะแนนน้อย"
    )
    weakness = models.TextField("ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน", blank=True)
    improvements = models.JSONField(
        "ประเด็นที่จะต้องพัฒนาให้ดีขึ้น สอดคล้องกับผลการประเมิน",
        default=list,
        blank=True,
        validators=[validate_text_list],
    )
    departments = models.ManyToManyField(
        Department, related_name="measures", verbose_name="ส่วนราชการที่รับผิดชอบ", blank=True
    )
    responsible_people = models.JSONField(
        "ผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง",
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text="เช่น ผอ.ทุกกอง, นักจัดการงานทั่วไป ชก",
    )
    steps = models.JSONField(
        "ขั้นตอนหรือวิธีการปฏิบัติ", default=list, blank=True, validators=[validate_text_list]
    )
    monitoring = models.JSONField(
        "การกำกับติดตามให้นำไปสู่การปฏิบัติและการรายงานผล",
        default=list,
        blank=True,
        validators=[validate_text_list],
    )
    title = models.TextField(
        "มาตรการ", help_text="แนวทางหรือมาตรการเพื่อขับเคลื่อนฯ เช่น มาตรการเปิดเผยข้อมูลการดำเนินงาน"
    )
    oit_items = models.ManyToManyField(
        OITItem, related_name="measures", verbose_name="ข้อ OIT ที่มาตรการนี้แก้ไข", blank=True
    )
    start_date = models.DateField("วันที่เริ่ม", null=True, blank=True)
    due_date = models.DateField("กำหนดแล้วเสร็จ", null=True, blank=True)
    status = models.CharField(
        "สถานะ", max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        "ความก้าวหน้า (ร้อยละ)",
        default=0,
        validators=[
            MinValueValidator(0, "ความก้าวหน้าต้องไม่น้อยกว่า 0"),
            MaxValueValidator(100, "ความก้าวหน้าต้องไม่เกิน 100"),
        ],
    )
    completed_on = models.DateField("วันที่แล้วเสร็จ", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
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

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = "มาตรการ"
        verbose_name_plural = "มาตรการ"
        ordering = ["assessment", "indicator__number", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="measure_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(due_date__gte=models.F("start_date")),
                name="measure_due_after_start",
            ),
        ]

    def __str__(self):
        return f"ตัวชี้วัดที่ {self.indicator.number}: {self.title[:60]}"

    @property
    def organization(self) -> Organization:
        return self.assessment.organization

    @property
    def year(self):
        return self.assessment.year

    @property
    def follow_up_year(self):
        """The fiscal year in which the measure is carried out: the one after the assessment."""
        return self.assessment.year + 1

    @property
    def department_ids(self):
        return {d.pk for d in self.departments.all()}

    def parts_for(self, quarter):
        """The report parts of `quarter`: the whole measure's first, then one per
        department in Thai dictionary order of the department's name."""
        parts = [r for r in self.reports.all() if (r.year, r.quarter) == quarter.key()]
        whole = [r for r in parts if r.department_id is None]
        by_department = [r for r in parts if r.department_id is not None]
        return whole + thai.sort_thai(by_department, key=lambda r: r.department.name)

    def report_slots(self, quarter):
        """[(department or None, part or None)] of `quarter`: one per responsible
        department in Thai dictionary order of its name, each with its part if written,
        after the whole measure's part when there is one or no department is responsible."""
        parts = self.parts_for(quarter)
        whole = [p for p in parts if p.department_id is None]
        written = {p.department_id: p for p in parts if p.department_id is not None}
        departments = thai.sort_thai(self.departments.all(), key=lambda d: d.name)
        slots = [(None, p) for p in whole]
        if not departments and not whole:
            slots.append((None, None))
        slots += [(d, written.pop(d.pk, None)) for d in departments]
        # A part of a department no longer responsible is still shown: nothing written is lost.
        slots += [(p.department, p) for p in parts if p.department_id in written]
        return slots

    def is_reported(self, quarter):
        """Some part of the quarter's report is written (the overdue rule's test)."""
        return any((r.year, r.quarter) == quarter.key() for r in self.reports.all())

    def required_quarters(self, today=None):
        """The follow-up year's quarters that have fully elapsed by `today` and that the
        measure spans, i.e. the quarters a report is owed for.

        A quarter counts when it ended before `today`, did not end before the start date,
        and (for a finished measure) did not begin after the day it was finished.
        """
        today = today or timezone.localdate()
        required = []
        for quarter in follow_up_quarters(self.assessment.year):
            if quarter.end >= today:
                continue
            if self.start_date and quarter.end < self.start_date:
                continue
            if self.status == self.Status.DONE and self.completed_on:
                if quarter.start > self.completed_on:
                    continue
            required.append(quarter)
        return required

    def missing_reports(self, today=None):
        reported = {(r.year, r.quarter) for r in self.reports.all()}
        return [q for q in self.required_quarters(today) if q.key() not in reported]

    def overdue_reasons_on(self, today):
        """Why the measure is overdue on `today` (Thai sentences), or an empty list.

        Overdue means: a report is missing for a fiscal quarter of the follow-up year that
        has fully elapsed since the start date, or the due date has passed and the
        measure is not done.
        """
        reasons = [f"ยังไม่รายงานผล{q.name}" for q in self.missing_reports(today)]
        if self.due_date and self.due_date < today and self.status != self.Status.DONE:
            reasons.append(
                f"เลยกำหนดแล้วเสร็จ ({thai.thai_date(self.due_date, 'short', 'arabic')}) "
                "แต่ยังไม่แล้วเสร็จ"
            )
        return reasons

    @cached_property
    def overdue_reasons(self):
        """Today's reasons: worked out once per measure read (the list decides what is
        overdue, then its card shows why)."""
        return self.overdue_reasons_on(timezone.localdate())

    @property
    def is_overdue(self):
        return bool(self.overdue_reasons)

    def due_in_quarter(self, quarter):
        """The measure has something due in `quarter`: its due date falls there, or that
        quarter is in the follow-up year and has no report yet."""
        if self.status == self.Status.DONE:
            return False
        if self.due_date and quarter.start <= self.due_date <= quarter.end:
            return True
        if quarter.year != self.follow_up_year:
            return False
        if self.start_date and self.start_date > quarter.end:
            return False
        return not self.is_reported(quarter)

    @property
    def status_color(self):
        return {
            self.Status.NOT_STARTED: "secondary",
            self.Status.IN_PROGRESS: "primary",
            self.Status.DONE: "success",
        }[self.status]


class MeasureReport(Versioned):
    """One part of a measure's progress report for one fiscal quarter: each responsible
    department writes its own part (text, links, evidence), versioned on its own, so one
    department's save never replaces another's. A part without a department is the whole
    measure's (a measure no department is responsible for yet, or a report written before
    the parts)."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="reports", verbose_name="มาตรการ"
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measure_reports",
        verbose_name="ส่วนราชการ",
    )
    year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    quarter = models.PositiveSmallIntegerField(
        "ไตรมาส", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    text = models.TextField("ผลการดำเนินงาน")
    links = models.JSONField("ลิงก์หลักฐาน", default=list, blank=True, validators=[validate_text_list])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="ผู้รายงาน",
    )
    created_at = models.DateTimeField("รายงานเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขเมื่อ", auto_now=True)

    class Meta:
        verbose_name = "รายงานผลรายไตรมาส"
        verbose_name_plural = "รายงานผลรายไตรมาส"
        ordering = ["measure", "year", "quarter", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "quarter", "department"],
                condition=models.Q(department__isnull=False),
                name="report_unique_department_quarter",
            ),
            models.UniqueConstraint(
                fields=["measure", "year", "quarter"],
                condition=models.Q(department__isnull=True),
                name="report_unique_whole_measure_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="report_quarter_1_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.measure} — ไตรมาส {self.quarter}/{self.year} — {self.part_name}"

    @property
    def period(self):
        return Quarter(self.year, self.quarter)

    @property
    def part_name(self):
        """The heading of this part: its department's name, or the whole measure."""
        return self.department.name if self.department_id else WHOLE_MEASURE


def evidence_upload_to(evidence, filename):
    # Named by the first migration; new rows take `Attachment`'s own upload_to.
    return random_name(Evidence.upload_folder, filename)


class Evidence(Attachment):
    """One evidence file of a quarterly report; served only through an access check."""

    upload_folder = "evidence"

    report = models.ForeignKey(
        MeasureReport, on_delete=models.CASCADE, related_name="evidence", verbose_name="รายงาน"
    )

    class Meta:
        verbose_name = "หลักฐาน"
        verbose_name_plural = "หลักฐาน"
        ordering = ["report", "pk"]


class MemoQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("assessment").prefetch_related(
            Prefetch("acknowledgements", queryset=Acknowledgement.objects.order_by("at", "pk"))
        )


class Memo(Versioned):
    """A บันทึกข้อความ that circulates the year's measures to the department heads."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="memos", verbose_name="ผลการประเมิน"
    )
    number = models.CharField(
        "เลขที่",
        max_length=30,
        blank=True,
        help_text="เลขทะเบียนหนังสือส่ง ต่อท้ายรหัสหนังสือของหน่วยงาน เว้นว่างจะพิมพ์เป็น “-”",
    )
    issuing_unit = models.CharField(
        "ส่วนราชการ", max_length=300, help_text="เช่น สำนักปลัด องค์การบริหารส่วนตำบลหนองปรุง"
    )
    date = models.DateField("วันที่")
    subject = models.TextField("เรื่อง")
    addressee = models.TextField("เรียน", help_text="เช่น ผู้อำนวยการกองคลัง … และหัวหน้าสำนักปลัด")
    recipients = models.ManyToManyField(
        Department, related_name="memos", verbose_name="ส่วนราชการที่ต้องรับทราบ", blank=True
    )
    body = models.JSONField(
        "ข้อความ (ย่อหน้า)", default=list, blank=True, validators=[validate_text_list]
    )
    closing = models.CharField("ประโยคปิดท้าย", max_length=200, default="จึงเรียนมาเพื่อทราบ")
    signer_prefix = models.CharField(
        "ยศหรือคำนำหน้าหน้าลายมือชื่อ", max_length=50, blank=True, help_text="เช่น ด.ต."
    )
    signer_name = models.CharField("ชื่อผู้ลงนาม", max_length=200)
    signer_position = models.TextField("ตำแหน่งผู้ลงนาม")
    # Set when the signed paper is back: the memo then prints without "ร่าง" and is locked
    # until the executive reopens it (measures.services.memo_sign / memo_reopen).
    signed_on = models.DateField("วันที่ลงนาม", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemoQuerySet.as_manager()

    class Meta:
        verbose_name = "บันทึกข้อความ"
        verbose_name_plural = "บันทึกข้อความ"
        ordering = ["assessment", "-date", "-pk"]

    def __str__(self):
        return f"บันทึกข้อความ ที่ {self.reference} ({self.date})"

    @property
    def organization(self):
        return self.assessment.organization

    @property
    def year(self):
        return self.assessment.year

    def audit_events(self):
        """Acknowledgements, for the change-history page beside the field changes."""
        return [
            {
                "when": a.at,
                "who": a.user,
                "action": "รับทราบ",
                "comment": f"{a.name} {a.position}".strip(),
            }
            for a in self.acknowledgements.select_related("user")
        ]

    @property
    def is_signed(self):
        return self.signed_on is not None

    @property
    def reference(self):
        """ที่ …: the organization's prefix and the number, e.g. พบ ๗๕๘๐๑/-"""
        return self.reference_of(self.assessment.organization.memo_prefix, self.number)

    @staticmethod
    def reference_of(prefix, number):
        number = number or "-"
        return f"{prefix}/{number}" if prefix else number


class Acknowledgement(models.Model):
    """A department head's รับทราบ of a memo, with the name and position as printed.

    `user` is empty for an acknowledgement signed on paper and recorded by the admin.
    """

    memo = models.ForeignKey(
        Memo, on_delete=models.CASCADE, related_name="acknowledgements", verbose_name="บันทึกข้อความ"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acknowledgements",
        verbose_name="ผู้ใช้",
    )
    # The acknowledging account's own name and position when it acknowledged: nobody
    # acknowledges in a name typed for the occasion.
    name = models.CharField("ชื่อ-สกุล", max_length=200)
    position = models.TextField("ตำแหน่ง", help_text="หลายบรรทัดได้ เช่น รักษาราชการแทน …")
    # Whom a delegate signed for ("รักษาราชการแทน ผู้อำนวยการกองคลัง"), printed as such.
    acting_for = models.CharField("ลงนามแทน", max_length=200, blank=True)
    at = models.DateTimeField("รับทราบเมื่อ", default=timezone.now)

    class Meta:
        verbose_name = "การรับทราบ"
        verbose_name_plural = "การรับทราบ"
        ordering = ["memo", "at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["memo", "user"], name="acknowledgement_once_per_user")
        ]

    def __str__(self):
        return f"{self.name} รับทราบ {self.memo}"

    @property
    def position_lines(self):
        lines = [line.strip() for line in self.position.splitlines() if line.strip()]
        return lines + ([self.acting_for] if self.acting_for else [])
