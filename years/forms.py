"""The year-start page's form: which year, from which year, what to copy; and the
admin's own matching of OIT items, read from one select per item."""

from django import forms

from itaportal.forms import ThaiIntegerField

MAP_PREFIX = "map-"
NOT_CARRIED = ""


class StartYearForm(forms.Form):
    year = ThaiIntegerField(
        label="ปีงบประมาณที่จะเริ่ม (พ.ศ.)",
        min_value=2400,
        max_value=2700,
        error_messages={"required": "กรุณาระบุปีงบประมาณ เช่น 2570"},
    )
    source_year = forms.TypedChoiceField(
        label="คัดลอกจากปีงบประมาณ",
        coerce=int,
        empty_value=None,
        required=False,
    )
    copy_order = forms.BooleanField(
        label="คัดลอกคำสั่งแต่งตั้งคณะกรรมการ (เป็นร่าง ยังไม่ออกเลขที่คำสั่ง)",
        required=False,
        initial=True,
    )
    copy_measures = forms.BooleanField(
        label="คัดลอกมาตรการ (เป็นมาตรการใหม่ที่ยังไม่เริ่ม ไม่คัดลอกผลการดำเนินงานและรายงาน)",
        required=False,
        initial=True,
    )
    copy_answers = forms.BooleanField(
        label="คัดลอกคำตอบ OIT (เป็นร่างที่ต้องปรับหลักฐานเป็นของปีใหม่)",
        required=False,
        initial=True,
    )
    # What the preview was made from: confirming other values shows a new preview first.
    previewed = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["source_year"]
        # The organization's own years; a new organization has none to copy from.
        field.choices = [(y, f"ปีงบประมาณ {y}") for y in years] or [
            (NOT_CARRIED, "— หน่วยงานยังไม่มีข้อมูลปีก่อน —")
        ]
        field.error_messages["invalid_choice"] = "กรุณาเลือกปีที่หน่วยงานมีข้อมูล"

    def options(self):
        """The service's keyword arguments from the cleaned form."""
        data = self.cleaned_data
        return {
            "year": data["year"],
            "source_year": data["source_year"],
            "copy_order": data["copy_order"],
            "copy_measures": data["copy_measures"],
            "copy_answers": data["copy_answers"],
        }

    def fingerprint(self):
        o = self.options()
        flags = "".join(
            "1" if o[k] else "0" for k in ("copy_order", "copy_measures", "copy_answers")
        )
        return f"{o['year']}:{o['source_year'] or '-'}:{flags}"


def mapping_from(data):
    """{source item code: target code or None} from the posted selects (`map-O10`)."""
    return {
        key[len(MAP_PREFIX) :]: (value or None)
        for key, value in data.items()
        if key.startswith(MAP_PREFIX) and key[len(MAP_PREFIX) :]
    }
