"""Forms of the OIT answer pages: they validate and convert, the services act."""

from itertools import zip_longest

from django import forms
from django.core.exceptions import ValidationError

from itaportal.forms import VersionField
from itaportal.uploads import DocumentsField, validate_web_link
from oit.models import MAX_LINKS


class LinksWidget(forms.Widget):
    """Rows of (url, label) posted as repeated `link_url` / `link_label` fields."""

    template_name = "oit/_links_widget.html"

    def value_from_datadict(self, data, files, name):
        urls = data.getlist("link_url") if hasattr(data, "getlist") else []
        labels = data.getlist("link_label") if hasattr(data, "getlist") else []
        return [
            {"url": (u or "").strip(), "label": (lbl or "").strip()}
            for u, lbl in zip_longest(urls, labels)
        ]


class AnswerForm(forms.Form):
    """One item's answer. Element ticks are fields `element_<n>` built from the item."""

    department = forms.ModelChoiceField(
        label="ส่วนราชการที่รับผิดชอบ", queryset=None, required=False, empty_label="— ยังไม่มอบหมาย —"
    )
    where_to_find = forms.CharField(
        label="ตำแหน่งบนเว็บไซต์ (ผู้ประเมินจะเปิดตามเส้นทางนี้)",
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "หน้าหลัก › เมนู … › …"}),
        error_messages={
            "required": "กรุณาระบุตำแหน่งบนเว็บไซต์ เช่น หน้าหลัก › ข้อมูลหน่วยงาน › โครงสร้าง "
            "เพื่อให้ผู้ประเมินหาข้อมูลพบ"
        },
    )
    links = forms.Field(label="ลิงก์คำตอบ (1–5 ลิงก์)", required=False, widget=LinksWidget)
    explanation = forms.CharField(
        label="คำอธิบายเพิ่มเติม", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = DocumentsField(label="แนบไฟล์ (ไม่บังคับ)")
    remove_files = forms.TypedMultipleChoiceField(
        label="ลบไฟล์", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    version = VersionField()

    renewed = forms.MultipleChoiceField(
        label="ยืนยันทีละรายการว่าหลักฐานที่คัดลอกมาเป็นข้อมูลของปีที่ประเมินแล้ว",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, answer, attachments, departments=None, exceptions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.answer = answer
        self.attachments = list(attachments)
        self.fields[
            "files"
        ].help_text += " · เมื่อผู้บริหารอนุมัติคำตอบ ไฟล์ที่แนบจะเปิดให้ทุกคนดาวน์โหลดได้จากหน้าสาธารณะของหน่วยงาน"
        # One reason box per exception the stored answer has; `reason_<n>` carries the
        # reason of exceptions[n - 1].
        self.exceptions = list(exceptions)
        self.reason_fields = []
        for n, exception in enumerate(self.exceptions, start=1):
            name = f"reason_{n}"
            self.fields[name] = forms.CharField(
                label=exception["text"],
                required=False,
                initial=exception["reason"],
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.reason_fields.append((name, exception))
        self.fields["renewed"].choices = answer.carried_choices(self.attachments)
        if not self.fields["renewed"].choices:
            del self.fields["renewed"]
        if departments is None:
            del self.fields["department"]
        else:
            self.fields["department"].queryset = departments
        self.fields["remove_files"].choices = [(a.pk, a.original_name) for a in self.attachments]
        self.element_fields = []
        for index, text in enumerate(answer.item.required_elements or [], start=1):
            name = f"element_{index}"
            self.fields[name] = forms.ChoiceField(
                label=f"{index}. {text}", required=False, choices=self.evidence_choices()
            )
            self.element_fields.append(name)

    def evidence_choices(self):
        choices = [("", "— ยังไม่มีหลักฐาน —")]
        choices += [(f"link:{n}", f"ลิงก์ที่ {n}") for n in range(1, MAX_LINKS + 1)]
        choices += [(f"file:{a.pk}", f"ไฟล์: {a.original_name}") for a in self.attachments]
        return choices

    @classmethod
    def initial_for(cls, answer):
        initial = {
            "where_to_find": answer.where_to_find,
            "explanation": answer.explanation,
            "links": answer.links,
            # A page of an answer not yet stored carries no version: if someone stores
            # it meanwhile, this page's save is refused instead of overwriting theirs.
            "version": answer.version if answer.pk else "",
            "department": answer.department_id,
            "renewed": list(answer.renewed_evidence or []),
        }
        for key, ref in (answer.element_evidence or {}).items():
            initial[f"element_{key}"] = ref
        return initial

    def link_rows(self):
        """What the link inputs show: the typed rows on a bound form, else the saved ones,
        padded with empty rows up to the maximum."""
        if self.is_bound:
            rows = self.fields["links"].widget.value_from_datadict(self.data, self.files, "links")
        else:
            rows = list(self.initial.get("links") or [])
        rows = [r for r in rows if r.get("url") or r.get("label")]
        if len(rows) < MAX_LINKS:
            rows += [{"url": "", "label": ""}] * (MAX_LINKS - len(rows))
        return [dict(row, position=n) for n, row in enumerate(rows, start=1)]

    def clean_links(self):
        rows = self.cleaned_data.get("links") or []
        errors, links, self.link_positions = [], [], {}
        for typed_position, row in enumerate(rows, start=1):
            url, label = row["url"], row["label"]
            if not url and not label:
                continue
            if not url:
                errors.append(f"ลิงก์ที่ {typed_position}: มีชื่อแต่ยังไม่มี URL")
                continue
            try:
                validate_web_link(url)
            except ValidationError:
                errors.append(
                    f"ลิงก์ที่ {typed_position}: “{url}” ไม่ใช่ลิงก์เว็บที่ถูกต้อง "
                    "ต้องขึ้นต้นด้วย http:// หรือ https://"
                )
                continue
            if not label:
                errors.append(f"ลิงก์ที่ {typed_position}: กรุณาตั้งชื่อลิงก์ เช่น ประกาศโครงสร้างหน่วยงาน")
                continue
            links.append({"url": url, "label": label[:200]})
            self.link_positions[typed_position] = len(links)
        if len(links) > MAX_LINKS:
            errors.append(f"ใส่ลิงก์ได้ไม่เกิน {MAX_LINKS} ลิงก์ (ใส่มา {len(links)} ลิงก์)")
        if errors:
            raise ValidationError(errors)
        return links

    def clean(self):
        cleaned = super().clean()
        positions = getattr(self, "link_positions", {})
        removed = set(cleaned.get("remove_files") or [])
        evidence = {}
        for index, name in enumerate(self.element_fields, start=1):
            ref = cleaned.get(name) or ""
            if ref.startswith("link:"):
                typed = int(ref[5:])
                if typed not in positions:
                    if "links" in cleaned:
                        self.add_error(name, f"ลิงก์ที่ {typed} ยังว่างอยู่ เลือกลิงก์ที่กรอกแล้ว")
                    continue
                ref = f"link:{positions[typed]}"
            elif ref.startswith("file:") and int(ref[5:]) in removed:
                self.add_error(name, "ไฟล์นี้กำลังจะถูกลบ เลือกหลักฐานอื่น")
                continue
            if ref:
                evidence[str(index)] = ref
        cleaned["element_evidence"] = evidence
        cleaned["exception_reasons"] = {
            exception["key"]: cleaned.get(name) or "" for name, exception in self.reason_fields
        }
        if "renewed" not in self.fields:
            cleaned["renewed"] = None  # nothing carried: leave the stored list alone
        return cleaned

    def reason_boxes(self):
        return [(self[name], exception) for name, exception in self.reason_fields]


class ActionForm(forms.Form):
    """A step on an answer (submit, approve, return, reopen): the version the page showed
    and the executive's comment or reason, kept on the page when the step is refused."""

    version = VersionField()
    comment = forms.CharField(required=False, strip=True)


class AssignForm(forms.Form):
    items = forms.TypedMultipleChoiceField(
        label="ข้อที่เลือก",
        coerce=int,
        error_messages={"required": "กรุณาเลือกข้อ OIT อย่างน้อย 1 ข้อ"},
    )
    department = forms.ModelChoiceField(
        label="มอบหมายให้",
        queryset=None,
        empty_label="— เลือกส่วนราชการ —",
        error_messages={"required": "กรุณาเลือกส่วนราชการ"},
    )

    def __init__(self, *args, items, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(i.pk, i.code) for i in items]
        self.fields["department"].queryset = departments
