"""Background work for applications, through Django's Tasks API: each task and the function enqueuing it."""

from django.db import transaction
from django.utils import timezone
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


def try_again(*, job_id: int) -> bool:
    """Queue again a job that failed for a reason other than its rows (its worker stopped, the database
    refused a row), with the file it kept; False, and nothing done, for any other job.

    A conditional update, so pressing the button twice queues the job once."""
    again = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.FAILED).exclude(error="")
    if not again.update(
        status=ImportJob.Status.QUEUED,
        error="",
        errors=[],
        total=0,
        processed=0,
        created_count=0,
        skipped_count=0,
        finished_at=None,
        updated_at=timezone.now(),
    ):
        return False
    transaction.on_commit(lambda: run_import_job.enqueue(job_id=job_id))
    return True
