"""python manage.py export_pool --round SLUG --output FILE: the waiting pool in the engine's input format."""

from dataclasses import replace
from pathlib import Path

from peernet.cohorts.pool import applicants_for, pool_applications
from peernet.matching import write_applicants
from peernet.programmes.lookup import add_round_arguments, round_for_command

from ._output import OutputCommand


class Command(OutputCommand):
    help = (
        "Write a round's waiting pool as the engine's applicants CSV (docs/matching.md), "
        "one row per application reference."
    )

    def add_arguments(self, parser):
        add_round_arguments(parser)
        super().add_arguments(parser)

    def handle(self, *args, round, hub, programme, output: Path, **options):
        found = round_for_command(round, hub=hub, programme=programme)
        applicants = applicants_for(pool_applications(found))
        # The file stands alone: read_applicants refuses a not_with naming someone not in it, such as a
        # leader already placed or withdrawn, who could not share a cohort from this pool anyway.
        ids = {a.id for a in applicants}
        applicants = [replace(a, not_with=a.not_with & ids) for a in applicants]
        with self.open_output(output) as out:
            write_applicants(applicants, out)
        self.stdout.write(f"Wrote {len(applicants)} applicants to {output}")
