"""python manage.py send_application_digest: email each hub's managers yesterday's new applications.

Run it from cron once a day, for example at 7am; running it again the same day sends nothing twice.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from peernet.applications.digest import send_all


class Command(BaseCommand):
    help = "Email each hub's programme managers and administrators the applications received on a day."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to report, YYYY-MM-DD; yesterday if not given")

    def handle(self, *args, date: str | None, **options):
        if date:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(
                    f"--date {date!r} is not a date written YYYY-MM-DD", returncode=2
                ) from error
        else:
            day = timezone.localdate() - dt.timedelta(days=1)
        sent = send_all(day=day)
        for hub, count in sent.items():
            plural = "s" if count != 1 else ""
            self.stdout.write(f"{hub}: digest of {count} application{plural} queued to send")
        if not sent:
            self.stdout.write(f"No digests to send for {day.isoformat()}")
