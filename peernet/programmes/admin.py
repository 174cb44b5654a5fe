from django.contrib import admin

from peernet.programmes.models import (
    Contract,
    DeliveryPartner,
    Facilitator,
    Payment,
    Programme,
    Round,
    Theme,
)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "hub", "slug"]
    list_filter = ["hub"]
    search_fields = ["name", "slug"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "hub"]
    list_filter = ["hub"]
    search_fields = ["name", "slug"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "programme",
        "status",
        "starts_on",
        "ends_on",
        "planned_cohorts",
        "subsidy_regime",
    ]
    list_filter = ["status", "subsidy_regime", "programme__hub"]
    search_fields = ["name", "slug", "funder"]
    filter_horizontal = ["eligible_districts", "themes"]
    list_select_related = ["programme"]


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["partner", "round", "cohorts_awarded", "price_per_cohort_pence", "signed_on"]
    list_filter = ["round", "partner__hub"]
    search_fields = ["partner__name", "reference"]
    list_select_related = ["partner", "round"]
    inlines = [PaymentInline]


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["milestone", "contract", "amount_pence", "due_on", "paid_on"]
    list_filter = ["contract__round", "paid_on"]
    search_fields = ["milestone", "contract__partner__name"]
    list_select_related = ["contract__partner", "contract__round"]


@admin.register(DeliveryPartner)
class DeliveryPartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "hub", "contact_email"]
    list_filter = ["kind", "hub"]
    search_fields = ["name", "contact_name", "contact_email"]


@admin.register(Facilitator)
class FacilitatorAdmin(admin.ModelAdmin):
    list_display = ["full_name", "partner", "email", "user"]
    list_filter = ["partner"]
    search_fields = ["full_name", "email"]
    list_select_related = ["partner", "user"]
