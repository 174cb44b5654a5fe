from django.contrib import admin

from peernet.applications.models import (
    Application,
    Business,
    DigestRun,
    EligibilityDecision,
    ImportJob,
    Leader,
)


@admin.register(Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = ["name", "company_number", "sector", "district", "employees", "hub"]
    list_filter = ["hub", "district", "sector", "legal_form"]
    search_fields = ["name", "company_number", "postcode", "sic"]
    list_select_related = ["district", "hub"]


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "business", "hub"]
    list_filter = ["hub"]
    search_fields = ["full_name", "email", "business__name"]
    list_select_related = ["business", "hub"]
    raw_id_fields = ["business", "user"]


class DecisionInline(admin.TabularInline):
    model = EligibilityDecision
    extra = 0
    readonly_fields = ["outcome", "checks", "decided_at", "decided_by", "overridden", "reason"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["reference", "leader", "business", "round", "status", "source", "submitted_at"]
    list_filter = ["round", "status", "source", "mode"]
    search_fields = [
        "reference",
        "leader__full_name",
        "leader__email",
        "business__name",
        "business__company_number",
    ]
    list_select_related = ["leader", "business", "round"]
    raw_id_fields = ["leader", "business", "duplicate_of", "recruited_by", "decision"]
    filter_horizontal = ["themes"]
    exclude = ["not_with"]
    # A status moves only through peernet.applications.workflow, which audits it and tells the cohorts.
    readonly_fields = ["status", "status_changed_at", "decision", "failed_rules"]
    inlines = [DecisionInline]


@admin.register(EligibilityDecision)
class EligibilityDecisionAdmin(admin.ModelAdmin):
    list_display = ["application", "outcome", "overridden", "decided_by", "decided_at"]
    list_filter = ["outcome", "overridden"]
    search_fields = ["application__reference", "reason"]
    list_select_related = ["application", "decided_by"]
    raw_id_fields = ["application"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "filename",
        "round",
        "status",
        "created_count",
        "skipped_count",
        "created_by",
        "created_at",
    ]
    list_filter = ["status", "round"]
    search_fields = ["filename", "created_by__email"]
    list_select_related = ["round", "created_by"]
    exclude = ["content"]
    readonly_fields = ["errors"]


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    list_display = ["hub", "day", "application_count", "sent_at"]
    list_filter = ["hub"]
    search_fields = ["hub__name"]
