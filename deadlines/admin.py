from django.contrib import admin

from deadlines.models import CalendarFeed, DeadlineSettings, Milestone, OrganizationDeadline


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["framework", "kind", "title", "starts_on", "ends_on", "provisional"]
    list_filter = ["framework", "kind", "provisional"]
    list_editable = ["starts_on", "ends_on", "provisional"]
    ordering = ["-framework__year", "starts_on"]


@admin.register(DeadlineSettings)
class DeadlineSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "organization",
        "report_days_after_quarter",
        "memo_ack_days",
        "approval_days_before_oit_close",
    ]


@admin.register(OrganizationDeadline)
class OrganizationDeadlineAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "year", "kind", "due_on", "department", "done"]
    list_filter = ["organization", "year", "kind", "done"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]
