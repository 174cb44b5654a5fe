"""The API fuzzed against its own contract: every operation, with a hub manager's token over a small world
of records, never answers 5xx and gives only the status codes and bodies /api/v1/openapi.json documents;
without a token, every operation answers 401 in the documented error shape."""

from urllib.parse import unquote

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from peernet.accounts.models import ApiToken
from peernet.middleware import CONTROL
from peernet.wsgi import application as wsgi_application

pytestmark = pytest.mark.fuzz


class Recording:
    """The WSGI application, keeping the last request's environ: the address as the application read it,
    which is not always the one schemathesis reports (it sends a nested value as its Python repr)."""

    def __init__(self, app):
        self.app = app
        self.environ: dict = {}

    def __call__(self, environ, start_response):
        self.environ = environ
        return self.app(environ, start_response)


application = Recording(wsgi_application)
# Loaded through the WSGI application, as a client would read it; only the schema view runs, no query.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

# Not negative_data_rejection: each case here is sent with the token, which undoes a case whose wrongness is a
# missing Authorization header, and the API ignores query parameters it does not know, as the web does.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Few examples an operation: enough to try each parameter's kinds of wrong value, and a fixed seed, so a
# run takes seconds and a failure comes back on the next run.
FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
UNAUTHORISED = {
    "errors": [{"field": "Authorization", "message": "Send a valid API token as 'Bearer <token>'"}]
}


@pytest.fixture(autouse=True)
def requests_keep_the_connection():
    """As Django's test client does: the test's transaction is on the database connection, and a request sent
    through the WSGI application would otherwise close it when it ends (on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def manager_token(world) -> str:
    _, token = ApiToken.issue(user=world.manager, name="fuzz")
    return token


@schema.parametrize()
@FUZZ
def test_api_answers_only_what_its_contract_documents(case, manager_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {manager_token}"}, checks=CHECKS)


def address_refused(environ: dict) -> bool:
    """Whether the address holds a control character, which the middleware refuses before the token is read.
    (Control characters are ASCII, so how the environ's strings were decoded does not matter here.)"""
    path, query = environ.get("PATH_INFO", ""), unquote(environ.get("QUERY_STRING", ""))
    return bool(CONTROL.search(path) or CONTROL.search(query))


@schema.parametrize()
@FUZZ
def test_api_without_a_token_answers_401_in_the_documented_shape(case, db):
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}

    response = case.call()

    case.validate_response(
        response, checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
    if case.method.upper() != case.operation.method.upper():
        # Schemathesis also tries methods the operation does not have: refused before the token is read.
        assert response.status_code == 405
    elif address_refused(application.environ):
        # The address is refused before anything, the token included, is read.
        assert response.status_code == 400
    else:
        assert response.status_code == 401
        assert response.json() == UNAUTHORISED


def test_each_operation_answers_the_worlds_records_as_documented(world, manager_token):
    # Random codes and slugs find nothing: the records the world holds, each answered in full.
    asked = [
        ("/api/v1/me", {}, {}),
        ("/api/v1/rounds", {}, {"status": world.round.status}),
        ("/api/v1/cohorts", {}, {"round": world.round.slug}),
        ("/api/v1/cohorts/{code}", {"code": world.cohort.code}, {}),
    ]
    answers = {}
    for path, path_parameters, query in asked:
        case = schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
        response = case.call_and_validate(headers={"Authorization": f"Bearer {manager_token}"}, checks=CHECKS)
        answers[path] = response.json()

    assert answers["/api/v1/me"]["role"] == "programme_manager"
    assert [r["slug"] for r in answers["/api/v1/rounds"]] == [world.round.slug]
    assert sorted(c["name"] for c in answers["/api/v1/cohorts"]) == [
        "Fylde Coast Leaders",
        "Makers of Preston",
    ]
    assert sorted(m["name"] for m in answers["/api/v1/cohorts/{code}"]["member_list"]) == [
        "Fiona Fellow",
        "Pat Participant",
    ]
