"""Rounds 1 and 2 as they happened, from the programme's own records: every cohort, meeting and response.

The board paper of February 2022 must come out of these records when the reports count them: Round 1,
31 cohorts, 327 participants, 17 networks, £432,000, 97% satisfied or very satisfied; Round 2, 23 cohorts,
208 participants, 15 contractors, £390,000 granted, 98% very satisfied.
"""

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from peernet.cohorts.enums import CohortStatus, MembershipStatus
from peernet.demo import cohorts as cohort_specs
from peernet.demo.delivery import (
    PATTERNS,
    CohortPlan,
    MemberPlan,
    at,
    attend_all,
    attend_then_leave,
    challenges_for,
    first_start,
    meetings_from,
    support_for,
)
from peernet.demo.lancashire import Lancashire
from peernet.demo.people import People, weighted
from peernet.demo.records import write_applications, write_cohorts, write_history_decisions
from peernet.feedback.models import Response, Survey
from peernet.programmes.models import Contract, Payment, Round

BEIS = "Department for Business, Energy and Industrial Strategy"

WITHDRAWAL_REASONS = [
    "Could not spare the time while the business dealt with COVID-19 restrictions",
    "Left the business for a new role",
    "Ill health",
    "The business closed",
    "Could not make the cohort's meeting time after a change of shifts",
    "Needed to focus on a major contract",
]
MOST_VALUABLE = [
    "Hearing how other owners tackle the same problems",
    "Time away from the business to think",
    "The one-to-one coaching",
    "Being held to account for my actions",
    "The facilitator's questions",
]


@dataclass
class RoundPlan:
    """One past round: its settings, contracts, cohorts, and the survey's exact outcome."""

    fields: dict
    contracts: list[tuple[str, int, int]]  # partner key, cohorts awarded, price per cohort in pounds
    signed_on: dt.date
    payments: list[tuple[str, dt.date, dt.date]]  # milestone, due, paid; the first half, then the rest
    cohort_sizes: list[int]
    withdrawals: int
    satisfaction: dict[int, int]  # score → number of submitted responses
    cohorts: list[CohortPlan] = field(default_factory=list)

    @property
    def members(self) -> list[MemberPlan]:
        return [m for c in self.cohorts for m in c.members]


ROUND_1 = RoundPlan(
    fields={
        "number": 1,
        "name": "Round 1",
        "slug": "round-1",
        "status": Round.Status.CLOSED,
        "funder": BEIS,
        "grant_pence": 43_200_000,
        "starts_on": dt.date(2020, 10, 1),
        "ends_on": dt.date(2021, 3, 31),
        "applications_open_on": dt.date(2020, 9, 1),
        "applications_close_on": dt.date(2020, 11, 13),
        "planned_cohorts": 31,
        "planned_participants": 327,
        "cohort_min_size": 8,
        "cohort_max_size": 11,
        "excluded_sic_prefixes": ["01", "03"],
        "subsidy_regime": Round.SubsidyRegime.DE_MINIMIS,
        "cost_per_place_pence": 132_110,  # £432,000 over 327 places
        "subsidy_threshold_pence": 18_000_000,
        "subsidy_wording": (
            "This support is de minimis aid under Commission Regulation (EU) No 1407/2013. Its gross "
            "value to your business is £1,321. A business may receive up to €200,000 (about £180,000) of "
            "de minimis aid over three fiscal years: please declare any you have received in this and the "
            "two previous fiscal years."
        ),
        "privacy_notice_version": "2020-09",
    },
    contracts=[
        ("LBN", 2, 14_000),
        ("NWLCC", 2, 14_250),
        ("ELCC", 2, 14_250),
        ("FSB", 2, 13_750),
        ("MAKEUK", 2, 14_500),
        ("FCE", 2, 13_500),
        ("PGP", 2, 13_750),
        ("UCLAN", 2, 14_000),
        ("LUMS", 2, 14_500),
        ("BFC", 2, 13_500),
        ("RBL", 2, 13_750),
        ("RRCC", 2, 14_000),
        ("WEL", 2, 13_750),
        ("DLN", 2, 14_000),
        ("RVEA", 1, 13_500),
        ("WLBF", 1, 13_750),
        ("LVL", 1, 13_750),
    ],  # fmt: skip
    signed_on=dt.date(2020, 9, 18),
    payments=[
        ("Cohorts recruited and started", dt.date(2020, 12, 15), dt.date(2020, 12, 22)),
        ("Delivery complete and evidence accepted", dt.date(2021, 3, 31), dt.date(2021, 4, 23)),
    ],
    cohort_sizes=[11] * 17 + [10] * 14,
    withdrawals=12,
    satisfaction={5: 214, 4: 77, 3: 6, 2: 2, 1: 1},
)

ROUND_2 = RoundPlan(
    fields={
        "number": 2,
        "name": "Round 2",
        "slug": "round-2",
        "status": Round.Status.CLOSED,
        "funder": BEIS,
        "grant_pence": 39_000_000,
        "starts_on": dt.date(2021, 7, 1),
        "ends_on": dt.date(2022, 3, 31),
        "applications_open_on": dt.date(2021, 7, 1),
        "applications_close_on": dt.date(2021, 10, 29),
        "planned_cohorts": 23,
        "planned_participants": 208,
        "cohort_min_size": 8,
        "cohort_max_size": 10,
        "excluded_sic_prefixes": ["01", "03"],
        "subsidy_regime": Round.SubsidyRegime.DE_MINIMIS,
        "cost_per_place_pence": 187_500,  # £390,000 over 208 places
        "subsidy_threshold_pence": 33_500_000,
        "subsidy_wording": (
            "This support is given as Small Amounts of Financial Assistance under the UK–EU Trade and "
            "Cooperation Agreement. Its gross value to your business is £1,875. A business may receive up to "
            "325,000 Special Drawing Rights (about £335,000), together with any de minimis aid, over three "
            "fiscal years: please declare what you have received in this and the two previous fiscal years."
        ),
        "privacy_notice_version": "2021-06",
    },
    contracts=[
        ("LBN", 2, 17_000),
        ("NWLCC", 2, 17_250),
        ("ELCC", 2, 17_250),
        ("FSB", 2, 16_750),
        ("MAKEUK", 2, 17_500),
        ("LUMS", 2, 17_500),
        ("DLN", 2, 17_000),
        ("WEL", 2, 16_750),
        ("FCE", 1, 16_500),
        ("PGP", 1, 16_500),
        ("UCLAN", 1, 16_750),
        ("RBL", 1, 16_250),
        ("WLBF", 1, 16_500),
        ("RRCC", 1, 16_750),
        ("LEC", 1, 16_750),
    ],  # fmt: skip
    signed_on=dt.date(2021, 7, 23),
    payments=[
        ("Cohorts recruited and started", dt.date(2021, 11, 30), dt.date(2021, 12, 10)),
        ("Delivery complete and evidence accepted", dt.date(2022, 3, 31), dt.date(2022, 4, 22)),
    ],
    cohort_sizes=[10] + [9] * 22,
    withdrawals=6,
    satisfaction={5: 196, 4: 2, 3: 1, 2: 1},
)

for _plan, _specs in ((ROUND_1, cohort_specs.ROUND_1), (ROUND_2, cohort_specs.ROUND_2)):
    assert sum(n * price for _, n, price in _plan.contracts) * 100 == _plan.fields["grant_pence"]
    assert sum(n for _, n, _ in _plan.contracts) == len(_plan.cohort_sizes) == len(_specs)
    assert sum(_plan.cohort_sizes) == _plan.fields["planned_participants"]


def plan_history(people: People) -> list[RoundPlan]:
    """Plan both past rounds; Round 2 takes back some Round 1 businesses, as the programme did."""
    first, second = replace(ROUND_1, cohorts=[]), replace(ROUND_2, cohorts=[])
    plan_round(
        first, cohort_specs.ROUND_1, people, returning=[], mode_weights=[("online", 70), ("either", 30)]
    )
    plan_round(
        second,
        cohort_specs.ROUND_2,
        people,
        returning=[m for m in first.members if m.business.company_number],
        mode_weights=[("online", 50), ("either", 40), ("in-person", 10)],
    )
    return [first, second]


def plan_round(
    plan: RoundPlan, specs: list, people: People, *, returning: list[MemberPlan], mode_weights
) -> None:
    rng = people.rng
    fields = plan.fields
    sizes = list(plan.cohort_sizes)
    rng.shuffle(sizes)
    opens, closes = fields["applications_open_on"], fields["applications_close_on"]
    # Cohorts start through the first ten weeks or so of delivery, partners in turn.
    first_day = max(fields["starts_on"], closes - dt.timedelta(weeks=9))
    used: set[str] = set()
    per_partner: dict[str, int] = {}
    for index, (spec, size) in enumerate(zip(specs, sizes, strict=True)):
        preferred = first_day + dt.timedelta(days=round(index * 56 / len(specs)))
        durations, start = _schedule(rng, spec.slot, preferred, fields)
        facilitator = per_partner.get(spec.partner, 0)
        per_partner[spec.partner] = facilitator + 1
        cohort = cohort_specs.cohort_plan(
            spec, index=index, round_number=fields["number"], facilitator=facilitator
        )
        cohort.status = CohortStatus.COMPLETED
        cohort.meetings = meetings_from(start, spec.slot, durations)
        for _ in range(size):
            cohort.members.append(
                cohort_specs.member_for(
                    people, spec, cohort, start=start, opens=opens, closes=closes, used=used,
                    returning=returning, mode_weights=mode_weights,
                )
            )  # fmt: skip
        plan.cohorts.append(cohort)

    members = plan.members
    leavers = set(rng.sample(range(len(members)), plan.withdrawals))
    position = 0
    for cohort in plan.cohorts:
        facilitator_name = f"facilitator {cohort.facilitator}"
        for member in cohort.members:
            if position in leavers:
                member.status = MembershipStatus.WITHDRAWN
                member.withdrawn_reason = rng.choice(WITHDRAWAL_REASONS)
                member.attendance, member.left_on = attend_then_leave(rng, cohort.meetings)
                sessions = rng.choice((0, 1, 1, 2))
                until = member.left_on
            else:
                member.attendance = attend_all(rng, cohort.meetings)
                member.completed_on = cohort.last_on
                sessions = rng.choice((4, 5))
                until = min(cohort.last_on + dt.timedelta(days=21), fields["ends_on"])
            member.support = support_for(
                rng, start=cohort.starts_on, until=until, sessions=sessions, facilitator=facilitator_name
            )
            position += 1
        cohort.challenges = challenges_for(rng, cohort)
    _plan_survey(rng, plan)


def _schedule(rng: random.Random, slot: str, preferred: dt.date, fields: dict) -> tuple[list[int], dt.date]:
    """A pattern of sessions and a first meeting; Friday cohorts over Christmas need the shorter patterns."""
    chosen = weighted(rng, PATTERNS)
    for durations in [chosen] + [p for p, _ in PATTERNS if p != chosen]:
        try:
            start = first_start(
                slot=slot,
                preferred=preferred,
                earliest=fields["starts_on"],
                last_by=fields["ends_on"] - dt.timedelta(days=7),
                count=len(durations),
            )
        except ValueError:
            continue
        return durations, start
    raise ValueError(f"No pattern of meetings fits {slot} from {preferred}")


def _plan_survey(rng: random.Random, plan: RoundPlan) -> None:
    """Everyone is invited when their cohort ends; completers answer, with exactly the recorded scores."""
    completers = [m for m in plan.members if m.status == MembershipStatus.COMPLETED]
    scores = [score for score, n in sorted(plan.satisfaction.items()) for _ in range(n)]
    rng.shuffle(scores)
    respondents = dict(zip(sorted(rng.sample(range(len(completers)), len(scores))), scores, strict=True))
    answered = {id(completers[i]): score for i, score in respondents.items()}
    for cohort in plan.cohorts:
        invited_at = at(cohort.last_on + dt.timedelta(days=1), dt.time(10, 0))
        for member in cohort.members:
            score = answered.get(id(member))
            if score is None:
                member.survey = (invited_at, None, None, None, {})
                continue
            submitted_at = invited_at + dt.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 10))
            answers = {"most_valuable": rng.choice(MOST_VALUABLE)}
            member.survey = (invited_at, submitted_at, score, score >= 4, answers)


def seed_history(ctx: Lancashire, plans: list[RoundPlan]) -> list[str]:
    """Write each past round that is not there yet; returns what was written."""
    written = []
    for plan in plans:
        round_ = ensure_round(ctx, plan.fields)
        if round_.cohorts.exists():
            continue
        write_contracts(ctx, round_, plan.contracts, signed_on=plan.signed_on, payments=plan.payments)
        # Facilitators' real names, now that the partners exist.
        for cohort in plan.cohorts:
            name = ctx.facilitators[cohort.partner][cohort.facilitator].full_name
            for member in cohort.members:
                member.support = [
                    (kind, day, minutes, name if adviser.startswith("facilitator ") else adviser)
                    for kind, day, minutes, adviser in member.support
                ]
        members = plan.members
        applications = write_applications(ctx, round_, members)
        write_history_decisions(round_, applications, members)
        write_cohorts(
            ctx, round_, plan.cohorts, {id(m): a for m, a in zip(members, applications, strict=True)}
        )
        _write_survey(round_, members, applications)
        written.append(round_.name)
    return written


def ensure_round(ctx: Lancashire, fields: dict) -> Round:
    """The round by its slug; made with every district and theme when missing, never changed after."""
    defaults = {key: value for key, value in fields.items() if key != "slug"}
    round_, made = Round.objects.get_or_create(
        programme=ctx.programme, slug=fields["slug"], defaults=defaults
    )
    if made:
        round_.eligible_districts.set(ctx.districts.values())
        round_.themes.set(ctx.themes.values())
    return round_


def write_contracts(ctx: Lancashire, round_: Round, contracts, *, signed_on, payments) -> None:
    for key, cohorts, price in contracts:
        contract, made = Contract.objects.get_or_create(
            round=round_,
            partner=ctx.partners[key],
            defaults={
                "reference": f"BOOST-PN{round_.number}-{key}",
                "cohorts_awarded": cohorts,
                "price_per_cohort_pence": price * 100,
                "signed_on": signed_on,
            },
        )
        if not made:
            continue
        value = contract.value_pence
        amounts = _split(value, len(payments))
        Payment.objects.bulk_create(
            Payment(contract=contract, milestone=milestone, amount_pence=amount, due_on=due, paid_on=paid)
            for (milestone, due, paid), amount in zip(payments, amounts, strict=True)
        )


def _split(value_pence: int, parts: int) -> list[int]:
    """Equal whole-pound instalments, the last taking what is left, so they add up to the value exactly."""
    share = value_pence // parts // 100 * 100
    return [share] * (parts - 1) + [value_pence - share * (parts - 1)]


def _write_survey(round_: Round, members: list[MemberPlan], applications) -> None:
    invited = [m.survey[0] for m in members]
    survey = Survey.objects.create(
        round=round_,
        kind=Survey.Kind.END,
        title="End-of-programme survey",
        opens_on=min(invited).date(),
        closes_on=round_.ends_on + dt.timedelta(weeks=4),
    )
    Response.objects.bulk_create(
        Response(
            survey=survey,
            application=app,
            invited_at=member.survey[0],
            submitted_at=member.survey[1],
            satisfaction=member.survey[2],
            would_recommend=member.survey[3],
            answers=member.survey[4],
        )
        for member, app in zip(members, applications, strict=True)
    )
