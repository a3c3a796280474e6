"""Forms of the assessment pages: they validate and convert input, nothing more."""

import functools
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from assessments.models import Framework
from itaportal.forms import ThaiDateField, ThaiDecimalField, VersionField

MET_CHOICES = [("", "ยังไม่มีผล"), ("1", "ผ่าน"), ("0", "ไม่ผ่าน")]
# (value, value escaped, label escaped) of each radio button of an item's result.
MET_OPTIONS = [(choice, escape(choice), escape(label)) for choice, label in MET_CHOICES]


class AssessmentCreateForm(forms.Form):
    year = forms.TypedChoiceField(label="ปีงบประมาณ (พ.ศ.)", coerce=int)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        used = set(organization.assessments.values_list("year", flat=True))
        self.fields["year"].choices = [
            (f.year, f"{f.year}{' (ข้อมูลเบื้องต้น)' if f.provisional else ''}")
            for f in Framework.objects.order_by("-year")
            if f.year not in used
        ]


class ScoresForm(forms.Form):
    """One field per indicator of the year, `indicator_<number>`, 0–100 with 2 decimals,
    and the version of the assessment the page was made from."""

    version = VersionField()

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[self.field_name(indicator.number)] = ThaiDecimalField(
                label=f"{indicator.number}. {indicator.name}",
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=5,
                decimal_places=2,
                widget=forms.TextInput(attrs={"class": "num", "placeholder": "0.00–100"}),
            )

    @staticmethod
    def field_name(number):
        return f"indicator_{number}"

    def rows(self):
        """(indicator, bound field) pairs, in indicator order, for the template."""
        return [(i, self[self.field_name(i.number)]) for i in self.indicators]

    def scores(self):
        return {i.number: self.cleaned_data.get(self.field_name(i.number)) for i in self.indicators}


def _sheet_file(label, help_text):
    return forms.FileField(
        label=label, help_text=help_text, error_messages={"required": "กรุณาเลือกไฟล์"}
    )


class ScoreImportForm(forms.Form):
    file = _sheet_file(
        "ไฟล์คะแนน (.csv หรือ .xlsx)",
        "2 คอลัมน์: ตัวชี้วัดที่ และคะแนน (แถวแรกเป็นหัวตารางได้) ช่องคะแนนที่เว้นว่างไว้จะไม่เปลี่ยนคะแนนเดิม",
    )


class ItemResultsImportForm(forms.Form):
    file = _sheet_file(
        "ไฟล์ผลรายข้อ OIT (.csv หรือ .xlsx)",
        "3 คอลัมน์: ข้อ (เช่น O12), ผล (ผ่าน / ไม่ผ่าน / ยังไม่มีผล) และเหตุผลของผู้ประเมิน "
        "(แถวแรกเป็นหัวตารางได้) ช่องผลที่เว้นว่างไว้จะไม่เปลี่ยนผลเดิม",
    )


@functools.lru_cache(maxsize=4096)
def _item_fields(code, title):
    """An OIT item's two fields, made once per process and shared by every results form
    (making two fields per item, dozens, was a tenth of the page). Sharing is safe
    because nothing changes them: the page writes both inputs itself (met_radios,
    reason_textarea), and a field's clean() keeps nothing. A form that needs to change
    a field must make its own."""
    met = forms.ChoiceField(
        label=f"{code} {title}", choices=MET_CHOICES, required=False, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=f"เหตุผลของผู้ประเมิน ({code})",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    return met, reason


class ItemResultsForm(forms.Form):
    """Per OIT item: `met_<code>` (ผ่าน / ไม่ผ่าน / ยังไม่มีผล) and `reason_<code>`; and the
    version of the assessment the page was made from."""

    version = VersionField()

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            met, reason = _item_fields(item.code, item.title)
            self.fields[f"met_{item.code}"] = met
            self.fields[f"reason_{item.code}"] = reason

    def reason_textarea(self, item):
        """The item's reason as a one-line textarea, written here as met_radios is."""
        field = self[f"reason_{item.code}"]
        value = field.value()
        return format_html(
            '<textarea name="{}" id="{}" rows="1" class="form-control form-control-sm" '
            'aria-label="{}">{}</textarea>',
            field.html_name,
            field.auto_id,
            field.label,
            "" if value is None else value,
        )

    def met_radios(self, item):
        """The item's three radio buttons with their labels, as RadioSelect would render
        them. Written here rather than through the widget's templates: those render each
        button from three templates, and the page has dozens of items (half its time);
        only the name and id are escaped per item, the choices once (MET_OPTIONS)."""
        field = self[f"met_{item.code}"]
        value = field.value()
        current = "" if value is None else str(value)
        name, ident = escape(field.html_name), escape(field.auto_id)
        return mark_safe(
            "".join(
                '<div class="form-check form-check-inline"><input type="radio" '
                f'name="{name}" value="{choice}" class="form-check-input" '
                f'id="{ident}_{n}"{" checked" if raw == current else ""}>'
                f'<label class="form-check-label" for="{ident}_{n}">{label}</label></div>'
                for n, (raw, choice, label) in enumerate(MET_OPTIONS)
            )
        )

    def results(self):
        """{item code: (met True/False/None, reason)}."""
        out = {}
        for item in self.items:
            value = self.cleaned_data.get(f"met_{item.code}")
            met = None if value in ("", None) else value == "1"
            out[item.code] = (met, self.cleaned_data.get(f"reason_{item.code}", "").strip())
        return out


class AnalysisForm(forms.Form):
    version = VersionField()
    recommendations = forms.CharField(
        label="ข้อเสนอแนะจากสำนักงาน ป.ป.ช.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    TEXTS = [
        ("to_fix", "ประเด็นที่ต้องแก้ไข"),
        ("to_improve", "ประเด็นที่ต้องปรับปรุง"),
        ("to_maintain", "ประเด็นที่ต้องรักษาระดับ"),
    ]

    def __init__(self, *args, instruments, **kwargs):
        super().__init__(*args, **kwargs)
        self.instruments = list(instruments)
        for instrument in self.instruments:
            for key, label in self.TEXTS:
                self.fields[f"{instrument.code}_{key}"] = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def groups(self):
        return [
            (instrument, [self[f"{instrument.code}_{key}"] for key, _label in self.TEXTS])
            for instrument in self.instruments
        ]

    def analyses(self):
        return {
            i.code: {key: self.cleaned_data[f"{i.code}_{key}"].strip() for key, _ in self.TEXTS}
            for i in self.instruments
        }


class ElementLinesField(forms.CharField):
    """A list of texts (an OIT item's required elements) edited as a textarea, one element
    per line. Blank lines before the first and after the last element are ignored; a blank
    line between elements or the same element twice is refused, naming the line."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8, "cols": 100}))
        kwargs.setdefault("help_text", "หนึ่งบรรทัดต่อหนึ่งองค์ประกอบ ตามลำดับในเกณฑ์")
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(v).strip() for v in value]
        lines = [line.strip() for line in (value or "").splitlines()]
        filled = [number for number, line in enumerate(lines, start=1) if line]
        if not filled:
            return []
        errors, first_seen, elements = [], {}, []
        for number in range(filled[0], filled[-1] + 1):
            line = lines[number - 1]
            if not line:
                errors.append(f"บรรทัดที่ {number} ว่าง: เขียนหนึ่งองค์ประกอบต่อหนึ่งบรรทัด กรุณาลบบรรทัดว่างออก")
                continue
            key = " ".join(line.split())
            if key in first_seen:
                errors.append(
                    f"บรรทัดที่ {number} ซ้ำกับบรรทัดที่ {first_seen[key]}: องค์ประกอบแต่ละข้อต้องไม่ซ้ำกัน"
                )
                continue
            first_seen[key] = number
            elements.append(line)
        if errors:
            raise ValidationError(errors)
        return elements


class PublishedResultForm(forms.Form):
    """The total and level NACC published, typed to check the computed total against."""

    published_total = ThaiDecimalField(
        label="คะแนนรวมที่ ป.ป.ช. ประกาศ",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
    )
    published_level = forms.CharField(label="ระดับที่ ป.ป.ช. ประกาศ", required=False, max_length=50)
    version = VersionField()

    def __init__(self, *args, assessment, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "published_total": assessment.published_total,
                "published_level": assessment.published_level,
                "version": assessment.version,
            },
        )
        super().__init__(*args, **kwargs)
        # Suggest the year's own labels; NACC's text is kept as typed.
        self.levels = [b.label for b in assessment.framework.rating_bands.all()]


class PublicForm(forms.Form):
    """Make the year public (from a date), or take it off the public page."""

    public_on = ThaiDateField(label="เผยแพร่ตั้งแต่วันที่", error_messages={"required": "กรุณากรอกวันที่"})
    version = VersionField()
