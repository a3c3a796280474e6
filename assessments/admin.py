"""The operator's Django admin for frameworks (yearly data) and assessments.

A framework an organization's assessment uses never loses instruments, indicators,
sub-indicators or items here: deleting them (on their own page, in bulk, or by ticking
"ลบ" in an inline) is refused with a Thai message. Names and weights stay editable.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header

from assessments import imports, services
from assessments.errors import AssessmentError
from assessments.forms import ElementLinesField
from assessments.matching import MappingError
from assessments.models import (
    ITEM_FRAMEWORK,
    ITEM_YEAR,
    Assessment,
    Framework,
    Indicator,
    IndicatorScore,
    Instrument,
    InstrumentAnalysis,
    OITItem,
    OITItemResult,
    OITSubIndicator,
    RatingBand,
)
from itaportal.admin import VersionedAdmin


def framework_of(obj):
    if isinstance(obj, Framework):
        return obj
    if isinstance(obj, Instrument | Indicator):
        return obj.framework
    if isinstance(obj, OITSubIndicator):
        return obj.indicator.framework
    if isinstance(obj, OITItem):
        return obj.sub_indicator.indicator.framework
    return None


class GuardedInlineFormSet(BaseInlineFormSet):
    """Refuses ticking "ลบ" on rows of a framework that an assessment uses."""

    def clean(self):
        super().clean()
        doomed = [f.instance for f in self.deleted_forms if f.instance.pk]
        if not doomed:
            return
        framework = framework_of(self.instance)
        message = framework and services.framework_in_use_message(
            framework, " ".join(str(obj) for obj in doomed)
        )
        if message:
            raise ValidationError(message)


class GuardedDeleteMixin:
    """Deleting a row of a framework in use answers a Thai message instead."""

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        framework = framework_of(obj) if obj else None
        message = framework and services.framework_in_use_message(framework, str(obj))
        if message:
            self.message_user(request, message, messages.ERROR)
            return redirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                guarded_delete_selected,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions


def guarded_delete_selected(modeladmin, request, queryset):
    for obj in queryset:
        framework = framework_of(obj)
        message = framework and services.framework_in_use_message(framework, str(obj))
        if message:
            modeladmin.message_user(request, message, messages.ERROR)
            return None
    return delete_selected(modeladmin, request, queryset)


class InstrumentInline(admin.TabularInline):
    model = Instrument
    formset = GuardedInlineFormSet
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    formset = GuardedInlineFormSet
    fields = ["number", "name", "instrument", "weight"]
    extra = 0
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "instrument":
            year = request.resolver_match.kwargs.get("object_id")
            if year:
                kwargs["queryset"] = Instrument.objects.filter(framework_id=year)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RatingBandInline(admin.TabularInline):
    model = RatingBand
    extra = 0


class CopyFrameworkForm(forms.Form):
    year = forms.IntegerField(label="ปีงบประมาณใหม่ (พ.ศ.)", min_value=2500, max_value=2700)


class OITItemForm(forms.ModelForm):
    """An item with its required elements as lines of text instead of raw JSON."""

    required_elements = ElementLinesField(label="องค์ประกอบที่ต้องมี")

    class Meta:
        model = OITItem
        fields = [
            "sub_indicator",
            "code",
            "number",
            "title",
            "group",
            "required_elements",
            "evidence_period",
            "elements_confidence",
            "elements_source",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("sub_indicator")
        if field is not None and self.instance.pk:
            # "9.1" exists in every year: offer only the item's own year.
            field.queryset = OITSubIndicator.objects.filter(
                indicator__framework_id=self.instance.sub_indicator.indicator.framework_id
            )


PUBLISH_SALT = "assessments.framework_publish"


class UploadFrameworkForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์กรอบการประเมิน (.yaml หรือ .json)",
        help_text="รูปแบบเดียวกับ fixtures/ita-2565.yaml — ดู docs/frameworks.md",
    )


@admin.register(Framework)
class FrameworkAdmin(GuardedDeleteMixin, admin.ModelAdmin):
    list_display = ["year", "name", "pass_mark", "provisional", "item_count", "assessment_count"]
    list_filter = ["provisional"]
    inlines = [InstrumentInline, IndicatorInline, RatingBandInline]
    actions = ["copy_to_new_year", "export_yaml"]
    change_list_template = "admin/assessments/framework/change_list.html"
    readonly_fields = ["item_links"]

    @admin.display(description="จำนวนข้อ OIT")
    def item_count(self, obj):
        return obj.items().count()

    @admin.display(description="ผลการประเมินที่ใช้กรอบนี้")
    def assessment_count(self, obj):
        return obj.assessments.count()

    @admin.display(description="ข้อ OIT และองค์ประกอบที่ต้องมี")
    def item_links(self, obj):
        """Each item linked to its own page, where the operator edits its elements."""
        if obj is None or obj.pk is None:
            return "—"
        rows = format_html_join(
            "",
            '<li><a href="{}">{} {}</a> — {}</li>',
            (
                (
                    reverse("admin:assessments_oititem_change", args=[item.pk]),
                    item.code,
                    item.title,
                    f"องค์ประกอบ {len(item.required_elements)} ข้อ · "
                    f"{item.get_elements_confidence_display()}"
                    if item.required_elements
                    else "ยังไม่มีองค์ประกอบ",
                )
                for item in obj.items()
            ),
        )
        listing = reverse("admin:assessments_oititem_changelist")
        return format_html(
            '<ul class="oit-item-links">{}</ul><a href="{}?{}={}">ดูเป็นตาราง</a>',
            rows,
            listing,
            "sub_indicator__indicator__framework__id__exact",
            obj.pk,
        )

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="assessments_framework_import",
            )
        ] + super().get_urls()

    def import_view(self, request):
        """Upload a framework file. A year nobody uses is written at once; a year in use
        (NACC publishing the official list of a year organizations already work on)
        shows the mapping of its items first, and nothing is written until the operator
        confirms it (see `publish_step`)."""
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        if request.method == "POST" and "payload" in request.POST:
            return self.publish_step(request)
        form = UploadFrameworkForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data = imports.read_framework_file(upload, upload.name)
                year = imports.parse_framework(data).year
                framework = Framework.objects.filter(year=year).first()
                if framework is not None and services.framework_used(framework):
                    data = json.loads(json.dumps(data, default=str))  # as the form carries it
                    plan = services.framework_publish_plan(framework=framework, data=data)
                    return self.render_publish(request, plan, data)
                framework, created = services.framework_import(data=data)
            except (AssessmentError, MappingError) as exc:
                errors = getattr(exc, "messages", [str(exc)])
            else:
                state = "สร้าง" if created else "ปรับปรุง"
                self.message_user(request, f"{state}กรอบการประเมินปี {framework.year} แล้ว")
                return redirect("admin:assessments_framework_change", framework.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "errors": errors,
            "title": "นำเข้ากรอบการประเมินจากไฟล์",
        }
        return render(request, "admin/assessments/framework/import.html", context)

    def publish_step(self, request):
        """The preview form posted back: show the mapping again with the operator's
        choices ("preview"), or apply it ("confirm")."""
        try:
            data = signing.loads(request.POST["payload"], salt=PUBLISH_SALT)
        except signing.BadSignature:
            self.message_user(
                request, "ข้อมูลไฟล์ที่แนบมากับหน้าจับคู่ไม่ถูกต้อง กรุณาอัปโหลดไฟล์อีกครั้ง", messages.ERROR
            )
            return redirect("admin:assessments_framework_import")
        framework = Framework.objects.filter(year=data.get("year")).first()
        if framework is None:
            return redirect("admin:assessments_framework_import")
        mapping = {
            key.removeprefix("map-"): value
            for key, value in request.POST.items()
            if key.startswith("map-")
        }
        merges = request.POST.getlist("merge")
        try:
            if request.POST.get("action") == "confirm":
                result = services.framework_publish(
                    framework=framework,
                    data=data,
                    mapping=mapping,
                    merges=merges,
                    digest=request.POST.get("digest", ""),
                    retiring=request.POST.getlist("retiring"),
                )
            else:
                plan = services.framework_publish_plan(
                    framework=framework, data=data, mapping=mapping, merges=merges
                )
                return self.render_publish(request, plan, data)
        except (AssessmentError, MappingError) as exc:
            errors = getattr(exc, "messages", [str(exc)])
            try:
                plan = services.framework_publish_plan(framework=framework, data=data)
            except (AssessmentError, MappingError):
                plan = None
            if plan is None:
                self.message_user(request, " ".join(errors), messages.ERROR)
                return redirect("admin:assessments_framework_import")
            return self.render_publish(
                request, plan, data, errors=errors, typed=mapping, typed_merges=merges
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "result": result,
            "title": f"เผยแพร่กรอบการประเมินปี {framework.year} ฉบับทางการแล้ว",
        }
        self.message_user(
            request, f"กรอบการประเมินปี {framework.year} เป็นฉบับทางการแล้ว ไม่มีคำตอบใดถูกลบ"
        )
        return render(request, "admin/assessments/framework/published.html", context)

    def render_publish(self, request, plan, data, errors=(), typed=None, typed_merges=()):
        mapping = {**plan.mapping, **(typed or {})}
        targets = [(item.code, f"{item.code} {item.title}") for item in plan.spec.items]
        old_rows = sorted(
            [old for old, _new in plan.kept + plan.renumbered]
            + [old for _new, olds in plan.merged for old in olds]
            + plan.retired,
            key=lambda i: (i.number, i.code),
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "plan": plan,
            "errors": errors,
            "payload": signing.dumps(data, salt=PUBLISH_SALT, compress=True),
            "targets": targets,
            "rows": [
                {
                    "item": old,
                    "choice": mapping.get(old.code, ""),
                    "dependents": plan.dependents_of(old),
                }
                for old in old_rows
            ],
            "merges": set(plan.merges) | set(typed_merges),
            "kept": [(old, new, plan.dependents_of(old)) for old, new in plan.kept],
            "renumbered": [(old, new, plan.dependents_of(old)) for old, new in plan.renumbered],
            "merged": [
                (new, [(old, plan.dependents_of(old)) for old in olds]) for new, olds in plan.merged
            ],
            "retired": [(old, plan.dependents_of(old)) for old in plan.retired],
            "title": f"จับคู่ข้อ OIT ก่อนเผยแพร่กรอบการประเมินปี {plan.framework.year} ฉบับทางการ",
        }
        return render(request, "admin/assessments/framework/publish.html", context)

    @admin.action(description="คัดลอกเป็นกรอบการประเมินปีใหม่")
    def copy_to_new_year(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "เลือกกรอบการประเมินต้นแบบเพียงหนึ่งปี", messages.ERROR)
            return None
        source = queryset.get()
        form = CopyFrameworkForm(
            request.POST if "year" in request.POST else None, initial={"year": source.year + 1}
        )
        if form.is_valid():
            try:
                new = services.framework_copy_provisional(
                    source=source, year=form.cleaned_data["year"]
                )
            except AssessmentError as exc:
                form.add_error("year", exc.messages)
            else:
                self.message_user(
                    request,
                    f"คัดลอกกรอบการประเมินปี {source.year} เป็นปี {new.year} แล้ว "
                    "(ทำเครื่องหมายเป็นข้อมูลเบื้องต้น กรุณาแก้ไขให้ตรงกับประกาศ)",
                )
                return redirect("admin:assessments_framework_change", new.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "source": source,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "title": f"คัดลอกกรอบการประเมินปี {source.year}",
        }
        return render(request, "admin/assessments/framework/copy.html", context)

    @admin.action(description="ดาวน์โหลดเป็นไฟล์ YAML")
    def export_yaml(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "เลือกกรอบการประเมินเพียงหนึ่งปี", messages.ERROR)
            return None
        framework = queryset.get()
        response = HttpResponse(
            imports.framework_to_yaml(framework), content_type="application/yaml; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"ita-{framework.year}.yaml"
        )
        return response


class SubIndicatorInline(admin.TabularInline):
    model = OITSubIndicator
    formset = GuardedInlineFormSet
    extra = 0
    show_change_link = True


@admin.register(Indicator)
class IndicatorAdmin(GuardedDeleteMixin, admin.ModelAdmin):
    list_display = ["number", "name", "instrument", "weight", "framework"]
    list_filter = ["framework"]
    list_select_related = ["framework", "instrument__framework"]
    inlines = [SubIndicatorInline]


@admin.register(Instrument)
class InstrumentAdmin(GuardedDeleteMixin, admin.ModelAdmin):
    list_display = ["code", "name", "weight", "framework"]
    list_filter = ["framework"]
    list_select_related = ["framework"]


class ItemInline(admin.StackedInline):
    model = OITItem
    form = OITItemForm
    formset = GuardedInlineFormSet
    extra = 0
    show_change_link = True
    fields = [
        ("code", "number"),
        "title",
        "group",
        "required_elements",
        "evidence_period",
        ("elements_confidence", "elements_source"),
    ]


@admin.register(OITSubIndicator)
class OITSubIndicatorAdmin(GuardedDeleteMixin, admin.ModelAdmin):
    list_display = ["code", "name", "indicator"]
    list_filter = ["indicator__framework"]
    list_select_related = ["indicator__framework"]
    inlines = [ItemInline]


@admin.register(OITItem)
class OITItemAdmin(GuardedDeleteMixin, admin.ModelAdmin):
    form = OITItemForm
    list_display = [
        "code",
        "title",
        "sub_indicator",
        "year",
        "element_count",
        "elements_confidence",
        "retired",
    ]
    list_filter = [ITEM_FRAMEWORK, "elements_confidence", "retired"]
    readonly_fields = ["retired"]  # set only by publishing NACC's list
    search_fields = ["code", "title", "group"]
    list_select_related = [ITEM_FRAMEWORK]
    fieldsets = [
        (None, {"fields": ["sub_indicator", ("code", "number"), "title", "group", "retired"]}),
        (
            "องค์ประกอบที่ต้องมี",
            {
                "fields": [
                    "required_elements",
                    "evidence_period",
                    "elements_confidence",
                    "elements_source",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        # The operator sees the retired items too, with the records they still carry.
        return OITItem.all_objects.all()

    @admin.display(description="องค์ประกอบ (ข้อ)")
    def element_count(self, obj):
        return len(obj.required_elements or [])

    @admin.display(description="ปีงบประมาณ", ordering=ITEM_YEAR)
    def year(self, obj):
        return obj.sub_indicator.indicator.framework.year


@admin.register(RatingBand)
class RatingBandAdmin(admin.ModelAdmin):
    list_display = ["label", "min_total", "min_each_instrument", "order", "framework"]
    list_filter = ["framework"]
    list_select_related = ["framework"]


class IndicatorScoreInline(admin.TabularInline):
    model = IndicatorScore
    extra = 0


class OITItemResultInline(admin.TabularInline):
    model = OITItemResult
    extra = 0


class InstrumentAnalysisInline(admin.StackedInline):
    model = InstrumentAnalysis
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(VersionedAdmin):
    list_display = ["year", "organization", "total_display", "level_display"]
    list_filter = ["year", "organization"]
    inlines = [IndicatorScoreInline, OITItemResultInline, InstrumentAnalysisInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_results()

    @admin.display(description="คะแนนรวม")
    def total_display(self, obj):
        return obj.total if obj.total is not None else "—"

    @admin.display(description="ระดับ")
    def level_display(self, obj):
        return obj.level or "—"


# Also edited inline on the assessment; listed on their own so the operator can search
# across organizations and years.
@admin.register(IndicatorScore)
class IndicatorScoreAdmin(admin.ModelAdmin):
    list_display = ["assessment", "indicator", "score", "source"]
    list_filter = ["assessment__year", "source"]
    list_select_related = ["assessment__organization", "indicator"]
    search_fields = ["assessment__organization__name"]


@admin.register(OITItemResult)
class OITItemResultAdmin(admin.ModelAdmin):
    list_display = ["assessment", "item", "met"]
    list_filter = ["assessment__year", "met"]
    list_select_related = ["assessment__organization", "item"]
    search_fields = ["assessment__organization__name", "item__code"]


@admin.register(InstrumentAnalysis)
class InstrumentAnalysisAdmin(admin.ModelAdmin):
    list_display = ["assessment", "instrument"]
    list_filter = ["assessment__year"]
    list_select_related = ["assessment__organization", "instrument"]
