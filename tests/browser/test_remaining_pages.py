"""The last of the pages added with the people, account and closing work, in a real browser at a desktop's
1280 px and a phone's 390 px: axe-core finds no serious or critical violation at either width, and none
scrolls sideways on the phone.

The code page when signing in with two-factor sign-in on, and new recovery codes; a hub administrator's reset
of someone's two-factor sign-in, and a deactivated person's page; an invitation link that was used, one that
has expired, and the page after asking for a new link; the signed link that offers an applicant a place in
the next round.
"""

import datetime as dt
import time

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from peernet.accounts import invitations, people
from peernet.accounts.models import Invitation, Role, User
from peernet.applications import closing
from peernet.applications.models import Application
from peernet.outbox.models import Email
from tests.browser import pages
from tests.browser.pages import heading

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ADMIN = "admin@boost.example"
MANAGER = "manager@boost.example"


def check_both_widths(page) -> None:
    pages.check_accessibility(page)
    pages.check_phone_width(page)


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


def code_now(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def wait_until_allowed(device: TOTPDevice, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        device.refresh_from_db()
        if device.verify_is_allowed()[0]:
            return
        time.sleep(0.1)
    raise AssertionError("the code is still held back after a wrong one")


def test_two_factor_code_recovery_codes_reset_and_a_deactivated_person(page, demo):
    manager = User.objects.get(email=MANAGER)
    device = TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)

    pages.sign_in(page, MANAGER)
    assert page.url.split("?")[0].endswith("/account/sign-in/code/")
    assert heading(page) == "Enter your code"
    check_both_widths(page)

    right = code_now(device)
    page.locator("input[name=code]").fill("000000" if right != "000000" else "111111")
    submit(page, "Continue")
    assert page.title().startswith("Error: ")
    assert error_summary_links(page)
    check_both_widths(page)

    # django-otp holds the app's codes back for a second after a wrong one, as it would a person's next try.
    wait_until_allowed(device)
    page.locator("input[name=code]").fill(code_now(device))
    submit(page, "Continue")
    expect(
        page.get_by_role("navigation", name="Account").get_by_role("button", name="Sign out")
    ).to_be_visible()
    assert "/sign-in/code/" not in page.url

    page.goto("/account/")
    page.get_by_role("link", name="Recovery codes").click()
    page.wait_for_load_state()
    assert heading(page) == "Two-factor sign-in"
    check_both_widths(page)
    submit(page, "Make new recovery codes")
    assert heading(page) == "New recovery codes made"
    check_both_widths(page)
    pages.sign_out(page)

    pages.sign_in(page, ADMIN)
    page.goto(f"/people/{manager.pk}/")
    page.get_by_role("link", name="Reset two-factor sign-in").click()
    page.wait_for_load_state()
    assert heading(page) == f"Reset two-factor sign-in for {manager}"
    check_both_widths(page)
    submit(page, "Reset two-factor sign-in")
    assert heading(page) == manager.full_name
    check_both_widths(page)
    assert not TOTPDevice.objects.filter(user=manager, confirmed=True).exists()

    admin = User.objects.get(email=ADMIN)
    person = (
        User.objects.filter(hub_id=admin.hub_id, role=Role.FACILITATOR, is_active=True).order_by("pk").first()
    )
    people.deactivate(person=person, by=admin)
    page.goto(f"/people/{person.pk}/")
    assert heading(page) == person.full_name
    expect(page.get_by_role("button", name="Reactivate")).to_be_visible()
    check_both_widths(page)


def test_used_and_expired_invitation_links_and_asking_for_a_new_one(page, demo):
    admin = User.objects.get(email=ADMIN)
    used = invitations.invite(
        email="used.link@partner.example", role=Role.PROGRAMME_MANAGER, hub=admin.hub, by=admin
    )
    Invitation.objects.filter(pk=used.pk).update(accepted_at=timezone.now())
    expired = invitations.invite(
        email="late.link@partner.example", role=Role.PROGRAMME_MANAGER, hub=admin.hub, by=admin
    )
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))

    response = page.goto(f"/account/invitation/{used.token}/")
    assert response.status == 410
    assert heading(page) == "This link has already been used"
    expect(page.get_by_role("link", name="sign in")).to_be_visible()
    check_both_widths(page)

    response = page.goto(f"/account/invitation/{expired.token}/")
    assert response.status == 410
    assert heading(page) == "This link has expired"
    check_both_widths(page)

    submit(page, "Send me a new link")
    assert heading(page) == "Check your email"
    check_both_widths(page)
    expired.refresh_from_db()
    assert not invitations.is_expired(expired)
    assert sum("late.link@partner.example" in email.to for email in Email.objects.all()) == 2


def test_next_round_offer_from_the_signed_link(page, demo):
    application = (
        Application.objects.filter(status__in=closing.STILL_WAITING).order_by("pk").first()
        or Application.objects.order_by("pk").first()
    )
    page.goto(f"/next-round/{closing.offer_token(application)}/")
    assert heading(page) == "A place in the next round"
    check_both_widths(page)

    submit(page, "Put me forward")
    assert page.title().startswith("Error: ")
    assert error_summary_links(page) == ["Tick the box to say yes, or close this page to say no"]
    check_both_widths(page)

    page.goto("/next-round/not-a-link-we-sent/")
    assert heading(page) == "We cannot use this link"
    check_both_widths(page)
