"""Confirming a proposed cohort: its delivery partner, facilitator, start and place; then each member moves
from waiting to placed (peernet.applications.workflow.place) and is told by email, as is the facilitator,
and the audit trail records who did it.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from peernet.accounts import audit, invitations
from peernet.accounts.models import Invitation, Role, User
from peernet.applications import workflow
from peernet.applications.models import Application, Leader
from peernet.cohorts.models import Cohort, Membership
from peernet.cohorts.proposal import member_applications, rule_problems
from peernet.formats import long_date
from peernet.outbox import tasks as outbox
from peernet.programmes.models import Contract, DeliveryPartner, Facilitator, Round


class ConfirmRefused(ValueError):
    """The cohort cannot be confirmed as asked; errors maps each field (or None) to what is wrong."""

    def __init__(self, errors: dict[str | None, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def contracts_with_room(round: Round) -> list[Contract]:
    """The round's contracts, each with `used` (cohorts confirmed against it) and `left`."""
    contracts = list(
        Contract.objects.filter(round=round)
        .select_related("partner")
        .annotate(used=Count("cohorts", filter=Q(cohorts__status__in=Cohort.Status.COUNTED)))
        .order_by("partner__name")
    )
    for contract in contracts:
        contract.left = max(0, contract.cohorts_awarded - contract.used)
    return contracts


def confirm_problems(cohort: Cohort) -> list[str]:
    """Everything that stops the cohort being confirmed as it stands: every hard rule, size included."""
    if cohort.status != Cohort.Status.PROPOSED:
        return [f"{cohort.name} is already {cohort.get_status_display().lower()}"]
    return rule_problems(cohort, member_applications(cohort), whole=True)


# What to do when an answer is missing: the confirm page's fields say the same as confirm_errors.
MISSING = {
    "partner": "Choose the delivery partner",
    "facilitator": "Choose the facilitator",
    "starts_on": "Enter the date of the first meeting, like 12 1 2027",
}
# What confirming a cohort a forming run has just replaced says.
REPLACED = "This cohort is no longer suggested: cohorts were suggested again. Choose one of the new ones"
# A cohort is confirmed to start within this long, so members can plan for it.
FURTHEST_START = dt.timedelta(days=366)


def confirm_errors(
    *,
    cohort: Cohort,
    partner: DeliveryPartner | None,
    facilitator: Facilitator | None,
    starts_on: dt.date | None,
    venue: str = "",
    online_link: str = "",
    now: dt.datetime,
) -> dict[str | None, str]:
    """Everything that stops the cohort being confirmed as asked, by field; None is the cohort itself.

    The confirm rules, stated once: confirm_cohort refuses on them under its row locks, and the confirm page
    shows them against its fields before it tries."""
    round = cohort.round
    errors: dict[str | None, str] = {}
    problems = confirm_problems(cohort)
    if problems:
        errors[None] = "This cohort breaks a rule: " + "; ".join(problems)
    if partner is None:
        errors["partner"] = MISSING["partner"]
    else:
        contract = Contract.objects.filter(round=round, partner=partner).first()
        if contract is None:
            errors["partner"] = f"{partner.name} has no contract in {round.name}"
        elif contract.cohorts.filter(status__in=Cohort.Status.COUNTED).count() >= contract.cohorts_awarded:
            errors["partner"] = (
                f"{partner.name}'s contract awards {contract.cohorts_awarded} cohort"
                f"{'s' if contract.cohorts_awarded != 1 else ''} and all are taken; choose another partner"
            )
    if facilitator is None:
        errors["facilitator"] = MISSING["facilitator"]
    elif partner is not None and facilitator.partner_id != partner.pk:
        errors["facilitator"] = (
            f"{facilitator.full_name} works for {facilitator.partner.name}; "
            f"choose a facilitator of {partner.name}"
        )
    today = timezone.localdate(now)
    if starts_on is None:
        errors["starts_on"] = MISSING["starts_on"]
    elif starts_on < today:
        errors["starts_on"] = "The date of the first meeting must be today or in the future"
    elif starts_on > today + FURTHEST_START:
        errors["starts_on"] = "The date of the first meeting must be within a year"
    if cohort.mode == Cohort.Mode.IN_PERSON and not (venue or "").strip():
        errors["venue"] = "Enter the venue where this in-person cohort meets"
    if cohort.mode == Cohort.Mode.ONLINE and not (online_link or "").strip():
        errors["online_link"] = "Enter the link members use to join the online meetings"
    return errors


@transaction.atomic
def confirm_cohort(
    *,
    cohort: Cohort,
    partner: DeliveryPartner,
    facilitator: Facilitator,
    starts_on: dt.date,
    venue: str = "",
    online_link: str = "",
    by,
    now: dt.datetime | None = None,
) -> Cohort:
    now = now or timezone.now()
    # The cohort's row is locked first, as a forming run locks the cohorts it replaces (forming._save): the
    # two cannot both win. If the run replaced this cohort first, it is gone when the lock is granted.
    cohort = (
        Cohort.objects.select_for_update(of=("self",))
        .select_related("round__programme__hub")
        .filter(pk=cohort.pk)
        .first()
    )
    if cohort is None:
        raise ConfirmRefused({None: REPLACED})
    round = cohort.round
    # Locked before its cohorts are counted, so two confirmations cannot both take its last award. Its row
    # alone: the round's row stays free for a forming run, which locks it before the cohorts it replaces.
    contract = (
        Contract.objects.select_for_update(of=("self",))
        .filter(round=round, partner=partner)
        .order_by("pk")
        .first()
        if partner
        else None
    )
    errors = confirm_errors(
        cohort=cohort,
        partner=partner,
        facilitator=facilitator,
        starts_on=starts_on,
        venue=venue,
        online_link=online_link,
        now=now,
    )
    if errors:
        raise ConfirmRefused(errors)

    cohort.status = Cohort.Status.CONFIRMED
    cohort.partner = partner
    cohort.contract = contract
    cohort.facilitator = facilitator
    cohort.starts_on = starts_on
    cohort.venue = venue.strip()
    cohort.online_link = online_link.strip()
    cohort.confirmed_at = now
    cohort.confirmed_by = by if getattr(by, "is_authenticated", False) else None
    cohort.locked = False
    cohort.save()
    # Only applications still waiting take their place (one that leaves the pool leaves its proposed cohort,
    # peernet.cohorts.receivers; this makes sure).
    memberships = list(
        cohort.memberships.filter(
            status=Membership.Status.PROPOSED, application__status=Application.Status.WAITING
        ).select_related("application__round__programme__hub")
    )
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).update(
        status=Membership.Status.PLACED, joined_on=timezone.localdate(now), pinned=False
    )
    references = [m.application.reference for m in memberships]
    audit.record(
        actor=by,
        action="cohort.confirmed",
        subject=cohort,
        hub=round.programme.hub,
        summary=f"{cohort.name}: confirmed with {partner.name}, {facilitator.full_name}, "
        f"starting {long_date(starts_on)}; {len(memberships)} members placed",
        data={
            "partner": partner.pk,
            "contract": contract.pk,
            "facilitator": facilitator.pk,
            "starts_on": starts_on.isoformat(),
            "members": references,
        },
    )
    workflow.place(
        applications=[m.application for m in memberships],
        cohort_code=cohort.code,
        cohort_name=cohort.name,
        by=by,
        now=now,
    )
    send_confirmation_emails(cohort_id=cohort.pk, by=by)
    return cohort


def member_account(*, leader: Leader, hub, by) -> tuple[bool, Invitation | None]:
    """Whether the member can sign in to see their cohort, or else the invitation whose link their email
    carries. A member with an account (their leader's user, or a participant of this hub with their address)
    is linked to it and not invited again; an address with any other account gets no link."""
    if leader.user_id is not None:
        return True, None
    user = User.objects.filter(email=leader.email.strip().lower()).first()
    if user is not None:
        if user.hub_id != hub.pk or user.role != Role.PARTICIPANT or hasattr(user, "leader"):
            return False, None
        leader.user = user
        leader.save(update_fields=["user"])
        return True, None
    try:
        invitation = invitations.invite(
            email=leader.email,
            role=Role.PARTICIPANT,
            hub=hub,
            full_name=leader.full_name,
            by=by,
            send_email=False,
        )
    except invitations.InvitationRefused:
        # Invited by another hub: the email still tells them everything; the confirmation goes ahead.
        return False, None
    return False, invitation


def send_confirmation_emails(*, cohort_id: int, by=None) -> int:
    """Tell each member and the facilitator; returns how many emails were queued.

    A member's email also carries the link to set a password for an account (an invitation), or, when they
    have one, says to sign in, so once signed in they see their cohort. Leaders who never sign in are told
    everything in the email itself.

    Queued in the outbox inside confirm_cohort's transaction: the worker sends them once it commits, and a
    mail outage delays them rather than failing the confirmation.
    """
    cohort = Cohort.objects.select_related("round__programme__hub", "partner", "facilitator").get(
        pk=cohort_id
    )
    members = list(
        cohort.memberships.filter(status=Membership.Status.PLACED)
        .select_related("application__leader", "application__business")
        .order_by("application__leader__full_name")
    )
    context = {
        "cohort": cohort,
        "round": cohort.round,
        "hub": cohort.round.programme.hub,
        "site_url": settings.SITE_URL,
    }
    queued = 0
    for membership in members:
        leader = membership.application.leader
        has_account, invitation = member_account(leader=leader, hub=context["hub"], by=by)
        outbox.queue(
            to=leader.email,
            subject=f"Your peer network: {cohort.name} starts on {long_date(cohort.starts_on)}",
            body=render_to_string(
                "cohorts/email/member_placed.txt",
                {**context, "leader": leader, "has_account": has_account, "invitation": invitation},
            ),
        )
        queued += 1
    if cohort.facilitator and cohort.facilitator.email:
        outbox.queue(
            to=cohort.facilitator.email,
            subject=f"You are facilitating {cohort.name}, starting {long_date(cohort.starts_on)}",
            body=render_to_string("cohorts/email/facilitator_assigned.txt", {**context, "members": members}),
        )
        queued += 1
    return queued
