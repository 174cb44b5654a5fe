"""The public application form: question pages, Check your answers, the decision on the spot."""

import datetime as dt

import pytest
from django.core import mail

from peernet.applications.apply_views import post_limit, submit_limit
from peernet.applications.models import Application, Business, EligibilityDecision, Leader
from peernet.programmes.models import Round
from tests import factories

BASE = "/apply/boost/round-3"


def answers(preston, **overrides) -> dict[str, dict]:
    pages = {
        "business": {
            "business_name": "Ribble Valley Joinery Ltd",
            "legal_form": "limited_company",
            "company_number": "1234567",
            "trading_day": "1",
            "trading_month": "4",
            "trading_year": "2015",
        },
        "size": {"employees": "12", "turnover": "£450,000"},
        "sector": {"sic": "16230"},
        "location": {"postcode": "pr1 2he", "district": str(preston.pk)},
        "leader": {
            "leader_name": "Amira Shah",
            "leader_role": "Managing director",
            "email": "Amira@Example.com",
            "phone": "01772 123456",
        },
        "equality": {"gender": "woman", "age_band": "prefer_not"},
        "challenges": {"themes": ["staffing"], "challenge": "Finding skilled joiners"},
        "preferences": {"mode": "either", "slots": ["tue-am", "thu-pm"], "ownership": ["women-led"]},
        "subsidy": {"prior_assistance": "0", "within_threshold": "yes"},
        "consent": {"consent": "on"},
    }
    for page, values in overrides.items():
        pages[page] = {**pages[page], **values}
    return pages


def fill_in(client, pages: dict) -> None:
    for page, data in pages.items():
        response = client.post(f"{BASE}/{page}/", data)
        assert response.status_code == 302, (page, response.content.decode()[:3000])


@pytest.mark.django_db
def test_start_page_shows_round_at_short_url(client, round_3):
    response = client.get("/apply/round-3/")

    assert response.status_code == 200
    assert "Apply to Peer Networks, Round 3" in response.content.decode()
    assert "more than 5 employees and at most 249" in response.content.decode()


@pytest.mark.django_db
def test_start_page_for_closed_round_is_404(client, round_3):
    round_3.status = Round.Status.CLOSED
    round_3.save()

    assert client.get("/apply/round-3/").status_code == 404
    assert client.get(f"{BASE}/business/").status_code == 404


@pytest.mark.django_db
def test_short_url_with_same_slug_in_two_hubs_offers_a_choice(client, round_3, other_hub):
    factories.RoundFactory(programme=factories.ProgrammeFactory(hub=other_hub), number=3, slug="round-3")

    response = client.get("/apply/round-3/")

    assert response.status_code == 200
    assert "Which programme are you applying to?" in response.content.decode()
    assert client.get("/apply/other/round-3/").status_code == 200


@pytest.mark.django_db
def test_applicant_with_four_employees_is_told_why_on_the_spot(client, round_3, preston):
    fill_in(client, answers(preston, size={"employees": "4"}))

    response = client.post(f"{BASE}/check/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()

    application = Application.objects.get()
    assert application.status == Application.Status.INELIGIBLE
    assert application.reference in page
    assert "Your business is not eligible for this round" in page
    assert (
        "The round is for businesses with more than 5 employees and at most 249. You told us you have 4."
        in page
    )


@pytest.mark.django_db
def test_eligible_application_creates_business_leader_and_decision(client, round_3, preston):
    fill_in(client, answers(preston))

    response = client.post(f"{BASE}/check/")
    page = client.get(response["Location"]).content.decode()

    application = Application.objects.select_related("business", "leader").get()
    assert "Your business is eligible" in page
    assert application.status == Application.Status.WAITING
    assert application.source == Application.Source.FORM
    assert application.business.company_number == "01234567"
    assert application.business.postcode == "PR1 2HE"
    assert application.business.turnover_pence == 45_000_000
    assert application.business.sector == "Manufacturing"
    assert application.business.ownership == ["women-led"]
    assert application.leader.email == "amira@example.com"
    assert application.leader.gender == "woman"
    assert application.leader.age_band == "prefer_not"
    assert application.slots == ["tue-am", "thu-pm"]
    assert [t.slug for t in application.themes.all()] == ["staffing"]
    assert application.subsidy_within_threshold is True
    assert application.subsidy_prior_assistance_pence == 0
    assert application.privacy_notice_version == "1.0"
    assert application.consented_at is not None
    assert application.decisions.get().outcome == EligibilityDecision.Outcome.ELIGIBLE


@pytest.mark.django_db
def test_confirmation_email_has_reference_and_decision(
    client, round_3, preston, django_capture_on_commit_callbacks
):
    fill_in(client, answers(preston, size={"employees": "4"}))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}/check/")

    application = Application.objects.get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amira@example.com"]
    assert application.reference in mail.outbox[0].subject
    assert "You told us you have 4." in mail.outbox[0].body


@pytest.mark.django_db
def test_check_answers_lists_answers_with_change_links(client, round_3, preston):
    fill_in(client, answers(preston))

    page = client.get(f"{BASE}/check/").content.decode()

    assert "Ribble Valley Joinery Ltd" in page
    assert "1 April 2015" in page
    assert "£450,000" in page
    assert "16230 – Manufacture of other builders&#x27; carpentry and joinery" in page
    assert f'href="{BASE}/size/?change=1"' in page


@pytest.mark.django_db
def test_check_answers_sends_you_back_to_the_first_unanswered_page(client, round_3, preston):
    pages = answers(preston)
    del pages["leader"]
    fill_in(client, pages)

    response = client.get(f"{BASE}/check/")

    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/leader/"


@pytest.mark.django_db
def test_change_link_returns_to_check_answers(client, round_3, preston):
    fill_in(client, answers(preston))

    response = client.post(f"{BASE}/size/?change=1", {"employees": "20", "turnover": "450000"})

    assert response["Location"] == f"{BASE}/check/"


@pytest.mark.django_db
def test_saved_answers_are_shown_again_on_the_page(client, round_3, preston):
    fill_in(client, answers(preston))

    page = client.get(f"{BASE}/business/").content.decode()

    assert 'value="Ribble Valley Joinery Ltd"' in page


@pytest.mark.parametrize(
    ("page", "data", "message"),
    [
        (
            "size",
            {"employees": "twelve", "turnover": "1000"},
            "Enter the number of employees as a whole number, like 12",
        ),
        ("size", {"employees": "", "turnover": "1000"}, "Enter the number of employees, like 12"),
        (
            "size",
            {"employees": "12", "turnover": "-5"},
            "The turnover cannot be negative; enter 0 or more",
        ),
        ("size", {"employees": "12", "turnover": "9" * 40}, "must be 20 characters or fewer"),
        (
            "business",
            {
                "business_name": "x" * 5000,
                "legal_form": "sole_trader",
                "trading_day": "1",
                "trading_month": "1",
                "trading_year": "2010",
            },
            "Business name must be 200 characters or fewer",
        ),
        (
            "business",
            {
                "business_name": "A",
                "legal_form": "sole_trader",
                "trading_day": "1",
                "trading_month": "1",
                "trading_year": "2999",
            },
            "must be today or in the past",
        ),
        (
            "business",
            {
                "business_name": "A",
                "legal_form": "sole_trader",
                "trading_day": "31",
                "trading_month": "2",
                "trading_year": "2020",
            },
            "must be a real date",
        ),
        (
            "business",
            {
                "business_name": "A",
                "legal_form": "limited_company",
                "company_number": "ABC",
                "trading_day": "1",
                "trading_month": "1",
                "trading_year": "2010",
            },
            "Enter the Companies House number in the right format",
        ),
        (
            "location",
            {"postcode": "PR1 2HE", "district": "999999"},
            "Choose one of the council areas in the list",
        ),
        (
            "location",
            {"postcode": "NOT A POSTCODE", "district": "outside"},
            "Enter a full UK postcode, like PR1 2HE",
        ),
        (
            "leader",
            {"leader_name": "A", "leader_role": "B", "email": "nope", "phone": "01772 123456"},
            "Enter an email address in the correct format",
        ),
        ("preferences", {"mode": "teleport", "slots": ["sun-am"]}, "Choose how you would like to meet"),
        ("sector", {"sic": "=1+1"}, "Choose what your business does from the list"),
        ("consent", {}, "Confirm that you have read the privacy notice"),
    ],
)
@pytest.mark.django_db
def test_bad_answers_are_explained_and_kept(client, round_3, preston, page, data, message):
    response = client.post(f"{BASE}/{page}/", data)

    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in body
    for value in data.values():
        if (
            isinstance(value, str)
            and value
            and len(value) < 100
            and page not in ("location", "sector", "preferences")
        ):
            assert f'value="{value}"' in body


@pytest.mark.django_db
def test_sector_search_without_javascript_lists_codes_as_radios(client, round_3):
    page = client.get(f"{BASE}/sector/", {"q": "joinery"}).content.decode()

    assert 'value="16230"' in page
    assert 'value="43320"' in page
    assert 'type="radio"' in page


@pytest.mark.django_db
def test_subsidy_page_skipped_when_round_needs_no_declaration(client, round_3, preston):
    round_3.subsidy_regime = Round.SubsidyRegime.NONE
    round_3.save()
    pages = answers(preston)
    del pages["subsidy"]

    response = client.post(f"{BASE}/preferences/", pages["preferences"])
    assert response["Location"] == f"{BASE}/consent/"
    assert client.get(f"{BASE}/subsidy/").status_code == 404


@pytest.mark.django_db
def test_subsidy_shows_round_figures(client, round_3):
    page = client.get(f"{BASE}/subsidy/").content.decode()

    assert "£1,500" in page
    assert "£315,000" in page


@pytest.mark.django_db
def test_same_email_applying_twice_is_not_counted_twice(client, round_3, preston):
    fill_in(client, answers(preston))
    client.post(f"{BASE}/check/")
    fill_in(client, answers(preston, business={"business_name": "Another Ltd", "company_number": "7654321"}))

    response = client.post(f"{BASE}/check/")
    page = client.get(response["Location"]).content.decode()

    assert Application.objects.count() == 1
    assert "You have already applied to this round" in page


@pytest.mark.django_db
def test_second_leader_from_same_business_is_flagged(client, round_3, preston):
    fill_in(client, answers(preston))
    client.post(f"{BASE}/check/")
    fill_in(client, answers(preston, leader={"email": "second@example.com", "leader_name": "Sam Shah"}))

    client.post(f"{BASE}/check/")

    first, second = Application.objects.order_by("submitted_at", "pk")
    assert Business.objects.count() == 1
    assert Leader.objects.count() == 2
    assert second.duplicate_of == first
    assert second.status == Application.Status.INELIGIBLE


@pytest.mark.django_db
def test_confirmation_without_an_application_in_session_is_404(client, round_3):
    assert client.get(f"{BASE}/confirmation/").status_code == 404


@pytest.mark.django_db
def test_posts_are_csrf_protected(round_3, preston):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post(f"{BASE}/size/", {"employees": "12", "turnover": "1"})

    assert response.status_code == 403


@pytest.mark.django_db
def test_posts_are_rate_limited_per_address(client, round_3, settings):
    settings.APPLY_RATE_LIMIT = (3, 600)

    codes = [client.post(f"{BASE}/size/", {"employees": "12", "turnover": "1"}).status_code for _ in range(5)]

    assert codes == [302, 302, 302, 429, 429]


@pytest.mark.django_db
def test_trading_date_today_is_accepted_but_ineligible(client, round_3, preston):
    today = dt.date.today()
    fill_in(
        client,
        answers(
            preston,
            business={
                "trading_day": str(today.day),
                "trading_month": str(today.month),
                "trading_year": str(today.year),
            },
        ),
    )

    client.post(f"{BASE}/check/")

    assert Application.objects.get().status == Application.Status.INELIGIBLE


@pytest.mark.django_db
def test_behind_a_trusted_proxy_posts_are_limited_per_forwarded_address(client, round_3, settings):
    settings.APPLY_RATE_LIMIT = (3, 600)
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    def post_from(address):
        return client.post(
            f"{BASE}/size/",
            {"employees": "12", "turnover": "1"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=address,
        ).status_code

    first = [post_from("203.0.113.9") for _ in range(4)]
    other = post_from("198.51.100.7")

    assert first == [302, 302, 302, 429]
    assert other == 302


def test_the_default_limits_let_a_busy_office_apply():
    assert post_limit() == (600, 600)
    assert submit_limit() == (60, 3600)
