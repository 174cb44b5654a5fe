"""The round's forming pages over HTTP: who may open them, what they show, moves, locks, pins, new cohorts
and confirming, with query counts that do not grow with cohorts or members."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from peernet.applications.models import Application
from peernet.cohorts.models import Cohort, FormingRun, Membership
from tests import factories
from tests.html import text
from tests.world import build_world


@pytest.fixture
def world(hub, other_hub):
    return build_world(hub, other_hub)


def waiting(world, n: int, **fields):
    """n applications waiting in the world's round, online on Tuesday mornings, none competing."""
    fields.setdefault("slots", ["tue-am"])
    fields.setdefault("mode", Application.Mode.ONLINE)
    return [
        factories.ApplicationFactory(
            round=world.round,
            leader__hub=world.hub,
            leader__full_name=f"Waiting {i:02d}",
            leader__business__sic="",
            **fields,
        )
        for i in range(n)
    ]


def proposed(world, applications, **fields):
    fields.setdefault("partner", None)
    cohort = factories.CohortFactory(
        round=world.round, status=Cohort.Status.PROPOSED, facilitator=None, slot="tue-am", **fields
    )
    for application in applications:
        factories.MembershipFactory(cohort=cohort, application=application, status=Membership.Status.PROPOSED)
    return cohort


def urls(world, cohort, reference):
    base = f"/rounds/{world.round.pk}/cohorts/"
    return [
        ("get", base),
        ("post", base + "suggest/"),
        ("get", base + f"move/?application={reference}&to=waiting"),
        ("get", base + "new/"),
        ("get", base + "new-partner-led/"),
        ("post", base + f"{cohort.code}/lock/"),
        ("get", base + f"{cohort.code}/confirm/"),
        ("post", base + f"{cohort.code}/pin/{reference}/"),
    ]


@pytest.mark.parametrize(
    "who", ["partner_manager", "facilitator", "participant", "board", "national", "other_facilitator"]
)
def test_forming_pages_are_refused_to_every_role_but_hub_staff(client, world, who):
    people = waiting(world, 8)
    cohort = proposed(world, people)
    client.force_login(getattr(world, who))

    for method, url in urls(world, cohort, people[0].reference):
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
    assert Cohort.objects.get(pk=cohort.pk).locked is False


@pytest.mark.parametrize("who", ["other_hub_manager", "other_hub_admin"])
def test_forming_pages_of_another_hub_are_not_found(client, world, who):
    people = waiting(world, 8)
    cohort = proposed(world, people)
    client.force_login(getattr(world, who))

    for method, url in urls(world, cohort, people[0].reference):
        assert getattr(client, method)(url).status_code == 404, url
    assert not FormingRun.objects.exists()


def test_a_proposed_cohort_is_hidden_from_its_partner_and_facilitator_until_confirmed(client, world):
    cohort = proposed(world, waiting(world, 8), partner=world.partner)

    for who in ("partner_manager", "facilitator", "participant"):
        client.force_login(getattr(world, who))
        assert client.get(f"/cohorts/{cohort.code}/").status_code == 404


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_proposal_page_queries_do_not_grow_with_cohorts_or_members(client, world):
    client.force_login(world.manager)
    url = f"/rounds/{world.round.pk}/cohorts/"
    proposed(world, waiting(world, 8))
    waiting(world, 1)
    few = count_queries(client, url)

    for _ in range(3):
        proposed(world, waiting(world, 10))
    waiting(world, 12)
    many = count_queries(client, url)

    assert many == few
    page = text(client.get(url).content)
    assert "51 eligible leaders waiting for a cohort: 13 on the waiting list" in page


def test_cohort_page_queries_do_not_grow_with_members(client, world):
    client.force_login(world.manager)
    url = f"/cohorts/{world.cohort.code}/"
    few = count_queries(client, url)
    for _ in range(8):
        factories.MembershipFactory(cohort=world.cohort)
    assert count_queries(client, url) == few


def test_suggest_runs_the_engine_and_the_page_shows_its_cohorts(
    client, world, django_capture_on_commit_callbacks
):
    waiting(world, 18)
    client.force_login(world.manager)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rounds/{world.round.pk}/cohorts/suggest/")

    assert response.status_code == 302
    run = FormingRun.objects.get()
    assert (run.status, run.summary) == ("done", "placed 18 of 18 in 2 cohorts, Q=0.550, invalid=0")
    page = client.get(f"/rounds/{world.round.pk}/cohorts/").content.decode()
    assert page.count('class="peernet-card peernet-cohort"') == 2
    assert "placed 18 of 18 in 2 cohorts, Q=0.550, invalid=0" in text(page)
    assert "18 eligible leaders waiting for a cohort: 0 on the waiting list" in text(page)


def test_a_second_run_is_refused_while_one_is_under_way(client, world):
    FormingRun.objects.create(round=world.round, status=FormingRun.Status.RUNNING)
    client.force_login(world.manager)

    response = client.post(f"/rounds/{world.round.pk}/cohorts/suggest/", follow=True)

    assert FormingRun.objects.count() == 1
    assert "Cohorts are already being suggested for this round" in text(response.content)


def test_progress_asks_again_later_each_time_and_refreshes_the_page_once_done(client, world):
    run = FormingRun.objects.create(
        round=world.round, status=FormingRun.Status.RUNNING, percent=40, message="improving: 12 placed"
    )
    client.force_login(world.manager)
    url = f"/rounds/{world.round.pk}/cohorts/runs/{run.pk}/"

    first = client.get(url + "?n=0", headers={"HX-Request": "true"})
    later = client.get(url + "?n=9", headers={"HX-Request": "true"})
    assert 'hx-trigger="load delay:1s"' in first.content.decode()
    assert 'hx-trigger="load delay:5s"' in later.content.decode()
    assert 'value="40"' in first.content.decode() and "improving: 12 placed" in text(first.content)
    assert "HX-Refresh" not in first.headers

    # A count that is not one starts again from the first delay.
    odd = client.get(url + "?n=²", headers={"HX-Request": "true"})
    assert 'hx-trigger="load delay:1s"' in odd.content.decode()

    FormingRun.objects.filter(pk=run.pk).update(status=FormingRun.Status.DONE, summary="placed 1 of 1")
    done = client.get(url + "?n=3", headers={"HX-Request": "true"})
    assert done.headers["HX-Refresh"] == "true"
    assert "hx-trigger" not in done.content.decode()


def test_a_move_that_breaks_a_rule_is_shown_refused_and_nothing_changes(client, world):
    people = waiting(world, 8)
    cohort = proposed(world, people)
    (thursday,) = waiting(world, 1, slots=["thu-pm"])
    thursday.leader.full_name = "Thea Thursday"
    thursday.leader.save()
    client.force_login(world.manager)
    url = f"/rounds/{world.round.pk}/cohorts/move/"

    checked = client.get(url, {"application": thursday.reference, "to": cohort.code})
    saved = client.post(url, {"application": thursday.reference, "to": cohort.code})

    for response in (checked, saved):
        assert response.status_code == 400
        page = text(response.content)
        assert "This move is refused" in page
        assert f"Thea Thursday ({thursday.reference}) cannot meet at tue-am (lists thu-pm)" in page
        assert "There is a problem" in page
    assert not thursday.memberships.exists()


def test_a_drag_asks_for_the_check_alone_and_gets_it_with_status_200(client, world):
    cohort = proposed(world, waiting(world, 8))
    (thursday,) = waiting(world, 1, slots=["thu-pm"])
    client.force_login(world.manager)

    response = client.get(
        f"/rounds/{world.round.pk}/cohorts/move/",
        {"application": thursday.reference, "to": cohort.code},
        headers={"HX-Request": "true"},
    )

    # htmx swaps only successful responses: the check succeeded, its answer is the refusal.
    assert response.status_code == 200
    assert "data-refused" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_a_valid_move_saves_pins_and_warns_of_the_size_it_leaves(client, world):
    people = waiting(world, 8)
    cohort = proposed(world, people)
    client.force_login(world.manager)
    url = f"/rounds/{world.round.pk}/cohorts/move/"

    checked = client.get(url, {"application": people[0].reference, "to": "waiting"})
    assert checked.status_code == 200
    assert "Save this move" in text(checked.content)
    assert f"{cohort.name} would have 7 members, fewer than 8" in text(checked.content)

    response = client.post(url, {"application": people[0].reference, "to": "waiting"}, follow=True)

    assert response.status_code == 200
    assert not people[0].memberships.exists()
    assert cohort.memberships.count() == 7
    assert f"{people[0].leader.full_name} moved to the waiting list" in text(response.content)
    back = people[1]
    client.post(url, {"application": people[0].reference, "to": cohort.code})
    assert Membership.objects.get(application=people[0]).pinned is True
    assert Membership.objects.get(application=back).pinned is False


def test_move_form_names_the_field_when_the_person_is_not_in_the_pool(client, world):
    client.force_login(world.manager)

    response = client.get(f"/rounds/{world.round.pk}/cohorts/move/", {"application": "PN-ZZZZZZ", "to": ""})

    assert response.status_code == 400
    page = text(response.content)
    assert "That person is not waiting for a cohort in this round" in page
    assert "Choose where to move them" in page


def test_lock_and_pin_are_saved_and_recorded(client, world):
    people = waiting(world, 8)
    cohort = proposed(world, people)
    client.force_login(world.manager)
    base = f"/rounds/{world.round.pk}/cohorts/{cohort.code}/"

    client.post(base + f"pin/{people[2].reference}/", {"pinned": "1"})
    client.post(base + "lock/", {"locked": "1"})

    cohort.refresh_from_db()
    assert cohort.locked is True
    assert Membership.objects.get(application=people[2]).pinned is True
    moved = client.post(
        f"/rounds/{world.round.pk}/cohorts/move/", {"application": people[0].reference, "to": "waiting"}
    )
    assert moved.status_code == 400
    assert f"{cohort.name} is locked; unlock it to change its members" in text(moved.content)


def test_new_cohort_by_hand_needs_an_area_in_person_and_keeps_what_was_typed(client, world):
    client.force_login(world.manager)
    url = f"/rounds/{world.round.pk}/cohorts/new/"

    response = client.post(url, {"name": "Fylde food makers", "slot": "wed-am", "mode": "in-person"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the travel area of this in-person cohort" in text(page)
    assert 'value="Fylde food makers"' in page
    assert not Cohort.objects.filter(name="Fylde food makers").exists()

    area = world.hub.districts.values_list("travel_area", flat=True).first()
    response = client.post(
        url,
        {"name": "Fylde food makers", "slot": "wed-am", "mode": "in-person", "area": area, "basis": "open"},
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get(name="Fylde food makers")
    assert (cohort.status, cohort.origin, cohort.locked, cohort.area) == ("proposed", "manual", True, area)


def test_partner_led_cohort_takes_the_organisations_members_who_fit(client, world):
    fsb = waiting(world, 9, organisation="FSB")
    thursday = waiting(world, 1, organisation="FSB", slots=["thu-pm"])[0]
    waiting(world, 3, organisation="")
    client.force_login(world.manager)

    response = client.post(
        f"/rounds/{world.round.pk}/cohorts/new-partner-led/",
        {"partner": world.partner.pk, "organisation": "FSB", "slot": "tue-am", "mode": "online"},
    )

    assert response.status_code == 200
    cohort = Cohort.objects.get(origin=Cohort.Origin.PARTNER)
    assert (cohort.basis, cohort.basis_value, cohort.partner) == ("organisation", "FSB", world.partner)
    assert set(cohort.memberships.values_list("application_id", flat=True)) == {a.pk for a in fsb}
    page = text(response.content)
    assert "9 members of FSB joined" in page
    assert "cannot meet at tue-am (lists thu-pm)" in page and thursday.leader.full_name in page


def test_confirm_form_lists_every_missing_answer_and_confirms_nothing(client, world):
    cohort = proposed(world, waiting(world, 8))
    client.force_login(world.manager)

    response = client.post(f"/rounds/{world.round.pk}/cohorts/{cohort.code}/confirm/", {})

    assert response.status_code == 400
    page = text(response.content)
    for message in (
        "Choose the delivery partner",
        "Choose the facilitator",
        "Enter the date of the first meeting, like 12 1 2027",
        "Enter the link members use to join the online meetings",
    ):
        assert message in page
    cohort.refresh_from_db()
    assert cohort.status == "proposed"


def test_confirm_refuses_a_link_longer_than_a_cohort_keeps(client, world):
    cohort = proposed(world, waiting(world, 8))
    client.force_login(world.manager)

    response = client.post(
        f"/rounds/{world.round.pk}/cohorts/{cohort.code}/confirm/",
        {
            "partner": world.partner.pk,
            "facilitator": world.cohort.facilitator.pk,
            "starts_on": (timezone.localdate() + dt.timedelta(days=21)).strftime("%d %m %Y"),
            # A valid web address, longer than the 200 characters a cohort keeps.
            "online_link": "https://meet.example.org/" + "a" * 180,
        },
    )

    assert response.status_code == 400
    assert "The link must be 200 characters or fewer; use the meeting&#x27;s shorter link" in (
        response.content.decode()
    )
    cohort.refresh_from_db()
    assert (cohort.status, cohort.online_link) == ("proposed", "")


def test_confirm_refuses_a_facilitator_of_another_partner(client, world):
    cohort = proposed(world, waiting(world, 8))
    other = factories.ContractFactory(round=world.round, partner=world.other_cohort.partner)
    client.force_login(world.manager)

    response = client.post(
        f"/rounds/{world.round.pk}/cohorts/{cohort.code}/confirm/",
        {
            "partner": other.partner.pk,
            "facilitator": world.cohort.facilitator.pk,
            "starts_on": "12 1 2027",
            "online_link": "https://meet.example.org/abc",
        },
    )

    assert response.status_code == 400
    assert (
        f"Fay Facilitator works for Red Rose Chamber; choose a facilitator of {other.partner.name}"
        in text(response.content)
    )


def test_confirm_page_shows_the_contract_rule_in_its_own_words(client, world):
    cohort = proposed(world, waiting(world, 8))
    # The partner's contract awards one cohort more than the one it runs; a second running cohort takes it.
    factories.CohortFactory(
        round=world.round, partner=world.partner, contract=world.cohort.contract, status=Cohort.Status.RUNNING
    )
    client.force_login(world.manager)

    response = client.post(
        f"/rounds/{world.round.pk}/cohorts/{cohort.code}/confirm/",
        {
            "partner": world.partner.pk,
            "facilitator": world.cohort.facilitator.pk,
            "starts_on": "12 1 2027",
            "online_link": "https://meet.example.org/abc",
        },
    )

    assert response.status_code == 400
    assert (
        escape(f"{world.partner.name}'s contract awards 2 cohorts and all are taken; choose another partner")
        in response.content.decode()
    )
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.PROPOSED


def test_confirm_places_the_members_and_emails_them_and_the_facilitator(
    client, world, django_capture_on_commit_callbacks
):
    people = waiting(world, 8)
    cohort = proposed(world, people)
    client.force_login(world.manager)
    starts = timezone.localdate() + dt.timedelta(days=21)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/rounds/{world.round.pk}/cohorts/{cohort.code}/confirm/",
            {
                "partner": world.partner.pk,
                "facilitator": world.cohort.facilitator.pk,
                "starts_on": starts.strftime("%d %m %Y"),
                "online_link": "meet.example.org/preston",
            },
        )

    assert response.status_code == 302
    assert response.headers["Location"] == f"/cohorts/{cohort.code}/"
    cohort.refresh_from_db()
    assert (cohort.status, cohort.partner, cohort.starts_on) == ("confirmed", world.partner, starts)
    assert cohort.online_link == "https://meet.example.org/preston"
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in people]).values_list("status", flat=True)
    ) == {"placed"}
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([a.leader.email for a in people] + [world.cohort.facilitator.email])
    # The facilitator now sees the cohort; the other partner's facilitator still does not.
    client.force_login(world.facilitator)
    assert client.get(f"/cohorts/{cohort.code}/").status_code == 200
    client.force_login(world.other_facilitator)
    assert client.get(f"/cohorts/{cohort.code}/").status_code == 404


def test_withdrawing_an_application_takes_it_out_of_its_suggested_cohort(world):
    from peernet.applications.workflow import withdraw

    people = waiting(world, 8)
    cohort = proposed(world, people)

    withdraw(application=people[0], reason="Sold the business", by=world.manager)

    assert cohort.memberships.count() == 7
    assert not people[0].memberships.exists()
