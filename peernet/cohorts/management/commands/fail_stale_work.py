"""python manage.py fail_stale_work: fail imports and forming runs whose worker stopped before they finished.

Run it from cron every few minutes. An import or forming run under way reports progress as it works; one that
has reported nothing for STALE_WORK_MINUTES was lost with its worker (killed, out of memory, a deploy). Such
work saved nothing, so it is marked failed with that reason and can be run again. Running it twice, or while
a job finishes, changes nothing twice.
"""

from django.core.management.base import BaseCommand

from peernet.applications import imports
from peernet.cohorts import forming


class Command(BaseCommand):
    help = (
        "Mark failed each import and forming run that has reported no progress for STALE_WORK_MINUTES: "
        "its worker stopped and nothing of it was saved."
    )

    def handle(self, *args, **options):
        jobs = imports.fail_stale_jobs()
        runs = forming.fail_stale_runs()
        if jobs or runs:
            self.stdout.write(
                f"{jobs} import{'s' if jobs != 1 else ''} and {runs} forming run{'s' if runs != 1 else ''} "
                "failed: their worker stopped"
            )
