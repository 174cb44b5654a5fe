"""The API's documentation page in a real browser: Swagger UI loads from this site under our own CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_api_docs_show_every_operation_with_nothing_refused(page):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: problems.append(f"{request.url} failed"))

    page.goto("/api/v1/docs")

    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() == 4
    assert problems == []
