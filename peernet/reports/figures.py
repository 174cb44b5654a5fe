"""Programme figures per round: the one code path for homes, the board report, returns and the API.

Every measure is one grouped query over all the rounds asked for, so the number of queries stays the same
however many rounds, cohorts or people there are.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum

from peernet.applications.models import Application
from peernet.cohorts.models import Cohort, Membership
from peernet.delivery.models import Attendance, SupportSession
from peernet.feedback.models import Response, Survey
from peernet.programmes.models import Contract, Payment, Round

# Proposed cohorts are drafts and cancelled ones never ran: neither counts as delivery.
SMALL_NUMBER = 5
SMALL_NUMBER_TEXT = "fewer than 5"


@dataclass(frozen=True)
class Satisfaction:
    """End-of-programme satisfaction: base is the submitted responses that rated satisfaction."""

    invited: int = 0
    base: int = 0
    satisfied: int = 0
    very_satisfied: int = 0

    @property
    def response_rate(self) -> float | None:
        return self.base / self.invited if self.invited else None

    @property
    def satisfied_share(self) -> float | None:
        """Satisfied or very satisfied (4 or 5 on the five-point scale)."""
        return self.satisfied / self.base if self.base else None

    @property
    def very_satisfied_share(self) -> float | None:
        return self.very_satisfied / self.base if self.base else None


@dataclass(frozen=True)
class RoundSummary:
    round: Round
    cohorts: int = 0
    participants: int = 0
    completed: int = 0
    withdrawn: int = 0
    waiting: int = 0
    partners: int = 0
    contract_value_pence: int = 0
    spend_pence: int = 0
    action_learning_minutes: int = 0
    one_to_one_minutes: int = 0
    satisfaction: Satisfaction = field(default_factory=Satisfaction)

    @property
    def grant_pence(self) -> int:
        return self.round.grant_pence

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.participants if self.participants else None


@dataclass(frozen=True)
class Totals:
    """Sums of several rounds' summaries, e.g. one hub's or the whole country's."""

    rounds: int = 0
    cohorts: int = 0
    participants: int = 0
    completed: int = 0
    withdrawn: int = 0
    spend_pence: int = 0
    grant_pence: int = 0
    satisfaction: Satisfaction = field(default_factory=Satisfaction)

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.participants if self.participants else None


def _by_round(rows, key: str) -> dict[int, dict]:
    return {row.pop(key): row for row in rows}


def round_summaries(rounds: Iterable[Round]) -> list[RoundSummary]:
    """The figures of each round, in the order given: eight queries whatever the number of rounds."""
    rounds = list(rounds)
    ids = [round_.pk for round_ in rounds]
    counted = Q(status__in=Cohort.Status.COUNTED)

    cohorts = _by_round(
        Cohort.objects.filter(counted, round_id__in=ids).values("round_id").annotate(n=Count("id")),
        "round_id",
    )
    # A participant is an application with a membership of a counted cohort, whatever became of it;
    # completed and withdrawn are the leader's status in the round, so a move between cohorts is not a
    # withdrawal.
    people = _by_round(
        Membership.objects.filter(cohort__round_id__in=ids, cohort__status__in=Cohort.Status.COUNTED)
        .values("cohort__round_id")
        .annotate(
            enrolled=Count("application", distinct=True),
            completed=Count(
                "application", distinct=True, filter=Q(application__status=Application.Status.COMPLETED)
            ),
            withdrawn=Count(
                "application", distinct=True, filter=Q(application__status=Application.Status.WITHDRAWN)
            ),
        ),
        "cohort__round_id",
    )
    waiting = _by_round(
        Application.objects.filter(round_id__in=ids, status=Application.Status.WAITING)
        .values("round_id")
        .annotate(n=Count("id")),
        "round_id",
    )
    contracts = _by_round(
        Contract.objects.filter(round_id__in=ids)
        .values("round_id")
        .annotate(
            partners=Count("partner", distinct=True),
            value=Sum(F("cohorts_awarded") * F("price_per_cohort_pence")),
        ),
        "round_id",
    )
    spend = _by_round(
        Payment.objects.filter(contract__round_id__in=ids, paid_on__isnull=False)
        .values("contract__round_id")
        .annotate(total=Sum("amount_pence")),
        "contract__round_id",
    )
    rated = Q(submitted_at__isnull=False, satisfaction__isnull=False)
    surveys = _by_round(
        Response.objects.filter(survey__round_id__in=ids, survey__kind=Survey.Kind.END)
        .values("survey__round_id")
        .annotate(
            invited=Count("id"),
            base=Count("id", filter=rated),
            satisfied=Count("id", filter=rated & Q(satisfaction__gte=4)),
            very_satisfied=Count("id", filter=rated & Q(satisfaction=5)),
        ),
        "survey__round_id",
    )
    learning = _by_round(
        Attendance.objects.filter(
            meeting__cohort__round_id__in=ids,
            meeting__cohort__status__in=Cohort.Status.COUNTED,
            present=True,
        )
        .values("meeting__cohort__round_id")
        .annotate(minutes=Sum("minutes")),
        "meeting__cohort__round_id",
    )
    one_to_one = _by_round(
        SupportSession.objects.filter(
            membership__cohort__round_id__in=ids, membership__cohort__status__in=Cohort.Status.COUNTED
        )
        .values("membership__cohort__round_id")
        .annotate(minutes=Sum("minutes")),
        "membership__cohort__round_id",
    )

    summaries = []
    for round_ in rounds:
        pk = round_.pk
        enrolled = people.get(pk, {})
        contract = contracts.get(pk, {})
        summaries.append(
            RoundSummary(
                round=round_,
                cohorts=cohorts.get(pk, {}).get("n", 0),
                participants=enrolled.get("enrolled", 0),
                completed=enrolled.get("completed", 0),
                withdrawn=enrolled.get("withdrawn", 0),
                waiting=waiting.get(pk, {}).get("n", 0),
                partners=contract.get("partners", 0),
                contract_value_pence=contract.get("value") or 0,
                spend_pence=spend.get(pk, {}).get("total") or 0,
                action_learning_minutes=learning.get(pk, {}).get("minutes") or 0,
                one_to_one_minutes=one_to_one.get(pk, {}).get("minutes") or 0,
                satisfaction=Satisfaction(**surveys[pk]) if pk in surveys else Satisfaction(),
            )
        )
    return summaries


def totals(summaries: Iterable[RoundSummary]) -> Totals:
    summaries = list(summaries)
    return Totals(
        rounds=len(summaries),
        cohorts=sum(s.cohorts for s in summaries),
        participants=sum(s.participants for s in summaries),
        completed=sum(s.completed for s in summaries),
        withdrawn=sum(s.withdrawn for s in summaries),
        spend_pence=sum(s.spend_pence for s in summaries),
        grant_pence=sum(s.grant_pence for s in summaries),
        satisfaction=Satisfaction(
            invited=sum(s.satisfaction.invited for s in summaries),
            base=sum(s.satisfaction.base for s in summaries),
            satisfied=sum(s.satisfaction.satisfied for s in summaries),
            very_satisfied=sum(s.satisfaction.very_satisfied for s in summaries),
        ),
    )


@dataclass(frozen=True)
class HubFigures:
    hub: object
    rounds: list[RoundSummary]

    @property
    def totals(self) -> Totals:
        return totals(self.rounds)


def hub_figures(rounds: Iterable[Round]) -> list[HubFigures]:
    """Round summaries grouped by hub, in hub then round order. Rounds need programme__hub selected."""
    by_hub: dict[int, HubFigures] = {}
    for summary in round_summaries(rounds):
        hub = summary.round.programme.hub
        by_hub.setdefault(hub.pk, HubFigures(hub=hub, rounds=[])).rounds.append(summary)
    return sorted(by_hub.values(), key=lambda figures: figures.hub.name)


def suppress(n: int | None) -> str:
    """A count of people for the board or across hubs: 1 to 4 people become "fewer than 5"."""
    if n is None:
        return "–"
    if 0 < n < SMALL_NUMBER:
        return SMALL_NUMBER_TEXT
    return f"{n:,}"


def is_small(n: int | None) -> bool:
    return n is not None and 0 < n < SMALL_NUMBER
