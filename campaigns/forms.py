"""Forms of the campaign pages: they check the shape of what is typed; the services
check the rules."""

from django import forms

from campaigns.models import Campaign, Instrument
from itaportal.forms import ShapeModelForm, ThaiDateField, ThaiIntegerField, VersionField
from itaportal.models import User


class CampaignForm(ShapeModelForm):
    version = VersionField()
    iit_target = ThaiIntegerField(
        label=Campaign._meta.get_field("iit_target").verbose_name,
        help_text=Campaign._meta.get_field("iit_target").help_text,
        required=False,
        min_value=0,
        max_value=100_000,
    )
    eit_target = ThaiIntegerField(
        label=Campaign._meta.get_field("eit_target").verbose_name,
        help_text=Campaign._meta.get_field("eit_target").help_text,
        required=False,
        min_value=0,
        max_value=100_000,
    )
    iit_link = forms.URLField(
        label="ลิงก์แบบวัด IIT", required=False, max_length=500, assume_scheme="https"
    )
    eit_link = forms.URLField(
        label="ลิงก์แบบวัด EIT", required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Campaign
        fields = [
            "iit_target",
            "iit_link",
            "iit_code",
            "eit_target",
            "eit_link",
            "eit_code",
            "itas_holder",
            "itas_checked_on",
        ]
        field_classes = {"itas_checked_on": ThaiDateField}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["itas_holder"].queryset = User.objects.filter(
            organization=organization, is_active=True
        ).order_by("first_name", "username")
        self.fields["itas_holder"].label_from_instance = lambda u: u.display_name or u.username
        self.fields["version"].initial = self.instance.version


class CountForm(forms.Form):
    instrument = forms.ChoiceField(label="แบบวัด", choices=Instrument.choices)
    counted_on = ThaiDateField(label="วันที่อ่านยอดจาก ITAS")
    count = ThaiIntegerField(label="จำนวนผู้ตอบ", min_value=0, max_value=1_000_000)


class StakeholderForm(forms.Form):
    name = forms.CharField(label="ชื่อ", max_length=200)
    group = forms.CharField(label="กลุ่ม", max_length=200, required=False)
    phone = forms.CharField(label="โทรศัพท์", max_length=50, required=False)
    email = forms.EmailField(label="อีเมล", required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์ CSV",
        help_text="แถวแรกเป็นหัวตาราง: ชื่อ, กลุ่ม, โทรศัพท์, อีเมล (UTF-8 หรือ TIS-620)",
    )
