"""The sign-in page in a real browser: accessible as it first appears and when it shows an error."""

import pytest

from peernet.accounts.models import Role
from tests import factories
from tests.browser.pages import check_accessibility, heading, screenshot, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_sign_in_page_is_accessible(page):
    page.goto("/account/sign-in/")

    assert heading(page) == "Sign in"
    check_accessibility(page)
    screenshot(page, "sign-in")


def test_sign_in_error_names_the_field_and_is_accessible(page):
    factories.UserFactory(email="manager@boost.example", role=Role.PROGRAMME_MANAGER)

    sign_in(page, "manager@boost.example", "not-the-password")

    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    assert page.title() == "Error: Sign in – Peer Networks"
    # GOV.UK Frontend moves focus to the summary so a screen reader announces it.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_username"
    check_accessibility(page)
    screenshot(page, "sign-in-error")


def test_sign_in_and_out_through_the_form(page):
    factories.UserFactory(email="manager@boost.example", role=Role.PROGRAMME_MANAGER)

    sign_in(page, "Manager@boost.example", factories.PASSWORD)
    assert heading(page) == "Programme overview"

    sign_out(page)
    page.goto("/")
    assert page.url.endswith("/account/sign-in/?next=/")


def test_accessibility_check_catches_a_serious_violation(page):
    """Guards the guard: axe must really run, so a page with an unlabelled image fails."""
    page.goto("/account/sign-in/")
    page.evaluate(
        "document.querySelector('main').append(Object.assign(document.createElement('img'), {src: 'x'}))"
    )

    with pytest.raises(AssertionError, match="image-alt"):
        check_accessibility(page)
