"""Error pages in the site's layout that need no request or database, and refusals logged as one line."""

import logging

import pytest
from django.template import loader
from django.test import Client
from django.urls import include, path

from peernet.accounts.models import Role
from tests import factories
from tests.html import text


def broken(request):
    raise RuntimeError("the database went away")


# This module is also the URL configuration of the tests that need a view that fails.
urlpatterns = [path("broken/", broken), path("", include("peernet.urls"))]


def test_500_page_renders_without_a_request_or_the_database():
    # No `db` fixture: any query here fails the test, as it would with the database down.
    page = loader.render_to_string("500.html")

    assert "<title>Sorry, there is a problem with the service – Peer Networks</title>" in page
    assert '<link rel="stylesheet" href="/static/build/peernet.css">' in page
    assert "Try again later." in text(page)


def test_400_page_renders_without_a_request_or_the_database():
    page = loader.render_to_string("400.html")

    assert "<title>Sorry, there is a problem with the web address – Peer Networks</title>" in page
    assert "Check the web address is correct." in text(page)


@pytest.mark.urls(__name__)
def test_an_error_in_a_view_shows_the_500_page(db):
    client = Client(raise_request_exception=False)
    client.force_login(factories.UserFactory(role=Role.PROGRAMME_MANAGER))

    response = client.get("/broken/")

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in text(response.content.decode())


def test_a_refusal_is_logged_as_one_warning_line_without_a_traceback(client, hub, make_user, caplog):
    round_ = factories.RoundFactory(programme__hub=hub)
    client.force_login(make_user(Role.BOARD_MEMBER, hub))

    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get(f"/rounds/{round_.pk}/applications/")

    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("WARNING", f"Forbidden (Permission denied): /rounds/{round_.pk}/applications/")
    ]
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


@pytest.mark.urls(__name__)
def test_a_server_error_is_still_logged_with_its_traceback(db, caplog):
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.INFO, logger="django.request"):
        client.get("/broken/")

    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "ERROR"
    assert record.exc_info is not None
