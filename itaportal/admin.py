from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from itaportal.models import Department, Organization, User


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "district", "province", "slug"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name", "slug", "province"]
    prepopulated_fields = {}
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "head_title", "order"]
    list_filter = ["organization"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "organization", "department", "role", "is_active"]
    list_filter = ["role", "organization", "is_active", "is_superuser"]
    list_select_related = ["organization", "department"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            "หน่วยงานและบทบาท",
            {"fields": ["organization", "department", "name_prefix", "position_title", "role"]},
        ),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        ("หน่วยงานและบทบาท", {"fields": ["organization", "department", "role"]}),
    )

    @admin.display(description="ชื่อ")
    def display_name(self, obj):
        return obj.display_name
