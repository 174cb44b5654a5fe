"""Forming Round 3's cohorts in a real browser: a programme manager suggests cohorts, checks moves with the
keyboard and by dragging, confirms a cohort with a partner and facilitator; only that facilitator sees it.

One journey, as suggesting cohorts for the demo's 120 waiting leaders takes seconds and every later step
works on the cohorts it made. The engine is deterministic (seed 0), so its summary is known; the rest is
read from the records the journey makes, as a manager would read the page.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peernet.accounts.models import AuditEntry, Role
from peernet.applications.models import Application
from peernet.cohorts.models import Cohort, Membership
from peernet.programmes.models import Contract, DeliveryPartner, Facilitator, Round
from tests import factories
from tests.browser.pages import heading

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# What `manage.py form_cohorts --round round-3` prints for the freshly seeded demo.
SUMMARY = "placed 114 of 120 in 14 cohorts"
COHORTS = 14
WAITING = 6
# Suggesting runs the engine inside the POST in tests (immediate task backend).
SUGGEST_TIMEOUT = 120_000


def members_of(page, code: str):
    return page.locator(f"ul[data-cohort='{code}'] > li.peernet-member")


def member(page, reference: str, *, within: str = ""):
    """The member's item, anywhere or within one list (a cohort's code or "waiting")."""
    where = f"ul[data-cohort='{within}'] > " if within else ""
    return page.locator(f"{where}li.peernet-member[data-application='{reference}']")


def proposed(round: Round, **filters) -> list[Cohort]:
    return list(Cohort.objects.filter(round=round, status=Cohort.Status.PROPOSED, **filters).order_by("name"))


def applications_in(cohort: Cohort) -> list[Application]:
    """Its members in the page's order (by leader's name)."""
    return list(
        Application.objects.filter(memberships__cohort=cohort, memberships__status=Membership.Status.PROPOSED)
        .select_related("leader")
        .order_by("leader__full_name")
    )


def press_enter(page) -> None:
    """Press Enter on the focused button and wait for the page it submits to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def drag(page, reference: str, *, to: str) -> None:
    """Drag the member with the mouse onto the first member of list `to`, as a person does: SortableJS
    (forceFallback) follows mouse moves, not HTML5 drag events. Grabs the name line, since the member's
    select and buttons do not start a drag."""
    grip = member(page, reference).locator("p").first
    onto = members_of(page, to).first
    # Both ends in view before the button goes down: scrolling in the middle of a drag drops by chance.
    middle = (grip.bounding_box()["y"] + onto.bounding_box()["y"]) / 2
    page.evaluate("y => window.scrollBy(0, y - window.innerHeight / 2)", middle)
    start, end = grip.bounding_box(), onto.bounding_box()
    height = page.viewport_size["height"]
    assert 0 <= start["y"] < height and 0 <= end["y"] < height, "drag the member to a list in view"
    page.mouse.move(start["x"] + 20, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + 40, start["y"] + start["height"] / 2 + 20, steps=5)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 10, steps=20)
    # SortableJS moves the item under the pointer on a timer; let go once it sits in the new list.
    expect(member(page, reference, within=to)).to_have_count(1)
    page.mouse.up()


def suggest_cohorts(page, round: Round, check_accessibility, screenshot) -> None:
    page.goto(f"/rounds/{round.pk}/cohorts/")
    assert heading(page) == "Cohorts for Round 3"
    assert page.get_by_text("No cohorts have been suggested yet.").is_visible()

    with page.expect_navigation(timeout=SUGGEST_TIMEOUT):
        page.get_by_role("button", name="Suggest cohorts").click()
    page.wait_for_load_state()

    assert SUMMARY in page.locator("#last-run").inner_text()
    assert page.locator("section.peernet-cohort").count() == COHORTS
    assert page.locator("ul[data-cohort] > li.peernet-member").count() == 120
    assert members_of(page, "waiting").count() == WAITING
    assert page.get_by_role("heading", name=f"Waiting list ({WAITING})").is_visible()
    assert page.get_by_role("button", name="Suggest cohorts again").is_visible()
    check_accessibility()
    screenshot("forming-proposal")


def drag_into_a_full_cohort_is_refused_and_put_back(page, round: Round) -> None:
    full = next(c for c in proposed(round) if c.memberships.count() == round.cohort_max_size)
    cohorts = proposed(round)
    # Two columns of cohorts in name order: the full cohort's neighbour sits beside it.
    beside = cohorts[cohorts.index(full) ^ 1]
    mover = applications_in(beside)[0]

    drag(page, mover.reference, to=full.code)

    result = page.locator("#move-check")
    expect(result.get_by_role("heading", name="This move is refused")).to_be_visible()
    assert (
        f"{round.cohort_max_size + 1} members, more than the maximum of {round.cohort_max_size}"
        in result.locator("#refused li").all_inner_texts()
    )
    expect(member(page, mover.reference, within=beside.code)).to_have_count(1)
    expect(members_of(page, full.code)).to_have_count(round.cohort_max_size)
    expect(result).to_be_focused()
    assert Membership.objects.get(application=mover, status=Membership.Status.PROPOSED).cohort == beside


def drag_to_the_waiting_list_offers_to_save(page, round: Round) -> None:
    last = proposed(round)[-1]
    mover = applications_in(last)[-1]

    drag(page, mover.reference, to="waiting")

    result = page.locator("#move-check")
    expect(
        result.get_by_role("heading", name=f"Move {mover.leader.full_name} to the waiting list?")
    ).to_be_visible()
    expect(result.get_by_role("button", name="Save this move")).to_be_visible()
    expect(member(page, mover.reference, within="waiting")).to_have_count(1)
    # Nothing is saved until the manager presses the button.
    assert Membership.objects.get(application=mover, status=Membership.Status.PROPOSED).cohort == last


def check_move_with_the_keyboard(page, round: Round, check_accessibility) -> Cohort:
    """A member of the full cohort: refused where they cannot meet, then moved to the waiting list."""
    full = next(c for c in proposed(round) if c.memberships.count() == round.cohort_max_size)
    mover = applications_in(full)[0]
    name = mover.leader.full_name
    elsewhere = next(c for c in proposed(round) if c.slot not in mover.slots)

    page.goto(f"/rounds/{round.pk}/cohorts/")
    where = page.get_by_label(f"Move {name} to")
    where.focus()
    where.select_option(label=elsewhere.name)
    page.keyboard.press("Tab")
    expect(member(page, mover.reference).get_by_role("button", name="Check move")).to_be_focused()
    press_enter(page)

    assert heading(page) == "Check a move"
    assert page.get_by_role("heading", name="This move is refused").is_visible()
    assert (
        f"{name} ({mover.reference}) cannot meet at {elsewhere.slot} (lists {';'.join(mover.slots)})"
        in page.locator("#refused li").all_inner_texts()
    )
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility()

    page.get_by_role("link", name="Cohorts for Round 3").click()
    page.wait_for_load_state()
    where = page.get_by_label(f"Move {name} to")
    where.focus()
    where.select_option(label="The waiting list")
    page.keyboard.press("Tab")
    press_enter(page)

    assert heading(page) == "Check a move"
    assert page.get_by_role("heading", name=f"Move {name} to the waiting list?").is_visible()
    check_accessibility()
    save = page.get_by_role("button", name="Save this move")
    save.focus()
    press_enter(page)

    assert heading(page) == "Cohorts for Round 3"
    banner = page.locator(".govuk-notification-banner--success")
    assert banner.inner_text().endswith(f"{name} moved to the waiting list")
    expect(member(page, mover.reference, within="waiting")).to_have_count(1)
    expect(members_of(page, full.code)).to_have_count(round.cohort_max_size - 1)
    assert page.get_by_role("heading", name=f"Waiting list ({WAITING + 1})").is_visible()
    return full


def confirm_a_cohort(page, round: Round, cohort: Cohort, facilitator: Facilitator, check_accessibility):
    contract = Contract.objects.get(round=round, partner=facilitator.partner)
    taken = contract.cohorts.exclude(status__in=(Cohort.Status.PROPOSED, Cohort.Status.CANCELLED)).count()
    page.goto(f"/rounds/{round.pk}/cohorts/")
    page.get_by_role("link", name=f"Confirm {cohort.name}", exact=True).click()
    page.wait_for_load_state()

    assert heading(page) == f"Confirm {cohort.name}"
    check_accessibility()
    page.get_by_role("button", name="Confirm the cohort and send the emails").click()
    page.wait_for_load_state()

    assert page.locator(".govuk-error-summary__list li").all_inner_texts() == [
        "Choose the delivery partner",
        "Choose the facilitator",
        "Enter the date of the first meeting, like 12 1 2027",
        "Enter the link members use to join the online meetings",
    ]
    check_accessibility()
    starts_on = timezone.localdate() + dt.timedelta(days=28)
    page.get_by_label("Delivery partner").select_option(
        label=f"{facilitator.partner.name} ({contract.cohorts_awarded - taken} of "
        f"{contract.cohorts_awarded} cohorts left)"
    )
    page.get_by_label("Facilitator").select_option(
        label=f"{facilitator.full_name} ({facilitator.partner.name})"
    )
    page.get_by_label("Date of the first meeting").fill(f"{starts_on.day} {starts_on.month} {starts_on.year}")
    page.get_by_label("Online meeting link").fill("https://meet.example.org/round-3")
    page.get_by_role("button", name="Confirm the cohort and send the emails").click()
    page.wait_for_load_state()

    assert page.url.endswith(f"/cohorts/{cohort.code}/")
    assert heading(page) == cohort.name
    assert (
        page.locator(".govuk-notification-banner--success")
        .inner_text()
        .endswith(f"{cohort.name} is confirmed. Its members and facilitator have been emailed.")
    )
    status = page.locator("#cohort .govuk-summary-list__row").filter(has_text="Status")
    assert status.locator("dd").inner_text() == "Confirmed"
    assert page.locator("#members tbody tr").count() == cohort.memberships.count()
    assert set(page.locator("#members tbody td:nth-child(3)").all_inner_texts()) == {"Placed"}
    check_accessibility()


def test_manager_forms_cohorts_and_only_the_chosen_facilitator_sees_one(
    page, demo, sign_in, check_accessibility, screenshot, mailoutbox
):
    round = Round.objects.get(slug="round-3")
    facilitator = Facilitator.objects.select_related("partner").get(user__email="facilitator@boost.example")
    sign_in("manager@boost.example")

    suggest_cohorts(page, round, check_accessibility, screenshot)
    drag_into_a_full_cohort_is_refused_and_put_back(page, round)
    drag_to_the_waiting_list_offers_to_save(page, round)
    changed = check_move_with_the_keyboard(page, round, check_accessibility)

    cohort = next(c for c in proposed(round, mode=Cohort.Mode.ONLINE) if c != changed)
    members = applications_in(cohort)
    mailoutbox.clear()
    confirm_a_cohort(page, round, cohort, facilitator, check_accessibility)

    cohort.refresh_from_db()
    assert (cohort.status, cohort.facilitator, cohort.partner) == (
        Cohort.Status.CONFIRMED,
        facilitator,
        facilitator.partner,
    )
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in members]).values_list("status", flat=True)
    ) == {Application.Status.PLACED}
    assert AuditEntry.objects.filter(action="cohort.confirmed", object_id=str(cohort.pk)).count() == 1
    assert sorted(to for email in mailoutbox for to in email.to) == sorted(
        [a.leader.email for a in members] + [facilitator.email]
    )

    page.context.clear_cookies()
    sign_in("facilitator@boost.example")
    response = page.goto(f"/cohorts/{cohort.code}/")
    assert response.status == 200
    assert heading(page) == cohort.name

    page.context.clear_cookies()
    other = DeliveryPartner.objects.filter(contracts__round=round).exclude(pk=facilitator.partner_id)[0]
    factories.FacilitatorFactory(
        partner=other,
        full_name="Owen Marsden",
        user=factories.UserFactory(
            email="owen@elsewhere.example",
            role=Role.FACILITATOR,
            hub=round.programme.hub,
            delivery_partner=other,
        ),
    )
    sign_in("owen@elsewhere.example", factories.PASSWORD)
    response = page.goto(f"/cohorts/{cohort.code}/")
    assert response.status == 404
    assert heading(page) == "Page not found"
