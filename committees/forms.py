"""The order editing page: the order's header plus a formset of committees. The forms
check shapes; the rules of an order (a free number, the signing date) are the service's.

A committee's members and duties are typed as lines of a textarea (one member or one
duty per line), so reordering them is moving lines, and nothing typed is ever lost when
the page comes back with errors.
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
MEMBER_SEPARATOR = re.compile(r"\s*(?:\||\t)\s*")
ROLE_EXAMPLE = "เช่น ผู้อำนวยการกองคลัง | คณะทำงาน"


def _lines(text):
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _strip_number(line):
    return LEADING_NUMBER.sub("", line, count=1).strip()


def parse_members(text, *, roles_required):
    """Members typed one per line as `ตำแหน่ง | บทบาท | ชื่อ-สกุล (ถ้ามี)`.

    Returns (members, errors); each error names its line.
    """
    members, errors = [], []
    limit_title = Member._meta.get_field("position_title").max_length
    limit_role = Member._meta.get_field("role").max_length
    limit_person = Member._meta.get_field("person_name").max_length
    for n, line in _lines(text):
        parts = MEMBER_SEPARATOR.split(_strip_number(line))
        if len(parts) > 3:
            errors.append(f"บรรทัดที่ {n}: มีเครื่องหมาย | เกิน 2 ตัว ใช้รูปแบบ ตำแหน่ง | บทบาท | ชื่อ-สกุล")
            continue
        title, role, person = (parts + ["", ""])[:3]
        if not title:
            errors.append(f"บรรทัดที่ {n}: ยังไม่ได้ระบุตำแหน่ง {ROLE_EXAMPLE}")
        elif roles_required and not role:
            errors.append(f"บรรทัดที่ {n} ({title}): ยังไม่ได้ระบุบทบาทในคณะ {ROLE_EXAMPLE}")
        elif len(title) > limit_title or len(role) > limit_role or len(person) > limit_person:
            errors.append(f"บรรทัดที่ {n}: ข้อความยาวเกินไป")
        else:
            members.append(MemberData(position_title=title, role=role, person_name=person))
    return members, errors


def members_text(members):
    """The textarea form of `members` (MemberData or Member rows)."""
    lines = []
    for m in members:
        parts = [m.position_title, m.role, m.person_name]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


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
    members = forms.CharField(
        label="สมาชิก",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "หนึ่งคนต่อบรรทัด ตามลำดับ: ตำแหน่ง | บทบาท | ชื่อ-สกุล (ถ้ามี) "
            "เช่น ปลัดองค์การบริหารส่วนตำบล | คณะกรรมการ/เลขานุการ"
        ),
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

    def clean(self):
        data = super().clean()
        roles_required = data.get("kind") != Committee.Kind.DESIGNATION
        members, errors = parse_members(data.get("members", ""), roles_required=roles_required)
        if errors:
            self.add_error("members", errors)
        elif not members:
            self.add_error("members", "คณะนี้ยังไม่มีสมาชิก กรุณาใส่อย่างน้อยหนึ่งบรรทัด")
        data["member_rows"] = members
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
            "members": members_text(committee.members),
            "duties_heading": committee.duties_heading,
            "duties": "\n".join(committee.duties),
        }


class BaseCommitteeFormSet(forms.BaseFormSet):
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

        def key(indexed):
            index, form = indexed
            try:
                return (int(form["ORDER"].value()), index)
            except (TypeError, ValueError):
                return (10_000, index)

        return [form for _, form in sorted(enumerate(self.forms), key=key)]


CommitteeFormSet = forms.formset_factory(
    CommitteeForm, formset=BaseCommitteeFormSet, extra=0, can_order=True, can_delete=True
)


class CopyForm(forms.Form):
    year = ThaiIntegerField(label="ปี พ.ศ. ของคำสั่งใหม่", help_text="เช่น 2566")
    number = ThaiIntegerField(label="เลขที่คำสั่งใหม่", min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].error_messages["required"] = "กรุณาระบุเลขที่คำสั่ง"
        self.fields["year"].error_messages["required"] = "กรุณาระบุปี พ.ศ."

    def clean_year(self):
        return _clean_be_year(self.cleaned_data["year"])
