"""The pages changed lately, in a real browser at a desktop's 1280 px and a phone's 390 px: axe-core finds no
serious or critical violation at either width, and none scrolls sideways on the phone.

An application whose details differ from the hub's records and the staff accepting them; an import refused
for a bad row, a good one imported, and one whose worker stopped tried again; a forming run lost with its
worker; the round's eligibility rules, its review queue, and the page for an address that does not exist.
"""

import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from peernet.accounts.models import User
from peernet.applications import imports
from peernet.applications.answers import ApplicationAnswers
from peernet.applications.models import Application, ImportJob, Leader
from peernet.applications.workflow import submit_application
from peernet.cohorts import forming
from peernet.cohorts.models import FormingRun
from peernet.formats import money
from peernet.programmes.models import Round
from tests.browser import pages
from tests.browser.pages import heading

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MANAGER = "manager@boost.example"


def check_both_widths(check_accessibility, check_phone_width) -> None:
    check_accessibility()
    check_phone_width()


def banner(page) -> str:
    success = page.locator(".govuk-notification-banner--success")
    return success.locator(".govuk-notification-banner__heading").inner_text()


# Applications whose details differ from the records


def round_1_leader_not_in(round: Round) -> Leader:
    """A leader who took part in Round 1 and has not applied to `round`, with their business."""
    return (
        Leader.objects.filter(applications__round__slug="round-1")
        .exclude(applications__round=round)
        .select_related("business__district")
        .order_by("pk")
        .first()
    )


def apply_again_with_changes(round: Round, leader: Leader) -> Application:
    """The leader applies to `round` with their business grown since Round 1 and a new phone number."""
    business = leader.business
    answers = ApplicationAnswers(
        business_name=business.name,
        company_number=business.company_number or "",
        legal_form=business.legal_form,
        trading_since=business.trading_since,
        employees=business.employees + 7,
        turnover_pence=business.turnover_pence + 10_000_000,
        sic=business.sic,
        ownership=list(business.ownership),
        postcode=business.postcode,
        district=business.district,
        leader_name=leader.full_name,
        leader_role=leader.job_title,
        email=leader.email,
        phone="07700 900123",
        mode="online",
        slots=["tue-am"],
        subsidy_within_threshold=True,
        subsidy_prior_assistance_pence=0,
    )
    return submit_application(round=round, answers=answers, notify=False)


def test_manager_sees_how_an_application_differs_from_the_records_and_updates_them(
    page, demo, sign_in, check_accessibility, check_phone_width
):
    round = Round.objects.get(slug="round-3")
    leader = round_1_leader_not_in(round)
    business = leader.business
    application = apply_again_with_changes(round, leader)
    sign_in(MANAGER)

    page.goto(f"/rounds/{round.pk}/applications/{application.reference}/")

    assert heading(page) == business.name
    expect(page.get_by_role("heading", name="Details that differ from the records")).to_be_visible()
    differences = page.locator("#business-differences .govuk-summary-list__row")
    assert differences.locator("dt").all_inner_texts() == ["Employees", "Turnover"]
    assert differences.locator("dd").all_inner_texts() == [
        f"The application says {business.employees + 7}; the record says {business.employees}",
        f"The application says {money(business.turnover_pence + 10_000_000)}; "
        f"the record says {money(business.turnover_pence)}",
    ]
    differences = page.locator("#leader-differences .govuk-summary-list__row")
    assert differences.locator("dt").all_inner_texts() == ["Phone"]
    assert differences.locator("dd").inner_text() == (
        f"The application says 07700 900123; the record says {leader.phone or 'none'}"
    )
    check_both_widths(check_accessibility, check_phone_width)

    page.get_by_role("button", name="Update the records with these details").click()
    page.wait_for_load_state()

    assert heading(page) == business.name
    assert banner(page) == "Records updated from this application: business and leader"
    expect(page.get_by_role("heading", name="Details that differ from the records")).to_have_count(0)
    expect(page.get_by_role("button", name="Update the records with these details")).to_have_count(0)
    check_both_widths(check_accessibility, check_phone_width)
    business.refresh_from_db()
    leader.refresh_from_db()
    assert (business.employees, leader.phone) == (application.employees, "07700 900123")


# Imports

HEADER = ["business_name", "company_number", *imports.REQUIRED[1:]]


def row(n: int, **changes) -> dict:
    return {
        "business_name": f"Ribble Valley Tooling {n} Ltd",
        "company_number": f"{12_345_600 + n}",
        "trading_since": "2016-05-01",
        "employees": "12",
        "turnover": "450000",
        "sic": "25620",
        "postcode": "PR1 2HE",
        "district": "Preston",
        "leader_name": f"Jo Tooling {n}",
        "email": f"jo{n}@ribble-tooling.example",
        "slots": "tue-am;thu-pm",
        **changes,
    }


def csv_file(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def upload(page, round: Round, name: str, content: bytes) -> None:
    page.goto(f"/rounds/{round.pk}/import/")
    page.get_by_label("Upload a CSV or Excel file").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Upload and check").click()
    # The test's task backend runs the import inside the upload: the job's page shows how it ended.
    page.wait_for_load_state()


def test_manager_imports_a_file_refused_for_a_bad_row_then_a_good_one(
    page, demo, sign_in, check_accessibility, check_phone_width
):
    round = Round.objects.get(slug="round-3")
    sign_in(MANAGER)

    page.goto(f"/rounds/{round.pk}/import/")
    assert heading(page) == "Import applications to Round 3"
    check_both_widths(check_accessibility, check_phone_width)

    upload(page, round, "partners-april.csv", csv_file([row(1), row(2, employees="twelve")]))

    assert heading(page) == "partners-april.csv"
    expect(page.locator("#import-progress .govuk-tag")).to_have_text("Not imported")
    expect(page.get_by_role("heading", name="Nothing was imported: 1 problem found")).to_be_visible()
    problems = page.locator("#import-errors tbody tr")
    expect(problems).to_have_count(1)
    assert problems.locator("td").all_inner_texts()[:2] == ["3", "employees"]
    expect(page.get_by_role("button", name="Try again")).to_have_count(0)
    check_both_widths(check_accessibility, check_phone_width)

    upload(page, round, "partners-april-corrected.csv", csv_file([row(1), row(2)]))

    assert heading(page) == "partners-april-corrected.csv"
    expect(page.locator("#import-progress .govuk-tag")).to_have_text("Imported")
    expect(page.get_by_role("heading", name="2 applications imported")).to_be_visible()
    check_both_widths(check_accessibility, check_phone_width)
    imported = Application.objects.filter(round=round, leader__email__endswith="@ribble-tooling.example")
    assert imported.count() == 2

    page.get_by_role("link", name="Import applications").click()
    page.wait_for_load_state()
    recent = page.get_by_role("heading", name="Recent imports").locator("+ ul li")
    expect(recent).to_have_count(2)
    check_both_widths(check_accessibility, check_phone_width)


def test_an_import_whose_worker_stopped_says_why_and_can_be_tried_again(
    page, demo, sign_in, check_accessibility, check_phone_width
):
    round = Round.objects.get(slug="round-3")
    minutes_ago = timezone.now() - dt.timedelta(minutes=settings.STALE_WORK_MINUTES + 5)
    job = ImportJob.objects.create(
        round=round,
        created_by=User.objects.get(email=MANAGER),
        filename="partners-may.csv",
        content=csv_file([row(3), row(4)]),
        status=ImportJob.Status.FAILED,
        error=imports.WORKER_STOPPED,
        total=2,
        processed=2,
        updated_at=minutes_ago,
        finished_at=minutes_ago,
    )
    sign_in(MANAGER)

    page.goto(f"/rounds/{round.pk}/import/{job.pk}/")

    assert heading(page) == "partners-may.csv"
    expect(page.get_by_role("heading", name="Nothing was imported")).to_be_visible()
    expect(page.locator("#import-error")).to_have_text(imports.WORKER_STOPPED)
    expect(page.locator("#import-progress")).not_to_have_attribute("hx-get", "")
    check_both_widths(check_accessibility, check_phone_width)

    page.get_by_role("button", name="Try again").click()
    page.wait_for_load_state()

    expect(page.get_by_role("heading", name="2 applications imported")).to_be_visible()
    check_both_widths(check_accessibility, check_phone_width)
    job.refresh_from_db()
    assert (job.status, job.created_count, job.error) == (ImportJob.Status.DONE, 2, "")


# Forming cohorts


def test_a_forming_run_lost_with_its_worker_says_it_stopped_and_the_page_stops_asking(
    page, demo, sign_in, check_accessibility, check_phone_width
):
    round = Round.objects.get(slug="round-3")
    FormingRun.objects.create(
        round=round,
        created_by=User.objects.get(email=MANAGER),
        status=FormingRun.Status.RUNNING,
        percent=40,
        message="Placing leaders in online cohorts",
        updated_at=timezone.now() - dt.timedelta(minutes=settings.STALE_WORK_MINUTES + 1),
    )
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "/runs/" in request.url else None)
    sign_in(MANAGER)

    page.goto(f"/rounds/{round.pk}/cohorts/")

    assert heading(page) == "Cohorts for Round 3"
    progress = page.locator("#run-progress")
    expect(progress.get_by_role("heading", name="Suggesting cohorts stopped")).to_be_visible()
    expect(progress).to_contain_text(forming.WORKER_STOPPED)
    expect(page.locator("[hx-get]")).to_have_count(0)
    expect(page.get_by_role("button", name="Suggest cohorts")).to_be_enabled()
    check_both_widths(check_accessibility, check_phone_width)
    # A page still following the run would have asked for its progress after a second, and again after two.
    page.wait_for_timeout(3_000)
    assert asked == []

    assert forming.fail_stale_runs() == 1
    page.reload()

    failed = page.locator(".govuk-error-summary")
    expect(failed.get_by_role("heading", name="Suggesting cohorts failed")).to_be_visible()
    expect(page.locator("#run-failed")).to_have_text(forming.WORKER_STOPPED)
    expect(page.locator("[hx-get]")).to_have_count(0)
    expect(page.get_by_role("button", name="Suggest cohorts")).to_be_enabled()
    check_both_widths(check_accessibility, check_phone_width)
    page.wait_for_timeout(2_000)
    assert asked == []


# Pages that only show: one demo for them all


@pytest.fixture
def round_3(demo_page):
    return Round.objects.get(slug="round-3")


def test_eligibility_rules_at_both_widths(demo_page, round_3):
    page = demo_page
    pages.sign_in(page, MANAGER)

    page.goto(f"/rounds/{round_3.pk}/eligibility/")

    assert heading(page) == "Eligibility rules for Round 3"
    expect(page.get_by_role("button", name="Save the rules")).to_be_visible()
    pages.check_accessibility(page)
    pages.check_phone_width(page)


def test_review_queue_at_both_widths(demo_page, round_3):
    page = demo_page
    pages.sign_in(page, MANAGER)

    page.goto(f"/rounds/{round_3.pk}/applications/")

    assert heading(page) == "Applications to Round 3"
    expect(page.locator("#applications tbody tr")).to_have_count(50)
    pages.check_accessibility(page)
    pages.check_phone_width(page)

    page.get_by_label("Status").select_option(label="Not eligible")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()

    ineligible = Application.objects.filter(round=round_3, status=Application.Status.INELIGIBLE).count()
    expect(page.locator("#applications tbody tr")).to_have_count(ineligible)
    pages.check_accessibility(page)
    pages.check_phone_width(page)


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
def test_page_not_found_at_both_widths(demo_page, signed_in):
    page = demo_page
    if signed_in:
        pages.sign_in(page, MANAGER)

    response = page.goto("/no-such-page/")

    assert response.status == 404
    assert heading(page) == "Page not found"
    pages.check_accessibility(page)
    pages.check_phone_width(page)


def test_building_a_cohort_by_hand_labels_every_choice_and_links_every_error(demo_page, round_3):
    """Its radios come from the shared include, whose inputs once all had an empty id and no label."""
    page = demo_page
    pages.sign_in(page, MANAGER)
    page.goto(f"/rounds/{round_3.pk}/cohorts/new/")
    assert heading(page) == "Build a cohort by hand"
    pages.check_accessibility(page)
    pages.check_phone_width(page)

    page.get_by_role("button", name="Start the cohort").click()
    page.wait_for_load_state()

    links = page.locator(".govuk-error-summary__list a")
    expect(links.first).to_be_visible()
    for href in [link.get_attribute("href") for link in links.all()]:
        assert href != "#" and page.locator(href).count() == 1, f"{href} leads nowhere"
    pages.check_accessibility(page)
    pages.check_phone_width(page)
