"""Hub staff set up a programme from their own pages: rounds, partners, contracts, facilitators, themes and
the hub's contact details. Each change is audited; other roles get 403 and another hub's records 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peernet.accounts.models import AuditEntry, Role
from peernet.programmes.models import Contract, DeliveryPartner, Facilitator, Round, Theme
from tests import factories


@pytest.fixture
def programme(hub):
    return factories.ProgrammeFactory(hub=hub, name="Peer Networks", slug="peer-networks")


@pytest.fixture
def manager(make_user, hub):
    return make_user(Role.PROGRAMME_MANAGER, hub)


def round_data(programme, **overrides) -> dict:
    data = {
        "programme": str(programme.pk),
        "name": "Round 4",
        "number": "4",
        "slug": "round-4",
        "funder": "Department for Business and Trade",
        "grant_pence": "390000",
        "starts_on": "1 4 2027",
        "ends_on": "31 3 2028",
        "applications_open_on": "",
        "applications_close_on": "",
        "planned_cohorts": "24",
        "planned_participants": "200",
        "cohort_min_size": "8",
        "cohort_max_size": "10",
        "scheduled_hours": "18",
        "completion_min_hours": "12",
        "output_min_support_hours": "12",
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_hub_admin_creates_a_round_and_it_is_audited(client_for, make_user, hub, programme):
    admin = make_user(Role.HUB_ADMIN, hub)

    response = client_for(admin).post("/rounds/new/", round_data(programme))

    round_4 = Round.objects.get(programme=programme, number=4)
    assert response.status_code == 302
    assert round_4.status == Round.Status.PLANNING
    assert (round_4.starts_on.isoformat(), round_4.planned_cohorts, round_4.grant_pence) == (
        "2027-04-01",
        24,
        39_000_000,
    )
    entry = AuditEntry.objects.get(action="round.created")
    assert (entry.actor, entry.hub, entry.object_id) == (admin, hub, str(round_4.pk))


@pytest.mark.django_db
def test_new_round_form_suggests_the_next_number(client_for, manager, programme):
    factories.RoundFactory(programme=programme, number=3)

    page = client_for(manager).get("/rounds/new/").content.decode()

    assert 'name="number" value="4"' in page
    assert 'name="name" value="Round 4"' in page
    assert 'name="slug" value="round-4"' in page


@pytest.mark.django_db
def test_round_form_names_each_wrong_field_in_the_error_summary(client_for, manager, programme):
    factories.RoundFactory(programme=programme, number=4, slug="round-four")

    response = client_for(manager).post(
        "/rounds/new/",
        round_data(
            programme, ends_on="1 1 2027", grant_pence="lots", cohort_max_size="6", starts_on="31 2 2027"
        ),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_number">Peer Networks already has a round 4; choose another</a>' in page
    assert '<a href="#id_grant_pence">Enter the grant in pounds, like 390000</a>' in page
    assert '<a href="#id_starts_on">Enter the start date as day, month and year, like 1 4 2027</a>' in page
    assert '<a href="#id_cohort_max_size">The largest cohort must be at least the smallest</a>' in page
    assert Round.objects.filter(number=4).count() == 1


@pytest.mark.django_db
def test_opening_a_round_twice_says_it_is_already_open(client_for, manager, programme):
    round_4 = factories.RoundFactory(programme=programme, number=4, status=Round.Status.PLANNING)
    client = client_for(manager)

    client.post(f"/rounds/{round_4.pk}/open/")
    again = client.post(f"/rounds/{round_4.pk}/open/", follow=True)

    round_4.refresh_from_db()
    assert round_4.status == Round.Status.OPEN
    assert "Round 4 is open for applications; only a round in planning opens" in again.content.decode()
    assert AuditEntry.objects.filter(action="round.opened").count() == 1


@pytest.mark.django_db
def test_changing_a_round_saves_and_audits_the_changed_fields(client_for, manager, programme):
    round_4 = factories.RoundFactory(programme=programme, number=4, status=Round.Status.PLANNING)
    data = round_data(programme, planned_cohorts="30")
    del data["programme"]

    response = client_for(manager).post(f"/rounds/{round_4.pk}/edit/", data)

    round_4.refresh_from_db()
    assert response.status_code == 302
    assert round_4.planned_cohorts == 30
    assert "planned_cohorts" in AuditEntry.objects.get(action="round.changed").data["fields"]


@pytest.mark.django_db
def test_partner_contract_and_facilitator_are_added_and_audited(client_for, manager, hub, programme):
    round_4 = factories.RoundFactory(programme=programme, number=4)
    client = client_for(manager)

    client.post(
        "/partners/", {"name": "Red Rose Chamber", "kind": "chamber", "contact_email": "a@rr.example"}
    )
    partner = DeliveryPartner.objects.get(hub=hub)
    client.post(
        f"/partners/{partner.pk}/",
        {
            "add_contract": "1",
            "round": str(round_4.pk),
            "cohorts_awarded": "4",
            "price_per_cohort_pence": "14,000",
        },
    )
    client.post(
        f"/partners/{partner.pk}/", {"add_facilitator": "1", "full_name": "Fay", "email": "fay@rr.example"}
    )

    contract = Contract.objects.get()
    assert (contract.partner, contract.round, contract.cohorts_awarded, contract.price_per_cohort_pence) == (
        partner,
        round_4,
        4,
        1_400_000,
    )
    assert Facilitator.objects.get().partner == partner
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "partner.created",
        "contract.created",
        "facilitator.created",
    }
    assert set(AuditEntry.objects.values_list("hub", flat=True)) == {hub.pk}


@pytest.mark.django_db
def test_second_contract_for_the_same_round_is_refused_naming_the_field(client_for, manager, hub, programme):
    contract = factories.ContractFactory(round=factories.RoundFactory(programme=programme))

    response = client_for(manager).post(
        f"/partners/{contract.partner.pk}/",
        {
            "add_contract": "1",
            "round": str(contract.round.pk),
            "cohorts_awarded": "1",
            "price_per_cohort_pence": "1",
        },
    )

    assert (
        f'<a href="#id_round">{contract.partner.name} already has a contract in' in response.content.decode()
    )


@pytest.mark.django_db
def test_themes_and_hub_contact_are_saved_and_audited(client_for, manager, hub):
    client = client_for(manager)

    client.post("/themes/", {"name": "Staffing and recruitment"})
    client.post(
        "/hub/contact/",
        {
            "contact_email": "peer@boost.example",
            "contact_phone": "01772 000000",
            "contact_address": "Preston",
        },
    )

    assert Theme.objects.get(hub=hub).slug == "staffing-and-recruitment"
    hub.refresh_from_db()
    assert (hub.contact_email, hub.contact_phone, hub.contact_address) == (
        "peer@boost.example",
        "01772 000000",
        "Preston",
    )
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "theme.created",
        "hub.contact_changed",
    }


OTHER_ROLES = [
    Role.PARTNER_MANAGER,
    Role.FACILITATOR,
    Role.PARTICIPANT,
    Role.BOARD_MEMBER,
    Role.NATIONAL_VIEWER,
]


def pages_of(round, partner) -> list[str]:
    return [
        "/rounds/",
        "/rounds/new/",
        f"/rounds/{round.pk}/",
        f"/rounds/{round.pk}/edit/",
        f"/rounds/{round.pk}/close/",
        "/partners/",
        f"/partners/{partner.pk}/",
        "/themes/",
        "/hub/contact/",
        "/cohorts/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_are_refused_every_setup_page(client_for, hub, programme, role):
    partner = factories.DeliveryPartnerFactory(hub=hub)
    user = factories.UserFactory(
        role=role,
        hub=None if role == Role.NATIONAL_VIEWER else hub,
        delivery_partner=partner if role in (Role.PARTNER_MANAGER, Role.FACILITATOR) else None,
    )
    round = factories.RoundFactory(programme=programme, status=Round.Status.PLANNING)
    client = client_for(user)

    for url in pages_of(round, partner):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/rounds/{round.pk}/open/").status_code == 403
    round.refresh_from_db()
    assert round.status == Round.Status.PLANNING


@pytest.mark.django_db
def test_another_hubs_round_and_partner_are_not_found(client_for, manager, other_hub):
    round = factories.RoundFactory(
        programme=factories.ProgrammeFactory(hub=other_hub), status=Round.Status.PLANNING
    )
    partner = factories.DeliveryPartnerFactory(hub=other_hub)
    client = client_for(manager)

    for url in [
        f"/rounds/{round.pk}/",
        f"/rounds/{round.pk}/edit/",
        f"/rounds/{round.pk}/close/",
        f"/partners/{partner.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/rounds/{round.pk}/open/").status_code == 404
    assert client.post(f"/rounds/{round.pk}/close/").status_code == 404
    round.refresh_from_db()
    assert round.status == Round.Status.PLANNING


def count_queries(client, url) -> int:
    client.get(url)  # the first request after signing in also saves the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/rounds/", "/partners/", "/themes/", "/cohorts/"])
def test_list_page_queries_stay_flat_from_one_row_to_many(client_for, manager, hub, programme, url):
    client = client_for(manager)

    def add(n):
        for _ in range(n):
            round = factories.RoundFactory(programme=programme)
            partner = factories.DeliveryPartnerFactory(hub=hub)
            factories.ContractFactory(round=round, partner=partner)
            factories.FacilitatorFactory(partner=partner)
            round.themes.add(factories.ThemeFactory(hub=hub))

    add(1)
    one = count_queries(client, url)
    add(6)
    many = count_queries(client, url)

    assert one == many


@pytest.mark.django_db
def test_partner_page_queries_stay_flat(client_for, manager, hub, programme):
    partner = factories.DeliveryPartnerFactory(hub=hub)
    client = client_for(manager)
    factories.ContractFactory(round=factories.RoundFactory(programme=programme), partner=partner)
    factories.FacilitatorFactory(partner=partner)
    one = count_queries(client, f"/partners/{partner.pk}/")
    for _ in range(5):
        factories.ContractFactory(round=factories.RoundFactory(programme=programme), partner=partner)
        factories.FacilitatorFactory(partner=partner)

    assert count_queries(client, f"/partners/{partner.pk}/") == one
