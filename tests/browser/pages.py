"""What browser tests do on a page: sign in through the form, run axe-core, take a screenshot."""

import json
from pathlib import Path

from django.conf import settings

DEMO_PASSWORD = "peer-networks-demo"
AXE_SOURCE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RESULTS = Path(settings.BASE_DIR, "test-results")


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    # A click waits only for the next page to start arriving; counting rows needs all of it.
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert heading(page) == "Sign in"


def heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def check_accessibility(page) -> None:
    """Run axe-core on the page as it is now; fail on any serious or critical WCAG 2.x A/AA violation."""
    # Evaluated through the DevTools protocol, which the page's Content Security Policy does not govern.
    page.evaluate(AXE_SOURCE.read_text())
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
            "targets": [n["target"] for n in v["nodes"]],
        }
        for v in serious
    ]
    assert not serious, f"axe found on {page.url}:\n{json.dumps(report, indent=2)}"


def screenshot(page, name: str) -> None:
    """A full-page picture in test-results/, for reviewing a change and for the README."""
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS / f"{name}.png", full_page=True)
