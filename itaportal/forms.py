"""Shared form fields that accept Thai input, and the organization's own forms."""

import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.validators import MaxLengthValidator

from itaportal import thai
from itaportal.emblem import trim_emblem
from itaportal.models import Department, Organization, User


class ThaiDecimalField(forms.DecimalField):
    """A decimal typed with Thai or Arabic digits (`๘๘.๙๑` or `88.91`)."""

    default_error_messages = {
        "invalid": "กรุณากรอกตัวเลข เช่น 88.91 หรือ ๘๘.๙๑",
        "max_value": "ค่าต้องไม่เกิน %(limit_value)s",
        "min_value": "ค่าต้องไม่น้อยกว่า %(limit_value)s",
        "max_decimal_places": "ทศนิยมได้ไม่เกิน %(max)s ตำแหน่ง",
        "max_digits": "ตัวเลขยาวเกิน %(max)s หลัก",
        "max_whole_digits": "ตัวเลขหน้าจุดทศนิยมยาวเกิน %(max)s หลัก",
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return thai.parse_decimal(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        # A text box with a decimal keypad: a number input would refuse Thai digits.
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.update(
            {"inputmode": "decimal", "autocomplete": "off", "maxlength": thai.MAX_NUMBER_LENGTH}
        )
        return attrs


class ThaiIntegerField(forms.IntegerField):
    default_error_messages = {
        "invalid": "กรุณากรอกจำนวนเต็ม เช่น 75 หรือ ๗๕",
        "max_value": "ค่าต้องไม่เกิน %(limit_value)s",
        "min_value": "ค่าต้องไม่น้อยกว่า %(limit_value)s",
    }
    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = thai.parse_decimal(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if number != number.to_integral_value():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "maxlength": thai.MAX_NUMBER_LENGTH}
        )
        return attrs


class ThaiDateInput(forms.TextInput):
    """A plain text box showing the day in the Buddhist Era (`31/10/2565`), in place of
    the browser's calendar control, which shows and expects Christian-era years."""

    def __init__(self, attrs=None):
        base = {"placeholder": "วว/ดด/ปปปป (พ.ศ.)", "autocomplete": "off", "size": 12}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, date):
            return thai.be_date_input(value)
        return super().format_value(value)


class ThaiDateField(forms.DateField):
    """A day typed in the Buddhist Era with Thai or Arabic digits (`๓๑/๑๐/๒๕๖๕`,
    `31/10/2565`), stored as the ordinary date."""

    widget = ThaiDateInput
    default_error_messages = {
        "invalid": "กรุณากรอกวันที่แบบ วัน/เดือน/ปี พ.ศ. เช่น 31/10/2565 หรือ ๓๑/๑๐/๒๕๖๕",
        "christian_era": "ปี %(year)s เป็นปี ค.ศ. กรุณาใช้ปี พ.ศ. (%(be_year)s)",
        "out_of_range": "วันที่ต้องอยู่ระหว่างปี พ.ศ. 2543 ถึง 2643",
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            day = thai.parse_be_date(value)
        except thai.ChristianEraYear as exc:
            raise ValidationError(
                self.error_messages["christian_era"],
                code="christian_era",
                params={"year": exc.year, "be_year": thai.be_year(exc.year)},
            ) from None
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not 2000 <= day.year <= 2100:
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return day


class VersionField(forms.CharField):
    """The hidden version an edit page was made from (itaportal.editing).

    Taken as typed: the service decides, so a missing or malformed version is refused as
    a conflict by the one rule in `lock_version`, not by a form message about a field the
    user cannot see."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


DJANGO_BLANK = "---------"


def thai_empty_choices(form):
    """Select boxes say in Thai what their empty entry means ("— เลือกตัวชี้วัด —"), never
    Django's "---------"."""
    for field in form.fields.values():
        label = f"— เลือก{field.label or ''} —"
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == DJANGO_BLANK:
                field.empty_label = label
        elif isinstance(field, forms.ChoiceField) and any(
            value == "" and text == DJANGO_BLANK for value, text in field.choices
        ):
            field.choices = [
                (value, label if value == "" and text == DJANGO_BLANK else text)
                for value, text in field.choices
            ]


class ShapeModelForm(forms.ModelForm):
    """A ModelForm used for its fields (labels, widgets, choices) and the shape of what is
    typed, never to build or check the record: the view hands `cleaned_data` to a
    service, which applies the values and enforces the rules (itaportal.editing). So no
    model clean(), constraint or uniqueness check runs here, and the instance stays as
    stored while a refused page is shown again."""

    # A model's TextField has no length of its own: the form gives it one, so no typed
    # text costs more than a long page of prose.
    MAX_TEXT_LENGTH = 10_000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        thai_empty_choices(self)
        for field in self.fields.values():
            if type(field) is forms.CharField and field.max_length is None:
                field.max_length = self.MAX_TEXT_LENGTH
                field.validators.append(MaxLengthValidator(self.MAX_TEXT_LENGTH))
                field.widget.attrs.setdefault("maxlength", str(self.MAX_TEXT_LENGTH))

    def _post_clean(self):
        pass


# An emblem prints 3 cm wide: 1,500 pixels is 1,270 dpi. Larger images only cost memory
# and time in every document (10,000 × 10,000 took 864 MB and 7 s per order).
EMBLEM_MAX_SIDE = 1500
EMBLEM_FORMATS = {"PNG": ".png", "JPEG": ".jpg"}


def reencoded_emblem(upload):
    """The uploaded emblem drawn again by Pillow as a plain PNG or JPEG: only a real
    image of those two formats (by its content, not its name) within EMBLEM_MAX_SIDE
    pixels a side passes, and whatever else the file carried (metadata, trailing bytes,
    a second image) is left behind."""
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind = image.format
            named = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}.get(
                PurePosixPath(upload.name or "").suffix.lower()
            )
            if kind not in EMBLEM_FORMATS or named != kind:
                raise ValidationError("ไฟล์ที่อัปโหลดไม่ใช่รูปภาพ กรุณาเลือกไฟล์ PNG หรือ JPEG")
            width, height = image.size
            if max(width, height) > EMBLEM_MAX_SIDE:
                raise ValidationError(
                    "ภาพตราสัญลักษณ์ใหญ่เกินไป (%(w)s × %(h)s พิกเซล) ด้านยาวต้องไม่เกิน %(max)s พิกเซล",
                    params={"w": width, "h": height, "max": EMBLEM_MAX_SIDE},
                )
            image.load()
            if kind == "JPEG":
                image = image.convert("RGB")
            elif image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            buffer = io.BytesIO()
            image.save(buffer, format=kind)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError("ไฟล์ที่อัปโหลดไม่ใช่รูปภาพ กรุณาเลือกไฟล์ PNG หรือ JPEG") from None
    content_type = "image/png" if kind == "PNG" else "image/jpeg"
    return SimpleUploadedFile("emblem" + EMBLEM_FORMATS[kind], buffer.getvalue(), content_type)


class OrganizationSettingsForm(forms.ModelForm):
    website = forms.URLField(label="เว็บไซต์หลัก", required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "kind",
            "district",
            "province",
            "memo_prefix",
            "phone",
            "website",
            "website_domains",
            "document_font",
            "emblem",
        ]
        widgets = {"website_domains": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "emblem": {"invalid_image": "ไฟล์ที่อัปโหลดไม่ใช่รูปภาพ กรุณาเลือกไฟล์ PNG หรือ JPEG"}
        }

    def save(self, commit=True):
        emblem = self.cleaned_data.get("emblem")
        if isinstance(emblem, UploadedFile):
            # A new upload, checked as sent; what is stored is its trimmed figure.
            self.instance.emblem = trim_emblem(emblem)
        return super().save(commit)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Optional on the page: a form sent without it keeps the font already chosen.
        self.fields["document_font"].required = False

    def clean_document_font(self):
        return self.cleaned_data.get("document_font") or self.instance.document_font

    def clean_emblem(self):
        emblem = self.cleaned_data.get("emblem")
        if not isinstance(emblem, UploadedFile):
            return emblem  # unchanged, or cleared
        return reencoded_emblem(emblem)

    def clean_website_domains(self):
        lines = [line.strip().lower() for line in self.cleaned_data["website_domains"].splitlines()]
        bad = [line for line in lines if line and ("/" in line or " " in line or "." not in line)]
        if bad:
            raise ValidationError(
                "โดเมนไม่ถูกต้อง: %(bad)s (ใส่เฉพาะชื่อโดเมน เช่น nongprung.go.th)",
                params={"bad": ", ".join(bad)},
            )
        return "\n".join(line for line in lines if line)


USERNAME_UNAVAILABLE = "ใช้ชื่อผู้ใช้นี้ไม่ได้ กรุณาเลือกชื่ออื่น"


class UserForm(forms.ModelForm):
    """The agency admin's form for the organization's users."""

    password = forms.CharField(
        label="รหัสผ่าน",
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="อย่างน้อย 10 ตัวอักษร เว้นว่างไว้หากไม่ต้องการเปลี่ยน",
    )

    class Meta:
        model = User
        fields = [
            "username",
            "name_prefix",
            "first_name",
            "last_name",
            "position_title",
            "department",
            "role",
            "email",
            "is_active",
        ]
        # User names are unique across every organization of the deployment: the message
        # must not confirm that another organization has someone of that name.
        error_messages = {"username": {"unique": USERNAME_UNAVAILABLE}}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.instance.organization = organization
        self.fields["department"].queryset = Department.objects.filter(organization=organization)
        self.fields["department"].empty_label = "— ไม่สังกัดส่วนราชการ (ผู้ดูแลระบบ ผู้บริหาร) —"
        thai_empty_choices(self)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        if self.instance.pk is None:
            self.fields["password"].required = True
            self.fields["password"].help_text = "อย่างน้อย 10 ตัวอักษร"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == User.Role.STAFF and not cleaned.get("department"):
            self.add_error("department", "เจ้าหน้าที่ต้องสังกัดส่วนราชการ")
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # Checked once the instance holds the typed name and e-mail, so a password like
        # the new user's own name is refused too.
        password = self.cleaned_data.get("password")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except ValidationError as exc:
                self.add_error("password", exc)

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "head_title", "order"]

    DUPLICATE = "หน่วยงานมีส่วนราชการชื่อนี้อยู่แล้ว"

    def clean_name(self):
        # The organization is not a field of the form, so Django leaves the per-organization
        # uniqueness to the database; say it here instead of failing there.
        name = self.cleaned_data["name"]
        others = Department.objects.filter(organization=self.instance.organization_id, name=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise ValidationError(self.DUPLICATE)
        return name


class SignForm(forms.Form):
    """Mark a document signed, with the date it was signed (the service checks the rules)."""

    # Rendered by hand beside the sign button, so the box carries its own class.
    signed_on = ThaiDateField(
        label="วันที่ลงนาม", widget=ThaiDateInput(attrs={"class": "form-control"})
    )
    version = VersionField()


class ReopenForm(forms.Form):
    """The executive reopens a signed document for changes, saying why (kept in history)."""

    reason = forms.CharField(
        label="เหตุผลที่ต้องแก้ไข", max_length=80, required=False, widget=forms.TextInput()
    )
    version = VersionField()
