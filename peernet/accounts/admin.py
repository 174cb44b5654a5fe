from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from peernet.accounts.models import ApiToken, AuditEntry, District, Hub, Invitation, User


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "area_name"]
    list_filter = ["area_name"]
    search_fields = ["name", "short_name", "area_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "hub", "kind", "travel_area"]
    list_filter = ["hub", "kind", "travel_area"]
    search_fields = ["name", "travel_area"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "hub", "delivery_partner", "is_active"]
    list_filter = ["role", "hub", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    list_select_related = ["hub", "delivery_partner"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "role", "hub", "delivery_partner"]}),
        (
            "Access",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "role", "hub", "password1", "password2"],
            },
        )
    ]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "summary", "actor", "hub"]
    list_filter = ["action", "hub"]
    search_fields = ["summary", "reason", "actor__email", "object_id"]
    date_hierarchy = "at"
    list_select_related = ["actor", "hub"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__email"]
    readonly_fields = ["prefix", "token_hash", "created_at", "last_used_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "hub", "delivery_partner", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "hub"]
    search_fields = ["email", "full_name"]
    list_select_related = ["hub", "delivery_partner"]
    readonly_fields = ["token_hash", "created_at", "accepted_at", "user", "invited_by"]
