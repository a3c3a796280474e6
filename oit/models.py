"""OIT answers: what a department prepares for one OIT item, the executive's review of
it, and every transition on record.

An answer belongs to an organization and one OIT item of a year's framework (the item
fixes the year). Its links point into the organization's own website, because that is
what NACC's assessors score; the portal only mirrors approved answers publicly.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import F
from django.urls import reverse

from assessments.models import ITEM_FRAMEWORK, ITEM_YEAR, OITItem
from itaportal.attachments import Attachment, random_name
from itaportal.editing import Versioned
from itaportal.models import Department, Organization

MAX_LINKS = 5


def site_hosts(extra=()):
    """Host names of the portal itself (SITE_URL's and any given, e.g. the request's):
    a link there is no answer, since NACC scores the organization's own website."""
    hosts = {(urlsplit(settings.SITE_URL).hostname or "").lower()}
    hosts.update(h.lower() for h in extra)
    return {h for h in hosts if h}


# An answer's year is its item's framework's year.
ANSWER_YEAR = f"item__{ITEM_YEAR}"


# The rows a listed answer comes with unless a page asks for fewer (`for_listing`).
LISTED_WITH = ("organization", "department", "updated_by")


class OITAnswerQuerySet(models.QuerySet):
    def in_year(self, year):
        """The answers to the items of fiscal `year`, every organization's."""
        return self.filter(**{ANSWER_YEAR: year})

    def for_year(self, organization, year):
        return self.filter(organization=organization).in_year(year)

    def with_year(self):
        """Each answer's fiscal year as the field-like `year`, for values(), order_by() and
        `answer.year` without loading the item's framework."""
        return self.annotate(year=F(ANSWER_YEAR))

    def for_listing(self, related=LISTED_WITH):
        """What a list of answers shows: item, its place in the framework, the department
        (and, unless `related` leaves them out, the organization and the last editor)."""
        from assessments.structure import KeptItemsIterable, with_kept

        # The item and its place come from the year's kept structure (one per process).
        qs = self.select_related(*related).order_by("item__number", "item__code")
        return with_kept(qs, KeptItemsIterable, f"item__{ITEM_FRAMEWORK}")

    def for_review(self, related=LISTED_WITH):
        """The queue's rows: the listing plus their attachments and their links' latest
        checks, in a fixed number of queries."""
        return self.for_listing(related).prefetch_related("attachments", "checked_links")

    def current(self):
        """Answers to items the year still uses: an item NACC dropped when it published
        the year is retired, and its answers are kept but no longer count."""
        return self.filter(item__retired=False)

    def approved(self):
        return self.filter(status=OITAnswer.Status.APPROVED)

    def submitted(self):
        return self.filter(status=OITAnswer.Status.SUBMITTED)

    def returned(self):
        return self.filter(status=OITAnswer.Status.RETURNED)


class OITAnswer(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "ร่าง"
        SUBMITTED = "submitted", "รออนุมัติ"
        APPROVED = "approved", "อนุมัติแล้ว"
        RETURNED = "returned", "ส่งกลับให้แก้ไข"

    # Drafts and returned answers are worked on; submitted ones wait for the executive,
    # approved ones are locked until the executive reopens them.
    EDITABLE = (Status.DRAFT, Status.RETURNED)
    STATUS_COLORS = {
        Status.DRAFT: "secondary",
        Status.SUBMITTED: "warning",
        Status.APPROVED: "success",
        Status.RETURNED: "danger",
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="oit_answers", verbose_name="หน่วยงาน"
    )
    item = models.ForeignKey(
        OITItem, on_delete=models.PROTECT, related_name="answers", verbose_name="ข้อ OIT"
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="oit_answers",
        verbose_name="ส่วนราชการที่รับผิดชอบ",
    )
    status = models.CharField(
        "สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    links = models.JSONField(
        "ลิงก์คำตอบ",
        default=list,
        blank=True,
        help_text='รายการ {"url": ..., "label": ...} ไม่เกิน 5 ลิงก์',
    )
    where_to_find = models.TextField(
        "ตำแหน่งบนเว็บไซต์", blank=True, help_text="เช่น หน้าหลัก › ข้อมูลหน่วยงาน › โครงสร้าง"
    )
    explanation = models.TextField("คำอธิบายเพิ่มเติม", blank=True)
    element_evidence = models.JSONField(
        "องค์ประกอบที่ตรวจแล้ว",
        default=dict,
        blank=True,
        help_text='{"ลำดับองค์ประกอบ": "link:1" หรือ "file:<id>"}',
    )
    needs_new_evidence = models.BooleanField(
        "ต้องใช้หลักฐานของปีใหม่",
        default=False,
        help_text="คัดลอกมาจากปีก่อน และยังมีลิงก์หรือไฟล์ที่ยังไม่ได้เปลี่ยนหรือยืนยันว่าเป็นของปีที่ประเมิน",
    )
    carried_evidence = models.JSONField(
        "หลักฐานที่คัดลอกมาจากปีก่อน",
        default=dict,
        blank=True,
        help_text='{"links": [url, ...], "files": [id ไฟล์แนบ, ...]} ตอนคัดลอก',
    )
    renewed_evidence = models.JSONField(
        "หลักฐานที่ยืนยันว่าเป็นของปีที่ประเมินแล้ว",
        default=list,
        blank=True,
        help_text='["link:<url>", "file:<id>"] ที่ผู้รับผิดชอบยืนยันทีละรายการ',
    )
    exception_reasons = models.JSONField(
        "เหตุผลของข้อยกเว้น",
        default=dict,
        blank=True,
        help_text="{รหัสข้อยกเว้น: เหตุผลที่ผู้ส่งเขียน} เช่น ลิงก์นอกเว็บไซต์หลัก องค์ประกอบที่ยังไม่มีหลักฐาน",
    )
    review_comment = models.TextField("ความเห็นล่าสุดของผู้บริหาร", blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name="คัดลอกจาก",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="แก้ไขล่าสุดโดย",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)
    approved_at = models.DateTimeField("อนุมัติเมื่อ", null=True, blank=True)

    objects = OITAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = "คำตอบ OIT"
        verbose_name_plural = "คำตอบ OIT"
        ordering = ["organization", "item__number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "item"], name="oitanswer_unique_item")
        ]

    def __str__(self):
        return f"{self.item.code} {self.organization.short_name}"

    def get_absolute_url(self):
        return reverse("oit:answer", args=[self.year, self.item.code])

    def audit_events(self):
        """The review steps, for the change-history page beside the field changes."""
        return [
            {"when": e.at, "who": e.actor, "action": e.get_action_display(), "comment": e.comment}
            for e in self.events.select_related("actor")
        ]

    # (item id, year) from OITAnswerQuerySet.with_year(); the item id keeps it honest
    # when the answer is pointed at another item afterwards.
    _annotated_year = (None, None)

    @property
    def year(self):
        """The fiscal year of the answer's item: no query when the queryset was
        `with_year()` or `for_listing()`."""
        item_id, year = self._annotated_year
        if year is not None and item_id == self.item_id:
            return year
        return self.item.sub_indicator.indicator.framework.year

    @year.setter
    def year(self, value):
        # Where the `with_year()` annotation arrives.
        self._annotated_year = (self.item_id, value)

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def is_locked(self):
        return self.status == self.Status.APPROVED

    @property
    def status_color(self):
        return self.STATUS_COLORS.get(self.status, "secondary")

    @property
    def has_content(self):
        return bool(self.links or self.where_to_find.strip() or self.explanation.strip())

    def elements(self, attachments=None):
        """The item's required elements as dicts: index, text, and the evidence ticked."""
        files = {a.pk: a for a in (attachments if attachments is not None else [])}
        rows = []
        for index, text in enumerate(self.item.required_elements or [], start=1):
            ref = self.element_evidence.get(str(index), "")
            rows.append(
                {
                    "index": index,
                    "text": text,
                    "ref": ref,
                    "evidence": self.describe_ref(ref, files),
                    "ticked": bool(ref),
                }
            )
        return rows

    def describe_ref(self, ref, files):
        kind, _, key = ref.partition(":")
        if kind == "link" and key.isdigit() and 1 <= int(key) <= len(self.links):
            link = self.links[int(key) - 1]
            return f"ลิงก์ {key}: {link.get('label') or link.get('url')}"
        if kind == "file" and key.isdigit() and int(key) in files:
            return f"ไฟล์: {files[int(key)].original_name}"
        return ""

    @property
    def elements_required(self):
        """Whether ticking every element is a rule: only where the element list comes
        from the criteria's own text (one source or more); a list inferred from what
        some agency published stays guidance."""
        return self.item.elements_confidence != OITItem.Confidence.UNKNOWN

    @property
    def unticked_elements(self):
        return [
            text
            for index, text in enumerate(self.item.required_elements or [], start=1)
            if not self.element_evidence.get(str(index))
        ]

    def unrenewed_evidence(self, attachments=None):
        """What a copy carried over from last year and nobody has yet replaced or
        confirmed for this year: [{"key", "kind", "label"}]. A carried link counts as
        replaced once its URL is gone from the answer, a file once it is removed."""
        carried = self.carried_evidence or {}
        confirmed = set(self.renewed_evidence or [])
        urls = {link.get("url"): link for link in self.links}
        files = {a.pk: a for a in (attachments if attachments is not None else self._attachments())}
        rows = []
        for url in carried.get("links", []):
            key = f"link:{url}"
            if url in urls and key not in confirmed:
                rows.append({"key": key, "kind": "link", "label": urls[url].get("label") or url})
        for pk in carried.get("files", []):
            key = f"file:{pk}"
            if pk in files and key not in confirmed:
                rows.append({"key": key, "kind": "file", "label": files[pk].original_name})
        return rows

    def carried_choices(self, attachments=None):
        """Every carried link or file still in the answer, confirmed or not, as
        (key, label): what the form offers to confirm one by one."""
        carried = self.carried_evidence or {}
        urls = {link.get("url"): link for link in self.links}
        files = {a.pk: a for a in (attachments if attachments is not None else self._attachments())}
        choices = [
            (f"link:{url}", f"ลิงก์: {urls[url].get('label') or url} ({url})")
            for url in carried.get("links", [])
            if url in urls
        ]
        choices += [
            (f"file:{pk}", f"ไฟล์: {files[pk].original_name}")
            for pk in carried.get("files", [])
            if pk in files
        ]
        return choices

    def _attachments(self):
        return list(self.attachments.all()) if self.pk else []

    def exceptions(self, portal_hosts=(), attachments=None):
        """What keeps this answer from being submitted as it is, each with the reason
        the submitter wrote (or ""): [{"key", "kind", "text", "reason"}].

        Kinds: "element" (a required element without evidence, where the element
        list is known from the criteria: `elements_required`), "portal" (a link to the
        portal itself), "off_domain" (a link outside the organization's own website,
        when its domains are known), "renewal" (a link or file carried from last year
        that was neither replaced nor confirmed for this year).
        """
        hosts = site_hosts(portal_hosts)
        reasons = self.exception_reasons or {}
        found = []

        def add(key, kind, text):
            found.append({"key": key, "kind": kind, "text": text, "reason": reasons.get(key, "")})

        for row in self.elements(attachments if attachments is not None else []):
            if not row["ticked"] and self.elements_required:
                add(
                    f"element:{row['index']}",
                    "element",
                    f"องค์ประกอบที่ {row['index']} ยังไม่มีหลักฐาน: {row['text']}",
                )
        domains = self.organization.domains
        for position, link in enumerate(self.links, start=1):
            url = link.get("url", "")
            host = (urlsplit(url).hostname or "").lower()
            if host and host in hosts:
                add(
                    f"link:{url}",
                    "portal",
                    f"ลิงก์ที่ {position} ชี้มาที่ ITA Portal ไม่ใช่เว็บไซต์ของหน่วยงาน: {url}",
                )
            elif domains and not self.organization.is_own_domain(url):
                add(
                    f"link:{url}",
                    "off_domain",
                    f"ลิงก์ที่ {position} อยู่นอกเว็บไซต์หลักของหน่วยงาน ({', '.join(domains)}): {url}",
                )
        for row in self.unrenewed_evidence(attachments):
            what = "ลิงก์" if row["kind"] == "link" else "ไฟล์"
            add(
                f"renew:{row['key']}",
                "renewal",
                f"{what}ที่คัดลอกมาจากปีก่อนยังไม่ได้เปลี่ยนหรือยืนยันว่าเป็นข้อมูลปี {self.year}: {row['label']}",
            )
        return found

    def link_checks(self, portal_hosts=()):
        """Each link with the warning an assessor's rule implies.

        level "danger": the link points at the portal itself (NACC scores the
        organization's own website, never this mirror); "warning": another host than the
        organization's domains; "" when the link is on the organization's website.
        """
        domains = self.organization.domains
        checked = []
        for position, link in enumerate(self.links, start=1):
            url = link.get("url", "")
            host = (urlsplit(url).hostname or "").lower()
            level, message = "", ""
            if host and host in portal_hosts:
                level = "danger"
                message = (
                    "ลิงก์นี้ชี้มาที่ ITA Portal ไม่ใช่เว็บไซต์ของหน่วยงาน "
                    "ผู้ประเมินให้คะแนนเฉพาะข้อมูลบนเว็บไซต์หลักของหน่วยงานเท่านั้น"
                )
            elif not domains:
                level = "warning"
                message = "หน่วยงานยังไม่ได้กำหนดโดเมนเว็บไซต์ จึงตรวจไม่ได้ว่าลิงก์อยู่บนเว็บไซต์หลักหรือไม่"
            elif not self.organization.is_own_domain(url):
                level = "warning"
                message = (
                    f"ลิงก์นี้อยู่นอกเว็บไซต์หลักของหน่วยงาน ({', '.join(domains)}) "
                    "ผู้ประเมินอาจไม่นับข้อมูลที่อยู่นอกเว็บไซต์หลัก"
                )
            checked.append(
                {
                    "position": position,
                    "url": url,
                    "label": link.get("label", ""),
                    "level": level,
                    "message": message,
                }
            )
        return checked


def attachment_upload_to(instance, filename):
    # Named by the first migrations; new rows take `Attachment`'s own upload_to.
    return random_name(OITAnswerAttachment.upload_folder, filename)


class OITAnswerAttachmentQuerySet(models.QuerySet):
    def in_year(self, year):
        """The attachments of answers to the items of fiscal `year`."""
        return self.filter(**{f"answer__{ANSWER_YEAR}": year})


class OITAnswerAttachment(Attachment):
    upload_folder = "oit-answers"

    answer = models.ForeignKey(
        OITAnswer, on_delete=models.CASCADE, related_name="attachments", verbose_name="คำตอบ"
    )

    objects = OITAnswerAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "ไฟล์แนบคำตอบ OIT"
        verbose_name_plural = "ไฟล์แนบคำตอบ OIT"
        ordering = ["answer", "pk"]

    def get_absolute_url(self):
        return reverse("oit:attachment", args=[self.answer.year, self.pk])


class ReviewAction(models.TextChoices):
    ASSIGN = "assign", "มอบหมายส่วนราชการ"
    EDIT = "edit", "แก้ไข"
    SUBMIT = "submit", "ส่งให้ผู้บริหารพิจารณา"
    APPROVE = "approve", "อนุมัติ"
    RETURN = "return", "ส่งกลับให้แก้ไข"
    REOPEN = "reopen", "เปิดให้แก้ไขอีกครั้ง"
    COPY = "copy", "คัดลอกจากปีก่อน"
    WITHDRAW = "withdraw", "ถอนกลับมาแก้ไขก่อนผู้บริหารพิจารณา"


class ReviewEvent(models.Model):
    """One step of a record that staff prepare and the executive reviews (an answer, a
    clarification): who did what, when, from which status to which, why."""

    action = models.CharField("การดำเนินการ", max_length=10, choices=ReviewAction.choices)
    from_status = models.CharField(
        "สถานะเดิม", max_length=10, choices=OITAnswer.Status.choices, blank=True
    )
    to_status = models.CharField("สถานะใหม่", max_length=10, choices=OITAnswer.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="ผู้ดำเนินการ",
    )
    at = models.DateTimeField("เมื่อ", auto_now_add=True)
    comment = models.TextField("ความเห็น / เหตุผล", blank=True)

    class Meta:
        abstract = True


class AnswerEvent(ReviewEvent):
    """One step in an answer's life."""

    Action = ReviewAction

    answer = models.ForeignKey(
        OITAnswer, on_delete=models.CASCADE, related_name="events", verbose_name="คำตอบ"
    )

    class Meta:
        verbose_name = "ประวัติคำตอบ OIT"
        verbose_name_plural = "ประวัติคำตอบ OIT"
        ordering = ["answer", "at", "pk"]

    def __str__(self):
        return f"{self.answer} {self.get_action_display()}"


class ItemVerdict(Versioned):
    """NACC's verdict on one OIT item of an organization: the preliminary one the
    assessors give first (met or not, with their comment) and, after the organization's
    clarification, the final one. The final verdicts become the assessment's item
    results."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="oit_verdicts", verbose_name="หน่วยงาน"
    )
    item = models.ForeignKey(
        OITItem, on_delete=models.PROTECT, related_name="verdicts", verbose_name="ข้อ OIT"
    )
    preliminary_met = models.BooleanField("ผลเบื้องต้น: ผ่าน")
    preliminary_comment = models.TextField("ความเห็นของผู้ประเมิน (เบื้องต้น)", blank=True)
    final_met = models.BooleanField("ผลสุดท้าย: ผ่าน", null=True, blank=True)
    final_comment = models.TextField("ความเห็นของผู้ประเมิน (ผลสุดท้าย)", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="บันทึกโดย",
    )
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)

    class Meta:
        verbose_name = "ผลการตรวจข้อ OIT ของผู้ประเมิน"
        verbose_name_plural = "ผลการตรวจข้อ OIT ของผู้ประเมิน"
        ordering = ["organization", "item__number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "item"], name="verdict_unique_item")
        ]

    def __str__(self):
        return f"{self.item.code} {'ผ่าน' if self.preliminary_met else 'ไม่ผ่าน'}"

    @property
    def result_met(self):
        """What becomes the item result: the final verdict, or a preliminary pass (an item
        that passed is not clarified); None while a failed item waits for the final one."""
        if self.final_met is not None:
            return self.final_met
        return True if self.preliminary_met else None


class Clarification(Versioned):
    """The organization's clarification (คำชี้แจง) of one item that failed NACC's
    preliminary verdict: text, new or corrected links and files, prepared by the item's
    department and approved by the executive like an answer."""

    Status = OITAnswer.Status
    EDITABLE = OITAnswer.EDITABLE

    verdict = models.OneToOneField(
        ItemVerdict, on_delete=models.CASCADE, related_name="clarification", verbose_name="ผลเบื้องต้น"
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ส่วนราชการที่รับผิดชอบ",
    )
    status = models.CharField(
        "สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    text = models.TextField("คำชี้แจง", blank=True)
    links = models.JSONField("ลิงก์ใหม่หรือที่แก้ไข", default=list, blank=True)
    review_comment = models.TextField("ความเห็นล่าสุดของผู้บริหาร", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="แก้ไขล่าสุดโดย",
    )
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)
    approved_at = models.DateTimeField("อนุมัติเมื่อ", null=True, blank=True)

    class Meta:
        verbose_name = "คำชี้แจงข้อ OIT"
        verbose_name_plural = "คำชี้แจงข้อ OIT"
        ordering = ["verdict__item__number"]

    def __str__(self):
        return f"คำชี้แจง {self.verdict.item.code}"

    @property
    def item(self):
        return self.verdict.item

    @property
    def organization(self):
        return self.verdict.organization

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def status_color(self):
        return OITAnswer.STATUS_COLORS.get(self.status, "secondary")


class ClarificationAttachment(Attachment):
    upload_folder = "oit-clarifications"

    clarification = models.ForeignKey(
        Clarification, on_delete=models.CASCADE, related_name="attachments", verbose_name="คำชี้แจง"
    )

    class Meta:
        verbose_name = "ไฟล์แนบคำชี้แจง"
        verbose_name_plural = "ไฟล์แนบคำชี้แจง"
        ordering = ["clarification", "pk"]


class ClarificationEvent(ReviewEvent):
    """One step of a clarification."""

    Action = ReviewAction

    clarification = models.ForeignKey(
        Clarification, on_delete=models.CASCADE, related_name="events", verbose_name="คำชี้แจง"
    )

    class Meta:
        verbose_name = "ประวัติคำชี้แจง"
        verbose_name_plural = "ประวัติคำชี้แจง"
        ordering = ["clarification", "at", "pk"]

    def __str__(self):
        return f"{self.clarification} {self.get_action_display()}"


# -- link checks and the submission snapshot ---------------------------------------------

LINK_VERDICTS = [
    ("ok", "ใช้ได้"),
    ("broken", "เสีย"),
    ("refused", "ที่อยู่ภายในเครือข่าย"),
    ("soft_404", "หน้า “ไม่พบ” ที่ตอบ 200"),
    ("homepage", "ชี้ไปหน้าแรก"),
    ("off_domain", "ออกนอกเว็บไซต์หน่วยงาน"),
    ("login", "ต้องเข้าสู่ระบบ"),
    ("wrong_type", "ชนิดไฟล์ไม่ตรง"),
    ("period_missing", "ไม่พบปีของข้อมูล"),
    ("too_large", "ใหญ่เกินกว่าจะตรวจ"),
    ("unreadable", "อ่านเนื้อหาไม่ได้"),
]


class LinkCheck(models.Model):
    """The latest check of one link of one answer (itaportal.linkcheck.check)."""

    answer = models.ForeignKey(
        OITAnswer, on_delete=models.CASCADE, related_name="checked_links", verbose_name="คำตอบ"
    )
    url = models.URLField("ลิงก์", max_length=2000)
    status = models.PositiveSmallIntegerField("รหัสตอบกลับ HTTP", null=True, blank=True)
    final_url = models.URLField("ปลายทางหลังเปลี่ยนเส้นทาง", max_length=2000, blank=True)
    content_type = models.CharField("ชนิดเนื้อหา", max_length=200, blank=True)
    size = models.PositiveBigIntegerField("ขนาด (ไบต์)", null=True, blank=True)
    title = models.CharField("ชื่อหน้า", max_length=500, blank=True)
    verdict = models.CharField("ผลตรวจ", max_length=20, choices=LINK_VERDICTS)
    message = models.TextField("คำอธิบายผลตรวจ")
    checked_at = models.DateTimeField("ตรวจเมื่อ")

    class Meta:
        verbose_name = "ผลตรวจลิงก์"
        verbose_name_plural = "ผลตรวจลิงก์"
        ordering = ["answer", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "url"], name="linkcheck_unique_answer_url")
        ]

    def __str__(self):
        return f"{self.url} {self.verdict}"

    @property
    def level(self):
        from itaportal.linkcheck import VERDICTS

        return VERDICTS.get(self.verdict, ("secondary", ""))[0]

    @property
    def is_ok(self):
        return self.verdict == "ok"


class LinkCheckRun(models.Model):
    """One "check every link now" of an organization's year, for its progress bar."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="หน่วยงาน"
    )
    year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="สั่งตรวจโดย",
    )
    total = models.PositiveIntegerField("จำนวนลิงก์", default=0)
    done = models.PositiveIntegerField("ตรวจแล้ว", default=0)
    created_at = models.DateTimeField("สั่งเมื่อ", auto_now_add=True)
    finished_at = models.DateTimeField("เสร็จเมื่อ", null=True, blank=True)

    class Meta:
        verbose_name = "รอบการตรวจลิงก์"
        verbose_name_plural = "รอบการตรวจลิงก์"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organization.short_name} {self.year} {self.done}/{self.total}"

    @property
    def percent(self):
        return (
            round(100 * self.done / self.total) if self.total else (100 if self.finished_at else 0)
        )

    @property
    def running(self):
        return self.finished_at is None


def snapshot_upload_to(instance, filename):
    return random_name("oit-snapshots", filename)


class SubmissionSnapshot(models.Model):
    """What the organization entered into NACC's ITAS on one day: its approved answers
    frozen, and a copy of what each link showed, kept as evidence. During NACC's review
    period the nightly check compares each link with its copy."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="หน่วยงาน"
    )
    year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    submitted_on = models.DateField("วันที่กรอกคำตอบในระบบ ITAS")
    review_starts = models.DateField("ป.ป.ช. เริ่มตรวจ", null=True, blank=True)
    review_ends = models.DateField("ป.ป.ช. ตรวจถึง", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="บันทึกโดย",
    )
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)
    fetched_at = models.DateTimeField("เก็บสำเนาลิงก์เสร็จเมื่อ", null=True, blank=True)
    compared_at = models.DateTimeField("เทียบกับสำเนาล่าสุดเมื่อ", null=True, blank=True)

    class Meta:
        verbose_name = "สแนปช็อตคำตอบที่ส่ง ITAS"
        verbose_name_plural = "สแนปช็อตคำตอบที่ส่ง ITAS"
        ordering = ["organization", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="snapshot_unique_year")
        ]

    def __str__(self):
        return f"{self.organization.short_name} {self.year} ({self.submitted_on})"

    def in_review(self, day):
        """Whether `day` falls in NACC's review period (open-ended when only a start is set)."""
        if self.review_starts is None or day < self.review_starts:
            return False
        return self.review_ends is None or day <= self.review_ends


class SnapshotAnswer(models.Model):
    """One approved answer as it was on the submission day."""

    snapshot = models.ForeignKey(
        SubmissionSnapshot, on_delete=models.CASCADE, related_name="answers"
    )
    answer = models.ForeignKey(
        OITAnswer, on_delete=models.CASCADE, related_name="snapshots", verbose_name="คำตอบ"
    )
    item_code = models.CharField("ข้อ", max_length=10)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ส่วนราชการที่รับผิดชอบ",
    )
    links = models.JSONField("ลิงก์คำตอบ", default=list)
    where_to_find = models.TextField("ตำแหน่งบนเว็บไซต์", blank=True)
    explanation = models.TextField("คำอธิบายเพิ่มเติม", blank=True)
    approved_at = models.DateTimeField("อนุมัติเมื่อ", null=True, blank=True)

    class Meta:
        ordering = ["snapshot", "answer__item__number"]

    def __str__(self):
        return f"{self.item_code} ({self.snapshot})"


class SnapshotLink(models.Model):
    """A kept copy of one link on the submission day, and how it compares now."""

    class Change(models.TextChoices):
        SAME = "", "ไม่เปลี่ยน"
        CHANGED = "changed", "เนื้อหาเปลี่ยน"
        BROKEN = "broken", "ลิงก์เสีย"
        GONE = "gone", "หน้าหายไป"

    snapshot_answer = models.ForeignKey(
        SnapshotAnswer, on_delete=models.CASCADE, related_name="kept_links"
    )
    position = models.PositiveSmallIntegerField("ลำดับลิงก์")
    url = models.URLField("ลิงก์", max_length=2000)
    status = models.PositiveSmallIntegerField("รหัสตอบกลับ HTTP", null=True, blank=True)
    final_url = models.URLField("ปลายทาง", max_length=2000, blank=True)
    content_type = models.CharField("ชนิดเนื้อหา", max_length=200, blank=True)
    size = models.PositiveBigIntegerField("ขนาด (ไบต์)", null=True, blank=True)
    verdict = models.CharField("ผลตรวจ", max_length=20, choices=LINK_VERDICTS, blank=True)
    content_hash = models.CharField("ค่าแฮช SHA-256 ของเนื้อหา", max_length=64, blank=True)
    copy = models.FileField("สำเนาที่เก็บไว้", upload_to=snapshot_upload_to, blank=True)
    fetched_at = models.DateTimeField("เก็บสำเนาเมื่อ", null=True, blank=True)
    change = models.CharField(
        "เทียบกับสำเนา", max_length=10, choices=Change.choices, default=Change.SAME, blank=True
    )
    change_message = models.TextField("รายละเอียดการเปลี่ยนแปลง", blank=True)
    changed_at = models.DateTimeField("พบการเปลี่ยนแปลงเมื่อ", null=True, blank=True)

    class Meta:
        ordering = ["snapshot_answer", "position"]

    def __str__(self):
        return self.url
