"""Signing in as each demo role shows that role's home page, accessible, with figures from the records."""

import pytest

from peernet.applications.models import Leader
from peernet.cohorts.models import Cohort
from tests.browser.pages import check_accessibility, heading, screenshot, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def round_row(page, table_id: str, round_name: str) -> list[str]:
    """The data cells of the row whose header starts with the round's name."""
    row = page.locator(f"#{table_id} tbody tr").filter(has=page.get_by_role("rowheader", name=round_name))
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


@pytest.mark.parametrize("email", ["manager@boost.example", "admin@boost.example"])
def test_hub_staff_see_each_rounds_cohorts_and_participants(demo_page, email):
    page = demo_page
    sign_in(page, email)

    assert heading(page) == "Programme overview"
    assert page.locator(".peernet-hub-name").inner_text() == "Boost — Lancashire's Business Growth Hub"
    # Status, cohorts, participants: computed from the demo's records, as the board paper had them.
    assert round_row(page, "rounds", "Round 1")[:3] == ["Closed", "31", "327"]
    assert round_row(page, "rounds", "Round 2")[:3] == ["Closed", "23", "208"]
    check_accessibility(page)
    screenshot(page, f"home-{email.split('@')[0]}")
    page.locator("#running-cohorts tbody a").first.click()
    page.wait_for_load_state()
    assert page.locator("#members tbody tr").count() >= 8
    check_accessibility(page)
    sign_out(page)


def test_partner_manager_sees_their_contracts_and_cohorts(demo_page):
    page = demo_page
    sign_in(page, "partner@boost.example")

    assert page.locator(".govuk-caption-l").inner_text() == "Delivery partner"
    assert page.locator("#contracts tbody tr").count() >= 1
    assert page.locator("#cohorts tbody tr").count() >= 1
    check_accessibility(page)
    screenshot(page, "home-partner")
    sign_out(page)


def test_facilitator_sees_their_cohorts_and_next_meetings(demo_page):
    page = demo_page
    sign_in(page, "facilitator@boost.example")

    assert heading(page) == "Your cohorts"
    assert page.locator("#cohorts tbody tr").count() >= 1
    assert page.locator("#meetings tbody tr").count() >= 1
    check_accessibility(page)
    screenshot(page, "home-facilitator")
    page.locator("#meetings tbody a").first.click()
    page.wait_for_load_state()
    assert page.locator("#members tbody tr").count() >= 8
    check_accessibility(page)
    screenshot(page, "cohort-facilitator")
    sign_out(page)


def test_participant_sees_their_cohort_and_next_meeting(demo_page):
    page = demo_page
    sign_in(page, "participant@boost.example")

    assert heading(page) == "Your cohort"
    assert page.locator("#next-meeting").inner_text() != "None scheduled yet"
    assert page.locator("#members tbody tr").count() >= 8
    check_accessibility(page)
    screenshot(page, "home-participant")
    sign_out(page)


def test_participant_typing_another_cohorts_address_gets_not_found(demo_page):
    page = demo_page
    others = Cohort.objects.exclude(memberships__application__leader__user__email="participant@boost.example")
    sign_in(page, "participant@boost.example")

    response = page.goto(f"/cohorts/{others.first().code}/")

    assert response.status == 404
    assert heading(page) == "Page not found"
    check_accessibility(page)


def test_board_member_sees_figures_and_no_names(demo_page):
    page = demo_page
    sign_in(page, "board@boost.example")

    assert heading(page) == "Programme figures"
    assert round_row(page, "rounds", "Round 1")[:3] == ["Closed", "31", "327"]
    assert round_row(page, "rounds", "Round 2")[:3] == ["Closed", "23", "208"]
    assert Leader.objects.order_by("pk").first().full_name not in page.content()
    check_accessibility(page)
    screenshot(page, "home-board")
    sign_out(page)


def test_national_viewer_sees_every_hubs_totals(demo_page):
    page = demo_page
    sign_in(page, "national@peernetworks.example")

    assert heading(page) == "National figures"
    assert page.locator("#hubs tbody th").all_inner_texts() == ["Boost — Lancashire's Business Growth Hub"]
    assert page.locator("#hubs tfoot th").inner_text() == "All hubs"
    check_accessibility(page)
    screenshot(page, "home-national")
    sign_out(page)
