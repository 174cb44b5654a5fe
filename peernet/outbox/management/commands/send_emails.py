"""python manage.py send_emails: send every email in the outbox that is due.

Run it from cron every minute. The worker sends each email as soon as its change is saved; this sends the
retries of emails the mail server refused, and any whose task was lost. Running it twice at once sends no
email twice.
"""

from django.core.management.base import BaseCommand

from peernet.outbox.mail import send_due


class Command(BaseCommand):
    help = "Send the emails in the outbox that are due, and put off again any the mail server refuses."

    def handle(self, *args, **options):
        counts = send_due()
        if any(counts.values()):
            self.stdout.write(
                f"{counts['sent']} sent, {counts['retrying']} to try again, {counts['failed']} failed"
            )
