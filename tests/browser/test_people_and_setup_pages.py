"""The people, account and set-up pages, in a real browser at a desktop's 1280 px and a phone's 390 px:
axe-core finds no serious or critical violation at either width, and none scrolls sideways on the phone.

A hub administrator invites a facilitator, who follows the emailed link, sets a password and turns on
two-factor sign-in; someone who forgot their password resets it from the emailed link; a programme manager
sets up a round, its partners, themes and the hub's contact details, and closes a round; the footer's pages
signed out, and the service navigation's menu on a phone.
"""

import re
from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from peernet.accounts.models import User
from peernet.outbox.models import Email
from peernet.programmes.models import DeliveryPartner, Round
from tests.browser import pages
from tests.browser.pages import heading

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ADMIN = "admin@boost.example"
MANAGER = "manager@boost.example"
NEW_FACILITATOR = "sam.okafor@partner.example"
NEW_PASSWORD = "Kestrel-harbour-lantern-42"


def check_both_widths(page) -> None:
    pages.check_accessibility(page)
    pages.check_phone_width(page)


def go(page, path: str, expected_heading: str) -> None:
    page.goto(path)
    assert heading(page) == expected_heading
    check_both_widths(page)


def submit(page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    # A click waits only for the next page to start arriving; checking it needs all of it.
    page.wait_for_load_state()


def error_summary_links(page) -> list[str]:
    """The error summary's messages; each must lead to a field on the page."""
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    links = summary.locator(".govuk-error-summary__list a")
    for href in [link.get_attribute("href") for link in links.all()]:
        assert href != "#" and page.locator(href).count() == 1, f"{href} leads nowhere"
    return links.all_inner_texts()


def link_in_newest_email(to: str, path: str) -> str:
    """The path of the link to `path` in the newest email queued for `to`."""
    email = next(email for email in Email.objects.order_by("-created_at", "-pk") if to in email.to)
    match = re.search(rf"https?://\S*{re.escape(path)}\S*", email.body)
    assert match, f"no link to {path} in:\n{email.body}"
    return urlsplit(match.group()).path


def banner(page) -> str:
    return page.locator(".govuk-notification-banner__heading").first.inner_text()


# People, invitations and accounts


def test_admin_invites_a_facilitator_who_joins_and_sets_up_two_factor(page, demo):
    partner = DeliveryPartner.objects.filter(hub__users__email=ADMIN).order_by("name").first()
    pages.sign_in(page, ADMIN)

    go(page, "/people/", "People")
    expect(page.locator("#people tbody tr").first).to_be_visible()

    page.get_by_role("link", name="Invite someone").click()
    page.wait_for_load_state()
    assert heading(page) == "Invite someone"
    check_both_widths(page)

    submit(page, "Send the invitation")
    assert page.title().startswith("Error: ")
    assert error_summary_links(page)
    check_both_widths(page)

    page.get_by_label("Full name").fill("Sam Okafor")
    page.get_by_label("Email address").fill(NEW_FACILITATOR)
    page.get_by_label("Facilitator", exact=True).check()
    page.get_by_label("Delivery partner", exact=True).select_option(label=partner.name)
    submit(page, "Send the invitation")
    assert heading(page) == "People"
    expect(page.locator("#invitations")).to_contain_text(NEW_FACILITATOR)
    check_both_widths(page)

    person = User.objects.filter(hub__users__email=ADMIN, role="programme_manager").first()
    go(page, f"/people/{person.pk}/", person.full_name)
    page.get_by_role("link", name="Change role").click()
    page.wait_for_load_state()
    assert heading(page) == "Change role"
    check_both_widths(page)

    pages.sign_out(page)
    invitation = link_in_newest_email(NEW_FACILITATOR, "/account/invitation/")
    go(page, invitation, "Set up your account")

    page.get_by_label("Create a password").fill("short")
    page.get_by_label("Type the password again").fill("short")
    submit(page, "Create my account")
    assert error_summary_links(page)
    check_both_widths(page)

    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Type the password again").fill(NEW_PASSWORD)
    submit(page, "Create my account")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    check_both_widths(page)
    joined = User.objects.get(email=NEW_FACILITATOR)
    assert (joined.role, joined.delivery_partner_id) == ("facilitator", partner.pk)

    go(page, "/account/", "Your account")
    expect(page.get_by_role("button", name="Sign out of other devices")).to_be_visible()
    submit(page, "Sign out of other devices")
    assert heading(page) == "Your account"
    check_both_widths(page)

    go(page, "/account/two-factor/", "Set up two-factor sign-in")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#secret").inner_text().replace(" ", "")
    expect(page.locator("#secret")).to_be_visible()
    check_both_widths(page)

    submit(page, "Turn on two-factor sign-in")
    assert error_summary_links(page)
    check_both_widths(page)

    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code from your authenticator app").fill(f"{totp(key):06d}")
    submit(page, "Turn on two-factor sign-in")
    assert page.locator(".govuk-error-summary").count() == 0
    check_both_widths(page)
    assert joined.totpdevice_set.filter(confirmed=True).exists()


def test_forgotten_password_is_reset_from_the_emailed_link(page, demo):
    page.goto("/account/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.wait_for_load_state()
    assert heading(page) == "Reset your password"
    check_both_widths(page)

    submit(page, "Send the link")
    assert error_summary_links(page)
    check_both_widths(page)

    page.get_by_label("Email address").fill(MANAGER)
    submit(page, "Send the link")
    assert heading(page) == "Check your email"
    check_both_widths(page)

    go(page, link_in_newest_email(MANAGER, "/account/password-reset/"), "Choose a new password")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm new password").fill("short")
    submit(page, "Save the new password")
    assert error_summary_links(page)
    check_both_widths(page)

    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    submit(page, "Save the new password")
    assert heading(page) == "Your password has been changed"
    check_both_widths(page)

    pages.sign_in(page, MANAGER, NEW_PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


# Setting up rounds, partners, themes and the hub


def test_manager_sets_up_a_round_its_partners_and_the_hub(page, demo):
    pages.sign_in(page, MANAGER)

    go(page, "/rounds/", "Rounds")
    page.get_by_role("link", name="Create a round").click()
    page.wait_for_load_state()
    assert heading(page) == "Create a round"
    check_both_widths(page)

    submit(page, "Create the round")
    assert error_summary_links(page)
    check_both_widths(page)

    fields = {
        "Name": "Round 9",
        "Number": "9",
        "Funder": "UK Shared Prosperity Fund",
        "Grant": "390000",
        "Start date": "1 4 2027",
        "End date": "31 3 2028",
        "Planned cohorts": "24",
        "Planned participants": "200",
        "Smallest cohort": "8",
        "Largest cohort": "10",
        "Target hours of action learning per cohort": "18",
        "Hours a participant attends to complete": "12",
        "Support hours before a business counts towards outputs": "12",
    }
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    submit(page, "Create the round")
    assert page.locator(".govuk-error-summary").count() == 0, error_summary_links(page)
    round = Round.objects.get(name="Round 9")
    assert page.url.endswith(f"/rounds/{round.pk}/")
    assert heading(page).startswith("Round 9")
    check_both_widths(page)

    submit(page, "Open for applications")
    assert heading(page).startswith("Round 9")
    check_both_widths(page)

    go(page, "/partners/", "Delivery partners")
    partner = DeliveryPartner.objects.filter(hub__users__email=MANAGER).order_by("name").first()
    page.get_by_role("link", name=partner.name, exact=True).click()
    page.wait_for_load_state()
    assert heading(page) == partner.name
    check_both_widths(page)

    submit(page, "Add the contract")
    assert error_summary_links(page)
    check_both_widths(page)

    round_9 = page.locator("#id_round option", has_text="Round 9").inner_text()
    page.get_by_label("Round", exact=True).select_option(label=round_9)
    page.get_by_label("Cohorts awarded").fill("4")
    page.get_by_label("Price per cohort").fill("14000")
    submit(page, "Add the contract")
    assert page.locator(".govuk-error-summary").count() == 0, error_summary_links(page)
    expect(page.locator("#contracts")).to_contain_text("Round 9")
    check_both_widths(page)

    page.get_by_label("Full name").fill("Priya Natarajan")
    page.get_by_label("Email address").fill("priya@partner.example")
    submit(page, "Add the facilitator")
    assert page.locator(".govuk-error-summary").count() == 0, error_summary_links(page)
    expect(page.locator("main")).to_contain_text("Priya Natarajan")
    check_both_widths(page)

    go(page, "/themes/", "Challenge themes")
    submit(page, "Add the theme")
    assert error_summary_links(page)
    check_both_widths(page)

    page.goto("/hub/contact/")
    assert heading(page).endswith("contact details")
    check_both_widths(page)
    page.get_by_label("Telephone").fill("01772 000 000")
    submit(page, "Save the contact details")
    check_both_widths(page)

    go(page, "/cohorts/", "Cohorts")

    round_2 = Round.objects.get(slug="round-2")
    page.goto(f"/rounds/{round_2.pk}/close/")
    assert heading(page) == "Close Round 2"
    check_both_widths(page)


# Signed out: the footer's pages; signed in: the service navigation on a phone


@pytest.mark.parametrize("link", ["Privacy", "Accessibility statement", "Cookies", "Contact"], ids=str.lower)
def test_footer_pages_signed_out_at_both_widths(demo_page, link):
    page = demo_page
    page.goto("/account/sign-in/")
    page.locator(".govuk-footer").get_by_role("link", name=link).click()
    page.wait_for_load_state()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_both_widths(page)


def test_service_navigation_folds_behind_a_menu_button_on_a_phone(demo_page):
    page = demo_page
    pages.sign_in(page, MANAGER)
    navigation = page.locator(".govuk-service-navigation")
    menu = navigation.get_by_role("button", name="Menu")
    first_link = navigation.locator(".govuk-service-navigation__link").first

    expect(menu).to_be_hidden()
    expect(first_link).to_be_visible()

    page.set_viewport_size(pages.PHONE)
    try:
        expect(menu).to_be_visible()
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(first_link).to_be_hidden()

        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(first_link).to_be_visible()
        sizes = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert sizes[0] <= sizes[1], "\n".join(page.evaluate(pages.TOO_WIDE))
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    pages.check_phone_width(page)
