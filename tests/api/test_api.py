import pytest
from django.core.management import call_command

from peernet.accounts.models import ApiToken, Role
from tests import factories


def bearer(user) -> dict:
    _, token = ApiToken.issue(user=user, name="test")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def cohort(hub):
    round_ = factories.RoundFactory(programme__hub=hub, slug="round-3")
    return factories.CohortFactory(round=round_, name="Makers of Preston")


def test_openapi_schema_is_public_and_names_the_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/cohorts" in paths
    assert "/api/v1/cohorts/{code}" in paths
    assert "/api/v1/rounds" in paths


def test_api_without_token_is_refused_with_a_json_error(client, db):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.json() == {
        "errors": [{"field": "Authorization", "message": "Send a valid API token as 'Bearer <token>'"}]
    }


def test_api_refuses_a_revoked_token(client, hub, make_user):
    user = make_user(Role.PROGRAMME_MANAGER, hub)
    api_token, token = ApiToken.issue(user=user, name="old")
    ApiToken.objects.filter(pk=api_token.pk).update(revoked_at="2026-11-01T00:00:00Z")

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401


def test_api_tokens_are_stored_hashed(hub, make_user):
    user = make_user(Role.PROGRAMME_MANAGER, hub)

    api_token, token = ApiToken.issue(user=user, name="extract")

    assert token not in api_token.token_hash
    assert ApiToken.objects.filter(token_hash=token).count() == 0
    assert api_token.prefix == token[:8]


def test_me_names_the_token_user(client, hub, make_user):
    user = make_user(Role.PROGRAMME_MANAGER, hub, email="pm@boost.example", full_name="Priya Shah")

    response = client.get("/api/v1/me", headers=bearer(user))

    assert response.status_code == 200
    assert response.json() == {
        "email": "pm@boost.example",
        "full_name": "Priya Shah",
        "role": "programme_manager",
        "hub": "boost",
    }


def test_cohorts_list_shows_the_hub_staff_their_hubs_cohorts(client, hub, make_user, cohort):
    user = make_user(Role.PROGRAMME_MANAGER, hub)

    response = client.get("/api/v1/cohorts", headers=bearer(user))

    assert response.status_code == 200
    assert [c["name"] for c in response.json()] == ["Makers of Preston"]


def test_cohorts_list_is_empty_for_staff_of_another_hub(client, other_hub, make_user, cohort):
    user = make_user(Role.PROGRAMME_MANAGER, other_hub)

    response = client.get("/api/v1/cohorts", headers=bearer(user))

    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.NATIONAL_VIEWER])
def test_cohorts_are_refused_to_aggregate_only_roles(client, hub, make_user, cohort, role):
    user = make_user(role, hub)

    assert client.get("/api/v1/cohorts", headers=bearer(user)).status_code == 403
    assert client.get(f"/api/v1/cohorts/{cohort.code}", headers=bearer(user)).status_code == 403


def test_cohort_detail_is_not_found_for_a_participant_of_another_cohort(client, hub, make_user, cohort):
    user = make_user(Role.PARTICIPANT, hub)
    other = factories.MembershipFactory(cohort__round=cohort.round)
    other.application.leader.user = user
    other.application.leader.save()

    assert client.get(f"/api/v1/cohorts/{other.cohort.code}", headers=bearer(user)).status_code == 200
    response = client.get(f"/api/v1/cohorts/{cohort.code}", headers=bearer(user))
    assert response.status_code == 404
    assert response.json() == {"errors": [{"field": "path", "message": "Not found"}]}


def test_cohort_detail_lists_members_for_the_facilitator(client, hub, make_user, cohort):
    user = make_user(Role.FACILITATOR, hub, delivery_partner=cohort.partner)
    cohort.facilitator.user = user
    cohort.facilitator.save()
    membership = factories.MembershipFactory(cohort=cohort, application__leader__full_name="Ada Brown")

    response = client.get(f"/api/v1/cohorts/{cohort.code}", headers=bearer(user))

    assert response.status_code == 200
    assert response.json()["member_list"] == [
        {
            "reference": membership.application.reference,
            "name": "Ada Brown",
            "business": membership.application.business.name,
            "status": "active",
        }
    ]


def test_cohorts_list_runs_the_same_queries_for_one_or_many(
    client, hub, make_user, cohort, django_assert_num_queries
):
    user = make_user(Role.PROGRAMME_MANAGER, hub)
    headers = bearer(user)
    client.get("/api/v1/cohorts", headers=headers)  # the token's last-used time is written once a minute

    with django_assert_num_queries(2):
        assert len(client.get("/api/v1/cohorts", headers=headers).json()) == 1
    factories.CohortFactory.create_batch(4, round=cohort.round)
    with django_assert_num_queries(2):
        assert len(client.get("/api/v1/cohorts", headers=headers).json()) == 5


def test_rounds_filter_rejects_an_unknown_status_naming_the_field(client, hub, make_user, cohort):
    user = make_user(Role.BOARD_MEMBER, hub)

    response = client.get("/api/v1/rounds?status=finished", headers=bearer(user))

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"


def test_rounds_list_shows_the_national_viewer_every_hub(client, hub, other_hub, make_user, cohort):
    factories.RoundFactory(programme__hub=other_hub, slug="round-1")
    user = make_user(Role.NATIONAL_VIEWER)

    response = client.get("/api/v1/rounds", headers=bearer(user))

    assert sorted(r["hub"] for r in response.json()) == ["boost", "other"]


def test_issue_api_token_prints_a_token_that_works(client, hub, make_user, capsys):
    make_user(Role.HUB_ADMIN, hub, email="admin@boost.example")

    call_command("issue_api_token", "admin@boost.example", "--name", "evaluator")
    token = capsys.readouterr().out.strip()

    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
