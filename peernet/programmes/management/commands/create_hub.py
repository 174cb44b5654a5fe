"""A platform operator creates a new Growth Hub, its districts and programme, and invites its first admin."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from peernet.programmes.hubs import HubRefused, create_hub, read_districts


class Command(BaseCommand):
    help = (
        "Create a Growth Hub with its districts (a CSV with the columns name, kind, travel_area) and its "
        "Peer Networks programme, and email its first hub admin an invitation. Nothing is saved if anything "
        "is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The hub's full name")
        parser.add_argument("--short-name", required=True, help="The name pages and emails use, like Boost")
        parser.add_argument("--slug", required=True, help="For web addresses, like boost")
        parser.add_argument("--area", required=True, help="The area it serves, like Lancashire")
        parser.add_argument("--districts", required=True, type=Path, help="The districts CSV file")
        parser.add_argument("--admin-email", required=True, help="The first hub admin, invited by email")
        parser.add_argument(
            "--national-email", action="append", default=[], help="A national viewer (may be given again)"
        )

    def handle(self, *args, **options):
        try:
            text = options["districts"].read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as problem:
            raise CommandError(f"--districts: cannot read {options['districts']}: {problem}") from None
        try:
            hub = create_hub(
                name=options["name"],
                short_name=options["short_name"],
                slug=options["slug"],
                area=options["area"],
                districts=read_districts(text),
                admin_email=options["admin_email"],
                national_emails=options["national_email"],
            )
        except HubRefused as refused:
            raise CommandError("Nothing was created:\n" + "\n".join(refused.problems)) from None
        self.stdout.write(
            f"Created {hub.name} with {hub.districts.count()} districts. "
            f"{options['admin_email']} has been emailed an invitation to be its hub admin."
        )
        if options["national_email"]:
            self.stdout.write(
                "National viewers set their password from the sign-in page's 'Forgotten your password?' link."
            )
