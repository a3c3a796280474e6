"""Forms of the measures app: they check the shape of what is typed (lists, dates in the
Christian calendar, 0–100); the rules (dates in order, which quarter may be reported,
what a status implies) are the services'. Lists (what to improve, steps, …) are edited as
lists: one item per line in a textarea, which static/js/measures.js turns into an
add/remove/reorder editor when JavaScript runs."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.models import Indicator, OITItem
from assessments.structure import structure_of
from itaportal import thai
from itaportal.forms import ShapeModelForm, ThaiDateField, ThaiIntegerField, VersionField
from itaportal.models import Department
from itaportal.once import OnceField
from itaportal.uploads import DocumentsField, validate_web_link
from measures.models import Measure, Memo, Quarter

ITEM_MAX_LENGTH = 2000
LIST_MAX_ITEMS = 30
# "1. ", "๑) ", "- ", "• " typed or pasted in front of an item: the documents number items.
_LEADING_NUMBER = re.compile(r"^\s*(?:[0-9๐-๙]+\s*[.)]|[-•*])\s*")


class ListTextarea(forms.Textarea):
    """A textarea holding one item per line; measures.js upgrades it to a list editor."""

    def __init__(self, attrs=None, item_label="รายการ"):
        base = {"rows": 4, "data-list-editor": "1", "data-item-label": item_label}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return super().format_value(value)


class TextListField(forms.Field):
    """A list of short texts, each validated; blank lines are dropped."""

    widget = ListTextarea

    def __init__(self, *, item_validators=(), strip_numbers=True, max_items=LIST_MAX_ITEMS, **kw):
        kw.setdefault("required", False)
        super().__init__(**kw)
        self.item_validators = list(item_validators)
        self.strip_numbers = strip_numbers
        self.max_items = max_items

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if isinstance(value, list | tuple):
            lines = list(value)
        else:
            lines = str(value).splitlines()
        items = []
        for line in lines:
            item = " ".join(str(line).split())
            if self.strip_numbers:
                item = _LEADING_NUMBER.sub("", item)
            if item:
                items.append(item)
        return items

    def validate(self, value):
        if self.required and not value:
            raise ValidationError("กรุณากรอกอย่างน้อยหนึ่งรายการ", code="required")
        if len(value) > self.max_items:
            raise ValidationError(f"ใส่ได้ไม่เกิน {self.max_items} รายการ")
        errors = []
        for number, item in enumerate(value, start=1):
            if len(item) > ITEM_MAX_LENGTH:
                errors.append(ValidationError(f"รายการที่ {number} ยาวเกิน {ITEM_MAX_LENGTH} ตัวอักษร"))
            for validator in self.item_validators:
                try:
                    validator(item)
                except ValidationError as exc:
                    errors.append(ValidationError(f"รายการที่ {number}: {' '.join(exc.messages)}"))
        if errors:
            raise ValidationError(errors)


class ProgressField(ThaiIntegerField):
    def __init__(self, **kw):
        super().__init__(
            label="ความก้าวหน้า (ร้อยละ)",
            min_value=0,
            max_value=100,
            help_text="0 ถึง 100 พิมพ์เลขไทยได้ เช่น ๗๕ (สถานะ “ดำเนินการแล้วเสร็จ” ต้องคู่กับความก้าวหน้า 100)",
            **kw,
        )
        self.error_messages["max_value"] = "ความก้าวหน้าต้องไม่เกิน 100"
        self.error_messages["min_value"] = "ความก้าวหน้าต้องไม่น้อยกว่า 0"


def check_done_progress(form):
    """A finished measure is at 100 %: a lower progress typed beside the status
    "ดำเนินการแล้วเสร็จ" is refused next to the field rather than silently raised."""
    status, progress = form.cleaned_data.get("status"), form.cleaned_data.get("progress")
    if status == Measure.Status.DONE and progress is not None and progress < 100:
        form.add_error(
            "progress",
            f"สถานะ “ดำเนินการแล้วเสร็จ” หมายถึงความก้าวหน้า 100 แต่ช่องนี้เป็น {progress} "
            "ถ้างานเสร็จแล้วให้แก้เป็น 100 ถ้ายังไม่เสร็จให้เลือกสถานะ “อยู่ระหว่างดำเนินการ”",
        )


class MeasureForm(ShapeModelForm):
    once = OnceField()
    improvements = TextListField(label=Measure._meta.get_field("improvements").verbose_name)
    responsible_people = TextListField(
        label=Measure._meta.get_field("responsible_people").verbose_name,
        help_text="หนึ่งบรรทัดต่อหนึ่งรายการ เช่น ผอ.ทุกกอง",
    )
    steps = TextListField(label=Measure._meta.get_field("steps").verbose_name)
    monitoring = TextListField(label=Measure._meta.get_field("monitoring").verbose_name)
    progress = ProgressField()
    version = VersionField()

    class Meta:
        model = Measure
        fields = [
            "indicator",
            "order",
            "sub_topic",
            "weakness",
            "improvements",
            "departments",
            "responsible_people",
            "steps",
            "monitoring",
            "title",
            "oit_items",
            "start_date",
            "due_date",
            "status",
            "progress",
        ]
        field_classes = {"start_date": ThaiDateField, "due_date": ThaiDateField}
        widgets = {
            "sub_topic": forms.Textarea(attrs={"rows": 3}),
            "weakness": forms.Textarea(attrs={"rows": 3}),
            "title": forms.Textarea(attrs={"rows": 2}),
            "departments": forms.CheckboxSelectMultiple,
            # Shown as checkboxes grouped by sub-indicator (templates/measures/_oit_picker.html).
            "oit_items": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "indicator": {"invalid_choice": "กรุณาเลือกตัวชี้วัดของกรอบการประเมินปีนี้"},
            "departments": {
                "invalid_choice": "กรุณาเลือกส่วนราชการของหน่วยงาน",
                "invalid_pk_value": "กรุณาเลือกส่วนราชการของหน่วยงาน",
            },
            "oit_items": {
                "invalid_choice": "ข้อ OIT ที่เลือกไม่อยู่ในกรอบการประเมินปีเดียวกับผลการประเมินนี้",
                "invalid_pk_value": "ข้อ OIT ที่เลือกไม่ถูกต้อง",
            },
            "start_date": {"invalid": "กรุณาเลือกวันที่จากปฏิทิน"},
            "due_date": {"invalid": "กรุณาเลือกวันที่จากปฏิทิน"},
        }

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.assessment = assessment
        self.fields["indicator"].queryset = Indicator.objects.filter(
            framework_id=assessment.framework_id
        ).order_by("number")
        self.fields["indicator"].label_from_instance = lambda i: f"{i.number}. {i.name}"
        self.fields["departments"].queryset = Department.objects.filter(
            organization_id=assessment.organization_id
        ).order_by("order", "name")
        self.fields["oit_items"].queryset = (
            OITItem.objects.in_framework(assessment.framework_id)
            .select_related("sub_indicator__indicator")
            .order_by("number")
        )
        self.fields["oit_items"].help_text = "เลือกได้หลายข้อ พิมพ์ในช่องค้นหาเพื่อกรองรายการ"
        self._framework = assessment.framework
        self.fields["version"].initial = self.instance.version if self.instance.pk else ""
        for name in ("improvements", "responsible_people", "steps", "monitoring"):
            self.fields[name].widget.attrs["data-item-label"] = self.fields[name].label

    def clean(self):
        cleaned = super().clean()
        check_done_progress(self)
        return cleaned

    def oit_item_groups(self):
        """The year's OIT items under their sub-indicators, in the framework's order, for
        the picker: [(heading, [(value, label, checked)])]. The year's structure is kept
        per process (assessments.structure), so the picker costs no queries of its own."""
        chosen = {str(value) for value in (self["oit_items"].value() or [])}
        framework = structure_of(self._framework)
        groups = []
        for indicator in framework.indicators.all():
            for sub in indicator.sub_indicators.all():
                items = [
                    (str(item.pk), f"{item.code} {item.title}", str(item.pk) in chosen)
                    for item in sub.items.all()
                ]
                if items:
                    groups.append((f"{sub.code} {sub.name}", items))
        return groups


class MeasureProgressForm(ShapeModelForm):
    """What a department updates on its own measure: the status and the progress."""

    progress = ProgressField()
    version = VersionField()

    class Meta:
        model = Measure
        fields = ["status", "progress"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        check_done_progress(self)
        return cleaned


class ReportForm(forms.Form):
    once = OnceField()
    quarter = forms.ChoiceField(label="ไตรมาส")
    text = forms.CharField(
        label="ผลการดำเนินงานในไตรมาสนี้",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": "กรุณากรอกผลการดำเนินงาน"},
    )
    links = TextListField(
        label="ลิงก์หลักฐาน",
        item_validators=[validate_web_link],
        strip_numbers=False,
        help_text="หนึ่งลิงก์ต่อบรรทัด เช่น ลิงก์ข่าวบนเว็บไซต์ของหน่วยงาน",
    )
    files = DocumentsField(
        label="ไฟล์หลักฐาน",
        help_text="PDF รูปภาพ หรือเอกสาร Office ไฟล์ละไม่เกิน 20 MB เลือกได้หลายไฟล์",
    )

    version = VersionField()

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["links"].widget.attrs["data-item-label"] = "ลิงก์"
        self.fields["links"].widget.attrs["data-item-type"] = "url"
        self.fields["quarter"].choices = [
            (str(q), q.name) for q in _quarters(measure.follow_up_year)
        ]

    def clean_quarter(self):
        try:
            return Quarter.parse(self.cleaned_data["quarter"])
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


def _quarters(year):
    return [Quarter(year, q) for q in (1, 2, 3, 4)]


def default_quarter(measure, today=None):
    """The quarter a new report is for: today's, clamped to the follow-up year."""
    today = today or timezone.localdate()
    now = Quarter.of(today)
    quarters = _quarters(measure.follow_up_year)
    if now < quarters[0]:
        return quarters[0]
    if quarters[-1] < now:
        return quarters[-1]
    return now


MEMO_NUMBER = re.compile(r"[\u0e01-\u0e5b0-9A-Za-z ./()-]*")


class MemoForm(ShapeModelForm):
    body = TextListField(
        label="ข้อความ (ย่อหน้า)",
        required=True,
        help_text="หนึ่งย่อหน้าต่อหนึ่งรายการ",
        strip_numbers=False,
    )
    version = VersionField()

    class Meta:
        model = Memo
        fields = [
            "issuing_unit",
            "number",
            "date",
            "subject",
            "recipients",
            "addressee",
            "body",
            "closing",
            "signer_prefix",
            "signer_name",
            "signer_position",
        ]
        field_classes = {"date": ThaiDateField}
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "addressee": forms.Textarea(attrs={"rows": 2}),
            "signer_position": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "recipients": {
                "invalid_choice": "กรุณาเลือกส่วนราชการของหน่วยงาน",
                "invalid_pk_value": "กรุณาเลือกส่วนราชการของหน่วยงาน",
            },
        }

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.assessment = assessment
        self.fields["recipients"].queryset = Department.objects.filter(
            organization_id=assessment.organization_id
        ).order_by("order", "name")
        self.fields["body"].widget.attrs.update(
            {"rows": 8, "data-item-label": "ย่อหน้า", "data-item-multiline": "1"}
        )
        self.fields["version"].initial = self.instance.version if self.instance.pk else ""

    def clean_number(self):
        # A number names the memo's file too: letters, digits, spaces and / . - ( ) only.
        number = self.cleaned_data["number"].strip()
        if not MEMO_NUMBER.fullmatch(number):
            raise ValidationError("เลขที่หนังสือใช้ได้เฉพาะตัวอักษร ตัวเลข เว้นวรรค และเครื่องหมาย / . - ( )")
        return thai.thai_digits(number)


class AcknowledgeForm(forms.Form):
    """รับทราบ in the account's own name and position; only a delegate types something:
    whom they sign for."""

    acting_for = forms.CharField(
        label="ลงนามแทน (ถ้ามี)",
        required=False,
        max_length=200,
        help_text="เช่น รักษาราชการแทน ผู้อำนวยการกองคลัง เว้นว่างหากรับทราบในนามตนเอง",
    )
