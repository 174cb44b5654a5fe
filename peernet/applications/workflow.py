"""Each move of an application, one function each: submit, decide again, override, place, withdraw, and
hub staff accepting the details an application gives onto the shared business and leader records.

The eligibility check's move (applied → waiting or not eligible) is peernet.applications.eligibility.decide,
which submit and decide_again call. Every function checks the move is allowed, saves, writes the audit entry
and sends what it sends: emails, and the signals of peernet.applications.signals that cohorts follow.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from peernet.accounts import audit
from peernet.applications import emails, records, signals
from peernet.applications.answers import ApplicationAnswers, normalise_email
from peernet.applications.eligibility import DECIDABLE, decide, failed_rules_text, status_for
from peernet.applications.models import Application, Business, EligibilityDecision, Leader
from peernet.programmes.models import Round


class TransitionNotAllowed(ValueError):
    """The application is not in a state that allows this move; the message says why in plain words."""


class AlreadyApplied(Exception):
    """The same person (by email) already has an application in the round; it is never counted twice."""

    def __init__(self, application: Application):
        super().__init__(f"Already applied: {application.reference}")
        self.application = application


def existing_application(*, round: Round, email: str) -> Application | None:
    return (
        Application.objects.filter(
            round=round, leader__hub=round.programme.hub, leader__email__iexact=normalise_email(email)
        )
        .select_related("leader")
        .first()
    )


def submit_application(
    *,
    round: Round,
    answers: ApplicationAnswers,
    source: str = Application.Source.FORM,
    by=None,
    recruited_by=None,
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Application:
    """Record a new application with the facts as given, decide its eligibility on them at once, and email
    the applicant the outcome. An existing leader or business record is linked, never changed.

    Raises AlreadyApplied when this email already has an application in the round, also when the other was
    sent at the same moment; the repeat is audited against the application that stands.
    """
    try:
        return _submit(
            round=round,
            answers=answers,
            source=source,
            by=by,
            recruited_by=recruited_by,
            now=now or timezone.now(),
            notify=notify,
        )
    except AlreadyApplied as repeat:
        # Outside the rolled-back attempt, so the trail keeps it.
        earlier = repeat.application
        audit.record(
            actor=by,
            action="application.repeated",
            subject=earlier,
            hub=round.programme.hub,
            summary=f"{earlier.reference}: the same email applied to {round.name} again; not counted twice",
            data={"source": source},
        )
        raise


@transaction.atomic
def _submit(
    *,
    round: Round,
    answers: ApplicationAnswers,
    source: str,
    by,
    recruited_by,
    now: dt.datetime,
    notify: bool,
) -> Application:
    hub = round.programme.hub
    earlier = existing_application(round=round, email=answers.email)
    if earlier is not None:
        raise AlreadyApplied(earlier)

    facts = records.facts_from_answers(answers)
    business = records.business_for(hub=hub, facts=facts)
    leader = records.leader_for(hub=hub, business=business, email=normalise_email(answers.email), facts=facts)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                round=round,
                leader=leader,
                business=business,
                source=source,
                recruited_by=recruited_by,
                submitted_at=now,
                status_changed_at=now,
                challenge=answers.challenge,
                mode=answers.mode,
                slots=list(answers.slots),
                organisation=answers.organisation,
                subsidy_declared_at=now if answers.subsidy_within_threshold is not None else None,
                subsidy_within_threshold=answers.subsidy_within_threshold,
                subsidy_prior_assistance_pence=answers.subsidy_prior_assistance_pence,
                privacy_notice_version=answers.privacy_notice_version,
                consented_at=now if answers.privacy_notice_version else None,
                **facts,
            )
    except IntegrityError:
        # The same person's other submission, sent at the same moment, made theirs first: the constraint of
        # one application per leader and round keeps that one, and this is a repeat of it.
        earlier = existing_application(round=round, email=answers.email)
        if earlier is None:
            raise
        raise AlreadyApplied(earlier) from None
    if answers.themes:
        application.themes.set(answers.themes)
    audit.record(
        actor=by,
        action="application.submitted",
        subject=application,
        hub=hub,
        summary=f"{application.reference}: {application.business_name} applied to {round.name}",
        data={"source": source},
    )
    decision = decide(application=application, by=by, now=now)
    if notify:
        emails.send_confirmation(application=application, decision=decision)
    return application


def _save_changes(record, changes: records.Changes) -> None:
    for field, value in changes.values.items():
        setattr(record, field, value)
    record.save(update_fields=[field.removesuffix("_id") for field in changes.values])


@transaction.atomic
def accept_details(*, application: Application, by) -> list[str]:
    """Hub staff accept the facts this application gives: its business's and its leader's records take them,
    each record's change audited with who accepted it and every field from and to (equality answers by name
    only). Returns the records updated ("business", "leader"); refused when the records already agree, or
    when a later application by the same leader or for the same business gives newer details.
    """
    later = records.later_application(application)
    if later is not None:
        raise TransitionNotAllowed(records.newer_details_words(later))
    # Read both records afresh under a lock: another officer may be accepting another application's details.
    application.business = Business.objects.select_for_update().get(pk=application.business_id)
    application.leader = Leader.objects.select_for_update().get(pk=application.leader_id)
    business, leader = application.business, application.leader
    hub = application.round.programme.hub
    reference = application.reference
    updated = []

    changes = records.business_changes(application)
    if changes.values:
        _save_changes(business, changes)
        audit.record(
            actor=by,
            action="business.updated",
            subject=business,
            hub=hub,
            summary=f"{business.name}: details updated from application {reference}",
            data={"application": reference, "changed": changes.trail},
        )
        updated.append("business")

    changes = records.leader_changes(application)
    if changes.values:
        _save_changes(leader, changes)
        audit.record(
            actor=by,
            action="leader.updated",
            subject=leader,
            hub=hub,
            summary=f"{leader.full_name}: details updated from application {reference}",
            data={
                "application": reference,
                "changed": changes.trail,
                "equality_answers_changed": list(changes.equality),
            },
        )
        updated.append("leader")

    if not updated:
        raise TransitionNotAllowed("The records already hold these details")
    audit.record(
        actor=by,
        action="application.details_accepted",
        subject=application,
        hub=hub,
        summary=f"{reference}: records updated from this application ({' and '.join(updated)})",
        data={"updated": updated},
    )
    return updated


def too_late(application: Application) -> str:
    status = application.get_status_display().lower()
    return f"This application is {status}; its eligibility can no longer change"


def latest_decision(application: Application) -> EligibilityDecision | None:
    return application.decisions.order_by("-decided_at", "-id").first()


@transaction.atomic
def override_decision(
    *, application: Application, outcome: str, reason: str, by, now: dt.datetime | None = None
) -> EligibilityDecision:
    """An officer's decision with a written reason; it stands over the automatic one, which is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise TransitionNotAllowed("Write why you are overriding the decision")
    if outcome not in (EligibilityDecision.Outcome.ELIGIBLE, EligibilityDecision.Outcome.INELIGIBLE):
        raise TransitionNotAllowed("Choose eligible or not eligible")
    if application.status not in DECIDABLE:
        raise TransitionNotAllowed(too_late(application))
    now = now or timezone.now()
    previous = latest_decision(application)
    decision = EligibilityDecision.objects.create(
        application=application,
        outcome=outcome,
        checks=previous.checks if previous else [],
        decided_at=now,
        decided_by=by,
        overridden=True,
        reason=reason,
    )
    old_status = application.status
    application.status = status_for(outcome)
    application.status_changed_at = now
    application.decision = decision
    # An officer's override stands whatever the rules said, so no rule counts as failed for the queue.
    application.failed_rules = (
        "" if outcome == EligibilityDecision.Outcome.ELIGIBLE else failed_rules_text(decision.checks)
    )
    application.save(update_fields=["status", "status_changed_at", "decision", "failed_rules"])
    if old_status == Application.Status.WAITING and application.status != old_status:
        signals.application_left_pool.send(sender=Application, application=application)
    audit.record(
        actor=by,
        action="application.overridden",
        subject=application,
        hub=application.round.programme.hub,
        summary=f"{application.reference}: decision overridden to {decision.get_outcome_display().lower()}",
        reason=reason,
        data={
            "decision": decision.pk,
            "previous_outcome": previous.outcome if previous else None,
            "outcome": outcome,
            "from": old_status,
            "to": application.status,
        },
    )
    return decision


def decide_again(*, application: Application, by, now: dt.datetime | None = None) -> EligibilityDecision:
    """Check the rules again, say after the officer corrected a fact or the round's rules changed."""
    if application.status not in DECIDABLE:
        raise TransitionNotAllowed(too_late(application))
    return decide(application=application, by=by, now=now)


@transaction.atomic
def place(
    *, applications: list[Application], cohort_code: str, cohort_name: str, by, now: dt.datetime | None = None
) -> list[Application]:
    """Waiting → placed, for the members of a cohort being confirmed; refused whole if any is not waiting."""
    now = now or timezone.now()
    pks = [a.pk for a in applications]
    # Read under a lock, not from the objects given: another officer may have moved one since.
    waiting = set(
        Application.objects.select_for_update()
        .filter(pk__in=pks, status=Application.Status.WAITING)
        .values_list("pk", flat=True)
    )
    not_waiting = [a.reference for a in applications if a.pk not in waiting]
    if not_waiting:
        raise TransitionNotAllowed(
            f"Only applications waiting for a cohort can be placed in {cohort_name}; "
            f"not waiting: {', '.join(not_waiting)}"
        )
    Application.objects.filter(pk__in=pks).update(status=Application.Status.PLACED, status_changed_at=now)
    for application in applications:
        application.status = Application.Status.PLACED
        application.status_changed_at = now
        audit.record(
            actor=by,
            action="application.placed",
            subject=application,
            hub=application.round.programme.hub,
            summary=f"{application.reference}: placed in {cohort_name}",
            data={"cohort": cohort_code, "from": Application.Status.WAITING, "to": Application.Status.PLACED},
        )
    return applications


@transaction.atomic
def withdraw(*, application: Application, reason: str, by, now: dt.datetime | None = None) -> Application:
    """Withdrawn, from any status but completed: it leaves the waiting pool, and any place it holds ends."""
    reason = (reason or "").strip()
    if not reason:
        raise TransitionNotAllowed("Write why the application is withdrawn")
    if application.status in (Application.Status.WITHDRAWN, Application.Status.COMPLETED):
        raise TransitionNotAllowed(
            f"This application is {application.get_status_display().lower()} and cannot be withdrawn"
        )
    now = now or timezone.now()
    old_status = application.status
    application.status = Application.Status.WITHDRAWN
    application.withdrawn_reason = reason
    application.status_changed_at = now
    application.save(update_fields=["status", "withdrawn_reason", "status_changed_at"])
    if old_status == Application.Status.WAITING:
        signals.application_left_pool.send(sender=Application, application=application)
    signals.application_withdrawn.send(
        sender=Application, application=application, reason=reason, on=timezone.localdate(now)
    )
    audit.record(
        actor=by,
        action="application.withdrawn",
        subject=application,
        hub=application.round.programme.hub,
        summary=f"{application.reference}: withdrawn",
        reason=reason,
        data={"from": old_status, "to": application.status},
    )
    return application
