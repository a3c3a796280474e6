from django.contrib import admin, messages

from announcements.documents import render_announcement
from announcements.models import Announcement
from itaportal.admin import VersionedAdmin
from itaportal.documents import DocumentError


def _print(modeladmin, request, queryset, format):
    if queryset.count() != 1:
        modeladmin.message_user(request, "เลือกประกาศครั้งละหนึ่งรายการเพื่อพิมพ์", messages.WARNING)
        return None
    try:
        return render_announcement(queryset.get(), format=format).as_response(inline=False)
    except DocumentError as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return None


@admin.action(description="พิมพ์ประกาศเป็น PDF")
def print_pdf(modeladmin, request, queryset):
    return _print(modeladmin, request, queryset, "pdf")


@admin.action(description="ประกาศเป็นไฟล์ Word (.docx)")
def print_docx(modeladmin, request, queryset):
    return _print(modeladmin, request, queryset, "docx")


@admin.register(Announcement)
class AnnouncementAdmin(VersionedAdmin):
    list_display = ["subject", "kind", "fiscal_year", "organization", "signed_on"]
    list_filter = ["organization", "kind", "fiscal_year"]
    search_fields = ["subject", "body"]
    list_select_related = ["organization"]
    readonly_fields = ["version", "signed_on", "created_at", "updated_at", "updated_by"]
    actions = [print_pdf, print_docx]
