"""Suggesting cohorts for a round: one run of the engine on the waiting pool, saved as proposed cohorts.

The button on the proposal page (through peernet.cohorts.tasks.start_run) and `manage.py form_cohorts` both
call new_run and run, so they give the same cohorts for the same pool and seed. Locked cohorts are kept
whole; pinned members stay in their cohort, which the engine completes; every other proposed cohort is
replaced.

The engine works on what the round was when the run began, and the round may change meanwhile: a cohort is
confirmed, a leader withdraws. So a run saves whole or not at all, and only over what it read: see _save.
"""

import itertools
import logging

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from peernet import matching
from peernet.accounts import audit
from peernet.applications.models import Application, stale_before
from peernet.cohorts.models import Cohort, FormingRun, Membership
from peernet.cohorts.pool import applicants_for, pool_applications
from peernet.programmes.models import Round

log = logging.getLogger(__name__)

CHANGED = "Cohorts changed while the engine ran; suggest again"
WORKER_STOPPED = "The worker stopped before this finished; nothing was saved. Run it again."


class RunRefused(ValueError):
    """A run cannot start now; the message says why in plain words."""


class ResultOutdated(Exception):
    """The round changed while the engine ran, so its result no longer fits; nothing was saved."""


class RunTakenAway(Exception):
    """The run is no longer this worker's: fail_stale_runs gave it up while the worker was silent."""


def checkpoint(step: str) -> None:
    """Reached at each step of a run: "searching" at each report of the engine's progress, "saving" once
    the engine has finished and before anything is saved, "saved" when the cohorts are written but not yet
    committed. It does nothing; the reliability tests replace it to stop a run there, as a killed worker
    would stop, or to change the round while the engine runs."""


def proposed_cohorts(round: Round):
    return Cohort.objects.filter(round=round, status=Cohort.Status.PROPOSED)


def run_in_progress(round: Round) -> FormingRun | None:
    """The round's run that is not finished and whose worker still beats: one lost with its worker (no
    heartbeat for STALE_WORK_MINUTES) holds up nothing."""
    return (
        round.forming_runs.filter(status__in=FormingRun.Status.UNFINISHED, updated_at__gte=stale_before())
        .order_by("-created_at", "-id")
        .first()
    )


def new_run(*, round: Round, by, seed: int = 0, time_limit: float | None = None) -> FormingRun:
    """A queued run for the round; refused while another is under way."""
    with transaction.atomic():
        # Lock the round's row so two managers pressing the button at once start one run, not two.
        Round.objects.select_for_update().filter(pk=round.pk).first()
        if run_in_progress(round):
            raise RunRefused(
                "Cohorts are already being suggested for this round; wait for that run to finish"
            )
        return FormingRun.objects.create(round=round, created_by=by, seed=seed, time_limit=time_limit)


def run(run_id: int) -> FormingRun:
    """Run a queued run once: a second call (a retried task) finds it no longer queued and does nothing."""
    if not FormingRun.objects.filter(pk=run_id, status=FormingRun.Status.QUEUED).update(
        status=FormingRun.Status.RUNNING, message="Reading the waiting pool", updated_at=timezone.now()
    ):
        return FormingRun.objects.get(pk=run_id)
    forming_run = FormingRun.objects.select_related("round__programme__hub", "created_by").get(pk=run_id)
    try:
        _form(forming_run)
    except RunTakenAway:
        pass
    except ResultOutdated as outdated:
        _fail(run_id, message=str(outdated), error=str(outdated))
    except Exception as error:
        log.exception("Forming run %s failed", run_id)
        _fail(
            run_id,
            message="The engine stopped with an error; nothing was changed",
            error=f"{type(error).__name__}: {error}"[:2000],
        )
    forming_run.refresh_from_db()
    return forming_run


def _fail(run_id: int, *, message: str, error: str) -> None:
    now = timezone.now()
    FormingRun.objects.filter(pk=run_id, status=FormingRun.Status.RUNNING).update(
        status=FormingRun.Status.FAILED, message=message[:200], error=error, finished_at=now, updated_at=now
    )


def _beat(forming_run: FormingRun, **fields) -> None:
    """Save the run's progress while it is still running; each save is the heartbeat that tells
    fail_stale_runs and the button the worker is alive. Raises RunTakenAway when the run was given up."""
    if not FormingRun.objects.filter(pk=forming_run.pk, status=FormingRun.Status.RUNNING).update(
        updated_at=timezone.now(), **fields
    ):
        raise RunTakenAway
    for name, value in fields.items():
        setattr(forming_run, name, value)


def fail_stale_runs() -> int:
    """Fail each running run whose worker has sent no heartbeat for STALE_WORK_MINUTES; returns how many.

    Nothing of such a run was saved (its cohorts are saved in one transaction). A conditional update: a run
    that finishes meanwhile, or a second call, is left alone."""
    now = timezone.now()
    return FormingRun.objects.filter(status=FormingRun.Status.RUNNING, updated_at__lt=stale_before()).update(
        status=FormingRun.Status.FAILED,
        message=WORKER_STOPPED,
        error=WORKER_STOPPED,
        finished_at=now,
        updated_at=now,
    )


def _form(forming_run: FormingRun) -> None:
    round = forming_run.round
    applications = list(pool_applications(round))
    applicants = applicants_for(applications)
    current = list(
        proposed_cohorts(round).prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("application"))
        )
    )
    in_pool = {a.id for a in applicants}
    locked, pinned = [], []
    for cohort in current:
        # A locked cohort keeps all its members, any other only its pinned ones; only the pool's count.
        kept = [
            m.application.reference
            for m in cohort.memberships.all()
            if (cohort.locked or m.pinned) and m.application.reference in in_pool
        ]
        if not kept:
            continue
        shape = matching.Cohort(
            cohort.code, cohort.slot, cohort.mode, cohort.area, tuple(kept), 0.0, "", cohort.basis, ""
        )
        (locked if cohort.locked else pinned).append(shape)
    _beat(forming_run, pool_size=len(applicants))

    def progress(fraction: float, message: str) -> None:
        # Every report is a heartbeat: the engine reports at each step and each pass of its search, and
        # stops by its time limit (4 minutes unless given), well inside STALE_WORK_MINUTES.
        checkpoint("searching")
        _beat(forming_run, percent=int(fraction * 100), message=message[:200])

    result = matching.form_cohorts(
        applicants,
        min_size=round.cohort_min_size,
        max_size=round.cohort_max_size,
        seed=forming_run.seed,
        time_limit=forming_run.time_limit,
        locked=locked,
        pinned=pinned,
        progress=progress,
    )
    checkpoint("saving")
    _save(forming_run, result, current)


@transaction.atomic
def _save(forming_run: FormingRun, result: matching.Result, current: list[Cohort]) -> None:
    """Save the engine's result over the cohorts the run read, whole or not at all.

    The rule: a run replaces only cohorts still proposed when it saves, and places only leaders still
    waiting then and in no cohort it does not replace. Under the round's lock it re-reads, and locks, the
    cohorts it read that are still proposed and the applications it places. If a cohort it kept (locked or
    pinned) is no longer proposed, or anyone it places is no longer waiting or now holds a place elsewhere
    (a cohort confirmed or built meanwhile), the result no longer fits: it raises ResultOutdated and saves
    nothing. A cohort confirmed while the engine ran is never replaced: confirm_cohort locks its row, so
    either the confirmation commits first and this sees it, or this replaces the cohort first and the
    confirmation finds it gone. Leaders who applied meanwhile simply wait for the next run.
    """
    round = forming_run.round
    # The same lock new_run takes: one run saves at a time in a round, and none starts meanwhile.
    Round.objects.select_for_update(no_key=True).filter(pk=round.pk).first()
    if not FormingRun.objects.select_for_update().filter(pk=forming_run.pk, status=FormingRun.Status.RUNNING):
        raise RunTakenAway
    still = {
        c.pk
        for c in proposed_cohorts(round).filter(pk__in=[c.pk for c in current]).select_for_update().only("pk")
    }
    current = [c for c in current if c.pk in still]
    by_code = {c.code: c for c in current}
    kept_codes = {c.label for c in result.cohorts if c.locked}
    if kept_codes - set(by_code):
        raise ResultOutdated(CHANGED)
    placing = {ref for shape in result.cohorts for ref in shape.members}
    by_reference = {
        a.reference: a
        for a in Application.objects.select_for_update(no_key=True).filter(
            round=round, reference__in=placing, status=Application.Status.WAITING
        )
    }
    elsewhere = (
        Membership.objects.filter(application__in=by_reference.values(), status__in=Membership.Status.HOLDING)
        .exclude(cohort__in=still)
        .exists()
    )
    if len(by_reference) != len(placing) or elsewhere:
        raise ResultOutdated(CHANGED)

    # Everything the engine did not keep is replaced; memberships go with their cohorts. A locked cohort
    # the engine was not given (no members in the pool yet, like one just started by hand) stays too.
    Cohort.objects.filter(
        pk__in=[c.pk for c in current if c.code not in kept_codes and not c.locked]
    ).delete()
    for shape in result.cohorts:
        cohort = by_code.get(shape.label) if shape.locked else None
        if cohort is not None and not cohort.locked:
            # A cohort kept for its pinned members: whoever was not pinned goes back to the pool before
            # any cohort is saved, as the engine may have put them in another one.
            cohort.memberships.filter(status=Membership.Status.PROPOSED).exclude(
                application__reference__in=shape.members
            ).delete()
    # New cohorts are numbered C01, C02, ... skipping any number a kept cohort's name already starts with.
    taken = {c.name.split(" ", 1)[0] for c in current if c.code in kept_codes or c.locked}
    numbers = (f"C{n:02d}" for n in itertools.count(1) if f"C{n:02d}" not in taken)
    for shape in result.cohorts:
        cohort = by_code.get(shape.label) if shape.locked else None
        if cohort is None:
            cohort = Cohort.objects.create(
                round=round,
                name=_name(shape, next(numbers)),
                origin=Cohort.Origin.ENGINE,
                run=forming_run,
                slot=shape.slot,
                mode=shape.mode,
                area=shape.area,
            )
        present = set(cohort.memberships.values_list("application__reference", flat=True))
        Membership.objects.bulk_create(
            Membership(cohort=cohort, application=by_reference[ref], status=Membership.Status.PROPOSED)
            for ref in shape.members
            if ref not in present
        )
        _describe(cohort, shape)
    checkpoint("saved")
    forming_run.status = FormingRun.Status.DONE
    forming_run.percent = 100
    forming_run.message = result.summary()
    forming_run.summary = result.summary()
    forming_run.placed = result.placed
    forming_run.cohort_count = len(result.cohorts)
    forming_run.quality = result.q
    forming_run.invalid = result.invalid
    forming_run.seconds = result.seconds
    forming_run.unplaced = {u.id: u.reason for u in result.unplaced}
    forming_run.finished_at = timezone.now()
    forming_run.updated_at = forming_run.finished_at
    forming_run.save()
    audit.record(
        actor=forming_run.created_by,
        action="cohorts.suggested",
        subject=round,
        hub=round.programme.hub,
        summary=f"{round.name}: cohorts suggested, {result.summary()}",
        data={"run": forming_run.pk, "seed": forming_run.seed, "locked": sorted(kept_codes)},
    )


def _name(shape: matching.Cohort, number: str) -> str:
    what = shape.basis_value or "Mixed"
    where = f", {shape.area}" if shape.area else ""
    return f"{number} {what}, {matching.slot_words(shape.slot)}{where}"


def _describe(cohort: Cohort, shape: matching.Cohort) -> None:
    cohort.explanation = shape.explanation
    cohort.quality = shape.quality
    if cohort.origin != Cohort.Origin.ENGINE:
        # A cohort a manager or partner built keeps the basis they gave it.
        cohort.save(update_fields=["explanation", "quality"])
        return
    cohort.basis = shape.basis if shape.basis in Cohort.Basis.values else Cohort.Basis.OPEN
    cohort.basis_value = shape.basis_value[:100]
    cohort.save(update_fields=["explanation", "basis", "basis_value", "quality"])
