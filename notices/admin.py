from django.contrib import admin

from notices.models import Delivery, NoticePreference, Notification, ReminderRule


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ["organization", "days", "when"]
    list_filter = ["organization", "when"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "due", "created_at", "read_at"]
    list_filter = ["read_at"]
    search_fields = ["title", "user__username"]


@admin.register(NoticePreference)
class NoticePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["subject", "user", "channel", "due", "day", "sent_at", "attempts"]
    list_filter = ["channel", "day"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
