"""Writes the demo's plans as records, in bulk: businesses, leaders, applications, cohorts, delivery."""

import datetime as dt

from peernet.applications.eligibility import Facts, evaluate, outcome_of, record_outcome, rules_for
from peernet.applications.models import Application, Business, EligibilityDecision, Leader
from peernet.applications.records import facts_from_records
from peernet.cohorts.models import Cohort, Membership
from peernet.delivery.models import Action, Attendance, Challenge, Meeting, SupportSession
from peernet.demo.delivery import CohortPlan, MemberPlan, at
from peernet.demo.lancashire import Lancashire
from peernet.demo.people import LeaderPlan
from peernet.programmes.models import Contract, Round


def write_people(ctx: Lancashire, leaders: list[LeaderPlan]) -> dict[str, Leader]:
    """The leaders and their businesses, reusing any already stored (a business counts once per hub)."""
    plans = {plan.business.key: plan.business for plan in leaders}
    numbers = [b.company_number for b in plans.values() if b.company_number]
    unnumbered = [b.name for b in plans.values() if not b.company_number]
    stored = {b.company_number: b for b in Business.objects.filter(hub=ctx.hub, company_number__in=numbers)}
    stored |= {
        b.name: b
        for b in Business.objects.filter(hub=ctx.hub, company_number__isnull=True, name__in=unnumbered)
    }
    new = [
        Business(
            hub=ctx.hub,
            name=plan.name,
            company_number=plan.company_number,
            legal_form=plan.legal_form,
            trading_since=plan.trading_since,
            employees=plan.employees,
            turnover_pence=plan.turnover_pence,
            sic=plan.sic,
            sector=plan.sector,
            postcode=plan.postcode,
            district=ctx.districts[plan.district] if plan.district else None,
            ownership=plan.ownership,
        )
        for key, plan in plans.items()
        if key not in stored
    ]
    for business in Business.objects.bulk_create(new):
        stored[business.company_number or business.name] = business

    known = Leader.objects.filter(hub=ctx.hub, email__in=[p.email for p in leaders]).select_related(
        "business"
    )
    people = {leader.email: leader for leader in known}
    new_leaders = [
        Leader(
            hub=ctx.hub,
            business=stored[plan.business.key],
            full_name=plan.full_name,
            job_title=plan.job_title,
            email=plan.email,
            phone=plan.phone,
            gender=plan.gender,
            age_band=plan.age_band,
            ethnicity=plan.ethnicity,
            disability=plan.disability,
        )
        for plan in {p.email: p for p in leaders}.values()
        if plan.email not in people
    ]
    for leader in Leader.objects.bulk_create(new_leaders):
        people[leader.email] = leader
    return people


def write_applications(
    ctx: Lancashire, round_: Round, members: list[MemberPlan], *, status: str | None = None
) -> list[Application]:
    """One application a member, in the members' order; `status` overrides each member's own."""
    leaders = write_people(ctx, [m.leader for m in members])
    applications = Application.objects.bulk_create(
        [
            Application(
                round=round_,
                leader=leaders[m.leader.email],
                business=leaders[m.leader.email].business,
                status=status or m.status,
                source=Application.Source.PARTNER if m.recruited_by else Application.Source.FORM,
                recruited_by=ctx.partners[m.recruited_by] if m.recruited_by else None,
                submitted_at=m.submitted_at,
                challenge=m.challenge,
                mode=m.mode,
                slots=m.slots,
                organisation=m.organisation,
                subsidy_declared_at=m.submitted_at,
                subsidy_within_threshold=(
                    m.prior_assistance_pence + round_.cost_per_place_pence <= round_.subsidy_threshold_pence
                ),
                subsidy_prior_assistance_pence=m.prior_assistance_pence,
                privacy_notice_version=round_.privacy_notice_version,
                consented_at=m.submitted_at,
                withdrawn_reason=m.withdrawn_reason,
                status_changed_at=None if status else _status_changed_at(m),
                # The demo's plans are its applicants' answers, written as the records first.
                **facts_from_records(
                    business=leaders[m.leader.email].business, leader=leaders[m.leader.email]
                ),
            )
            for m in members
        ]
    )
    Through = Application.themes.through
    Through.objects.bulk_create(
        [
            Through(application_id=app.pk, theme_id=ctx.themes[slug].pk)
            for app, member in zip(applications, members, strict=True)
            for slug in member.themes
        ]
    )
    return applications


def _status_changed_at(member: MemberPlan) -> dt.datetime | None:
    day = member.left_on or member.completed_on
    return at(day, dt.time(17, 0)) if day else None


def write_history_decisions(
    round_: Round, applications: list[Application], members: list[MemberPlan]
) -> None:
    """The eligibility decision each past participant had, from the same rules the live check uses."""
    rules = rules_for(round_)
    decisions = []
    for app, member in zip(applications, members, strict=True):
        business = member.business
        decided_at = app.submitted_at + dt.timedelta(days=2)
        checks = evaluate(
            rules=rules,
            facts=Facts(
                district_id=app.district_id,
                district_name=business.district or "",
                trading_since=app.trading_since,
                employees=app.employees,
                turnover_pence=app.turnover_pence,
                sic=app.sic,
                subsidy_within_threshold=app.subsidy_within_threshold,
            ),
            today=decided_at.date(),
        )
        outcome = outcome_of(checks)
        if outcome != EligibilityDecision.Outcome.ELIGIBLE:
            raise AssertionError(
                f"Demo participant {business.name} fails {[c for c in checks if not c.passed]}"
            )
        decisions.append(
            EligibilityDecision(
                application=app, outcome=outcome, checks=[c.as_dict() for c in checks], decided_at=decided_at
            )
        )
    EligibilityDecision.objects.bulk_create(decisions)
    # The standing decision is kept on the application by the same helper decide() uses, saved in one go.
    changed: set[str] = set()
    for app, decision in zip(applications, decisions, strict=True):
        changed.update(record_outcome(application=app, decision=decision, now=decision.decided_at))
    Application.objects.bulk_update(applications, sorted(changed))


def write_cohorts(
    ctx: Lancashire,
    round_: Round,
    plans: list[CohortPlan],
    applications: dict[int, Application],
    *,
    confirmed_days_before: int = 10,
) -> list[Cohort]:
    """Cohorts with their meetings, memberships, attendance, challenges, actions and one-to-ones.

    `applications` maps id(member plan) to its stored application.
    """
    contracts = {c.partner_id: c for c in Contract.objects.filter(round=round_)}
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(
                round=round_,
                name=plan.name,
                status=plan.status,
                basis=plan.basis,
                basis_value=plan.basis_value,
                partner=ctx.partners[plan.partner],
                contract=contracts[ctx.partners[plan.partner].pk],
                facilitator=ctx.facilitators[plan.partner][plan.facilitator],
                slot=plan.slot,
                mode=plan.mode,
                area=plan.area,
                venue=plan.venue,
                online_link=plan.online_link,
                starts_on=plan.starts_on,
                explanation=plan.explanation,
                confirmed_at=at(plan.starts_on - dt.timedelta(days=confirmed_days_before), dt.time(11, 0)),
            )
            for plan in plans
        ]
    )
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                cohort=cohort,
                number=m.number,
                starts_at=m.starts_at,
                duration_minutes=m.duration_minutes,
                status=m.status,
                venue=plan.venue,
                online_link=plan.online_link,
            )
            for cohort, plan in zip(cohorts, plans, strict=True)
            for m in plan.meetings
        ]
    )
    memberships = Membership.objects.bulk_create(
        [
            Membership(
                cohort=cohort,
                application=applications[id(member)],
                status=member.status,
                joined_on=plan.starts_on,
                left_on=member.left_on
                or (plan.last_on if member.status == Membership.Status.COMPLETED else None),
                withdrawn_reason=member.withdrawn_reason,
            )
            for cohort, plan in zip(cohorts, plans, strict=True)
            for member in plan.members
        ]
    )

    attendances, challenges, actions, support = [], [], [], []
    meeting_at = iter(meetings)
    membership_at = iter(memberships)
    for plan in plans:
        these_meetings = [next(meeting_at) for _ in plan.meetings]
        these_members = [next(membership_at) for _ in plan.members]
        for member, membership in zip(plan.members, these_members, strict=True):
            for meeting, minutes in zip(these_meetings, member.attendance, strict=True):
                if minutes is not None:
                    attendances.append(
                        Attendance(
                            meeting=meeting, membership=membership, present=minutes > 0, minutes=minutes
                        )
                    )
            support += [
                SupportSession(
                    membership=membership, kind=kind, held_on=day, minutes=minutes, adviser=adviser
                )
                for kind, day, minutes, adviser in member.support
            ]
        for challenge in plan.challenges:
            row = Challenge(
                membership=these_members[challenge.member],
                meeting=these_meetings[challenge.meeting],
                theme=ctx.themes[challenge.theme],
                summary=challenge.summary,
            )
            challenges.append(row)
            actions += [
                (row, description, status, None if reviewed is None else these_meetings[reviewed])
                for description, status, reviewed in challenge.actions
            ]
    Attendance.objects.bulk_create(attendances)
    Challenge.objects.bulk_create(challenges)
    Action.objects.bulk_create(
        [
            Action(
                membership=row.membership,
                meeting=row.meeting,
                challenge=row,
                description=description,
                status=status,
                reviewed_at=reviewed,
            )
            for row, description, status, reviewed in actions
        ]
    )
    SupportSession.objects.bulk_create(support)
    return cohorts
