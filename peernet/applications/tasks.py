"""Background work for applications, through Django's Tasks API."""

from django_tasks import task

from peernet.applications import imports


@task()
def run_import_job(*, job_id: int) -> None:
    imports.run_job(job_id)
