from django import forms
from django.contrib import admin, messages

from itaportal.admin import VersionedAdmin
from itaportal.documents import DocumentError
from measures import documents, services
from measures.models import Acknowledgement, Evidence, Measure, MeasureReport, Memo


def _pdf_response(modeladmin, request, render):
    try:
        return render().as_response(inline=False)
    except DocumentError as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return None


def _one_assessment(modeladmin, request, queryset):
    """The one assessment of the selected measures, or None with a Thai message."""
    assessment_ids = set(queryset.values_list("assessment_id", flat=True))
    if len(assessment_ids) != 1:
        modeladmin.message_user(request, "กรุณาเลือกมาตรการของผลการประเมินเดียวกัน", messages.WARNING)
        return None
    measure = queryset.select_related("assessment__organization").first()
    return documents._assessment(measure.assessment.organization, measure.assessment.year)


@admin.action(description="พิมพ์รายงานมาตรการ (PDF) ของปีของมาตรการที่เลือก")
def print_measures_report(modeladmin, request, queryset):
    assessment = _one_assessment(modeladmin, request, queryset)
    if assessment is None:
        return None
    return _pdf_response(modeladmin, request, lambda: documents.render_measures_report(assessment))


@admin.action(description="พิมพ์รายงานความก้าวหน้าไตรมาสล่าสุด (PDF)")
def print_progress_report(modeladmin, request, queryset):
    assessment = _one_assessment(modeladmin, request, queryset)
    if assessment is None:
        return None
    quarter = documents.default_progress_quarter(assessment)
    return _pdf_response(
        modeladmin, request, lambda: documents.render_progress_report(assessment, quarter)
    )


@admin.action(description="รายงานมาตรการ (Word) ของปีของมาตรการที่เลือก")
def print_measures_report_docx(modeladmin, request, queryset):
    assessment = _one_assessment(modeladmin, request, queryset)
    if assessment is None:
        return None
    return _pdf_response(
        modeladmin, request, lambda: documents.render_measures_report(assessment, format="docx")
    )


@admin.action(description="รายงานความก้าวหน้าไตรมาสล่าสุด (Word)")
def print_progress_report_docx(modeladmin, request, queryset):
    assessment = _one_assessment(modeladmin, request, queryset)
    if assessment is None:
        return None
    quarter = documents.default_progress_quarter(assessment)
    return _pdf_response(
        modeladmin,
        request,
        lambda: documents.render_progress_report(assessment, quarter, format="docx"),
    )


@admin.action(description="คัดลอกมาตรการที่เลือกไปยังผลการประเมินปีถัดไป (รีเซ็ตสถานะ)")
def copy_to_next_year(modeladmin, request, queryset):
    from assessments.models import Assessment

    pairs = queryset.values_list("assessment_id", flat=True).distinct()
    for source in Assessment.objects.filter(pk__in=list(pairs)).select_related("organization"):
        target = Assessment.objects.filter(
            organization=source.organization_id, year=source.year + 1
        ).first()
        if target is None:
            modeladmin.message_user(
                request,
                f"{source.organization.short_name}: ยังไม่มีผลการประเมินปี {source.year + 1} "
                "ให้คัดลอกมาตรการไป",
                messages.WARNING,
            )
            continue
        try:
            copied, skipped = services.measures_copy_forward(
                source=source, target=target, measures=queryset
            )
        except services.MeasureError as exc:
            modeladmin.message_user(request, str(exc), messages.ERROR)
            continue
        modeladmin.message_user(
            request,
            f"คัดลอก {len(copied)} มาตรการไปปี {target.year} แล้ว"
            + (f" (ข้าม {len(skipped)} มาตรการที่ไม่มีตัวชี้วัดในปีใหม่)" if skipped else ""),
            messages.SUCCESS,
        )


@admin.action(description="พิมพ์บันทึกข้อความ (PDF)")
def print_memo(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, "กรุณาเลือกบันทึกข้อความเพียงหนึ่งฉบับ", messages.WARNING)
        return None
    memo = queryset.select_related("assessment__organization").first()
    return _pdf_response(modeladmin, request, lambda: documents.render_memo(memo))


@admin.action(description="บันทึกข้อความ (Word)")
def print_memo_docx(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, "กรุณาเลือกบันทึกข้อความเพียงหนึ่งฉบับ", messages.WARNING)
        return None
    memo = queryset.select_related("assessment__organization").first()
    return _pdf_response(modeladmin, request, lambda: documents.render_memo(memo, format="docx"))


class MeasureAdminForm(forms.ModelForm):
    """The admin's measure form (its model and fields come from MeasureAdmin): the
    measure's rules as measure_save states them."""

    def clean(self):
        cleaned = super().clean()
        assessment = cleaned.get("assessment")
        if assessment is not None:
            errors = services.measure_rule_errors(
                assessment=assessment,
                indicator=cleaned.get("indicator"),
                start_date=cleaned.get("start_date"),
                due_date=cleaned.get("due_date"),
                departments=cleaned.get("departments") or [],
                oit_items=cleaned.get("oit_items") or [],
            )
            for field, message in errors:
                self.add_error(field if field in self.fields else None, message)
        return cleaned


class MeasureReportInline(admin.StackedInline):
    model = MeasureReport
    extra = 0
    fields = ["department", "year", "quarter", "text", "links", "created_by"]
    raw_id_fields = ["created_by"]


@admin.register(Measure)
class MeasureAdmin(VersionedAdmin):
    form = MeasureAdminForm
    list_display = ["title", "indicator", "assessment", "status", "progress", "due_date"]
    list_filter = ["status", "assessment__organization", "assessment__year"]
    list_select_related = ["indicator", "assessment__organization"]
    search_fields = ["title", "sub_topic", "weakness"]
    filter_horizontal = ["departments", "oit_items"]
    readonly_fields = ["version", "completed_on", "updated_by", "created_at", "updated_at"]
    actions = [
        print_measures_report,
        print_progress_report,
        print_measures_report_docx,
        print_progress_report_docx,
        copy_to_next_year,
    ]
    inlines = [MeasureReportInline]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["original_name", "file", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["content_type", "size", "uploaded_at"]
    raw_id_fields = ["uploaded_by"]


@admin.register(MeasureReport)
class MeasureReportAdmin(VersionedAdmin):
    list_display = ["measure", "department", "year", "quarter", "created_by", "created_at"]
    list_filter = ["year", "quarter", "measure__assessment__organization"]
    list_select_related = ["measure__indicator", "department", "created_by"]
    raw_id_fields = ["measure", "department", "created_by"]
    inlines = [EvidenceInline]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["original_name", "report", "content_type", "size", "uploaded_at"]
    list_select_related = ["report__measure__indicator", "uploaded_by"]
    raw_id_fields = ["report", "uploaded_by"]


class AcknowledgementInline(admin.TabularInline):
    model = Acknowledgement
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Memo)
class MemoAdmin(VersionedAdmin):
    list_display = ["reference", "date", "subject", "assessment"]
    list_filter = ["assessment__organization", "assessment__year"]
    list_select_related = ["assessment__organization"]
    filter_horizontal = ["recipients"]
    readonly_fields = ["version"]
    actions = [print_memo, print_memo_docx]
    inlines = [AcknowledgementInline]

    @admin.display(description="ที่")
    def reference(self, memo):
        return memo.reference


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["name", "memo", "position", "at"]
    list_select_related = ["memo__assessment__organization"]
    raw_id_fields = ["memo", "user"]
