"""Applying to Round 3 in a real browser: a business with 4 employees is told on the spot why it cannot join,
and a programme manager overrides the decision with a reason the audit trail keeps."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def apply_with_four_employees(page, check_accessibility):
    page.goto("/apply/round-3/")
    assert "Apply to Peer Networks, Round 3" in page.get_by_role("heading", level=1).inner_text()
    check_accessibility()
    page.get_by_role("button", name="Start now").click()

    page.get_by_role("button", name="Continue").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility()
    page.get_by_label("Business name").fill("Pendle Pixels")
    page.get_by_label("Sole trader").check()
    page.get_by_label("Day", exact=True).fill("1")
    page.get_by_label("Month", exact=True).fill("6")
    page.get_by_label("Year", exact=True).fill("2016")
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("How many people does the business employ?").fill("4")
    page.get_by_label("What was the business's turnover").fill("250000")
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Search for what your business does").fill("software")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("Business and domestic software development").check()
    check_accessibility()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Business postcode").fill("BB9 7SZ")
    page.get_by_label("Pendle").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Full name").fill("Priya Patel")
    page.get_by_label("Your role in the business").fill("Owner")
    page.get_by_label("Email address").fill("priya@pendlepixels.example")
    page.get_by_label("Phone number").fill("01282 123456")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Continue").click()  # equality monitoring is optional
    page.get_by_role("button", name="Continue").click()  # so are the challenges

    page.get_by_label("Online").check()
    page.get_by_label("Tuesday morning").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("How much Minimal Financial Assistance").fill("0")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Continue").click()

    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Check your answers before sending your application"
    )
    check_accessibility()
    page.get_by_role("button", name="Accept and send").click()


def test_applicant_with_four_employees_is_told_why(page, demo, check_accessibility, screenshot):
    apply_with_four_employees(page, check_accessibility)

    assert page.locator(".govuk-panel__title").inner_text() == "Application sent"
    reasons = page.locator("#failed-rules li").all_inner_texts()
    assert reasons == [
        "The round is for businesses with more than 5 employees and at most 249. You told us you have 4."
    ]
    check_accessibility()
    screenshot("apply-refused")


def test_manager_overrides_and_the_audit_trail_keeps_why(
    page, demo, sign_in, check_accessibility, screenshot
):
    apply_with_four_employees(page, check_accessibility)
    reference = page.locator(".govuk-panel__body strong").inner_text()
    page.context.clear_cookies()

    sign_in("manager@boost.example")
    page.goto("/applications/")
    page.get_by_role("link", name="Peer Networks Round 3").click()
    page.get_by_label("Rule failed").select_option("employees")
    page.get_by_role("button", name="Apply filters").click()
    check_accessibility()
    page.get_by_role("link", name=reference).click()

    page.get_by_label("Eligible", exact=True).check()
    page.get_by_label("Why are you overriding the decision?").fill("Two apprentices start next week.")
    page.get_by_role("button", name="Override").click()

    trail = page.locator("#audit-trail")
    assert "decision overridden to eligible" in trail.inner_text()
    assert "Two apprentices start next week." in trail.inner_text()
    check_accessibility()
    screenshot("application-overridden")
