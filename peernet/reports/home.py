"""What each role's home page shows: one small function per role, each returning its template and context.

Personal data comes only through visible_to(user) querysets; programme figures only through
peernet.reports.figures. Every function runs a fixed number of queries however many rows it shows.
"""

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from peernet.accounts.models import Role
from peernet.applications.models import Application
from peernet.cohorts.models import Cohort, Membership
from peernet.delivery.models import Attendance, Meeting
from peernet.programmes.models import Contract, Round
from peernet.reports import figures

UPCOMING_MEETINGS_SHOWN = 6


def _members_count():
    return Count("memberships", filter=Q(memberships__status__in=Membership.Status.CURRENT), distinct=True)


def _upcoming(meetings):
    return meetings.filter(starts_at__gte=timezone.now(), status=Meeting.Status.SCHEDULED).order_by(
        "starts_at"
    )


def staff_home(user) -> tuple[str, dict]:
    """Hub admins and programme managers: every round's figures and the cohorts running now."""
    rounds = Round.objects.visible_to(user).select_related("programme")
    next_meeting = _upcoming(Meeting.objects.filter(cohort=OuterRef("pk"))).values("starts_at")[:1]
    running = (
        Cohort.objects.visible_to(user)
        .filter(status=Cohort.Status.RUNNING)
        .select_related("round", "partner", "facilitator")
        .annotate(members=_members_count(), next_meeting_at=Subquery(next_meeting))
        .order_by("round__number", "name")
    )
    summaries = figures.round_summaries(rounds)
    return "reports/home/staff.html", {
        "summaries": summaries,
        "show_programme": len({s.round.programme_id for s in summaries}) > 1,
        "running_cohorts": running,
    }


def partner_home(user) -> tuple[str, dict]:
    """A delivery partner manager: their partner's contracts and cohorts."""

    def cohorts_in(status):
        return Subquery(
            Cohort.objects.filter(round=OuterRef("round"), partner=OuterRef("partner"), status=status)
            .values("round")
            .annotate(n=Count("id"))
            .values("n")
        )

    contracts = (
        Contract.objects.filter(partner_id=user.delivery_partner_id)
        .select_related("round__programme")
        .annotate(
            running=Coalesce(cohorts_in(Cohort.Status.RUNNING), 0),
            completed=Coalesce(cohorts_in(Cohort.Status.COMPLETED), 0),
        )
        .order_by("-round__starts_on")
    )
    cohorts = (
        Cohort.objects.visible_to(user)
        .select_related("round", "facilitator")
        .annotate(members=_members_count())
        .order_by("-round__starts_on", "name")
    )
    return "reports/home/partner.html", {
        "partner": user.delivery_partner,
        "contracts": contracts,
        "cohorts": cohorts,
    }


def facilitator_home(user) -> tuple[str, dict]:
    """A facilitator: the cohorts they run and their next meetings."""
    cohorts = (
        Cohort.objects.visible_to(user)
        .select_related("round")
        .annotate(members=_members_count())
        .order_by("-round__starts_on", "name")
    )
    meetings = _upcoming(Meeting.objects.visible_to(user)).select_related("cohort")[:UPCOMING_MEETINGS_SHOWN]
    return "reports/home/facilitator.html", {"cohorts": cohorts, "meetings": meetings}


def participant_home(user) -> tuple[str, dict]:
    """A participant: their cohort, its members, their next meeting and the hours they have attended."""
    cohort = (
        Cohort.objects.visible_to(user)
        .select_related("round", "partner", "facilitator")
        .order_by("-round__starts_on")
        .first()
    )
    context = {"cohort": cohort, "applications": []}
    if cohort is None:
        context["applications"] = Application.objects.visible_to(user).select_related("round")
        return "reports/home/participant.html", context
    context["members"] = (
        Membership.objects.visible_to(user)
        .filter(cohort=cohort, status__in=Membership.Status.CURRENT)
        .select_related("application__leader", "application__business")
        .order_by("application__leader__full_name")
    )
    context["next_meeting"] = _upcoming(Meeting.objects.visible_to(user).filter(cohort=cohort)).first()
    context["attended_minutes"] = Attendance.objects.filter(
        membership__cohort=cohort, membership__application__leader__user=user, present=True
    ).aggregate(minutes=Coalesce(Sum("minutes"), 0))["minutes"]
    return "reports/home/participant.html", context


def board_home(user) -> tuple[str, dict]:
    """A board member: their hub's figures per round, small numbers suppressed, never a person."""
    rounds = Round.objects.visible_to(user).select_related("programme")
    summaries = figures.round_summaries(rounds)
    return "reports/home/board.html", {"summaries": summaries, "totals": figures.totals(summaries)}


def national_home(user) -> tuple[str, dict]:
    """A national viewer: every hub's totals and the country's, small numbers suppressed."""
    rounds = (
        Round.objects.visible_to(user)
        .select_related("programme__hub")
        .order_by("programme__hub__name", "number")
    )
    hubs = figures.hub_figures(rounds)
    return "reports/home/national.html", {
        "hubs": hubs,
        "totals": figures.totals(summary for hub in hubs for summary in hub.rounds),
    }


HOME_PAGES = {
    Role.HUB_ADMIN: staff_home,
    Role.PROGRAMME_MANAGER: staff_home,
    Role.PARTNER_MANAGER: partner_home,
    Role.FACILITATOR: facilitator_home,
    Role.PARTICIPANT: participant_home,
    Role.BOARD_MEMBER: board_home,
    Role.NATIONAL_VIEWER: national_home,
}
