from django import forms

from announcements.models import Announcement
from itaportal.forms import ShapeModelForm, VersionField


class AnnouncementForm(ShapeModelForm):
    fiscal_year = forms.IntegerField(
        label="ปีงบประมาณ", min_value=2400, max_value=2700, help_text="ปี พ.ศ. เช่น 2570"
    )
    version = VersionField()

    class Meta:
        model = Announcement
        fields = [
            "kind",
            "fiscal_year",
            "subject",
            "body",
            "signer_prefix",
            "signer_name",
            "signer_position",
        ]
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }
        error_messages = {
            "subject": {"required": "กรุณาระบุเรื่องของประกาศ"},
            "body": {"required": "กรุณาระบุข้อความของประกาศ"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else ""


class AttachForm(forms.Form):
    item = forms.ModelChoiceField(
        label="ข้อ OIT ที่ประกาศนี้ใช้เป็นหลักฐาน", queryset=None, empty_label="— เลือกข้อ OIT —"
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].widget.attrs["class"] = "form-select"
        self.fields["item"].label_from_instance = lambda i: f"{i.code} {i.title}"
