from django.contrib import admin

from peernet.delivery.models import Action, Attendance, Challenge, Meeting, SupportSession


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["membership"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["cohort", "number", "starts_at", "duration_minutes", "status"]
    list_filter = ["status", "cohort__round"]
    search_fields = ["cohort__name"]
    date_hierarchy = "starts_at"
    list_select_related = ["cohort"]
    inlines = [AttendanceInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["membership", "meeting", "present", "minutes"]
    list_filter = ["present", "meeting__cohort__round"]
    search_fields = ["membership__application__reference", "meeting__cohort__name"]
    raw_id_fields = ["membership", "meeting"]


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["theme", "membership", "meeting"]
    list_filter = ["theme"]
    search_fields = ["membership__application__reference"]
    raw_id_fields = ["membership", "meeting"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["id", "membership", "meeting", "status"]
    list_filter = ["status"]
    search_fields = ["membership__application__reference"]
    raw_id_fields = ["membership", "meeting", "challenge", "reviewed_at"]


@admin.register(SupportSession)
class SupportSessionAdmin(admin.ModelAdmin):
    list_display = ["membership", "kind", "held_on", "minutes", "adviser"]
    list_filter = ["kind"]
    search_fields = ["membership__application__reference", "adviser"]
    raw_id_fields = ["membership"]
