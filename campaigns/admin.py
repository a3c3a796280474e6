from django.contrib import admin

from campaigns.models import Campaign, ResponseCount, Stakeholder


class StakeholderInline(admin.TabularInline):
    model = Stakeholder
    extra = 0


class ResponseCountInline(admin.TabularInline):
    model = ResponseCount
    extra = 0
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["organization", "year", "iit_target", "eit_target", "itas_checked_on"]
    list_filter = ["year"]
    search_fields = ["organization__name", "organization__short_name"]
    inlines = [StakeholderInline, ResponseCountInline]
    raw_id_fields = ["itas_holder"]


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "campaign"]
    search_fields = ["name", "group"]
    list_select_related = ["campaign__organization"]


@admin.register(ResponseCount)
class ResponseCountAdmin(admin.ModelAdmin):
    list_display = ["campaign", "instrument", "counted_on", "count"]
    list_filter = ["instrument"]
    list_select_related = ["campaign__organization"]
