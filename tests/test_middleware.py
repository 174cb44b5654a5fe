"""Addresses with control characters are refused before any view or query sees them, on SQLite and PostgreSQL
alike; pages for someone signed in, and every download, tell browsers and proxies to keep no copy."""

import pytest

from peernet.accounts.models import ApiToken, Role
from tests import factories
from tests.test_every_page_needs_sign_in import all_pages, concrete

REFUSED = "The address contains characters that are not allowed"
EVERY_PAGE = sorted({concrete(route) for _, route in all_pages()})


@pytest.fixture
def manager(hub, make_user):
    return make_user(Role.PROGRAMME_MANAGER, hub)


@pytest.fixture
def round_(hub):
    return factories.RoundFactory(programme__hub=hub, slug="round-3")


def bearer(user) -> dict:
    _, token = ApiToken.issue(user=user, name="test")
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("character", ["%00", "%01", "%0A", "%1F", "%7F"])
def test_a_control_character_in_the_path_is_refused_with_a_plain_page(client, manager, character):
    client.force_login(manager)

    response = client.get(f"/cohorts/abc{character}def/")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert REFUSED in response.content.decode()


def test_a_nul_anywhere_in_any_address_is_refused(client, manager):
    client.force_login(manager)
    answers = {}
    for url in EVERY_PAGE:
        in_a_value = url.replace("abc12345", "abc%0012345").replace("sample", "sam%00ple")
        for spoilt in (in_a_value if in_a_value != url else url + "%00", url + "?q=%00"):
            answers[spoilt] = client.get(spoilt).status_code

    assert {url: status for url, status in answers.items() if status != 400} == {}


def test_a_nul_in_an_export_filter_is_refused(client, manager, round_):
    client.force_login(manager)

    for export in ("export.csv", "export.xlsx"):
        response = client.get(f"/rounds/{round_.pk}/applications/{export}", {"q": "Ribble\x00", "status": ""})

        assert response.status_code == 400
        assert REFUSED in response.content.decode()


def test_a_nul_in_an_api_parameter_names_the_parameter(client, manager):
    response = client.get("/api/v1/cohorts?round=round%003", headers=bearer(manager))

    assert response.status_code == 400
    assert response.json() == {"errors": [{"field": "round", "message": REFUSED}]}


def test_a_nul_in_an_api_path_is_refused_as_json(client, manager):
    response = client.get("/api/v1/cohorts/abc%00", headers=bearer(manager))

    assert response.status_code == 400
    assert response.json() == {"errors": [{"field": None, "message": REFUSED}]}


def test_a_nul_in_an_api_parameter_is_refused_before_the_token_is_checked(client, db):
    response = client.get("/api/v1/rounds?status=%00")

    assert response.status_code == 400
    assert response.json() == {"errors": [{"field": "status", "message": REFUSED}]}


def test_ordinary_addresses_with_spaces_and_accents_pass(client, manager):
    client.force_login(manager)

    response = client.get("/applications/", {"q": "Café Crème & Sons Ltd"})

    assert response.status_code != 400


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_a_staff_page_is_not_stored(client, manager):
    client.force_login(manager)

    response = client.get("/applications/")

    assert response.status_code == 200
    assert no_store(response)
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("export", ["export.csv", "export.xlsx"])
def test_an_export_is_not_stored(client, manager, round_, export):
    client.force_login(manager)

    response = client.get(f"/rounds/{round_.pk}/applications/{export}")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert no_store(response)


def test_an_api_answer_is_not_stored(client, manager):
    response = client.get("/api/v1/me", headers=bearer(manager))

    assert response.status_code == 200
    assert no_store(response)


def test_a_refusal_to_someone_signed_in_is_not_stored(client, hub, make_user, round_):
    client.force_login(make_user(Role.BOARD_MEMBER, hub))

    response = client.get(f"/rounds/{round_.pk}/applications/")

    assert response.status_code in {403, 404}
    assert no_store(response)
