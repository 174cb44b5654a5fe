"""manage.py form_cohorts --round SLUG: suggest cohorts for the round's waiting pool, as the button does."""

from django.core.management.base import BaseCommand, CommandError

from peernet.cohorts import forming
from peernet.programmes.lookup import add_round_arguments, round_for_command


class Command(BaseCommand):
    help = (
        "Suggest cohorts for a round's waiting pool: replaces its proposed cohorts except locked ones "
        "and pinned members, then prints the engine's summary line."
    )

    def add_arguments(self, parser):
        add_round_arguments(parser)
        parser.add_argument(
            "--seed", type=int, default=0, help="The engine's seed (default 0, as the button)"
        )
        parser.add_argument("--time-limit", type=float, help="Seconds the engine may take")

    def handle(self, *args, round, hub, programme, seed, time_limit, **options):
        found = round_for_command(round, hub=hub, programme=programme)
        try:
            forming_run = forming.new_run(round=found, by=None, seed=seed, time_limit=time_limit)
        except forming.RunRefused as refused:
            raise CommandError(str(refused), returncode=2) from None
        # The same function the worker runs for the button, here in this process.
        forming_run = forming.run(forming_run.pk)
        if forming_run.status != forming_run.Status.DONE:
            raise CommandError(f"Forming cohorts failed: {forming_run.error}", returncode=1)
        self.stdout.write(forming_run.summary)
