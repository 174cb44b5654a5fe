"""Each role's home page shows its own figures and records, and nothing that is not theirs."""

import datetime as dt

import pytest

from peernet.accounts.models import Role
from peernet.applications.models import Application
from peernet.cohorts.models import Cohort
from peernet.feedback.models import Survey
from tests import factories
from tests.html import rows, summary, text
from tests.world import build_world


@pytest.fixture
def world(hub, other_hub):
    return build_world(hub, other_hub)


def home(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_home_redirects_anonymous_to_sign_in(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/"


def test_home_refuses_an_account_without_a_role(client, hub):
    client.force_login(factories.UserFactory(role="", hub=hub))

    response = client.get("/")

    assert response.status_code == 403
    assert "This account has no role; ask your hub administrator to give it one." in response.content.decode()


@pytest.mark.parametrize("role", ["hub_admin", "manager"])
def test_staff_home_shows_each_rounds_figures(client, world, role):
    factories.ApplicationFactory.create_batch(3, round=world.round, status=Application.Status.WAITING)
    end = factories.SurveyFactory(round=world.round, kind=Survey.Kind.END)
    submitted = dt.datetime(2027, 7, 2, tzinfo=dt.UTC)
    factories.ResponseFactory(
        survey=end, application=world.membership.application, submitted_at=submitted, satisfaction=5
    )
    factories.ResponseFactory(
        survey=end, application=world.fellow.application, submitted_at=submitted, satisfaction=3
    )
    factories.PaymentFactory(
        contract=world.cohort.contract, amount_pence=700_000, paid_on=dt.date(2027, 3, 1)
    )

    page = home(client, getattr(world, role))

    assert '<h1 class="govuk-heading-xl">Programme overview</h1>' in page
    assert rows(page, "rounds") == [
        [
            "Round 1 Jan 2027 to Jul 2027",
            "Delivering",
            "2",
            "3",
            "0 0%",
            "50% of 2 answering",
            "50%",
            "1",
            "£7,000 of £432,000",
        ],
    ]
    assert "3 eligible applicants waiting for a cohort in Round 1" in text(page)


def test_staff_home_lists_running_cohorts_with_links(client, world):
    page = home(client, world.manager)

    assert rows(page, "running-cohorts") == [
        [
            "Fylde Coast Leaders",
            "Round 1",
            "Pennine Partners",
            world.other_cohort.facilitator.full_name,
            "1",
            "None scheduled",
        ],
        [
            "Makers of Preston",
            "Round 1",
            "Red Rose Chamber",
            "Fay Facilitator",
            "2",
            "1 December 2030, 9:30am",
        ],
    ]
    assert f'href="/cohorts/{world.cohort.code}/"' in page


def test_staff_home_shows_nothing_of_another_hub(client, world, other_hub):
    page = home(client, world.other_hub_manager)

    assert "No rounds have been set up yet." in page
    assert "Makers of Preston" not in page


def test_partner_home_shows_its_contracts_and_cohorts_only(client, world):
    factories.CohortFactory(
        round=world.round, partner=world.partner, status=Cohort.Status.COMPLETED, name="Done"
    )

    page = home(client, world.partner_manager)

    assert '<h1 class="govuk-heading-xl">Red Rose Chamber</h1>' in page
    assert rows(page, "contracts") == [["Round 1", "2", "1", "1", "£28,000"]]
    assert [row[0] for row in rows(page, "cohorts")] == ["Done", "Makers of Preston"]
    assert rows(page, "cohorts")[1] == ["Makers of Preston", "Round 1", "Fay Facilitator", "Running", "2"]
    assert "Fylde Coast Leaders" not in page


def test_facilitator_home_shows_their_cohorts_and_next_meetings(client, world):
    factories.MeetingFactory(
        cohort=world.cohort,
        number=3,
        starts_at=dt.datetime(2030, 12, 15, 14, 0, tzinfo=dt.UTC),
        status="cancelled",
    )

    page = home(client, world.facilitator)

    assert '<h1 class="govuk-heading-xl">Your cohorts</h1>' in page
    assert rows(page, "cohorts") == [
        ["Makers of Preston", "Round 1", "Running", "2", "Tuesday morning", "Online"]
    ]
    assert rows(page, "meetings") == [["1 December 2030", "9:30am", "Makers of Preston", "2.5 hours"]]
    assert "Fylde Coast Leaders" not in page


def test_participant_home_shows_their_cohort_members_and_hours(client, world):
    factories.MembershipFactory(
        cohort=world.cohort,
        status="withdrawn",
        application__status=Application.Status.WITHDRAWN,
        application__withdrawn_reason="Moved away",
        application__leader__full_name="Wendy Withdrawn",
    )

    page = home(client, world.participant)

    assert summary(page, "cohort") == {
        "Cohort": "Makers of Preston",
        "Facilitator": "Fay Facilitator",
        "Delivery partner": "Red Rose Chamber",
        "Meets": "Tuesday morning, online",
        "Next meeting": "1 December 2030 at 9:30am, 2.5 hours",
        "Hours attended so far": "3 of 18",
    }
    assert rows(page, "members") == [
        ["Fiona Fellow", "Fellow Fabrication Ltd"],
        ["Pat Participant (you)", "Pat's Pies Ltd"],
    ]
    assert "Wendy Withdrawn" not in page
    assert "Oscar Outsider" not in page


def test_participant_home_without_a_cohort_shows_their_application(client, hub):
    user = factories.UserFactory(role="participant", hub=hub)
    application = factories.ApplicationFactory(round__programme__hub=hub, leader__hub=hub, leader__user=user)

    page = home(client, user)

    assert "You are not in a cohort yet." in page
    assert f"Application {application.reference}" in page
    assert "Waiting for a cohort" in page


def test_board_home_shows_figures_without_people_or_businesses(client, world):
    page = home(client, world.board)

    assert '<h1 class="govuk-heading-xl">Programme figures</h1>' in page
    assert rows(page, "rounds")[0] == [
        "Round 1 Jan 2027 to Jul 2027",
        "Delivering",
        "2",
        "fewer than 5",
        "0 –",
        "– of 0 answering",
        "–",
        "1",
        "£0 of £432,000",
    ]
    shown = text(page)
    for name in (
        "Pat Participant",
        "Pat's Pies",
        "Fiona Fellow",
        "Fellow Fabrication",
        "Oscar Outsider",
        "Fay Facilitator",
        "Makers of Preston",
    ):
        assert name not in shown


def test_board_home_shows_counts_of_five_or_more(client, world):
    factories.MembershipFactory.create_batch(3, cohort=world.cohort)

    page = home(client, world.board)

    assert rows(page, "rounds")[0][3] == "6"


def test_national_home_shows_every_hub_without_people(client, world, other_hub):
    other_round = factories.RoundFactory(programme__hub=other_hub, grant_pence=10_000_000)
    factories.MembershipFactory.create_batch(5, cohort__round=other_round)

    page = home(client, world.national)

    assert '<h1 class="govuk-heading-xl">National figures</h1>' in page
    assert rows(page, "hubs") == [
        [
            "Boost — Lancashire's Business Growth Hub",
            "1",
            "2",
            "fewer than 5",
            "0 –",
            "– of 0 answering",
            "£0 of £432,000",
        ],
        ["Other Growth Hub", "1", "5", "5", "0 0%", "– of 0 answering", "£0 of £100,000"],
        ["All hubs", "2", "7", "8", "0 0%", "– of 0 answering", "£0 of £532,000"],
    ]
    assert "Pat Participant" not in text(page)


def staff_world(hub, cohorts: int, members: int):
    round_ = factories.RoundFactory(programme__hub=hub)
    partner = factories.DeliveryPartnerFactory(hub=hub)
    factories.ContractFactory(round=round_, partner=partner)
    for _ in range(cohorts):
        cohort = factories.CohortFactory(round=round_, partner=partner, facilitator__partner=partner)
        factories.MembershipFactory.create_batch(members, cohort=cohort)
        factories.MeetingFactory.create_batch(2, cohort=cohort)
    return round_, partner


@pytest.mark.parametrize("size", [1, 5])
@pytest.mark.parametrize(
    ("role", "queries"),
    [
        ("hub_admin", 13),
        ("programme_manager", 13),
        ("partner_manager", 6),
        ("board_member", 12),
        ("national_viewer", 11),
    ],
)
def test_home_queries_do_not_grow_with_rows(client, hub, django_assert_num_queries, role, queries, size):
    round_, partner = staff_world(hub, cohorts=size, members=size)
    user = factories.UserFactory(
        role=role,
        hub=None if role == "national_viewer" else hub,
        delivery_partner=partner if role == "partner_manager" else None,
    )
    client.force_login(user)

    with django_assert_num_queries(queries):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("size", [1, 5])
def test_facilitator_home_queries_do_not_grow_with_rows(client, hub, django_assert_num_queries, size):
    user = factories.UserFactory(
        role="facilitator", hub=hub, delivery_partner=factories.DeliveryPartnerFactory(hub=hub)
    )
    facilitator = factories.FacilitatorFactory(partner=user.delivery_partner, user=user)
    for _ in range(size):
        cohort = factories.CohortFactory(
            round__programme__hub=hub, partner=facilitator.partner, facilitator=facilitator
        )
        factories.MembershipFactory.create_batch(size, cohort=cohort)
        factories.MeetingFactory.create_batch(2, cohort=cohort)
    client.force_login(user)

    with django_assert_num_queries(5):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("size", [1, 5])
def test_participant_home_queries_do_not_grow_with_rows(client, hub, django_assert_num_queries, size):
    user = factories.UserFactory(role="participant", hub=hub)
    mine = factories.MembershipFactory(application__leader__user=user, cohort__round__programme__hub=hub)
    factories.MembershipFactory.create_batch(size, cohort=mine.cohort)
    for meeting in factories.MeetingFactory.create_batch(size, cohort=mine.cohort):
        factories.AttendanceFactory(meeting=meeting, membership=mine)
    client.force_login(user)

    with django_assert_num_queries(7):
        assert client.get("/").status_code == 200


def test_staff_home_links_each_round_to_its_review_queue(client, hub, make_user):
    round_ = factories.RoundFactory(programme__hub=hub, name="Round 3")
    client.force_login(make_user(Role.PROGRAMME_MANAGER, hub))

    page = client.get("/").content.decode()

    assert f'href="/rounds/{round_.pk}/applications/"' in page
