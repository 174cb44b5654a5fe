"""Playwright driving Debian's Chromium against pytest-django's live server, with axe-core on every page.

Playwright's own browser download does not run on these machines, so the browser is /usr/bin/chromium from
the chromium package (`make apt`). Playwright's sync API runs an event loop in the test thread, which Django
would otherwise take for async code and refuse database access from.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

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
AXE_SOURCE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RESULTS = Path(settings.BASE_DIR, "test-results")
DEMO_PASSWORD = "peer-networks-demo"


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


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    """The Lancashire demo programme and its seven sign-ins, as `make run` loads it."""
    call_command("seed_demo", verbosity=0)


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_SOURCE.read_text()


@pytest.fixture
def check_accessibility(page, axe_source):
    """Run axe-core on the page as it is now; fail on any serious or critical WCAG 2.x A/AA violation."""

    def check():
        # Evaluated through the DevTools protocol, which the page's Content Security Policy does not govern.
        page.evaluate(axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        serious = [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]
        report = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [node["target"] for node in v["nodes"]],
            }
            for v in serious
        ]
        assert not serious, f"axe found on {page.url}:\n{json.dumps(report, indent=2)}"

    return check


@pytest.fixture
def sign_in(page):
    def sign_in_as(email: str, password: str = DEMO_PASSWORD):
        page.goto("/account/sign-in/")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()

    return sign_in_as


@pytest.fixture
def screenshot(page):
    def save(name: str):
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=RESULTS / f"{name}.png", full_page=True)

    return save
