"""Suggesting cohorts for a round: one run of the engine on the waiting pool, saved as proposed cohorts.

The button on the proposal page (through peernet.cohorts.tasks.start_run) and `manage.py form_cohorts` both
call new_run and run, so they give the same cohorts for the same pool and seed. Locked cohorts are kept
whole; pinned members stay in their cohort, which the engine completes; every other proposed cohort is
replaced.
"""

import datetime as dt
import itertools
import logging

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from peernet import matching
from peernet.accounts import audit
from peernet.cohorts.models import Cohort, FormingRun, Membership
from peernet.cohorts.pool import applicants_for, pool_applications
from peernet.programmes.models import Round

log = logging.getLogger(__name__)

# A run older than this that never finished was lost with its worker; a new one may start.
STALE_AFTER = dt.timedelta(minutes=30)


class RunRefused(ValueError):
    """A run cannot start now; the message says why in plain words."""


def proposed_cohorts(round: Round):
    return Cohort.objects.filter(round=round, status=Cohort.Status.PROPOSED)


def run_in_progress(round: Round) -> FormingRun | None:
    cutoff = timezone.now() - STALE_AFTER
    return (
        round.forming_runs.filter(
            status__in=(FormingRun.Status.QUEUED, FormingRun.Status.RUNNING), created_at__gte=cutoff
        )
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
        status=FormingRun.Status.RUNNING, message="Reading the waiting pool"
    ):
        return FormingRun.objects.get(pk=run_id)
    forming_run = FormingRun.objects.select_related("round__programme__hub", "created_by").get(pk=run_id)
    try:
        _form(forming_run)
    except Exception as error:
        log.exception("Forming run %s failed", run_id)
        FormingRun.objects.filter(pk=run_id).update(
            status=FormingRun.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
    forming_run.refresh_from_db()
    return forming_run


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
    forming_run.pool_size = len(applicants)
    FormingRun.objects.filter(pk=forming_run.pk).update(pool_size=forming_run.pool_size)

    last = [-1]

    def progress(fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if percent != last[0]:
            last[0] = percent
            FormingRun.objects.filter(pk=forming_run.pk).update(percent=percent, message=message[:200])

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
    _save(forming_run, result, applications, current)


@transaction.atomic
def _save(
    forming_run: FormingRun, result: matching.Result, applications: list, current: list[Cohort]
) -> None:
    round = forming_run.round
    by_reference = {a.reference: a for a in applications}
    by_code = {c.code: c for c in current}
    kept_codes = {c.label for c in result.cohorts if c.locked}
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
