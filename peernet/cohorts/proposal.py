"""Changing a proposal by hand: move a member, lock a cohort, pin a member, build a cohort by hand or
around a business organisation. Every change goes through the engine's hard rules (matching.check_cohort)
before it is saved, and says in words what it would break.

A move that breaks a rule on who may meet together (slot, mode, area, competitors, not_with, the maximum
size) is refused. A cohort below the minimum size is allowed while the proposal is being worked on, with a
warning: it cannot be confirmed until it is big enough.
"""

from dataclasses import dataclass, field

from django.db import transaction

from peernet import matching
from peernet.accounts import audit
from peernet.applications.models import Application
from peernet.cohorts.models import Cohort, Membership
from peernet.cohorts.pool import applicant_for, for_engine, pool_applications
from peernet.programmes.models import DeliveryPartner, Round


class ChangeRefused(ValueError):
    """The change breaks a rule; problems lists each in words."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class MoveCheck:
    """What moving one applicant would do: refused rules stop the move, warnings do not."""

    application: Application
    source: Cohort | None
    target: Cohort | None
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.refused


def member_applications(cohort: Cohort) -> list[Application]:
    """The applications holding a place in the cohort, loaded for the engine's rules."""
    applications = Application.objects.filter(
        memberships__cohort=cohort, memberships__status__in=Membership.Status.HOLDING
    )
    return list(for_engine(applications).order_by("leader__full_name"))


def named(problems: list[str], applications: list[Application]) -> list[str]:
    """The engine names people by reference; a manager reads names, so put the name beside each."""
    out = []
    for text in problems:
        for application in applications:
            if application.reference in text:
                text = text.replace(
                    application.reference, f"{application.leader.full_name} ({application.reference})"
                )
        out.append(text)
    return out


def rule_problems(cohort: Cohort, applications: list[Application], *, whole: bool) -> list[str]:
    """The hard rules the cohort would break with these members; whole=False leaves out the minimum size."""
    round = cohort.round
    problems = matching.check_cohort(
        [applicant_for(a) for a in applications],
        slot=cohort.slot,
        mode=cohort.mode,
        area=cohort.area,
        min_size=round.cohort_min_size if whole else 0,
        max_size=round.cohort_max_size,
    )
    return named(problems, applications)


def _too_small(cohort: Cohort, size: int) -> str | None:
    least = cohort.round.cohort_min_size
    if size >= least:
        return None
    return (
        f"{cohort.name} would have {size} member{'s' if size != 1 else ''}, fewer than {least}: "
        f"it cannot be confirmed until it has {least}"
    )


def current_membership(application: Application) -> Membership | None:
    return (
        application.memberships.filter(status__in=Membership.Status.HOLDING)
        .select_related("cohort__round")
        .first()
    )


def check_move(*, application: Application, target: Cohort | None) -> MoveCheck:
    """Check moving the applicant into target (None: back to the waiting list) against every rule."""
    membership = current_membership(application)
    source = membership.cohort if membership else None
    check = MoveCheck(application=application, source=source, target=target)
    who = f"{application.leader.full_name} ({application.reference})"
    if application.status != Application.Status.WAITING:
        check.refused.append(f"{who} is {application.get_status_display().lower()}, not waiting for a cohort")
        return check
    if source is not None and source.status != Cohort.Status.PROPOSED:
        check.refused.append(
            f"{who} is in {source.name}, which is already {source.get_status_display().lower()}"
        )
    if source is not None and source == target:
        check.refused.append(f"{who} is already in {target.name}")
        return check
    for cohort in (source, target):
        if cohort is not None and cohort.locked:
            check.refused.append(f"{cohort.name} is locked; unlock it to change its members")
    if target is not None:
        if target.round_id != application.round_id or target.status != Cohort.Status.PROPOSED:
            check.refused.append(f"{target.name} is not a proposed cohort of {application.round.name}")
            return check
        members = member_applications(target)
        check.refused += rule_problems(target, [*members, application], whole=False)
        check.warnings.append(_too_small(target, len(members) + 1))
    if source is not None:
        check.warnings.append(_too_small(source, len(member_applications(source)) - 1))
    check.warnings = [w for w in check.warnings if w]
    return check


@transaction.atomic
def move(*, application: Application, target: Cohort | None, by) -> MoveCheck:
    """Move the applicant if no rule refuses it; the member is pinned there, as the manager chose it."""
    application = (
        Application.objects.select_for_update().select_related("leader", "round").get(pk=application.pk)
    )
    check = check_move(application=application, target=target)
    if not check.allowed:
        raise ChangeRefused(check.refused)
    Membership.objects.filter(application=application, status=Membership.Status.PROPOSED).delete()
    if target is not None:
        Membership.objects.create(
            cohort=target, application=application, status=Membership.Status.PROPOSED, pinned=True
        )
    for cohort in (check.source, target):
        if cohort is not None:
            describe(cohort)
    frm = check.source.name if check.source else "the waiting list"
    to = target.name if target else "the waiting list"
    audit.record(
        actor=by,
        action="cohort.member_moved",
        subject=application,
        hub=application.round.programme.hub,
        summary=f"{application.reference}: moved from {frm} to {to}",
        data={
            "from": check.source.code if check.source else None,
            "to": target.code if target else None,
            "warnings": check.warnings,
        },
    )
    return check


def describe(cohort: Cohort) -> None:
    """Say again what the cohort's members share, and its Q, after its members changed."""
    applications = member_applications(cohort)
    applicants = [applicant_for(a) for a in applications]
    if applicants:
        text, _, _ = matching.describe_cohort(
            applicants, slot=cohort.slot, mode=cohort.mode, area=cohort.area
        )
        cohort.explanation = text
        cohort.quality = matching.cohort_quality(applicants)
    else:
        cohort.explanation = "No members yet"
        cohort.quality = None
    cohort.save(update_fields=["explanation", "quality"])


def set_locked(*, cohort: Cohort, locked: bool, by) -> Cohort:
    if cohort.status != Cohort.Status.PROPOSED:
        raise ChangeRefused(
            [f"{cohort.name} is {cohort.get_status_display().lower()}; only a proposal is locked"]
        )
    cohort.locked = locked
    cohort.save(update_fields=["locked"])
    audit.record(
        actor=by,
        action="cohort.locked" if locked else "cohort.unlocked",
        subject=cohort,
        hub=cohort.round.programme.hub,
        summary=f"{cohort.name}: {'locked' if locked else 'unlocked'}",
    )
    return cohort


def set_pinned(*, membership: Membership, pinned: bool, by) -> Membership:
    if membership.status != Membership.Status.PROPOSED:
        raise ChangeRefused(["Only a member of a proposed cohort can be pinned"])
    membership.pinned = pinned
    membership.save(update_fields=["pinned"])
    audit.record(
        actor=by,
        action="cohort.member_pinned" if pinned else "cohort.member_unpinned",
        subject=membership.cohort,
        hub=membership.cohort.round.programme.hub,
        summary=f"{membership.application.reference}: {'pinned to' if pinned else 'unpinned from'} "
        f"{membership.cohort.name}",
    )
    return membership


@transaction.atomic
def start_cohort(
    *,
    round: Round,
    name: str,
    slot: str,
    mode: str,
    area: str = "",
    basis: str = Cohort.Basis.OPEN,
    basis_value: str = "",
    partner: DeliveryPartner | None = None,
    origin: str = Cohort.Origin.MANUAL,
    by,
) -> Cohort:
    """A proposed cohort a manager builds by hand; locked, so suggesting cohorts again keeps it."""
    cohort = Cohort.objects.create(
        round=round,
        name=name,
        slot=slot,
        mode=mode,
        area=area if mode == Cohort.Mode.IN_PERSON else "",
        basis=basis,
        basis_value=basis_value,
        partner=partner,
        origin=origin,
        locked=True,
        explanation="No members yet",
    )
    audit.record(
        actor=by,
        action="cohort.started",
        subject=cohort,
        hub=round.programme.hub,
        summary=f"{cohort.name}: {cohort.get_origin_display().lower()}",
        data={"slot": slot, "mode": mode, "area": cohort.area, "basis": basis, "basis_value": basis_value},
    )
    return cohort


@dataclass
class PartnerCohort:
    cohort: Cohort
    added: list[Application]
    left: list[tuple[Application, str]]  # who belongs to the organisation but could not join, and why


@transaction.atomic
def start_partner_cohort(
    *,
    round: Round,
    partner: DeliveryPartner,
    organisation: str,
    slot: str,
    mode: str,
    area: str = "",
    name: str = "",
    by,
) -> PartnerCohort:
    """A cohort a delivery partner leads for a business organisation's members who applied and passed.

    Everyone waiting who belongs to the organisation joins, in the order they applied, while the rules
    allow and up to the maximum size; each one left out is named with the rule that kept them out.
    """
    cohort = start_cohort(
        round=round,
        name=name or f"{organisation} members, {matching.slot_words(slot)}",
        slot=slot,
        mode=mode,
        area=area,
        basis=Cohort.Basis.ORGANISATION,
        basis_value=organisation,
        partner=partner,
        origin=Cohort.Origin.PARTNER,
        by=by,
    )
    members: list[Application] = []
    left: list[tuple[Application, str]] = []
    candidates = pool_applications(round).filter(organisation__iexact=organisation)
    held = {
        m.application_id: m
        for m in Membership.objects.filter(
            application__in=candidates, status=Membership.Status.PROPOSED
        ).select_related("cohort")
    }
    for application in candidates:
        elsewhere = held.get(application.pk)
        if elsewhere and (elsewhere.cohort.locked or elsewhere.pinned):
            left.append((application, f"kept in {elsewhere.cohort.name} by a manager"))
            continue
        if len(members) >= round.cohort_max_size:
            left.append((application, f"the cohort is full ({round.cohort_max_size})"))
            continue
        problems = rule_problems(cohort, [*members, application], whole=False)
        if problems:
            left.append((application, "; ".join(problems)))
            continue
        members.append(application)
    Membership.objects.filter(application__in=members, status=Membership.Status.PROPOSED).delete()
    Membership.objects.bulk_create(
        Membership(cohort=cohort, application=a, status=Membership.Status.PROPOSED, pinned=True)
        for a in members
    )
    describe(cohort)
    joined = {a.pk for a in members}
    touched = {m.cohort for m in held.values() if m.application_id in joined}
    for other in touched:
        describe(other)
    return PartnerCohort(cohort=cohort, added=members, left=left)
