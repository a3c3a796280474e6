from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from itaportal.editing import Versioned
from itaportal.models import Department, FormToken, Organization, User


class VersionedAdmin(admin.ModelAdmin):
    """The operator's admin for a versioned record (itaportal.editing): a change saved
    here, to the record or to a versioned row edited inline, moves its version on too, so
    a portal page opened before it is refused rather than silently writing the old
    values back. (The admin itself does not check versions: it is the operator's tool.)"""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if issubclass(formset.model, Versioned):
            for inline in formset.forms:
                if inline.instance.pk and inline.has_changed():
                    inline.instance.version += 1
        super().save_formset(request, form, formset, change)


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


@admin.register(FormToken)
class FormTokenAdmin(admin.ModelAdmin):
    """Used one-time tokens of creating forms (itaportal.once): read only."""

    list_display = ["token", "used_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
