"""The API's contract documents every answer an operation can give, and its documentation page loads under our
own Content Security Policy: every script and style from this site, none inline."""

import re

import pytest

from peernet.accounts.models import ApiToken, Role

ERRORS_SCHEMA = {
    "title": "Errors",
    "type": "object",
    "properties": {
        "errors": {"title": "Errors", "type": "array", "items": {"$ref": "#/components/schemas/Error"}}
    },
    "required": ["errors"],
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "field": {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "title": "Field",
            "description": "The parameter, header or field at fault; null when it is the request as a whole",
        },
        "message": {"title": "Message", "type": "string", "description": "What is wrong and what to do"},
    },
    "required": ["field", "message"],
}


@pytest.fixture
def schema(client, db):
    return client.get("/api/v1/openapi.json").json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", path, operation


def test_the_error_shape_is_in_the_contract(schema):
    assert schema["components"]["schemas"]["Errors"] == ERRORS_SCHEMA
    assert schema["components"]["schemas"]["Error"] == ERROR_SCHEMA


def test_every_operation_documents_a_bad_address_and_a_missing_token_as_errors(schema):
    undocumented = {}
    for name, _, operation in operations(schema):
        errors = {
            status
            for status, answer in operation["responses"].items()
            if answer["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Errors"}
        }
        if not {"400", "401"} <= errors or set(operation["responses"]) != {"200"} | errors:
            undocumented[name] = sorted(operation["responses"])

    assert undocumented == {}


def test_each_operation_documents_the_refusals_it_can_give(schema):
    answers = {name: sorted(operation["responses"]) for name, _, operation in operations(schema)}

    assert answers == {
        "GET /api/v1/me": ["200", "400", "401"],
        "GET /api/v1/rounds": ["200", "400", "401", "422"],
        "GET /api/v1/cohorts": ["200", "400", "401", "403"],
        "GET /api/v1/cohorts/{code}": ["200", "400", "401", "403", "404"],
    }


def test_a_refused_role_gets_the_documented_error_shape(client, hub, make_user):
    _, token = ApiToken.issue(user=make_user(Role.BOARD_MEMBER, hub), name="test")

    response = client.get("/api/v1/cohorts", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 403
    assert response.json() == {
        "errors": [{"field": None, "message": "This role sees aggregate figures only"}]
    }


def assets(page: str) -> list[str]:
    return re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]*)"', page)


def test_docs_page_loads_every_asset_from_this_site(client, db):
    response = client.get("/api/v1/docs")

    page = response.content.decode()
    urls = assets(page)
    assert response.status_code == 200
    assert urls and all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    for url in urls:
        asset = client.get(url)
        asset.close()  # a file WhiteNoise streams stays open until closed
        assert asset.status_code == 200, url


def test_docs_page_has_no_inline_script_for_the_policy_to_block(client, db):
    response = client.get("/api/v1/docs")

    scripts = re.findall(r"<script\b([^>]*)>", response.content.decode())
    assert scripts
    assert all("src=" in attributes or 'type="application/json"' in attributes for attributes in scripts)
    assert "script-src 'self'" in response["Content-Security-Policy"]
