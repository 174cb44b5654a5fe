from django.contrib import admin

from peernet.outbox import mail
from peernet.outbox.models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "status", "attempts", "created_at", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "to",
        "subject",
        "body",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    ]
    actions = ["send_again"]

    @admin.display(description="To")
    def recipients(self, email: Email) -> str:
        return ", ".join(email.to)

    @admin.action(description="Send the selected failed emails again")
    def send_again(self, request, queryset):
        count = mail.send_again(queryset)
        self.message_user(request, f"{count} failed email{'s' if count != 1 else ''} will be sent again.")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Emails are records of what was sent; the only change an operator makes is the action above.
        return False
