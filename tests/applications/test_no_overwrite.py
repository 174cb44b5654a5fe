"""Nothing overwritten: an applicant's facts stay on their application, where eligibility, the queue, exports
and the cohort engine read them; the shared leader and business records change only when hub staff accept
the new details, with an audit entry naming them."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from peernet.accounts.models import AuditEntry
from peernet.applications import imports
from peernet.applications.models import Application, Business, Leader
from peernet.cohorts.pool import applicant_for, pool_applications
from tests import factories
from tests.applications.test_import import csv_bytes, good_row
from tests.applications.test_public_form import BASE, answers, fill_in
from tests.html import rows, summary
from tests.world import build_world

pytestmark = pytest.mark.django_db

ACCEPT = "Update the records with these details"


@pytest.fixture
def world(hub, other_hub):
    return build_world(hub, other_hub)


@pytest.fixture
def pat(world):
    """Round 1's participant, as the hub has them on record."""
    leader = world.membership.application.leader
    Leader.objects.filter(pk=leader.pk).update(phone="01254 000111", gender="man")
    leader.refresh_from_db()
    return leader


@pytest.fixture
def small_joinery(hub, preston):
    """The hub's record of a joinery with 4 staff, from an earlier round."""
    return factories.BusinessFactory(
        hub=hub,
        name="Old Joinery Ltd",
        company_number="01234567",
        employees=4,
        turnover_pence=20_000_000,
        sic="25620",
        sector="Manufacturing",
        district=preston,
        trading_since=dt.date(2015, 4, 1),
    )


def submit(client, pages: dict) -> Application:
    fill_in(client, pages)
    response = client.post(f"{BASE}/check/")
    assert response.status_code == 302, response.content.decode()[:2000]
    reference = client.get(response["Location"]).context["application"].reference
    return Application.objects.select_related("leader", "business", "decision").get(reference=reference)


def detail_url(application: Application) -> str:
    return f"/rounds/{application.round_id}/applications/{application.reference}/"


def audit_of(subject) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
        ).order_by("pk")
    )


def test_existing_leaders_email_leaves_their_name_and_phone_and_round_1_cohort_page(
    client, world, pat, round_3, preston
):
    submit(
        client,
        answers(
            preston, leader={"email": pat.email, "leader_name": "Mallory Stranger", "phone": "07700 900999"}
        ),
    )

    pat.refresh_from_db()
    assert (pat.full_name, pat.phone, pat.gender, pat.business.name) == (
        "Pat Participant",
        "01254 000111",
        "man",
        "Pat's Pies Ltd",
    )
    client.force_login(world.manager)
    page = client.get(f"/cohorts/{world.cohort.code}/").content.decode()
    assert [row[:2] for row in rows(page, "members")] == [
        ["Fiona Fellow", "Fellow Fabrication Ltd"],
        ["Pat Participant", "Pat's Pies Ltd"],
    ]
    assert audit_of(pat) == []


def test_existing_company_number_leaves_the_business_record_and_no_anonymous_audit(
    client, round_3, preston, small_joinery
):
    application = submit(client, answers(preston))

    small_joinery.refresh_from_db()
    assert application.business == small_joinery
    assert (small_joinery.name, small_joinery.employees, small_joinery.sic, small_joinery.sector) == (
        "Old Joinery Ltd",
        4,
        "25620",
        "Manufacturing",
    )
    assert small_joinery.turnover_pence == 20_000_000
    assert small_joinery.ownership == []
    assert not AuditEntry.objects.filter(action="business.updated").exists()
    assert not AuditEntry.objects.filter(
        actor=None, content_type=ContentType.objects.get_for_model(Business)
    ).exists()


def test_application_holds_the_facts_given_and_is_judged_on_them(client, round_3, preston, small_joinery):
    application = submit(client, answers(preston, equality={"gender": "woman", "age_band": "35-44"}))

    assert application.business_name == "Ribble Valley Joinery Ltd"
    assert application.company_number == "01234567"
    assert application.legal_form == "limited_company"
    assert application.trading_since == dt.date(2015, 4, 1)
    assert application.employees == 12
    assert application.turnover_pence == 45_000_000
    assert (application.sic, application.sector) == ("16230", "Manufacturing")
    assert (application.postcode, application.district) == ("PR1 2HE", preston)
    assert application.ownership == ["women-led"]
    assert (application.leader_name, application.job_title, application.phone) == (
        "Amira Shah",
        "Managing director",
        "01772 123456",
    )
    assert (application.gender, application.age_band, application.ethnicity, application.disability) == (
        "woman",
        "35-44",
        "",
        "",
    )
    # The record says 4 staff; the business has grown to 12 and is judged on 12.
    assert application.status == Application.Status.WAITING
    checks = {check["rule"]: check for check in application.decision.checks}
    assert (checks["employees"]["passed"], checks["employees"]["evidence"]) == (True, "12 employees")
    assert checks["turnover"]["evidence"] == "Turnover £450,000"


def test_application_shrunk_below_the_rule_is_judged_on_its_own_figure(
    client, round_3, preston, small_joinery
):
    Business.objects.filter(pk=small_joinery.pk).update(employees=40)

    application = submit(client, answers(preston, size={"employees": "4"}))

    assert application.status == Application.Status.INELIGIBLE
    assert application.failed_rules == " employees "


def test_new_business_and_leader_are_made_from_the_application(client, round_3, preston):
    application = submit(client, answers(preston))

    business, leader = application.business, application.leader
    assert (business.name, business.company_number, business.employees, business.sic) == (
        "Ribble Valley Joinery Ltd",
        "01234567",
        12,
        "16230",
    )
    assert (business.turnover_pence, business.district, business.ownership) == (
        45_000_000,
        preston,
        ["women-led"],
    )
    assert (leader.full_name, leader.email, leader.phone, leader.business) == (
        "Amira Shah",
        "amira@example.com",
        "01772 123456",
        business,
    )
    client.force_login(factories.UserFactory(role="programme_manager", hub=round_3.programme.hub))
    page = client.get(detail_url(application)).content.decode()
    assert ACCEPT not in page
    assert 'id="business-differences"' not in page


def test_import_never_changes_an_existing_business_or_leader(round_3, preston, small_joinery, world, pat):
    row = good_row(1, company_number="1234567", business_name="Imported Name Ltd", email=pat.email)
    row.update(leader_name="Imported Person", employees="30")

    result = imports.import_file("rows.csv", csv_bytes([row]), round=round_3)

    assert (result.errors, result.created) == ([], 1)
    small_joinery.refresh_from_db()
    pat.refresh_from_db()
    assert (small_joinery.name, small_joinery.employees) == ("Old Joinery Ltd", 4)
    assert (pat.full_name, pat.business.name) == ("Pat Participant", "Pat's Pies Ltd")
    application = Application.objects.get(round=round_3)
    assert (application.business_name, application.employees, application.leader_name) == (
        "Imported Name Ltd",
        30,
        "Imported Person",
    )


def test_detail_page_shows_what_differs_from_the_records(client, world, pat, round_3, preston, small_joinery):
    application = submit(
        client,
        answers(
            preston,
            leader={"email": pat.email, "leader_name": "Patricia Participant", "phone": "07700 900123"},
            equality={"gender": "woman"},
        ),
    )

    client.force_login(world.manager)
    page = client.get(detail_url(application)).content.decode()

    assert summary(page, "business-differences") == {
        "Business name": "The application says Ribble Valley Joinery Ltd; the record says Old Joinery Ltd",
        "Employees": "The application says 12; the record says 4",
        "Turnover": "The application says £450,000; the record says £200,000",
        "What the business does": "The application says Manufacturing (SIC 16230); "
        "the record says Manufacturing (SIC 25620)",
        "Business profile": "The application says women-led; the record says none",
    }
    assert summary(page, "leader-differences") == {
        "Name": "The application says Patricia Participant; the record says Pat Participant",
        "Phone": "The application says 07700 900123; the record says 01254 000111",
        "Business": "The application says Old Joinery Ltd; the record says Pat's Pies Ltd",
        "Equality monitoring": "The application's answers differ from the record's; "
        "they are not shown because they are never used to decide",
    }
    assert ACCEPT in page
    # The application's own facts are what the page shows for the business.
    assert summary(page, "business")["Employees"] == "12"


def test_staff_accepting_updates_the_records_with_an_audit_entry_naming_them(
    client, world, pat, round_3, preston, small_joinery
):
    application = submit(
        client,
        answers(
            preston,
            leader={"email": pat.email, "leader_name": "Patricia Participant", "phone": "07700 900123"},
            equality={"gender": "woman"},
        ),
    )
    client.force_login(world.manager)

    response = client.post(detail_url(application) + "accept-details/")

    assert (response.status_code, response["Location"]) == (302, detail_url(application))
    small_joinery.refresh_from_db()
    pat.refresh_from_db()
    assert (small_joinery.name, small_joinery.employees, small_joinery.sic) == (
        "Ribble Valley Joinery Ltd",
        12,
        "16230",
    )
    assert (small_joinery.turnover_pence, small_joinery.ownership) == (45_000_000, ["women-led"])
    assert (pat.full_name, pat.phone, pat.job_title, pat.gender, pat.age_band, pat.business) == (
        "Patricia Participant",
        "07700 900123",
        "Managing director",
        "woman",
        "prefer_not",
        small_joinery,
    )
    [business_entry] = audit_of(small_joinery)
    assert (business_entry.action, business_entry.actor) == ("business.updated", world.manager)
    assert business_entry.data["application"] == application.reference
    assert business_entry.data["changed"] == {
        "name": {"from": "Old Joinery Ltd", "to": "Ribble Valley Joinery Ltd"},
        "employees": {"from": 4, "to": 12},
        "turnover_pence": {"from": 20_000_000, "to": 45_000_000},
        "sic": {"from": "25620", "to": "16230"},
        "ownership": {"from": [], "to": ["women-led"]},
    }
    [leader_entry] = audit_of(pat)
    assert (leader_entry.action, leader_entry.actor) == ("leader.updated", world.manager)
    assert leader_entry.data["changed"] == {
        "full_name": {"from": "Pat Participant", "to": "Patricia Participant"},
        "phone": {"from": "01254 000111", "to": "07700 900123"},
        "business": {"from": "Pat's Pies Ltd", "to": "Ribble Valley Joinery Ltd"},
    }
    # Equality answers are special: the trail says they changed, never what they are.
    assert leader_entry.data["equality_answers_changed"] == ["gender", "age_band"]
    assert "woman" not in str(leader_entry.data)
    assert "prefer_not" not in str(leader_entry.data)
    page = client.get(detail_url(application)).content.decode()
    assert ACCEPT not in page
    assert "Records updated from this application" in page


def test_accepting_twice_changes_nothing_the_second_time(client, round_3, preston, small_joinery, manager):
    application = submit(client, answers(preston))
    client.force_login(manager)
    client.post(detail_url(application) + "accept-details/")

    response = client.post(detail_url(application) + "accept-details/", follow=True)

    assert "The records already hold these details" in response.content.decode()
    assert len(audit_of(small_joinery)) == 1


@pytest.mark.parametrize("who", ["partner_manager", "facilitator", "participant", "board", "national"])
def test_other_roles_cannot_accept_details(client, world, pat, round_3, preston, small_joinery, who):
    application = submit(client, answers(preston, leader={"email": pat.email, "leader_name": "Mallory"}))
    client.force_login(getattr(world, who))

    response = client.post(detail_url(application) + "accept-details/")

    assert response.status_code == 403
    small_joinery.refresh_from_db()
    pat.refresh_from_db()
    assert (small_joinery.name, pat.full_name) == ("Old Joinery Ltd", "Pat Participant")
    assert audit_of(small_joinery) == audit_of(pat) == []


@pytest.mark.parametrize("who", ["other_hub_manager", "other_hub_admin"])
def test_another_hubs_staff_cannot_find_the_application_to_accept(
    client, world, pat, round_3, preston, small_joinery, who
):
    application = submit(client, answers(preston, leader={"email": pat.email, "leader_name": "Mallory"}))
    client.force_login(getattr(world, who))

    assert client.post(detail_url(application) + "accept-details/").status_code == 404
    small_joinery.refresh_from_db()
    assert small_joinery.name == "Old Joinery Ltd"


def test_accepting_needs_a_post_with_the_csrf_token(world, round_3, preston, small_joinery, client):
    application = submit(client, answers(preston))
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.manager)

    assert strict.get(detail_url(application) + "accept-details/").status_code == 405
    assert strict.post(detail_url(application) + "accept-details/").status_code == 403
    small_joinery.refresh_from_db()
    assert small_joinery.name == "Old Joinery Ltd"


def the_record_now_says(business: Business, preston) -> None:
    """Staff have since put other facts on the business record."""
    Business.objects.filter(pk=business.pk).update(
        name="Record Name Ltd",
        employees=4,
        turnover_pence=20_000_000,
        sic="25620",
        district=preston,
        ownership=[],
    )


def test_queue_and_export_show_the_applications_own_facts(client, round_3, preston, manager):
    wyre = round_3.eligible_districts.get(name="Wyre")
    application = submit(client, answers(preston, location={"postcode": "FY6 7AB", "district": str(wyre.pk)}))
    the_record_now_says(application.business, preston)
    client.force_login(manager)

    queue = client.get(f"/rounds/{round_3.pk}/applications/?district={wyre.pk}&q=ribble").content.decode()
    export = client.get(f"/rounds/{round_3.pk}/applications/export.csv").content.decode("utf-8-sig")

    assert application.reference in queue
    assert "Ribble Valley Joinery Ltd" in queue
    assert "Record Name Ltd" not in queue
    header, row = list(csv.reader(io.StringIO(export)))
    exported = dict(zip(header, row, strict=True))
    assert {
        name: exported[name] for name in ("business", "district", "sic", "employees", "turnover (£)")
    } == {
        "business": "Ribble Valley Joinery Ltd",
        "district": "Wyre",
        "sic": "16230",
        "employees": "12",
        "turnover (£)": "450000",
    }
    assert (exported["leader"], exported["phone"]) == ("Amira Shah", "01772 123456")


def test_the_engines_pool_reads_the_applications_own_facts(client, round_3, preston):
    wyre = round_3.eligible_districts.get(name="Wyre")
    submitted = submit(client, answers(preston, location={"postcode": "FY6 7AB", "district": str(wyre.pk)}))
    the_record_now_says(submitted.business, preston)

    [application] = pool_applications(round_3)
    applicant = applicant_for(application)

    assert (applicant.employees, applicant.turnover, applicant.sic) == (12, 450_000, "16230")
    assert (applicant.district, applicant.ownership) == ("Wyre", frozenset({"women-led"}))


@pytest.mark.django_db(transaction=True)
def test_migrating_gives_earlier_applications_the_facts_of_their_records():
    before = [("applications", "0004_import_job_error_and_heartbeat")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    hub = old.get_model("accounts", "Hub").objects.create(name="Boost", short_name="Boost", slug="boost")
    preston = old.get_model("accounts", "District").objects.create(
        hub=hub, name="Preston", travel_area="Central"
    )
    programme = old.get_model("programmes", "Programme").objects.create(
        hub=hub, name="Peer Networks", slug="pn"
    )
    round_ = old.get_model("programmes", "Round").objects.create(
        programme=programme, number=1, name="Round 1", slug="round-1", funder="BEIS",
        starts_on=dt.date(2020, 10, 1), ends_on=dt.date(2021, 3, 31),
    )  # fmt: skip
    business = old.get_model("applications", "Business").objects.create(
        hub=hub, name="Pat's Pies Ltd", company_number="01234567", legal_form="llp",
        trading_since=dt.date(2012, 5, 1), employees=14, turnover_pence=60_000_000, sic="10710",
        sector="Manufacturing", postcode="PR1 2HE", district=preston, ownership=["family"],
    )  # fmt: skip
    leader = old.get_model("applications", "Leader").objects.create(
        hub=hub, business=business, full_name="Pat Participant", job_title="Owner", email="pat@example.com",
        phone="01772 000111", gender="woman", age_band="45-54",
    )  # fmt: skip
    old.get_model("applications", "Application").objects.create(
        round=round_,
        leader=leader,
        business=business,
        reference="PN-AAAAAA",
        submitted_at=dt.datetime(2020, 9, 1, tzinfo=dt.UTC),
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    application = Application.objects.get(reference="PN-AAAAAA")
    assert (application.business_name, application.company_number, application.legal_form) == (
        "Pat's Pies Ltd",
        "01234567",
        "llp",
    )
    assert (application.trading_since, application.employees, application.turnover_pence) == (
        dt.date(2012, 5, 1),
        14,
        60_000_000,
    )
    assert (application.sic, application.sector, application.postcode) == (
        "10710",
        "Manufacturing",
        "PR1 2HE",
    )
    assert (application.district.name, application.ownership) == ("Preston", ["family"])
    assert (application.leader_name, application.job_title, application.phone) == (
        "Pat Participant",
        "Owner",
        "01772 000111",
    )
    assert (application.gender, application.age_band, application.ethnicity) == ("woman", "45-54", "")


def test_an_earlier_applications_details_never_replace_a_later_ones(
    client, world, pat, round_3, preston, small_joinery
):
    """Pat's Round 1 application holds Round 1's facts; once Round 3's are accepted it must not undo them."""
    later = submit(
        client, answers(preston, leader={"email": pat.email, "leader_name": "Patricia Participant"})
    )
    client.force_login(world.manager)
    client.post(detail_url(later) + "accept-details/")
    earlier = world.membership.application

    page = client.get(detail_url(earlier)).content.decode()
    response = client.post(detail_url(earlier) + "accept-details/", follow=True)

    assert summary(page, "leader-differences")["Name"] == (
        "The application says Pat Participant; the record says Patricia Participant"
    )
    assert ACCEPT not in page
    assert f"A later application, {later.reference}, gives newer details" in page
    assert f"A later application, {later.reference}, gives newer details" in response.content.decode()
    pat.refresh_from_db()
    assert pat.full_name == "Patricia Participant"
    assert AuditEntry.objects.filter(action="leader.updated").count() == 1
