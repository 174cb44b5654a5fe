"""Background work for cohorts, through Django's Tasks API."""

from django_tasks import task

from peernet.cohorts import forming


@task()
def run_forming(*, run_id: int) -> None:
    forming.run(run_id)
