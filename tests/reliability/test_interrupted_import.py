"""An import writes every row or none: a worker killed while checking or writing, a row the database
refuses, or a mail outage leaves no application half-imported; a job whose worker died is failed by
fail_stale_work with its reason, and trying it again imports the file whole.

A killed worker is simulated at a chosen row through imports.checkpoint, which raises an exception no
handler of ours catches: the work stops there, as it would if the process died.
"""

import dataclasses
import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DataError, connection
from django.test import override_settings
from django.utils import timezone

from peernet.accounts.models import AuditEntry, Role
from peernet.applications import imports, tasks
from peernet.applications.models import Application, ImportJob
from peernet.outbox.models import Email
from tests.applications.test_import import csv_bytes, good_row

WORKER_STOPPED = "The worker stopped before this finished; nothing was saved. Run it again."


class WorkerKilled(BaseException):
    """The worker's process ends here: nothing after this point runs and no handler of ours sees it."""


@pytest.fixture
def manager(hub, make_user):
    return make_user(Role.PROGRAMME_MANAGER, hub)


def stop_at(monkeypatch, stage: str, row: int, error: BaseException | None = None) -> None:
    """The work stops when it reaches this row at this stage: killed, unless another error is given."""

    def checkpoint(at_stage: str, at_row: int) -> None:
        if (at_stage, at_row) == (stage, row):
            raise error or WorkerKilled()

    monkeypatch.setattr(imports, "checkpoint", checkpoint)


def upload(round_3, manager, count: int, *, notify: bool = False) -> ImportJob:
    return ImportJob.objects.create(
        round=round_3,
        created_by=manager,
        filename="partners.csv",
        content=csv_bytes([good_row(n) for n in range(1, count + 1)]),
        notify=notify,
    )


def the_worker_is_silent_too_long() -> None:
    """As many minutes pass without a heartbeat as make work stale."""
    ImportJob.objects.update(
        updated_at=timezone.now() - dt.timedelta(minutes=settings.STALE_WORK_MINUTES, seconds=1)
    )


def job_state(job: ImportJob) -> tuple:
    job.refresh_from_db()
    return job.status, job.error, job.created_count, job.skipped_count


@pytest.mark.django_db
def test_worker_killed_while_writing_row_201_of_250_leaves_nothing_and_the_job_fails_as_stale(
    monkeypatch, round_3, manager
):
    job = upload(round_3, manager, 250)
    stop_at(monkeypatch, "writing", 201)

    with pytest.raises(WorkerKilled):
        imports.run_job(job.pk)

    assert Application.objects.count() == 0
    assert not AuditEntry.objects.filter(action="applications.imported").exists()
    assert job_state(job)[0] == ImportJob.Status.IMPORTING

    the_worker_is_silent_too_long()
    call_command("fail_stale_work")

    assert job_state(job) == (ImportJob.Status.FAILED, WORKER_STOPPED, 0, 0)
    assert job.finished_at is not None
    assert job.can_try_again


@pytest.mark.django_db
def test_worker_killed_while_checking_fails_as_stale_and_trying_again_imports_the_file_whole(
    monkeypatch, round_3, manager, django_capture_on_commit_callbacks
):
    job = upload(round_3, manager, 60)
    stop_at(monkeypatch, "checking", 40)
    with pytest.raises(WorkerKilled):
        imports.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.processed, job.total) == (ImportJob.Status.CHECKING, 25, 60)
    the_worker_is_silent_too_long()
    call_command("fail_stale_work")
    monkeypatch.undo()

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.try_again(job_id=job.pk) is True

    assert job_state(job) == (ImportJob.Status.DONE, "", 60, 0)
    assert Application.objects.filter(round=round_3).count() == 60


@pytest.mark.django_db
def test_a_row_the_database_refuses_rolls_back_the_rows_before_it_and_fails_the_job_with_why(
    monkeypatch, round_3, manager, django_capture_on_commit_callbacks
):
    job = upload(round_3, manager, 30)
    # The fourth application is row 5 of the file, under the header.
    stop_at(monkeypatch, "writing", 5, DataError("value too long for type character varying(200)"))

    imports.run_job(job.pk)

    assert job_state(job) == (
        ImportJob.Status.FAILED,
        "Row 5 could not be saved, so nothing was imported: value too long for type character varying(200)",
        0,
        0,
    )
    assert Application.objects.count() == 0
    assert not AuditEntry.objects.filter(action="applications.imported").exists()
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.try_again(job_id=job.pk)
    assert job_state(job) == (ImportJob.Status.DONE, "", 30, 0)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite stores a NUL byte in text; only PostgreSQL refuses it"
)
@pytest.mark.django_db
def test_a_nul_byte_reaching_postgresql_in_row_5_writes_none_of_the_rows(round_3):
    result = imports.parse("partners.csv", csv_bytes([good_row(n) for n in range(1, 11)]), round=round_3)
    fourth = result.rows[3]
    result.rows[3] = dataclasses.replace(
        fourth, answers=dataclasses.replace(fourth.answers, leader_name="Leader\x004")
    )

    with pytest.raises(imports.RowNotSaved) as refused:
        imports.import_rows(result.rows, round=round_3)

    assert str(refused.value).startswith("Row 5 could not be saved, so nothing was imported: ")
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_command_import_is_whole_or_nothing_too(monkeypatch, round_3, tmp_path):
    path = tmp_path / "partners.csv"
    path.write_bytes(csv_bytes([good_row(n) for n in range(1, 11)]))
    stop_at(monkeypatch, "writing", 8, DataError("invalid byte sequence"))

    with pytest.raises(CommandError) as error:
        call_command("import_applications", str(path), "--round", "round-3")

    assert str(error.value) == "Row 8 could not be saved, so nothing was imported: invalid byte sequence"
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_worker_thought_dead_that_wakes_up_writes_nothing(monkeypatch, round_3, manager):
    job = upload(round_3, manager, 60)

    def checkpoint(stage: str, row: int) -> None:
        if (stage, row) == ("checking", 30):
            # The worker stalls here long enough for the cron job to give it up, then carries on.
            the_worker_is_silent_too_long()
            call_command("fail_stale_work")

    monkeypatch.setattr(imports, "checkpoint", checkpoint)

    imports.run_job(job.pk)

    assert job_state(job) == (ImportJob.Status.FAILED, WORKER_STOPPED, 0, 0)
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_fail_stale_work_leaves_working_and_finished_jobs_alone_and_can_run_twice(round_3, manager):
    old = timezone.now() - dt.timedelta(minutes=settings.STALE_WORK_MINUTES, seconds=1)
    lost = [upload(round_3, manager, 1) for _ in range(2)]
    ImportJob.objects.filter(pk=lost[0].pk).update(status=ImportJob.Status.CHECKING, updated_at=old)
    ImportJob.objects.filter(pk=lost[1].pk).update(status=ImportJob.Status.IMPORTING, updated_at=old)
    working = upload(round_3, manager, 1)
    ImportJob.objects.filter(pk=working.pk).update(status=ImportJob.Status.IMPORTING)
    waiting = upload(round_3, manager, 1)
    done = upload(round_3, manager, 1)
    ImportJob.objects.filter(pk__in=[waiting.pk, done.pk]).update(updated_at=old)
    ImportJob.objects.filter(pk=done.pk).update(status=ImportJob.Status.DONE)

    call_command("fail_stale_work")
    call_command("fail_stale_work")

    assert dict(ImportJob.objects.values_list("pk", "status")) == {
        lost[0].pk: ImportJob.Status.FAILED,
        lost[1].pk: ImportJob.Status.FAILED,
        working.pk: ImportJob.Status.IMPORTING,
        waiting.pk: ImportJob.Status.QUEUED,
        done.pk: ImportJob.Status.DONE,
    }


@pytest.mark.django_db
def test_try_again_is_only_for_a_job_that_failed_for_something_other_than_its_rows(round_3, manager):
    bad_rows = ImportJob.objects.create(
        round=round_3, filename="p.csv", content=csv_bytes([good_row(1, turnover="lots")])
    )
    imports.run_job(bad_rows.pk)
    done = upload(round_3, manager, 1)
    imports.run_job(done.pk)

    assert (tasks.try_again(job_id=bad_rows.pk), tasks.try_again(job_id=done.pk)) == (False, False)
    assert job_state(bad_rows)[0] == ImportJob.Status.FAILED
    assert job_state(done)[0] == ImportJob.Status.DONE


# The job's page.


@pytest.mark.django_db
def test_page_of_a_job_failed_as_stale_says_why_stops_polling_and_tries_again_once(
    client_for, round_3, manager, django_capture_on_commit_callbacks
):
    job = upload(round_3, manager, 5)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
    the_worker_is_silent_too_long()
    call_command("fail_stale_work")
    client = client_for(manager)
    address = f"/rounds/{round_3.pk}/import/{job.pk}/"

    page = client.get(address).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{address}again/")
        again = client.post(f"{address}again/")

    assert WORKER_STOPPED in page
    assert "hx-get" not in page
    assert f'action="{address}again/"' in page
    assert (response.status_code, response["Location"]) == (302, address)
    assert (again.status_code, again["Location"]) == (302, address)
    assert "5 applications imported" in client.get(address).content.decode()
    assert Application.objects.count() == 5
    assert AuditEntry.objects.filter(action="applications.imported").count() == 1


@pytest.mark.django_db
def test_page_of_a_job_saving_its_rows_says_they_are_saved_together_and_polls(client_for, round_3, manager):
    job = upload(round_3, manager, 5)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING, total=5)

    page = client_for(manager).get(f"/rounds/{round_3.pk}/import/{job.pk}/").content.decode()

    assert "All 5 rows checked; saving them, all together or none." in page
    assert 'hx-trigger="every 2s"' in page


# A mail outage while importing with "email each applicant".


@pytest.mark.django_db(transaction=True)
def test_import_emailing_each_applicant_while_the_mail_server_is_down_imports_every_row(round_3, manager):
    job = upload(round_3, manager, 30, notify=True)

    with override_settings(EMAIL_BACKEND="tests.outbox.backends.RefusedBackend"):
        imports.run_job(job.pk)

    assert job_state(job) == (ImportJob.Status.DONE, "", 30, 0)
    assert Application.objects.count() == 30
    assert Email.objects.filter(status=Email.Status.PENDING).count() == 30
    assert mail.outbox == []
