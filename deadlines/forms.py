from django import forms

from deadlines.models import OrganizationDeadline
from itaportal.forms import ThaiDateField
from itaportal.models import Department


class DeadlineForm(forms.Form):
    title = forms.CharField(label="สิ่งที่ต้องทำ", max_length=300)
    kind = forms.ChoiceField(
        label="ประเภท",
        choices=OrganizationDeadline.Kind.choices,
        initial=OrganizationDeadline.Kind.OTHER,
    )
    due_on = ThaiDateField(label="กำหนดวันที่")
    department = forms.ModelChoiceField(
        label="ส่วนราชการที่รับผิดชอบ",
        queryset=Department.objects.none(),
        required=False,
        empty_label="ผู้ดูแลระบบหน่วยงาน",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            organization=organization
        ).order_by("order", "name")
