from django.contrib import admin

from peernet.cohorts.models import Cohort, FormingRun, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["application"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "round", "status", "origin", "locked", "partner", "facilitator", "slot", "mode"]
    list_filter = ["round", "status", "origin", "basis", "mode", "partner"]
    search_fields = ["name", "code", "basis_value", "partner__name", "facilitator__full_name"]
    list_select_related = ["round", "partner", "facilitator"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["application", "cohort", "status", "joined_on"]
    list_filter = ["status", "cohort__round"]
    search_fields = ["application__reference", "application__leader__full_name", "cohort__name"]
    list_select_related = ["application", "cohort"]
    raw_id_fields = ["application", "cohort"]


@admin.register(FormingRun)
class FormingRunAdmin(admin.ModelAdmin):
    list_display = ["round", "status", "summary", "created_by", "created_at", "finished_at"]
    list_filter = ["status", "round"]
    search_fields = ["summary", "round__name", "created_by__email"]
    list_select_related = ["round", "created_by"]
    readonly_fields = ["unplaced", "error"]
