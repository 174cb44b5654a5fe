"""Two submissions at the same moment: the second gets the answer a repeat gets ("you have already applied"),
or its own application when it is another person from the same new business; never a server error.

The overlap is made, not hoped for: the first submission's transaction stays open until the second is seen
waiting on a row the first wrote (PostgreSQL's pg_stat_activity says so), then the first commits.
"""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from peernet.accounts.models import AuditEntry
from peernet.applications.answers import ApplicationAnswers
from peernet.applications.models import Application, Business, Leader
from peernet.applications.workflow import AlreadyApplied, submit_application
from tests import factories
from tests.applications.test_public_form import BASE, answers, fill_in

pytestmark = pytest.mark.django_db(transaction=True)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writing transaction at a time (BEGIN IMMEDIATE): two submissions cannot overlap",
)


def amira(preston, **overrides) -> ApplicationAnswers:
    """The public form's answers of tests.applications.test_public_form, as submit_application takes them."""
    given = {
        "business_name": "Ribble Valley Joinery Ltd",
        "company_number": "01234567",
        "trading_since": dt.date(2015, 4, 1),
        "employees": 12,
        "turnover_pence": 45_000_000,
        "sic": "16230",
        "postcode": "PR1 2HE",
        "district": preston,
        "leader_name": "Amira Shah",
        "leader_role": "Managing director",
        "email": "amira@example.com",
        "phone": "01772 123456",
        "mode": "either",
        "slots": ["tue-am", "thu-pm"],
        "subsidy_within_threshold": True,
        "subsidy_prior_assistance_pence": 0,
        "privacy_notice_version": "1.0",
    }
    return ApplicationAnswers(**{**given, **overrides})


def someone_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def overlapping(first, second) -> tuple[object, object]:
    """Run first() in a transaction held open until second(), in another thread, waits on what first wrote.

    Returns what each returned or raised; fails if second() never had to wait (there was no overlap)."""
    results: dict[str, object] = {}
    opened, release = threading.Event(), threading.Event()

    def run(name, work, *, hold: bool):
        try:
            with transaction.atomic():
                results[name] = work()
                if hold:
                    opened.set()
                    release.wait(20)
        except Exception as error:  # the outcome under test, 500 included
            results[name] = error
        finally:
            opened.set()
            connection.close()

    one = threading.Thread(target=run, args=("first", first), kwargs={"hold": True})
    one.start()
    assert opened.wait(20)
    two = threading.Thread(target=run, args=("second", second), kwargs={"hold": False})
    two.start()
    deadline = time.monotonic() + 20
    waited = False
    while two.is_alive() and time.monotonic() < deadline and not waited:
        waited = someone_waits_on_a_lock()
        time.sleep(0.02)
    release.set()
    one.join(20)
    two.join(20)
    assert waited, "the second submission never waited for the first, so they did not overlap"
    return results["first"], results["second"]


def filled_in(preston, **pages) -> Client:
    client = Client()
    fill_in(client, answers(preston, **pages))
    return client


def page_after(client: Client, response) -> str:
    assert (response.status_code, response["Location"]) == (302, f"{BASE}/confirmation/")
    return client.get(response["Location"]).content.decode()


@on_postgresql
def test_the_same_new_application_sent_twice_at_once_is_already_applied(round_3, preston):
    browser = filled_in(preston)

    first, second = overlapping(
        lambda: submit_application(round=round_3, answers=amira(preston)),
        lambda: browser.post(f"{BASE}/check/"),
    )

    assert isinstance(first, Application)
    assert "You have already applied to this round" in page_after(browser, second)
    assert Application.objects.get().reference == first.reference
    assert (Business.objects.count(), Leader.objects.count()) == (1, 1)


@on_postgresql
def test_a_sole_trader_sending_twice_at_once_is_already_applied(round_3, preston):
    sole_trader = {"legal_form": "sole_trader", "company_number": "", "business_name": "Amira Shah Joinery"}
    browser = filled_in(preston, business=sole_trader)

    first, second = overlapping(
        lambda: submit_application(round=round_3, answers=amira(preston, **sole_trader)),
        lambda: browser.post(f"{BASE}/check/"),
    )

    assert isinstance(first, Application)
    assert "You have already applied to this round" in page_after(browser, second)
    assert (Application.objects.count(), Business.objects.count(), Leader.objects.count()) == (1, 1, 1)


@on_postgresql
def test_a_returning_leader_sending_twice_at_once_is_already_applied(round_3, preston, hub):
    leader = factories.LeaderFactory(
        hub=hub, email="amira@example.com", business__hub=hub, business__company_number="01234567"
    )
    browser = filled_in(preston)

    first, second = overlapping(
        lambda: submit_application(round=round_3, answers=amira(preston)),
        lambda: browser.post(f"{BASE}/check/"),
    )

    assert isinstance(first, Application)
    assert "You have already applied to this round" in page_after(browser, second)
    assert Application.objects.get().leader == leader


@on_postgresql
def test_two_people_from_the_same_new_business_at_once_both_apply(round_3, preston):
    colleague = filled_in(preston, leader={"email": "sam@example.com", "leader_name": "Sam Shah"})

    first, second = overlapping(
        lambda: submit_application(round=round_3, answers=amira(preston)),
        lambda: colleague.post(f"{BASE}/check/"),
    )

    assert isinstance(first, Application)
    assert "Your reference number" in page_after(colleague, second)
    business = Business.objects.get()
    assert {a.leader.email for a in business.applications.select_related("leader")} == {
        "amira@example.com",
        "sam@example.com",
    }
    sam = Application.objects.get(leader__email="sam@example.com")
    assert (sam.duplicate_of, sam.status) == (first, Application.Status.INELIGIBLE)


def test_the_same_application_sent_again_later_is_already_applied_and_audited(round_3, preston):
    first = submit_application(round=round_3, answers=amira(preston))

    with pytest.raises(AlreadyApplied) as repeat:
        submit_application(round=round_3, answers=amira(preston, employees=40))

    assert repeat.value.application == first
    assert Application.objects.get() == first
    entry = AuditEntry.objects.get(action="application.repeated")
    assert entry.object_id == str(first.pk)
    assert entry.summary == f"{first.reference}: the same email applied to Round 3 again; not counted twice"


def test_the_public_form_sent_twice_in_turn_says_already_applied(round_3, preston):
    browser = filled_in(preston)
    page_after(browser, browser.post(f"{BASE}/check/"))
    fill_in(browser, answers(preston))

    page = page_after(browser, browser.post(f"{BASE}/check/"))

    assert "You have already applied to this round" in page
    assert Application.objects.count() == 1
