"""Playwright driving Debian's Chromium against a live server, with axe-core on every page (see pages.py).

Playwright's own browser download does not run on these machines, so the browser is /usr/bin/chromium from
the chromium package (`make apt`). Playwright's sync API runs an event loop in the test thread, which Django
would otherwise take for async code and refuse database access from.
"""

import os
import threading
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from pytest_django.live_server_helper import LiveServer

from tests.browser import pages

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config):
    # Registered here too so the suite also runs without xdist (-p no:xdist) under --strict-markers.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one xdist worker")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(
            "Chromium is not installed at /usr/bin/chromium: run `make apt` (Debian's chromium package)"
        )
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@contextmanager
def new_page(browser, base_url: str):
    context = browser.new_context(
        base_url=base_url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()
        wait_for_requests_to_finish()


def wait_for_requests_to_finish(timeout: float = 5.0) -> None:
    """Let the live server's request threads end before the server stops sharing its database connection.

    Closing the browser ends its keep-alive connections, but the thread serving each one still closes its
    database connection afterwards; if the server stopped first, that close fails in the other thread.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any("process_request_thread" in thread.name for thread in threading.enumerate()):
            return
        time.sleep(0.02)


@pytest.fixture
def page(browser, live_server):
    """A page on pytest-django's live server over an empty database, emptied again after the test."""
    with new_page(browser, live_server.url) as page:
        yield page


@pytest.fixture
def demo(transactional_db):
    """The demo loaded afresh for one test on `page`: for journeys that change records."""
    call_command("seed_demo", force=True, verbosity=0)


@pytest.fixture
def sign_in(page):
    return partial(pages.sign_in, page)


@pytest.fixture
def check_accessibility(page):
    return partial(pages.check_accessibility, page)


@pytest.fixture
def check_phone_width(page):
    return partial(pages.check_phone_width, page)


@pytest.fixture
def screenshot(page):
    return partial(pages.screenshot, page)


@pytest.fixture(scope="module")
def demo_server(browser, django_db_setup, django_db_blocker):
    """The demo loaded once for a module of tests that only look, behind its own live server.

    Loading the demo takes seconds, so it is loaded once per module rather than once per test; the database
    is emptied when the module is done, as after any test with a live server.
    """
    with django_db_blocker.unblock():
        # Never load the demo into (and then empty) a database that is not a test database.
        name = str(connection.settings_dict["NAME"])
        assert name.startswith("test_") or "mode=memory" in name, f"{name} is not a test database"
        call_command("seed_demo", force=True, verbosity=0)
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    try:
        yield server
    finally:
        server._live_server_modified_settings.disable()
        server.stop()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo_page(browser, demo_server, db):
    """A page on the demo; the test may read the demo's records to know what to expect, never change them.

    Asking for `db` also makes pytest-django create the test database when only these tests run.
    """
    with new_page(browser, demo_server.url) as page:
        yield page
