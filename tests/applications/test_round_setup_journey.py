"""A manager sets up Round 4 from their own pages, opens it, and the public form takes an application."""

import pytest

from peernet.applications.models import Application
from peernet.programmes.models import Round
from tests.applications.test_public_form import answers


def round_4_form(programme, staffing) -> dict:
    return {
        "programme": str(programme.pk),
        "name": "Round 4",
        "number": "4",
        "slug": "",
        "funder": "Department for Business and Trade",
        "grant_pence": "£390,000",
        "starts_on": "1 4 2027",
        "ends_on": "31 3 2028",
        "applications_open_on": "1 4 2027",
        "applications_close_on": "30 6 2027",
        "planned_cohorts": "24",
        "planned_participants": "200",
        "cohort_min_size": "8",
        "cohort_max_size": "10",
        "scheduled_hours": "18",
        "completion_min_hours": "12",
        "output_min_support_hours": "12",
        "themes": [str(staffing.pk)],
    }


ELIGIBILITY = {
    "min_months_trading_over": "12",
    "min_employees": "6",
    "max_employees": "249",
    "min_turnover_over_pence": "100000",
    "excluded_sic_prefixes": "",
    "one_leader_per_business": "on",
    "subsidy_regime": "mfa",
    "cost_per_place_pence": "1500",
    "subsidy_threshold_pence": "315000",
    "subsidy_wording": "",
    "privacy_notice_version": "1.0",
}


@pytest.mark.django_db
def test_manager_creates_round_4_opens_it_and_the_public_form_takes_an_application(
    client, client_for, manager, round_3, preston
):
    staffing = round_3.themes.get(slug="staffing")
    staff = client_for(manager)

    created = staff.post("/rounds/new/", round_4_form(round_3.programme, staffing))
    assert created.status_code == 302, created.content.decode()[:3000]
    round_4 = Round.objects.get(number=4)
    assert (round_4.slug, round_4.status, round_4.grant_pence) == (
        "round-4",
        Round.Status.PLANNING,
        39_000_000,
    )
    assert created["Location"] == f"/rounds/{round_4.pk}/"

    rules = staff.post(
        f"/rounds/{round_4.pk}/eligibility/", {**ELIGIBILITY, "eligible_districts": [str(preston.pk)]}
    )
    assert rules.status_code == 302, rules.content.decode()[:3000]
    assert client.get("/apply/round-4/").status_code == 404  # not open yet

    opened = staff.post(f"/rounds/{round_4.pk}/open/")
    assert opened.status_code == 302
    round_4.refresh_from_db()
    assert round_4.status == Round.Status.OPEN
    staff.post("/account/sign-out/")

    assert client.get("/apply/round-4/").status_code == 200
    for page, data in answers(preston).items():
        response = client.post(f"/apply/boost/round-4/{page}/", data)
        assert response.status_code == 302, (page, response.content.decode()[:3000])
    submitted = client.post("/apply/boost/round-4/check/")
    assert submitted.status_code == 302

    application = Application.objects.get(round=round_4)
    assert application.status == Application.Status.WAITING
    assert application.business_name == "Ribble Valley Joinery Ltd"
