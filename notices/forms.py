import re

from django import forms

from deadlines.models import DeadlineSettings
from notices.models import NoticePreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NoticePreference
        fields = ["email"]
        widgets = {"email": forms.RadioSelect}


class EmailForm(forms.Form):
    """The address reminders go to; checked by Django's e-mail validator."""

    address = forms.EmailField(
        label="อีเมลสำหรับรับการแจ้งเตือน",
        required=False,
        error_messages={"invalid": "รูปแบบอีเมลไม่ถูกต้อง"},
    )


def _day_list(value):
    """'14, 7, 1' -> [14, 7, 1]; the rule of 1–365 days is the service's."""
    parts = [p for p in re.split(r"[,\s]+", (value or "").strip()) if p]
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise forms.ValidationError("กรอกจำนวนวันเป็นตัวเลข คั่นด้วยจุลภาค เช่น 14, 7, 1") from None


class ReminderRulesForm(forms.Form):
    before = forms.CharField(label="เตือนก่อนถึงกำหนด (วัน)", required=False, help_text="เช่น 14, 7, 1")
    after = forms.CharField(label="เตือนเมื่อเลยกำหนดแล้ว (วัน)", required=False, help_text="เช่น 1")

    def clean_before(self):
        return _day_list(self.cleaned_data["before"])

    def clean_after(self):
        return _day_list(self.cleaned_data["after"])


class DeadlineSettingsForm(forms.ModelForm):
    class Meta:
        model = DeadlineSettings
        fields = ["report_days_after_quarter", "memo_ack_days", "approval_days_before_oit_close"]
