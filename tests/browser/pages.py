"""What browser tests do on a page: sign in through the form, run axe-core, check it on a phone, take a
screenshot."""

import json
from pathlib import Path

from django.conf import settings

DEMO_PASSWORD = "peer-networks-demo"
AXE_SOURCE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RESULTS = Path(settings.BASE_DIR, "test-results")
# A common phone held upright (iPhone 12 to 15): every page must work this narrow without scrolling sideways.
PHONE = {"width": 390, "height": 844}
# The elements that stick out past the right edge of the page, for the message when a page is too wide: the
# innermost ones, and none inside a box that scrolls or clips them (a table in its own scrolling container).
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = element => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const out = [...document.body.querySelectorAll("*")].filter(
    element => element.getBoundingClientRect().right > width + 0.5 && !clipped(element)
  );
  return out
    .filter(element => !out.some(other => other !== element && element.contains(other)))
    .slice(0, 10)
    .map(element => {
      const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
        + [...element.classList].map(c => "." + c).join("");
      return `${name} reaches ${Math.round(element.getBoundingClientRect().right)}px: `
        + JSON.stringify(element.textContent.trim().slice(0, 60));
    });
}"""


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


def check_phone_width(page) -> None:
    """The page as it is now, on a 390 px wide phone: nothing makes it scroll sideways, and axe-core finds no
    serious or critical violation; then the window is as wide as it was again.

    The same document is laid out again at the new width rather than loaded again, so a page shown after a
    form was sent is checked too.
    """
    before = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        # Let the browser lay the page out at the new width before measuring it.
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        sizes = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        scroll_width, width = sizes
        too_wide = page.evaluate(TOO_WIDE) if scroll_width > width else []
        assert scroll_width <= width, (
            f"{page.url} scrolls sideways on a {PHONE['width']} px phone: {scroll_width}px of content in "
            f"{width}px\n" + "\n".join(too_wide)
        )
        check_accessibility(page)
    finally:
        page.set_viewport_size(before)


def screenshot(page, name: str) -> None:
    """A full-page picture in test-results/, for reviewing a change and for the README."""
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS / f"{name}.png", full_page=True)
