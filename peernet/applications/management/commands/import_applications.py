"""python manage.py import_applications FILE --round SLUG: applications recruited by delivery partners."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from peernet.applications import imports
from peernet.programmes.lookup import add_round_arguments, round_for_command


class Command(BaseCommand):
    help = (
        "Import applications from a CSV or XLSX file into a round. A file with any bad row imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        add_round_arguments(parser)
        parser.add_argument("--notify", action="store_true", help="Email each applicant their reference")

    def handle(
        self, *args, file: Path, round: str, hub: str | None, programme: str | None, notify: bool, **options
    ):
        found_round = round_for_command(round, hub=hub, programme=programme)
        if not file.is_file():
            raise CommandError(f"{file}: no such file", returncode=2)
        if file.stat().st_size > 50 * 1024 * 1024:
            raise CommandError(f"{file}: larger than 50 MB; split it into smaller files", returncode=2)

        try:
            result = imports.import_file(file.name, file.read_bytes(), round=found_round, notify=notify)
        except imports.RowNotSaved as error:
            raise CommandError(str(error), returncode=1) from error
        if result.errors:
            for error in result.errors:
                self.stderr.write(f"{file.name} {error}")
            problems = f"{len(result.errors)} problem{'s' if len(result.errors) != 1 else ''}"
            raise CommandError(
                f"{problems} found; nothing was imported",
                returncode=2,
            )
        self.stdout.write(
            f"Imported {result.created} application{'s' if result.created != 1 else ''} to {found_round}; "
            f"{result.skipped} already there"
        )
