from django.contrib import admin

from peernet.feedback.models import CaseStudy, Response, Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "round", "kind", "opens_on", "closes_on"]
    list_filter = ["kind", "round"]
    search_fields = ["title"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "application", "invited_at", "submitted_at", "satisfaction"]
    list_filter = ["survey__kind", "survey__round", "satisfaction"]
    search_fields = ["application__reference"]
    raw_id_fields = ["application"]
    readonly_fields = ["token"]


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ["title", "application", "status", "consent_given_at", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "application__reference"]
    raw_id_fields = ["application"]
