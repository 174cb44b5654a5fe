"""The demo programme: the board paper's figures come from its records; loading it twice adds nothing."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count, Q, Sum
from django.test import override_settings
from django.utils import timezone

from peernet.accounts.models import District, Role, User
from peernet.applications.models import Application, Business, EligibilityDecision
from peernet.cohorts.models import Cohort, Membership
from peernet.delivery.models import Action, Attendance, Challenge, Meeting, SupportSession
from peernet.feedback.models import Response
from peernet.programmes.models import Contract, Payment

# One worker loads the demo once for all these tests.
pytestmark = pytest.mark.xdist_group("seed_demo")

DEMO_USERS = {
    "admin@boost.example": Role.HUB_ADMIN,
    "manager@boost.example": Role.PROGRAMME_MANAGER,
    "partner@boost.example": Role.PARTNER_MANAGER,
    "facilitator@boost.example": Role.FACILITATOR,
    "participant@boost.example": Role.PARTICIPANT,
    "board@boost.example": Role.BOARD_MEMBER,
    "national@peernetworks.example": Role.NATIONAL_VIEWER,
}


def participants(round_) -> int:
    return Membership.objects.filter(cohort__round=round_).values("application").distinct().count()


def satisfaction(round_) -> tuple[int, int, int]:
    rated = Response.objects.filter(survey__round=round_, survey__kind="end", satisfaction__isnull=False)
    return rated.count(), rated.filter(satisfaction__gte=4).count(), rated.filter(satisfaction=5).count()


def test_round_1_has_the_board_papers_figures(demo):
    round_ = demo.get(slug="round-1")
    responses, satisfied, _ = satisfaction(round_)

    assert round_.cohorts.filter(status="completed").count() == 31
    assert participants(round_) == 327
    assert round_.contracts.values("partner").distinct().count() == 17
    assert sum(c.value_pence for c in round_.contracts.all()) == 43_200_000
    assert Payment.objects.filter(contract__round=round_, paid_on__isnull=False).aggregate(
        total=Sum("amount_pence")
    ) == {"total": 43_200_000}
    assert (responses, satisfied) == (300, 291)
    assert round(100 * satisfied / responses) == 97


def test_round_2_has_the_board_papers_figures(demo):
    round_ = demo.get(slug="round-2")
    responses, _, very = satisfaction(round_)

    assert round_.cohorts.filter(status="completed").count() == 23
    assert participants(round_) == 208
    assert round_.contracts.count() == 15
    assert round_.grant_pence == 39_000_000
    assert sum(c.value_pence for c in round_.contracts.all()) == 39_000_000
    assert (responses, very) == (200, 196)
    assert round(100 * very / responses) == 98


def test_past_rounds_completions_and_withdrawals_agree_with_attendance(demo):
    for slug, completed, withdrawn in (("round-1", 315, 12), ("round-2", 202, 6)):
        memberships = Membership.objects.filter(cohort__round__slug=slug).annotate(
            minutes=Sum("attendances__minutes")
        )
        assert Counter(m.status for m in memberships) == {"completed": completed, "withdrawn": withdrawn}
        assert all(m.minutes >= 12 * 60 for m in memberships if m.status == "completed")
        assert all(m.minutes < 12 * 60 and m.withdrawn_reason for m in memberships if m.status == "withdrawn")
        statuses = Application.objects.filter(round__slug=slug).values_list("status", flat=True)
        assert Counter(statuses) == {"completed": completed, "withdrawn": withdrawn}


def test_past_cohorts_meet_fortnightly_for_18_hours_in_2_to_3_hour_sessions(demo):
    cohorts = Cohort.objects.filter(round__slug__in=["round-1", "round-2"]).prefetch_related("meetings")
    assert len(cohorts) == 54
    for cohort in cohorts:
        meetings = list(cohort.meetings.order_by("number"))
        assert 6 <= len(meetings) <= 9
        assert sum(m.duration_minutes for m in meetings) == 1080
        assert all(120 <= m.duration_minutes <= 180 and m.status == "held" for m in meetings)
        local = [timezone.localtime(m.starts_at) for m in meetings]
        assert {(t.hour, t.minute) for t in local} <= {(9, 30), (13, 30)}
        assert {t.date() - local[0].date() for t in local} == {
            dt.timedelta(days=14 * n) for n in range(len(local))
        }
        assert cohort.round.starts_on <= local[0].date() and local[-1].date() <= cohort.round.ends_on


def test_past_rounds_have_delivery_records_for_every_member(demo):
    members = Membership.objects.filter(cohort__round__slug__in=["round-1", "round-2"])

    assert Attendance.objects.filter(membership__in=members).values("membership").distinct().count() == 535
    assert (
        EligibilityDecision.objects.filter(application__memberships__in=members, outcome="eligible").count()
        == 535
    )
    assert (
        SupportSession.objects.filter(membership__in=members).values("membership").distinct().count() >= 520
    )
    minutes = SupportSession.objects.filter(membership__in=members).aggregate(total=Sum("minutes"))["total"]
    assert 9 * 60 <= minutes / 535 <= 13 * 60  # about one and a half days each
    actions = Counter(Action.objects.filter(membership__in=members).values_list("status", flat=True))
    assert actions.most_common(1)[0][0] == "done"


def test_challenge_themes_most_common_are_the_board_papers_five(demo):
    counts = Challenge.objects.values("theme__slug").annotate(n=Count("id")).order_by("-n")
    top_five = {row["theme__slug"] for row in counts[:5]}

    assert top_five == {"supply-chain", "staffing", "exporting", "production", "finance"}


def test_businesses_are_spread_over_all_14_districts_and_counted_once(demo):
    districts = District.objects.filter(hub__slug="boost")
    in_use = Business.objects.filter(hub__slug="boost", district__isnull=False).values("district").distinct()
    both_rounds = Business.objects.filter(applications__round__slug="round-1").filter(
        applications__round__slug="round-2"
    )

    assert districts.count() == 14
    assert in_use.count() == 14
    assert both_rounds.distinct().count() >= 10
    assert (
        not Business.objects.values("hub", "company_number")
        .exclude(company_number=None)
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )


def test_round_3_has_a_waiting_list_and_real_refusals(demo):
    round_ = demo.get(slug="round-3")
    statuses = Counter(round_.applications.values_list("status", flat=True))
    refused = round_.applications.filter(status="ineligible")
    failed = Counter(rule["rule"] for app in refused for rule in app.decisions.latest().failed_rules)

    assert round_.status == "open"
    assert statuses == {"waiting": 120, "ineligible": 22, "active": 9}
    assert all(app.decisions.latest().failed_rules for app in refused)
    assert {
        "district",
        "trading",
        "employees",
        "turnover",
        "sector",
        "one_leader_per_business",
        "subsidy",
    } <= set(failed)
    waiting = round_.applications.filter(status="waiting")
    assert all(app.decisions.latest().outcome == "eligible" for app in waiting)
    assert round_.contracts.aggregate(n=Sum("cohorts_awarded")) == {"n": 14}


def test_round_3_running_cohort_has_held_and_coming_meetings(demo):
    cohort = Cohort.objects.get(round__slug="round-3", status="running")
    meetings = cohort.meetings.order_by("number")
    now = timezone.now()

    assert cohort.facilitator.user.email == "facilitator@boost.example"
    assert cohort.partner.users.filter(email="partner@boost.example").exists()
    assert cohort.memberships.filter(status="active").count() == 9
    assert cohort.memberships.filter(application__leader__user__email="participant@boost.example").exists()
    assert [m.status for m in meetings] == ["held"] * 2 + ["scheduled"] * 4
    assert all(m.starts_at < now for m in meetings[:2]) and all(m.starts_at > now for m in meetings[2:])
    assert Attendance.objects.filter(meeting__cohort=cohort).count() == 18


def test_seven_demo_users_sign_in_with_the_demo_password(demo):
    for email, role in DEMO_USERS.items():
        user = authenticate(email=email, password="peer-networks-demo")
        assert user is not None, email
        assert user.role == role
    assert User.objects.get(email="national@peernetworks.example").hub is None


def test_demo_hub_admin_is_no_superuser_and_is_kept_out_of_the_admin(demo, client):
    admin = User.objects.get(email="admin@boost.example")
    assert not User.objects.filter(is_superuser=True).exists()

    client.force_login(admin)
    response = client.get("/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_manager_home_shows_the_past_rounds_counted_from_records(demo, client):
    client.force_login(User.objects.get(email="manager@boost.example"))

    response = client.get("/")

    figures = {s.round.slug: (s.cohorts, s.participants) for s in response.context["summaries"]}
    assert figures["round-1"] == (31, 327)
    assert figures["round-2"] == (23, 208)


@override_settings(DEBUG=True)
def test_seed_demo_twice_adds_nothing(demo):
    models = [m for m in apps.get_models() if m._meta.app_label in {"accounts", "programmes", "applications",
              "cohorts", "delivery", "feedback"}]  # fmt: skip
    before = {m.__name__: m.objects.count() for m in models}
    meetings = list(Meeting.objects.order_by("pk").values_list("starts_at", flat=True))

    call_command("seed_demo", stdout=io.StringIO())

    assert {m.__name__: m.objects.count() for m in models} == before
    assert list(Meeting.objects.order_by("pk").values_list("starts_at", flat=True)) == meetings


def test_seed_demo_refuses_without_debug_unless_forced(demo, settings):
    settings.DEBUG = False
    before = Response.objects.count()
    User.objects.filter(email="board@boost.example").delete()

    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.filter(email="board@boost.example").exists()
    assert Response.objects.count() == before


def test_seed_demo_with_force_loads_without_debug(demo, settings):
    settings.DEBUG = False
    User.objects.filter(email="board@boost.example").delete()

    call_command("seed_demo", "--force", stdout=io.StringIO())

    assert User.objects.get(email="board@boost.example").role == Role.BOARD_MEMBER
    assert not Contract.objects.filter(Q(cohorts_awarded=0) | Q(price_per_cohort_pence=0)).exists()


def test_every_demo_application_keeps_its_standing_decision(demo):
    applications = Application.objects.filter(round__in=demo)

    assert applications.filter(decision__isnull=True).count() == 0
    assert applications.filter(status="completed").exclude(failed_rules="").count() == 0
    assert applications.filter(status="ineligible", failed_rules="").count() == 0
