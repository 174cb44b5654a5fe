"""Load the Lancashire demo programme (Boost's Peer Networks); safe to run again, refused in production."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from peernet.demo.seed import seed


class Command(BaseCommand):
    help = "Load the Lancashire demo programme: Rounds 1 and 2 as delivered, Round 3 open, and demo sign-ins"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even with DEBUG off; it adds demo users with a published password",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real service: the demo adds sign-ins with a published "
                "password. Run with --force if you really want the demo data here."
            )
        started = time.monotonic()
        created = seed()
        took = time.monotonic() - started
        if created:
            self.stdout.write(f"Loaded the demo programme in {took:.1f}s: {', '.join(created)}")
        else:
            self.stdout.write("The demo programme is already loaded; nothing to add.")
