"""What happened in each demo cohort: fortnightly meetings, who attended, challenges, actions, one-to-ones.

Plans are plain data made from a seeded generator; peernet.demo.records writes them.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from peernet.cohorts.enums import MembershipStatus
from peernet.delivery.models import Action, Meeting
from peernet.demo import names
from peernet.demo.people import BusinessPlan, LeaderPlan, weighted

LONDON = ZoneInfo("Europe/London")
FULL_PROGRAMME_MINUTES = 18 * 60
COMPLETION_MINUTES = 12 * 60
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}
START_TIMES = {"am": dt.time(9, 30), "pm": dt.time(13, 30)}

# Ways of making 18 hours from 2- to 3-hour sessions, and how often partners chose each.
PATTERNS = [
    ([180] * 6, 40),
    ([120] * 9, 20),
    ([150, 150, 150, 150, 120, 180, 180], 20),
    ([150, 120] * 4, 20),
]
assert all(sum(minutes) == FULL_PROGRAMME_MINUTES for minutes, _ in PATTERNS)

# Bank holidays and Christmas Eve, when no cohort met.
BLOCKED = {
    dt.date(*day)
    for day in [
        (2020, 12, 24), (2020, 12, 25), (2020, 12, 28), (2021, 1, 1), (2021, 4, 2), (2021, 4, 5),
        (2021, 5, 3), (2021, 5, 31), (2021, 8, 30), (2021, 12, 24), (2021, 12, 27), (2021, 12, 28),
        (2022, 1, 3), (2026, 12, 24), (2026, 12, 25), (2026, 12, 28), (2027, 1, 1),
    ]
}  # fmt: skip

CHALLENGES = {
    "supply-chain": [
        "Lead times from our main supplier have doubled and customers are waiting",
        "Shipping costs from the Far East have tripled this year",
        "We rely on one supplier for a critical component",
        "Stock levels are tying up too much cash",
    ],
    "staffing": [
        "We cannot recruit skilled people for the shop floor",
        "Good staff are leaving for larger employers",
        "My managers are not yet ready to take decisions without me",
        "Bringing the team back together after months apart",
    ],
    "exporting": [
        "New customs paperwork is delaying our EU orders",
        "Whether to appoint a distributor in Ireland",
        "First enquiries from the United States: how to price and ship",
    ],
    "production": [
        "Our main line is at full capacity",
        "Too much scrap on a new product",
        "Planning the move to a bigger unit",
        "Whether to invest in automation",
    ],
    "finance": [
        "Cash flow once the loan repayments start",
        "Our prices have not kept up with our costs",
        "Getting ready for outside investment",
        "Late payment from a large customer",
    ],
    "digital": [
        "Choosing a new stock and order system",
        "Getting orders from our website",
        "Moving to the cloud",
    ],
    "marketing": [
        "Winning customers beyond the North West",
        "Relaunching the brand",
        "Too much depends on word of mouth",
    ],
    "leadership": [
        "Stepping back from the day-to-day",
        "Handing on the business",
        "Leading a team that works from home",
    ],
    "net-zero": ["Energy bills and a plan to cut them", "Customers asking for our carbon figures"],
    "growth-strategy": [
        "Whether to buy a competitor",
        "A three-year plan to double turnover",
        "Entering a new market",
    ],
}
ACTIONS = {
    "supply-chain": ["Get quotes from two alternative suppliers", "Map lead times for our top twenty parts",
                     "Agree a call-off order with the main supplier", "Set minimum and maximum stock levels"],
    "staffing": ["Talk to the college about apprentices", "Review pay against the local market",
                 "Hold one-to-ones with each supervisor", "Write a job advert that sells the business"],
    "exporting": ["Book a session with an international trade adviser", "Check commodity codes for our range",
                  "Ask two customers in Ireland about distributors"],
    "production": ["Time each stage of the main line for a week", "Trial a second shift for a month",
                   "Get a quote for a cobot", "Run a scrap review with the team"],
    "finance": ["Build a thirteen-week cash-flow forecast", "Put prices up on the lowest-margin lines",
                "Talk to the bank about the overdraft", "Chase the three oldest invoices"],
    "digital": ["Shortlist three systems and see demonstrations", "Set up analytics on the website"],
    "marketing": ["Ask five customers why they chose us", "Draft a one-page marketing plan"],
    "leadership": ["Delegate the weekly production meeting", "Keep a diary of where my time goes"],
    "net-zero": ["Get an energy audit", "Read the meters weekly for a month"],
    "growth-strategy": ["Write down what the business should look like in three years",
                        "Value the target business"],
}  # fmt: skip
SUPPORT_KINDS = [("coaching", 50), ("mentoring", 25), ("advice", 25)]
ADVISERS = ["Paul Rigby", "Joanne Sharples", "Asif Mahmood", "Gemma Livesey", "Stuart Heaton", "Nisha Desai"]


@dataclass
class MeetingPlan:
    number: int
    starts_at: dt.datetime
    duration_minutes: int
    status: str = Meeting.Status.HELD


@dataclass
class MemberPlan:
    leader: LeaderPlan
    submitted_at: dt.datetime
    themes: list[str]
    mode: str
    slots: list[str]
    organisation: str
    recruited_by: str | None
    challenge: str
    status: str = MembershipStatus.COMPLETED
    withdrawn_reason: str = ""
    attendance: list[int | None] = field(default_factory=list)  # minutes a meeting; 0 absent; None no row
    left_on: dt.date | None = None  # withdrew
    completed_on: dt.date | None = None
    support: list[tuple[str, dt.date, int, str]] = field(default_factory=list)
    prior_assistance_pence: int = 0
    survey: tuple | None = None  # invited_at, submitted_at, satisfaction, would_recommend, answers

    @property
    def business(self) -> BusinessPlan:
        return self.leader.business

    @property
    def attended_minutes(self) -> int:
        return sum(minutes or 0 for minutes in self.attendance)


@dataclass
class ChallengePlan:
    meeting: int
    member: int
    theme: str
    summary: str
    actions: list[tuple[str, str, int | None]]  # description, status, index of the meeting that reviewed it


@dataclass
class CohortPlan:
    name: str
    partner: str
    facilitator: int
    basis: str
    basis_value: str
    slot: str
    mode: str
    area: str
    venue: str
    online_link: str
    status: str
    explanation: str
    meetings: list[MeetingPlan] = field(default_factory=list)
    members: list[MemberPlan] = field(default_factory=list)
    challenges: list[ChallengePlan] = field(default_factory=list)

    @property
    def starts_on(self) -> dt.date:
        return self.meetings[0].starts_at.date()

    @property
    def last_on(self) -> dt.date:
        return self.meetings[-1].starts_at.date()


def at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LONDON)


def first_start(*, slot: str, preferred: dt.date, earliest: dt.date, last_by: dt.date, count: int) -> dt.date:
    """The slot's weekday nearest `preferred` from which `count` fortnightly meetings avoid bank holidays."""
    weekday = WEEKDAYS[slot[:3]]
    first = preferred + dt.timedelta(days=(weekday - preferred.weekday()) % 7)
    for weeks in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8):
        start = first + dt.timedelta(weeks=weeks)
        days = [start + dt.timedelta(days=14 * n) for n in range(count)]
        if start >= earliest and days[-1] <= last_by and not BLOCKED.intersection(days):
            return start
    raise ValueError(f"No run of {count} fortnightly {slot} meetings fits between {earliest} and {last_by}")


def meetings_from(start: dt.date, slot: str, durations: list[int]) -> list[MeetingPlan]:
    time = START_TIMES[slot[-2:]]
    return [
        MeetingPlan(
            number=n + 1, starts_at=at(start + dt.timedelta(days=14 * n), time), duration_minutes=minutes
        )
        for n, minutes in enumerate(durations)
    ]


def attend_all(rng: random.Random, meetings: list[MeetingPlan]) -> list[int | None]:
    """A completer's minutes at each meeting: most miss none, some one or two, never below 12 hours."""
    durations = [m.duration_minutes for m in meetings]
    missed = set(rng.sample(range(1, len(durations)), weighted(rng, [(0, 60), (1, 30), (2, 10)])))
    minutes = [0 if n in missed else d for n, d in enumerate(durations)]
    for n, d in enumerate(durations):
        if minutes[n] and rng.random() < 0.05:
            minutes[n] = d - 30  # left early for a customer
    if sum(minutes) < COMPLETION_MINUTES:
        minutes = [0 if n in missed else d for n, d in enumerate(durations)]
    assert sum(minutes) >= COMPLETION_MINUTES
    return minutes


def attend_then_leave(rng: random.Random, meetings: list[MeetingPlan]) -> tuple[list[int | None], dt.date]:
    """A leaver's minutes: present at the first one to three meetings, then no rows; and the day they left."""
    stayed = weighted(rng, [(1, 30), (2, 40), (3, 30)])
    minutes: list[int | None] = [m.duration_minutes for m in meetings[:stayed]]
    minutes += [None] * (len(meetings) - stayed)
    left_on = meetings[stayed].starts_at.date() - dt.timedelta(days=rng.randint(1, 6))
    return minutes, left_on


def challenges_for(rng: random.Random, cohort: CohortPlan, *, held: int | None = None) -> list[ChallengePlan]:
    """Two or three presenters a meeting, from those present, who have presented least so far."""
    held = len(cohort.meetings) if held is None else held
    presented = [0] * len(cohort.members)
    plans: list[ChallengePlan] = []
    for index, meeting in enumerate(cohort.meetings[:held]):
        present = [n for n, member in enumerate(cohort.members) if (member.attendance[index] or 0) > 0]
        wanted = 3 if meeting.duration_minutes >= 180 else 2
        rng.shuffle(present)
        present.sort(key=lambda n: presented[n])
        for member_index in present[:wanted]:
            presented[member_index] += 1
            member = cohort.members[member_index]
            theme = rng.choice(member.themes) if rng.random() < 0.85 else weighted(rng, names.THEME_WEIGHTS)
            reviewed = index + 1 if index + 1 < held else None
            actions = []
            for description in rng.sample(ACTIONS[theme], k=min(len(ACTIONS[theme]), rng.choice((1, 2, 2)))):
                outcomes = [
                    (Action.Status.DONE, 78),
                    (Action.Status.PARTLY_DONE, 16),
                    (Action.Status.DROPPED, 6),
                ]
                status = weighted(rng, outcomes) if reviewed else Action.Status.OPEN
                actions.append((description, status, reviewed))
            plans.append(ChallengePlan(index, member_index, theme, rng.choice(CHALLENGES[theme]), actions))
    return plans


def support_for(
    rng: random.Random, *, start: dt.date, until: dt.date, sessions: int, facilitator: str
) -> list:
    """One-to-ones between start and until: about one and a half days for a completer."""
    span = max(1, (until - start).days)
    plans = []
    for day in sorted(rng.sample(range(span), k=min(sessions, span))):
        kind = weighted(rng, SUPPORT_KINDS)
        adviser = facilitator if kind == "coaching" else rng.choice(ADVISERS)
        plans.append((kind, start + dt.timedelta(days=day), rng.choice((120, 150, 150, 180)), adviser))
    return plans
