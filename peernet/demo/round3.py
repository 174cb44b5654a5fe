"""Round 3, open now: a waiting list for the matching engine, real refusals, and one cohort under way.

Every application goes through peernet.applications.eligibility.decide(), the check the public form uses.
The running cohort's meetings are placed around the day of the first seed, so the demo facilitator and
participant always have a meeting behind them and one ahead; a later seed leaves them where they are.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from peernet.accounts.models import Role
from peernet.applications.eligibility import add_months, decide
from peernet.applications.models import Application, Leader
from peernet.cohorts.enums import CohortStatus, MembershipStatus
from peernet.delivery.models import Meeting
from peernet.demo.cohorts import Spec, cohort_plan, member_for
from peernet.demo.delivery import (
    CHALLENGES,
    LONDON,
    CohortPlan,
    MemberPlan,
    at,
    challenges_for,
    meetings_from,
)
from peernet.demo.history import ensure_round, write_contracts
from peernet.demo.lancashire import Lancashire
from peernet.demo.people import People, weighted
from peernet.demo.records import write_applications, write_cohorts
from peernet.programmes.models import Round

FIELDS = {
    "number": 3,
    "name": "Round 3",
    "slug": "round-3",
    "status": Round.Status.OPEN,
    "funder": "Department for Business and Trade",
    "grant_pence": 28_000_000,
    "starts_on": dt.date(2026, 10, 1),
    "ends_on": dt.date(2027, 7, 31),
    "applications_open_on": dt.date(2026, 9, 1),
    "applications_close_on": dt.date(2027, 1, 31),
    "planned_cohorts": 14,
    "planned_participants": 130,
    "cohort_min_size": 8,
    "cohort_max_size": 10,
    # Primary agriculture (01) and fishing and aquaculture (03) have their own support and subsidy rules;
    # Rounds 1 and 2 excluded them under the de minimis regulation and Round 3 keeps the same line.
    "excluded_sic_prefixes": ["01", "03"],
    "subsidy_regime": Round.SubsidyRegime.MFA,
    # The grant over the planned places (£280,000 / 130 = £2,154), rounded to £2,150.
    "cost_per_place_pence": 215_000,
    "subsidy_threshold_pence": 31_500_000,
    "subsidy_wording": (
        "This support is Minimal Financial Assistance under section 36 of the Subsidy Control Act 2022. "
        "Its gross value to your business is £2,150. A business may receive up to £315,000 of Minimal "
        "Financial Assistance in the current financial year and the two previous ones. Please confirm that "
        "this support keeps your business within that amount, and keep this notice: you may be asked for it."
    ),
    "privacy_notice_version": "2026-09",
}
CONTRACTS = [
    ("LBN", 2, 19_000), ("NWLCC", 2, 19_000), ("ELCC", 2, 19_000), ("FSB", 2, 19_000),
    ("MAKEUK", 2, 19_000), ("DLN", 2, 19_000), ("WEL", 1, 19_000), ("LEC", 1, 19_000),
]  # fmt: skip
PAYMENTS = [
    ("Cohorts recruited and started", dt.date(2027, 1, 29), None),
    ("Midpoint report accepted", dt.date(2027, 4, 30), None),
    ("Delivery complete and evidence accepted", dt.date(2027, 7, 31), None),
]
assert sum(n for _, n, _ in CONTRACTS) == FIELDS["planned_cohorts"]

RUNNING = Spec("LBN", "organisation", "FSB", "FSB members, Preston and South Ribble", "tue-am",
               where=("Preston", "South Ribble"))  # fmt: skip
WAITING = 120
MODES = [("online", 45), ("either", 35), ("in-person", 20)]
PARTICIPANT = ("participant@boost.example", "Daniel Greenwood")

# Each refusal is one real reason, the kind officers see: a business too small or too new, a turnover at or
# under the line, an address over the county boundary, a sector the round cannot support, or too much subsidy.
REFUSALS = [
    {"sic": "96020", "employees": 4},
    {"sic": "56101", "employees": 5},  # "more than five" means six or more
    {"sic": "43220", "employees": 5},
    {"sic": "74100", "employees": 3, "legal_form": "sole_trader"},
    {"sic": "22290", "employees": 280},
    {"sic": "56101", "months": 8},
    {"sic": "62012", "months": 5},
    {"sic": "47910", "months": 12},  # twelve months is not more than twelve
    {"sic": "85590", "employees": 6, "turnover_pence": 8_000_000},
    {"sic": "73110", "employees": 6, "turnover_pence": 10_000_000},  # £100,000 is not more than £100,000
    {"sic": "93290", "employees": 6, "turnover_pence": 6_500_000},
    {"sic": "55100", "outside": "PR8"},  # Southport, in Sefton
    {"sic": "47190", "outside": "PR9"},  # Southport again
    {"sic": "25620", "outside": "LA9"},  # Kendal, in Westmorland and Furness
    {"sic": "49410", "outside": "WN1"},  # Wigan, in Greater Manchester
    {"sic": "01410", "within": ("Ribble Valley",)},  # dairy farming
    {"sic": "03110", "within": ("Wyre",)},  # a Fleetwood trawler
    {"sic": "01130", "within": ("West Lancashire",)},  # vegetable growing
    {"second_leader": True},
    {"second_leader": True},
    {"sic": "28290", "prior_assistance_pence": 31_400_000},  # this support would take it past £315,000
    {"sic": "59112", "employees": 4, "turnover_pence": 4_000_000, "months": 4},  # a start-up, several reasons
]


@dataclass
class Round3Plan:
    waiting: list[MemberPlan] = field(default_factory=list)
    refused: list[MemberPlan] = field(default_factory=list)
    running: CohortPlan | None = None


def plan_round3(people: People, *, returning: list[MemberPlan], today: dt.date) -> Round3Plan:
    """Applicants in submission order, then the running cohort placed around `today`."""
    rng = people.rng
    plan = Round3Plan()
    used: set[str] = set()
    opens = FIELDS["applications_open_on"]
    anywhere = Spec("", "open", "", "", "")
    for n in range(WAITING):
        day = opens + dt.timedelta(days=round(n * 78 / WAITING))  # 1 September to 18 November
        member = member_for(
            people, anywhere, None, start=day, opens=day, closes=day, used=used, returning=returning,
            mode_weights=MODES, returning_share=0.07,
        )  # fmt: skip
        member.slots = people.slots()
        member.mode = weighted(rng, MODES)
        member.recruited_by = rng.choice([key for key, _, _ in CONTRACTS]) if rng.random() < 0.2 else None
        plan.waiting.append(member)
    for case in REFUSALS:
        plan.refused.append(_refusal(people, case, plan.waiting))
    plan.running = _running(people, today=today, used=used)
    return plan


def _refusal(people: People, case: dict, waiting: list[MemberPlan]) -> MemberPlan:
    rng = people.rng
    if case.get("second_leader"):
        # A colleague from a business already on the list applies too.
        first = rng.choice([m for m in waiting if m.business.company_number and m.submitted_at.month < 11])
        submitted_at = first.submitted_at + dt.timedelta(days=rng.randint(10, 30), hours=rng.randint(1, 5))
        leader = people.leader(first.business)
    else:
        submitted_at = dt.datetime.combine(
            dt.date(2026, 9, 1) + dt.timedelta(days=rng.randint(0, 78)),
            dt.time(rng.randint(8, 21), rng.randint(0, 59)),
            tzinfo=LONDON,
        )
        decided_on = (submitted_at + dt.timedelta(days=1)).date()
        overrides = {k: case[k] for k in ("employees", "legal_form", "turnover_pence") if k in case}
        if "months" in case:
            overrides["trading_since"] = add_months(decided_on, -case["months"])
        business = people.business(
            before=submitted_at.date(),
            sic=case["sic"],
            within=case.get("within", ()),
            outward=case.get("outside", ""),
            **overrides,
        )
        leader = people.leader(business)
    themes = people.themes()
    return MemberPlan(
        leader=leader,
        submitted_at=submitted_at,
        themes=themes,
        mode=weighted(rng, MODES),
        slots=people.slots(),
        organisation=people.organisation(sic=leader.business.sic),
        recruited_by=None,
        challenge=rng.choice(CHALLENGES[themes[0]]),
        prior_assistance_pence=case.get("prior_assistance_pence", 0),
    )


def _running(people: People, *, today: dt.date, used: set[str]) -> CohortPlan:
    """Six three-hour Tuesday mornings, fortnightly: two already held, four to come."""
    rng = people.rng
    last_held = today - dt.timedelta(days=(today.weekday() - 1) % 7 or 7)  # the last Tuesday before today
    start = last_held - dt.timedelta(days=14)
    cohort = cohort_plan(RUNNING, index=0, round_number=3, facilitator=0)
    cohort.status = CohortStatus.RUNNING
    cohort.meetings = meetings_from(start, RUNNING.slot, [180] * 6)
    for meeting in cohort.meetings[2:]:
        meeting.status = Meeting.Status.SCHEDULED
    email, full_name = PARTICIPANT
    business = people.business(before=start - dt.timedelta(days=60), within=RUNNING.where, sic="25620")
    business.ownership = [tag for tag in business.ownership if tag in ("family", "employee-owned")]
    business.heritage, business.family = "white", ""
    you = people.leader(business, gender="man", email=email, full_name=full_name)
    closes = start - dt.timedelta(days=14)
    for n in range(9):
        member = member_for(
            people, RUNNING, cohort, start=start, opens=FIELDS["applications_open_on"], closes=closes,
            used=used, returning=[], mode_weights=[("online", 60), ("either", 40)],
        )  # fmt: skip
        if n == 0:
            member.leader = you
        member.status = MembershipStatus.ACTIVE
        member.attendance = [180, 180 if rng.random() < 0.9 else 0] + [None] * 4
        member.support = []
        if rng.random() < 0.6:
            day = start + dt.timedelta(days=rng.randint(3, max(3, (today - start).days - 1)))
            member.support = [("coaching", day, rng.choice((90, 120)), "facilitator 0")]
        cohort.members.append(member)
    cohort.challenges = challenges_for(rng, cohort, held=2)
    return cohort


def seed_round3(ctx: Lancashire, plan: Round3Plan) -> list[str]:
    """Write Round 3 unless it has applications already; each application is decided as the form would."""
    round_ = ensure_round(ctx, FIELDS)
    if round_.applications.exists():
        return []
    write_contracts(ctx, round_, CONTRACTS, signed_on=dt.date(2026, 9, 25), payments=PAYMENTS)
    running = plan.running
    everyone = plan.waiting + running.members + plan.refused
    applications = write_applications(ctx, round_, everyone, status=Application.Status.APPLIED)
    by_plan = {id(m): a for m, a in zip(everyone, applications, strict=True)}

    for app in sorted(applications, key=lambda a: (a.submitted_at, a.pk)):
        decide(application=app, by=None, now=app.submitted_at + dt.timedelta(days=1))
    _not_with(plan, by_plan)

    facilitator = ctx.facilitators[running.partner][running.facilitator]
    for member in running.members:
        member.support = [(k, d, m, facilitator.full_name) for k, d, m, _ in member.support]
        app = by_plan[id(member)]
        app.status = Application.Status.ACTIVE
        app.status_changed_at = at(running.starts_on, dt.time(12, 30))
        app.save(update_fields=["status", "status_changed_at"])
    write_cohorts(ctx, round_, [running], by_plan, confirmed_days_before=14)
    Leader.objects.filter(hub=ctx.hub, email=PARTICIPANT[0]).update(user=ctx.users[Role.PARTICIPANT])
    return [round_.name]


def _not_with(plan: Round3Plan, by_plan: dict) -> None:
    """A few leaders asked not to be grouped with a named rival in their own sector."""
    rng = random.Random(3)
    for sector in ("Manufacturing", "Construction", "Transport and storage"):
        group = [m for m in plan.waiting if m.business.sector == sector]
        if len(group) >= 2:
            one, other = rng.sample(group, 2)
            by_plan[id(one)].not_with.add(by_plan[id(other)])
