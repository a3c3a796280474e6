"""The order editing page: the order's header plus a formset of committees, each with a
formset of its members (one row per member). The forms check shapes; the rules of an
order (a free number, the signing date) are the service's.

Members are rows: a row is added, moved up or down and removed by buttons that post the
page back (nothing is saved), so the page works without script and nothing typed is
lost; static/js/committees.js moves rows in place when script runs. Duties stay lines of
a textarea (one duty per line).
"""

import re

from django import forms
from django.core.exceptions import ValidationError

from committees.models import Committee, Member, Order
from committees.services import CommitteeData, MemberData
from itaportal.forms import ShapeModelForm, ThaiDateField, ThaiIntegerField, VersionField

# "๑.๑ ", "(๒) ", "3) ", "1. " typed or pasted in front of a line: the document numbers
# lines itself.
LEADING_NUMBER = re.compile(r"^\s*\(?[0-9๐-๙]+(?:\.[0-9๐-๙]+)*[.)]?\s+")
ROLE_EXAMPLE = "เช่น คณะทำงาน หรือ คณะกรรมการ/เลขานุการ"
MAX_MEMBERS = 200

# The management form is the page's own bookkeeping: its refusals are Thai too.
FORMSET_ERRORS = {
    "missing_management_form": "ข้อมูลของแบบฟอร์มไม่ครบ กรุณาเปิดหน้านี้ใหม่แล้วลองอีกครั้ง",
    "too_many_forms": "มีรายการเกินกว่าที่บันทึกได้ (ไม่เกิน %(num)d รายการ)",
    "too_few_forms": "ต้องมีอย่างน้อย %(num)d รายการ",
}


def _lines(text):
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _strip_number(line):
    return LEADING_NUMBER.sub("", line, count=1).strip()


def _display_order(forms_):
    """`forms_` as the user last arranged them: bound forms by their ORDER, a blank ORDER
    (a row or committee just added) last, ties by position on the page."""

    def key(indexed):
        index, form = indexed
        try:
            return (int(form["ORDER"].value()), index)
        except (TypeError, ValueError):
            return (10_000, index)

    return [form for _, form in sorted(enumerate(forms_), key=key)]


def _model_field(name):
    return Member._meta.get_field(name)


class MemberForm(forms.Form):
    """One member of a committee. A row left blank is no member (it is dropped)."""

    position_title = forms.CharField(
        label=_model_field("position_title").verbose_name,
        max_length=_model_field("position_title").max_length,
        required=False,
    )
    role = forms.CharField(
        label=_model_field("role").verbose_name,
        max_length=_model_field("role").max_length,
        required=False,
    )
    person_name = forms.CharField(
        label=f"{_model_field('person_name').verbose_name} (ถ้ามี)",
        max_length=_model_field("person_name").max_length,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["max_length"] = "ข้อความยาวเกินไป (ไม่เกิน %(limit_value)d ตัวอักษร)"

    def clean_position_title(self):
        return _strip_number(self.cleaned_data["position_title"])

    def clean(self):
        data = super().clean()
        typed = any(data.get(name) for name in ("role", "person_name"))
        if typed and not data.get("position_title") and "position_title" not in self.errors:
            self.add_error("position_title", "กรุณาระบุตำแหน่ง เช่น ผู้อำนวยการกองคลัง")
        return data

    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("position_title", "role", "person_name"))

    def member_data(self):
        data = self.cleaned_data
        return MemberData(
            position_title=data["position_title"],
            role=data["role"].strip(),
            person_name=data["person_name"].strip(),
        )


class BaseMemberFormSet(forms.BaseFormSet):
    default_error_messages = FORMSET_ERRORS

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Rows are moved by the up and down buttons; the order travels hidden.
        form.fields["ORDER"].widget = forms.HiddenInput(attrs={"data-member-order": ""})
        form.fields["DELETE"].label = "ลบแถวนี้"

    def forms_in_display_order(self):
        return _display_order(self.forms)

    def kept_forms(self):
        """The rows to save, in the order chosen on the page: not deleted, not blank."""
        if not self.is_bound:
            return []
        return [
            form
            for form in _display_order(self.forms)
            if not self._should_delete_form(form) and form.is_valid() and not form.is_blank()
        ]


MemberFormSet = forms.formset_factory(
    MemberForm,
    formset=BaseMemberFormSet,
    extra=0,
    can_order=True,
    can_delete=True,
    max_num=MAX_MEMBERS,
    absolute_max=MAX_MEMBERS,
    validate_max=True,
)


class OrderForm(ShapeModelForm):
    number = ThaiIntegerField(
        label="เลขที่คำสั่ง", min_value=1, required=False, help_text="เว้นว่างได้ระหว่างเป็นร่าง"
    )
    year = ThaiIntegerField(label="ปี พ.ศ. ของคำสั่ง", help_text="เช่น 2565")
    fiscal_year = ThaiIntegerField(label="ปีงบประมาณที่เกี่ยวข้อง", help_text="ปี พ.ศ. เช่น 2565")
    version = VersionField()

    class Meta:
        model = Order
        fields = [
            "number",
            "year",
            "subject",
            "fiscal_year",
            "preamble",
            "closing",
            "signed_on",
            "signer_prefix",
            "signer_name",
            "signer_position",
            "status",
        ]
        field_classes = {"signed_on": ThaiDateField}
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 8}),
            # A new line in the position is where the printed order breaks it.
            "signer_position": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "subject": {"required": "กรุณาระบุเรื่องของคำสั่ง"},
            "closing": {"required": "กรุณาระบุข้อความปิดท้าย เช่น ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else ""
        self.fields["number"].error_messages["required"] = "กรุณาระบุเลขที่คำสั่ง"
        self.fields["year"].error_messages["required"] = "กรุณาระบุปี พ.ศ. ของคำสั่ง"
        self.fields["fiscal_year"].error_messages["required"] = "กรุณาระบุปีงบประมาณ"

    def clean_year(self):
        return _clean_be_year(self.cleaned_data["year"])

    def clean_fiscal_year(self):
        return _clean_be_year(self.cleaned_data["fiscal_year"])


def _clean_be_year(value):
    if value is not None and not 2400 <= value <= 2700:
        raise ValidationError("กรุณากรอกปีเป็น พ.ศ. เช่น 2565")
    return value


class CommitteeForm(forms.Form):
    name = forms.CharField(
        label="ชื่อคณะ",
        max_length=255,
        help_text="เช่น คณะทำงานอำนวยการ",
        error_messages={"required": "กรุณาระบุชื่อคณะ"},
    )
    kind = forms.ChoiceField(
        label="ลักษณะ", choices=Committee.Kind.choices, initial=Committee.Kind.BOARD
    )
    duties_heading = forms.CharField(
        label="ข้อความนำหน้าที่",
        max_length=255,
        required=False,
        initial=Committee._meta.get_field("duties_heading").default,
    )
    duties = forms.CharField(
        label="หน้าที่",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="หนึ่งข้อต่อบรรทัด ตามลำดับ (ไม่ต้องพิมพ์เลขข้อ)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = self.initial.get("members") or []
        self.members = MemberFormSet(
            self.data if self.is_bound else None,
            initial=members,
            prefix=self.add_prefix("members"),
        )
        if not members:
            self.members.extra = 1  # a new committee starts with one empty row

    def has_changed(self):
        # A committee added on the page with only its members typed is still a committee.
        return super().has_changed() or self.members.has_changed()

    def clean(self):
        data = super().clean()
        roles_required = data.get("kind") != Committee.Kind.DESIGNATION
        if not self.members.is_valid():
            self.add_error(None, "รายชื่อสมาชิกยังไม่ครบถ้วน ดูข้อความสีแดงที่แถวของสมาชิก")
            return data
        kept = self.members.kept_forms()
        missing = []
        for n, member in enumerate(self.members.forms_in_display_order(), start=1):
            if member in kept and roles_required and not member.cleaned_data["role"]:
                title = member.cleaned_data["position_title"]
                member.add_error("role", f"ยังไม่ได้ระบุบทบาทในคณะของ{title} {ROLE_EXAMPLE}")
                missing.append(str(n))
        if missing:
            self.add_error(
                None, f"สมาชิกแถวที่ {', '.join(missing)} ยังไม่ได้ระบุบทบาทในคณะ ดูข้อความสีแดงที่แถว"
            )
        elif not kept:
            self.add_error(None, "คณะนี้ยังไม่มีสมาชิก กรุณาใส่อย่างน้อยหนึ่งแถว")
        data["member_rows"] = [] if missing else [member.member_data() for member in kept]
        data["duty_rows"] = [_strip_number(line) for _, line in _lines(data.get("duties", ""))]
        return data

    def committee_data(self):
        data = self.cleaned_data
        return CommitteeData(
            name=data["name"].strip(),
            kind=data["kind"],
            duties_heading=data["duties_heading"].strip(),
            members=data["member_rows"],
            duties=data["duty_rows"],
        )

    @staticmethod
    def initial_for(committee):
        """The form's initial data for a saved Committee or a CommitteeData."""
        if isinstance(committee, Committee):
            committee = CommitteeData.from_committee(committee)
        return {
            "name": committee.name,
            "kind": committee.kind,
            "members": [
                {"position_title": m.position_title, "role": m.role, "person_name": m.person_name}
                for m in committee.members
            ],
            "duties_heading": committee.duties_heading,
            "duties": "\n".join(committee.duties),
        }


class BaseCommitteeFormSet(forms.BaseFormSet):
    default_error_messages = FORMSET_ERRORS

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = "ลำดับที่"
        form.fields["ORDER"].widget.attrs.update({"class": "committee-order", "min": 1})
        form.fields["DELETE"].label = "ลบคณะนี้ออกจากคำสั่ง"

    def clean(self):
        if any(self.errors):
            return
        if not self.committee_data():
            raise ValidationError("คำสั่งต้องมีอย่างน้อยหนึ่งคณะ")

    def committee_data(self):
        """The committees to save, in the order chosen on the page, deleted ones left out."""
        return [form.committee_data() for form in self.ordered_forms]

    def forms_in_display_order(self):
        """The forms as the user last arranged them (bound forms by their typed ORDER)."""
        return _display_order(self.forms)


CommitteeFormSet = forms.formset_factory(
    CommitteeForm, formset=BaseCommitteeFormSet, extra=0, can_order=True, can_delete=True
)


# The buttons that change the rows without saving: "add:<formset prefix>",
# "up:<row prefix>", "down:<row prefix>".
ROW_ACTION = "row_action"
_ROW_ACTION = re.compile(
    r"^(?P<verb>add|up|down):(?P<formset>committees-\d+-members)(?:-(?P<row>\d+))?$"
)


def apply_row_action(data, action):
    """The page's data after a row button (`action`, ROW_ACTION's value): a blank row
    added at the end of a committee's members, or a row swapped with its neighbour.
    Returns a copy of `data` (a QueryDict), or None when `action` is not one of ours."""
    match = _ROW_ACTION.match(action or "")
    if not match or (match["verb"] == "add") != (match["row"] is None):
        return None
    prefix = match["formset"]
    data = data.copy()
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except ValueError:
        return None
    total = max(0, min(total, MAX_MEMBERS))
    if match["verb"] == "add":
        data[f"{prefix}-TOTAL_FORMS"] = str(min(total + 1, MAX_MEMBERS))
        return data

    def key(index):
        try:
            return (int(data.get(f"{prefix}-{index}-ORDER", "")), index)
        except ValueError:
            return (10_000, index)

    rows = sorted(range(total), key=key)
    moved = int(match["row"])
    if moved in rows:
        at = rows.index(moved)
        to = at - 1 if match["verb"] == "up" else at + 1
        if 0 <= to < len(rows):
            rows[at], rows[to] = rows[to], rows[at]
    for position, index in enumerate(rows, start=1):
        data[f"{prefix}-{index}-ORDER"] = str(position)
    return data


class CopyForm(forms.Form):
    year = ThaiIntegerField(label="ปี พ.ศ. ของคำสั่งใหม่", help_text="เช่น 2566")
    number = ThaiIntegerField(label="เลขที่คำสั่งใหม่", min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].error_messages["required"] = "กรุณาระบุเลขที่คำสั่ง"
        self.fields["year"].error_messages["required"] = "กรุณาระบุปี พ.ศ."

    def clean_year(self):
        return _clean_be_year(self.cleaned_data["year"])
