"""The operator's Django admin for OIT answers, their files and their history.

Imported by assessments/admin.py. The history is read-only: events are the trace of what
people did, never edited afterwards.
"""

from django.contrib import admin

from assessments.models import ITEM_FRAMEWORK
from itaportal.admin import VersionedAdmin
from oit.models import (
    ANSWER_YEAR,
    AnswerEvent,
    Clarification,
    ClarificationAttachment,
    ClarificationEvent,
    ItemVerdict,
    LinkCheck,
    OITAnswer,
    OITAnswerAttachment,
    SnapshotLink,
    SubmissionSnapshot,
)


class AttachmentInline(admin.TabularInline):
    model = OITAnswerAttachment
    extra = 0
    fields = ["original_name", "file", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["content_type", "size", "uploaded_by", "uploaded_at"]


class EventInline(admin.TabularInline):
    model = AnswerEvent
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_status", "to_status", "actor", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OITAnswer)
class OITAnswerAdmin(VersionedAdmin):
    list_display = ["item", "organization", "year_display", "department", "status", "updated_at"]
    list_filter = ["status", "organization", ANSWER_YEAR]
    list_select_related = [
        f"item__{ITEM_FRAMEWORK}",
        "organization",
        "department",
    ]
    search_fields = ["item__code", "item__title", "where_to_find", "organization__name"]
    raw_id_fields = ["copied_from"]
    readonly_fields = ["version", "created_at", "updated_at", "approved_at", "updated_by"]
    inlines = [AttachmentInline, EventInline]

    @admin.display(description="ปีงบประมาณ")
    def year_display(self, obj):
        return obj.year


@admin.register(AnswerEvent)
class AnswerEventAdmin(admin.ModelAdmin):
    list_display = ["answer", "action", "from_status", "to_status", "actor", "at"]
    list_filter = ["action"]
    list_select_related = ["answer__item", "answer__organization", "actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(OITAnswerAttachment)
class OITAnswerAttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "answer", "content_type", "size", "uploaded_at"]
    list_select_related = ["answer__item", "answer__organization"]


@admin.register(ItemVerdict)
class ItemVerdictAdmin(VersionedAdmin):
    list_display = ["item", "organization", "preliminary_met", "final_met", "updated_at"]
    list_filter = ["preliminary_met", "final_met", "organization"]
    list_select_related = ["item", "organization"]
    search_fields = ["item__code", "item__title", "organization__name"]
    readonly_fields = ["version", "updated_at", "recorded_by"]


class ClarificationAttachmentInline(admin.TabularInline):
    model = ClarificationAttachment
    extra = 0
    fields = ["original_name", "file", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["content_type", "size", "uploaded_by", "uploaded_at"]


class ClarificationEventInline(admin.TabularInline):
    model = ClarificationEvent
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_status", "to_status", "actor", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Clarification)
class ClarificationAdmin(VersionedAdmin):
    list_display = ["__str__", "department", "status", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["verdict__item", "department"]
    readonly_fields = ["version", "updated_at", "approved_at", "updated_by"]
    inlines = [ClarificationAttachmentInline, ClarificationEventInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """What the checker found and what was kept as evidence: looked at, never edited."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(LinkCheck)
class LinkCheckAdmin(ReadOnlyAdmin):
    list_display = ["url", "answer", "verdict", "status", "checked_at"]
    list_filter = ["verdict"]
    list_select_related = ["answer__item", "answer__organization"]
    search_fields = ["url", "final_url", "answer__organization__name"]


@admin.register(SubmissionSnapshot)
class SubmissionSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["organization", "year", "submitted_on", "review_starts", "review_ends"]
    list_select_related = ["organization"]
    list_filter = ["year"]


@admin.register(SnapshotLink)
class SnapshotLinkAdmin(ReadOnlyAdmin):
    list_display = ["url", "snapshot_answer", "status", "size", "fetched_at", "change"]
    list_filter = ["change"]
    list_select_related = ["snapshot_answer__snapshot__organization"]
