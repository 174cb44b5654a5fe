"""Background work for cohorts, through Django's Tasks API: each task and the function that enqueues it."""

from django.db import transaction
from django_tasks import task

from peernet.cohorts import forming
from peernet.cohorts.models import FormingRun
from peernet.programmes.models import Round


@task()
def run_forming(*, run_id: int) -> None:
    forming.run(run_id)


def start_run(*, round: Round, by, seed: int = 0, time_limit: float | None = None) -> FormingRun:
    """The button: a new run, handed to a worker once it is saved."""
    forming_run = forming.new_run(round=round, by=by, seed=seed, time_limit=time_limit)
    transaction.on_commit(lambda: run_forming.enqueue(run_id=forming_run.pk))
    return forming_run
