"""A forming run saves its cohorts whole or not at all: a worker killed while the engine searches or while
the cohorts are written leaves the round's proposals as they were; fail_stale_work fails the lost run with
its reason, a run that has reported no progress for STALE_WORK_MINUTES no longer holds up "Suggest cohorts",
and suggesting again completes.

A killed worker is simulated at a chosen step through forming.checkpoint, which raises an exception no
handler of ours catches: the run stops there, as it would if the process died.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from peernet.accounts.models import AuditEntry, Role
from peernet.cohorts import forming
from peernet.cohorts.models import Cohort, FormingRun, Membership
from tests.cohorts.pools import TIME_LIMIT, waiting_pool
from tests.html import text

WORKER_STOPPED = "The worker stopped before this finished; nothing was saved. Run it again."

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """The worker's process ends here: nothing after this point runs and no handler of ours sees it."""


@pytest.fixture
def manager(hub, make_user):
    return make_user(Role.PROGRAMME_MANAGER, hub, full_name="Mina Manager")


def stop_at(monkeypatch, step: str) -> None:
    def checkpoint(at_step: str) -> None:
        if at_step == step:
            raise WorkerKilled()

    monkeypatch.setattr(forming, "checkpoint", checkpoint)


def suggest(round_, manager) -> FormingRun:
    return forming.run(forming.new_run(round=round_, by=manager, time_limit=TIME_LIMIT).pk)


def proposals(round_) -> list:
    """The round's proposed cohorts and who is in each: what a run that saves nothing leaves as it was."""
    return sorted(
        (cohort.pk, cohort.name, tuple(sorted(cohort.memberships.values_list("application_id", flat=True))))
        for cohort in Cohort.objects.filter(round=round_, status=Cohort.Status.PROPOSED)
    )


def the_worker_is_silent_too_long() -> None:
    """As many minutes pass without a heartbeat as make work stale."""
    FormingRun.objects.update(
        updated_at=timezone.now() - dt.timedelta(minutes=settings.STALE_WORK_MINUTES, seconds=1)
    )


@pytest.mark.parametrize("step", ["searching", "saving", "saved"])
def test_run_killed_at_any_step_changes_nothing_and_fails_as_stale_then_suggesting_again_completes(
    monkeypatch, round_3, manager, step
):
    waiting_pool(round_3, 16)
    first = suggest(round_3, manager)
    before = proposals(round_3)
    stop_at(monkeypatch, step)

    lost = forming.new_run(round=round_3, by=manager, time_limit=TIME_LIMIT)
    with pytest.raises(WorkerKilled):
        forming.run(lost.pk)

    assert proposals(round_3) == before
    lost.refresh_from_db()
    assert lost.status == FormingRun.Status.RUNNING
    assert forming.run_in_progress(round_3) == lost

    the_worker_is_silent_too_long()
    call_command("fail_stale_work")
    monkeypatch.undo()

    lost.refresh_from_db()
    assert (lost.status, lost.error, lost.message) == (
        FormingRun.Status.FAILED,
        WORKER_STOPPED,
        WORKER_STOPPED,
    )
    assert lost.finished_at is not None
    assert forming.run_in_progress(round_3) is None
    again = suggest(round_3, manager)
    assert again.status == FormingRun.Status.DONE
    assert Cohort.objects.filter(round=round_3, status=Cohort.Status.PROPOSED, run=again).count() == 2
    assert not Cohort.objects.filter(run=first).exists()
    assert Membership.objects.filter(status=Membership.Status.PROPOSED).count() == 16
    assert sorted(
        AuditEntry.objects.filter(action="cohorts.suggested").values_list("data__run", flat=True)
    ) == [
        first.pk,
        again.pk,
    ]


def test_a_run_still_reporting_progress_holds_up_the_button_however_long_it_has_run(round_3, manager):
    long_run = FormingRun.objects.create(round=round_3, status=FormingRun.Status.RUNNING)
    FormingRun.objects.filter(pk=long_run.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))

    with pytest.raises(forming.RunRefused):
        forming.new_run(round=round_3, by=manager)

    call_command("fail_stale_work")
    long_run.refresh_from_db()
    assert long_run.status == FormingRun.Status.RUNNING


def test_a_run_silent_for_the_stale_minutes_frees_the_button_before_the_command_runs(
    client_for, round_3, manager
):
    lost = FormingRun.objects.create(round=round_3, status=FormingRun.Status.RUNNING, percent=40)
    the_worker_is_silent_too_long()
    client = client_for(manager)

    page = client.get(f"/rounds/{round_3.pk}/cohorts/").content.decode()
    response = client.post(f"/rounds/{round_3.pk}/cohorts/suggest/")

    suggest_form = page.split(f'action="/rounds/{round_3.pk}/cohorts/suggest/"', 1)[1].split("</form>", 1)[0]
    assert "disabled" not in suggest_form
    assert "runs/" not in page
    assert WORKER_STOPPED in text(page)
    assert response.status_code == 302
    assert FormingRun.objects.count() == 2
    assert forming.run_in_progress(round_3) != lost


def test_a_run_given_up_as_stale_whose_worker_wakes_up_saves_nothing(monkeypatch, round_3, manager):
    waiting_pool(round_3, 16)
    first = suggest(round_3, manager)
    before = proposals(round_3)

    def checkpoint(step: str) -> None:
        if step == "saving":
            # The worker stalls after the engine long enough for the cron job to give it up, then carries on.
            the_worker_is_silent_too_long()
            call_command("fail_stale_work")

    monkeypatch.setattr(forming, "checkpoint", checkpoint)

    late = suggest(round_3, manager)

    assert (late.status, late.error) == (FormingRun.Status.FAILED, WORKER_STOPPED)
    assert proposals(round_3) == before
    assert list(
        AuditEntry.objects.filter(action="cohorts.suggested").values_list("data__run", flat=True)
    ) == [first.pk]


def test_every_report_of_progress_is_a_heartbeat(monkeypatch, round_3, manager):
    waiting_pool(round_3, 16)
    forming_run = forming.new_run(round=round_3, by=manager, time_limit=TIME_LIMIT)
    beats = []

    def checkpoint(step: str) -> None:
        if step == "searching":
            # Each report finds the last one's heartbeat already saved; make it look old.
            beats.append(FormingRun.objects.get(pk=forming_run.pk).updated_at)
            FormingRun.objects.filter(pk=forming_run.pk).update(
                updated_at=timezone.now() - dt.timedelta(minutes=5)
            )

    monkeypatch.setattr(forming, "checkpoint", checkpoint)

    forming.run(forming_run.pk)

    # Every report after the first found the heartbeat the one before it had saved, not the old time.
    assert len(beats) >= 3
    assert all(timezone.now() - beat < dt.timedelta(minutes=1) for beat in beats[1:])
