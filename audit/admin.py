"""The operator sees every history row in the Django admin, read-only."""

from django.contrib import admin

from audit.tracked import tracked_models


class HistoryRecordAdmin(admin.ModelAdmin):
    list_display = ["history_date", "history_type", "__str__", "history_user"]
    list_filter = ["history_type", "history_date"]
    list_select_related = ["history_user"]
    date_hierarchy = "history_date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for _model, _ in tracked_models():
    admin.site.register(_model.history.model, HistoryRecordAdmin)
