from django.contrib import admin, messages

from committees.documents import render_order
from committees.models import Committee, Duty, Member, Order
from itaportal.admin import VersionedAdmin
from itaportal.documents import DocumentError


class CommitteeInline(admin.TabularInline):
    model = Committee
    extra = 0
    fields = ["position", "name", "kind", "duties_heading"]
    show_change_link = True


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["position", "position_title", "person_name", "role"]


class DutyInline(admin.TabularInline):
    model = Duty
    extra = 0
    fields = ["position", "text"]


@admin.register(Order)
class OrderAdmin(VersionedAdmin):
    list_display = ["number", "year", "organization", "subject", "signed_on", "status"]
    list_filter = ["organization", "year", "status"]
    search_fields = ["subject", "signer_name"]
    list_select_related = ["organization"]
    readonly_fields = ["version", "created_at", "updated_at", "updated_by"]
    inlines = [CommitteeInline]
    actions = ["print_pdf", "print_docx"]

    @admin.action(description="พิมพ์คำสั่งเป็น PDF")
    def print_pdf(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "เลือกคำสั่งครั้งละหนึ่งรายการเพื่อพิมพ์", messages.WARNING)
            return None
        try:
            return render_order(queryset.get()).as_response(inline=False)
        except DocumentError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return None

    @admin.action(description="คำสั่งเป็นไฟล์ Word (.docx)")
    def print_docx(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "เลือกคำสั่งครั้งละหนึ่งรายการเพื่อพิมพ์", messages.WARNING)
            return None
        try:
            return render_order(queryset.get(), format="docx").as_response(inline=False)
        except DocumentError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return None


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "position", "kind"]
    list_filter = ["order__organization", "kind"]
    list_select_related = ["order"]
    search_fields = ["name"]
    inlines = [MemberInline, DutyInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["position_title", "role", "person_name", "committee"]
    list_select_related = ["committee"]
    search_fields = ["position_title", "person_name", "role"]


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "committee", "position"]
    list_select_related = ["committee"]
    search_fields = ["text"]
