"""manage.py export_cohorts --round SLUG --output FILE: who is in which cohort, as peernet-match writes."""

import csv
from pathlib import Path

from peernet.cohorts.models import Membership
from peernet.cohorts.pool import pool_applications
from peernet.matching.pool_io import OUTPUT_COLUMNS
from peernet.programmes.lookup import add_round_arguments, round_for_command

from ._output import OutputCommand


class Command(OutputCommand):
    help = (
        "Write id,cohort,slot,mode for every application in a round's waiting pool (the ids of export_pool); "
        "cohort is the proposed cohort's code, empty for someone still on the waiting list."
    )

    def add_arguments(self, parser):
        add_round_arguments(parser)
        super().add_arguments(parser)

    def handle(self, *args, round, hub, programme, output: Path, **options):
        found = round_for_command(round, hub=hub, programme=programme)
        references = list(pool_applications(found).values_list("reference", flat=True))
        where = {
            m.application.reference: m.cohort
            for m in Membership.objects.filter(
                cohort__round=found,
                status__in=Membership.Status.HOLDING,
                application__reference__in=references,
            ).select_related("cohort", "application")
        }
        with self.open_output(output) as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(OUTPUT_COLUMNS)
            for reference in references:
                cohort = where.get(reference)
                writer.writerow(
                    [reference, cohort.code, cohort.slot, cohort.mode] if cohort else [reference, "", "", ""]
                )
        placed = len(where)
        self.stdout.write(f"Wrote {len(references)} applications ({placed} in cohorts) to {output}")
