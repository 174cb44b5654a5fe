"""The service navigation: each role's sections, the current one marked, on every page's header."""

import pytest

from peernet.accounts.models import Role
from peernet.reports.navigation import items_for
from tests import factories


def shown(items) -> list[tuple[str, str, str]]:
    return [(item.text, item.href, item.aria_current) for item in items]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.HUB_ADMIN, Role.PROGRAMME_MANAGER])
def test_hub_staff_see_home_rounds_applications_cohorts_and_people(make_user, hub, role):
    user = make_user(role, hub)

    items = items_for(user, view_name="applications:queue", path="/rounds/1/applications/")

    expected = [
        ("Home", "/", ""),
        ("Rounds", "/rounds/", ""),
        ("Applications", "/applications/", "true"),
        ("Cohorts", "/cohorts/", ""),
        ("People", "/people/", ""),
    ]
    assert shown(items) == expected


@pytest.mark.django_db
def test_partner_manager_sees_home_my_cohorts_and_people(hub):
    partner = factories.DeliveryPartnerFactory(hub=hub)
    user = factories.UserFactory(role=Role.PARTNER_MANAGER, hub=hub, delivery_partner=partner)

    items = items_for(user, view_name="cohorts:detail", path="/cohorts/abc/")

    assert shown(items) == [
        ("Home", "/", ""),
        ("My cohorts", "/#cohorts", "true"),
        ("People", "/people/", ""),
    ]


@pytest.mark.django_db
def test_people_pages_mark_people(make_user, hub):
    user = make_user(Role.HUB_ADMIN, hub)

    items = items_for(user, view_name="people:list", path="/people/")

    assert [item.text for item in items if item.aria_current] == ["People"]


@pytest.mark.django_db
def test_partner_managers_home_is_marked_once(hub):
    partner = factories.DeliveryPartnerFactory(hub=hub)
    user = factories.UserFactory(role=Role.PARTNER_MANAGER, hub=hub, delivery_partner=partner)

    items = items_for(user, view_name="home", path="/")

    assert [item.aria_current for item in items][:2] == ["page", ""]


@pytest.mark.django_db
def test_facilitator_sees_my_cohorts(hub):
    partner = factories.DeliveryPartnerFactory(hub=hub)
    user = factories.UserFactory(role=Role.FACILITATOR, hub=hub, delivery_partner=partner)

    assert shown(items_for(user, view_name="home", path="/")) == [("My cohorts", "/", "page")]


@pytest.mark.django_db
def test_participant_sees_my_cohort(make_user, hub):
    user = make_user(Role.PARTICIPANT, hub)

    assert shown(items_for(user, view_name="cohorts:detail", path="/cohorts/abc/")) == [
        ("My cohort", "/", "true")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.NATIONAL_VIEWER])
def test_board_and_national_viewers_see_home_only(make_user, hub, role):
    user = make_user(role, hub)

    assert shown(items_for(user, view_name="home", path="/")) == [("Home", "/", "page")]


@pytest.mark.django_db
def test_page_header_shows_the_navigation_with_the_current_section(client_for, make_user, hub):
    client = client_for(make_user(Role.PROGRAMME_MANAGER, hub))

    page = client.get("/rounds/").content.decode()

    assert 'class="govuk-service-navigation"' in page
    assert (
        '<a class="govuk-service-navigation__link" href="/rounds/" aria-current="page">'
        '<strong class="govuk-service-navigation__active-fallback">Rounds</strong></a>'
    ) in page
    assert '<a class="govuk-service-navigation__link" href="/cohorts/">Cohorts</a>' in page


@pytest.mark.django_db
def test_visitor_sees_no_navigation(client):
    page = client.get("/privacy/").content.decode()

    assert "govuk-service-navigation" not in page


@pytest.mark.django_db
def test_closing_a_round_is_in_rounds_not_applications(make_user, hub):
    user = make_user(Role.PROGRAMME_MANAGER, hub)

    items = items_for(user, view_name="applications:close_round", path="/rounds/1/close/")

    assert [item.text for item in items if item.aria_current] == ["Rounds"]
