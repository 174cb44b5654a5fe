"""python manage.py import_applications FILE --round SLUG: applications recruited by delivery partners."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from peernet.applications import imports
from peernet.programmes.models import Round


class Command(BaseCommand):
    help = (
        "Import applications from a CSV or XLSX file into a round. A file with any bad row imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--round", required=True, help="The round's slug, like round-3")
        parser.add_argument("--hub", help="The hub's slug, when more than one hub has a round with that slug")
        parser.add_argument("--programme", help="The programme's slug, when the hub has several")
        parser.add_argument("--notify", action="store_true", help="Email each applicant their reference")

    def handle(
        self, *args, file: Path, round: str, hub: str | None, programme: str | None, notify: bool, **options
    ):
        rounds = Round.objects.filter(slug=round).select_related("programme__hub")
        if hub:
            rounds = rounds.filter(programme__hub__slug=hub)
        if programme:
            rounds = rounds.filter(programme__slug=programme)
        found = list(rounds[:5])
        if not found:
            raise CommandError(f"No round with the slug {round!r}", returncode=2)
        if len(found) > 1:
            names = ", ".join(f"{r.programme.hub.slug}/{r.programme.slug}" for r in found)
            raise CommandError(
                f"More than one round is called {round!r} ({names}); add --hub and --programme", returncode=2
            )
        if not file.is_file():
            raise CommandError(f"{file}: no such file", returncode=2)
        if file.stat().st_size > 50 * 1024 * 1024:
            raise CommandError(f"{file}: larger than 50 MB; split it into smaller files", returncode=2)

        result = imports.import_file(file.name, file.read_bytes(), round=found[0], notify=notify)
        if result.errors:
            for error in result.errors:
                self.stderr.write(f"{file.name} {error}")
            problems = f"{len(result.errors)} problem{'s' if len(result.errors) != 1 else ''}"
            raise CommandError(
                f"{problems} found; nothing was imported",
                returncode=2,
            )
        self.stdout.write(
            f"Imported {result.created} application{'s' if result.created != 1 else ''} to {found[0]}; "
            f"{result.skipped} already there"
        )
