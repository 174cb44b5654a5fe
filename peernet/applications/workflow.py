"""Each move of an application, one function each: submit, decide again, override, place, withdraw.

The eligibility check's move (applied → waiting or not eligible) is peernet.applications.eligibility.decide,
which submit and decide_again call. Every function checks the move is allowed, saves, writes the audit entry
and sends what it sends: emails, and the signals of peernet.applications.signals that cohorts follow.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from peernet.accounts import audit
from peernet.applications import emails, sic, signals
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


BUSINESS_FACTS = ["name", "legal_form", "trading_since", "employees", "turnover_pence", "sic", "sector"]
BUSINESS_FACTS += ["postcode", "district_id", "ownership"]


def _business_for(*, hub, answers: ApplicationAnswers, by) -> Business:
    """The hub's record of this business, found by company number (or name and postcode), kept current."""
    facts = {
        "name": answers.business_name,
        "legal_form": answers.legal_form,
        "trading_since": answers.trading_since,
        "employees": answers.employees,
        "turnover_pence": answers.turnover_pence,
        "sic": answers.sic,
        "sector": sic.sector_for(answers.sic),
        "postcode": answers.postcode,
        "district_id": answers.district.pk if answers.district else None,
        "ownership": list(answers.ownership),
    }
    if answers.company_number:
        business = Business.objects.filter(hub=hub, company_number=answers.company_number).first()
    else:
        business = Business.objects.filter(
            hub=hub,
            company_number__isnull=True,
            name__iexact=answers.business_name,
            postcode=answers.postcode,
        ).first()
    if business is None:
        return Business.objects.create(hub=hub, company_number=answers.company_number or None, **facts)
    changed = {
        name: (getattr(business, name), value)
        for name, value in facts.items()
        if getattr(business, name) != value
    }
    if changed:
        for name, (_, value) in changed.items():
            setattr(business, name, value)
        business.save(
            update_fields=[name.removesuffix("_id") if name == "district_id" else name for name in changed]
        )
        # The newest application's facts are the ones eligibility uses; the trail keeps what they replaced.
        audit.record(
            actor=by,
            action="business.updated",
            subject=business,
            hub=hub,
            summary=f"{business.name}: facts updated from a new application",
            data={name: str(old) for name, (old, _) in changed.items()},
        )
    return business


def _leader_for(*, hub, business: Business, answers: ApplicationAnswers) -> Leader:
    email = normalise_email(answers.email)
    leader = Leader.objects.filter(hub=hub, email__iexact=email).first()
    details = {
        "business": business,
        "full_name": answers.leader_name,
        "job_title": answers.leader_role,
        "phone": answers.phone,
    }
    # Equality answers are optional: an empty answer never erases an earlier one.
    for name in ("gender", "age_band", "ethnicity", "disability"):
        if getattr(answers, name):
            details[name] = getattr(answers, name)
    if leader is None:
        return Leader.objects.create(hub=hub, email=email, **details)
    for name, value in details.items():
        setattr(leader, name, value)
    leader.save()
    return leader


def existing_application(*, round: Round, email: str) -> Application | None:
    return (
        Application.objects.filter(
            round=round, leader__hub=round.programme.hub, leader__email__iexact=normalise_email(email)
        )
        .select_related("leader")
        .first()
    )


@transaction.atomic
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
    """Record a new application, decide its eligibility at once, and email the applicant the outcome.

    Raises AlreadyApplied when this email already has an application in the round.
    """
    now = now or timezone.now()
    hub = round.programme.hub
    earlier = existing_application(round=round, email=answers.email)
    if earlier is not None:
        audit.record(
            actor=by,
            action="application.repeated",
            subject=earlier,
            hub=hub,
            summary=f"{earlier.reference}: the same email applied to {round.name} again; not counted twice",
            data={"source": source},
        )
        raise AlreadyApplied(earlier)

    business = _business_for(hub=hub, answers=answers, by=by)
    leader = _leader_for(hub=hub, business=business, answers=answers)
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
    )
    if answers.themes:
        application.themes.set(answers.themes)
    audit.record(
        actor=by,
        action="application.submitted",
        subject=application,
        hub=hub,
        summary=f"{application.reference}: {business.name} applied to {round.name}",
        data={"source": source},
    )
    decision = decide(application=application, by=by, now=now)
    if notify:
        emails.send_confirmation(application=application, decision=decision)
    return application


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
