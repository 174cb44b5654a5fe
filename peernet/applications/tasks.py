"""Background work for applications, through Django's Tasks API: each task and the function enqueuing it."""

from django.db import transaction
from django_tasks import task

from peernet.applications import imports
from peernet.applications.models import ImportJob
from peernet.programmes.models import Round


@task()
def run_import_job(*, job_id: int) -> None:
    imports.run_job(job_id)


def start_job(*, round: Round, by, filename: str, content: bytes, notify: bool = False) -> ImportJob:
    """The upload: a queued import job, handed to a worker once it is saved."""
    job = ImportJob.objects.create(
        round=round, created_by=by, filename=filename[:200], content=content, notify=notify
    )
    transaction.on_commit(lambda: run_import_job.enqueue(job_id=job.pk))
    return job
