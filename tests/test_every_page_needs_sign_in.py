"""Every URL in the project refuses an anonymous visitor unless it is on the short public list below.

The patterns are read from the resolver, so a page added later is covered without anyone listing it.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

# Pages for people who have not signed in: the sign-in page itself, the health check, the footer's
# pages (privacy, accessibility, cookies, contact), the public application form and the next-round offer,
# survey links (their token is the key), the API's published contract and its root (which only says 404),
# and the admin's own sign-in and sign-out.
PUBLIC = {
    "healthz",
    "privacy",
    "accessibility",
    "cookies",
    "contact",
    "accounts:sign_in",
    "accounts:password_reset",  # asking for a reset link, and the link itself: its token is the key
    "accounts:password_reset_sent",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:invitation",  # an invitation's link and its "send me a new one": the token is the key
    "accounts:invitation_renew",
    "admin:login",
    "admin:logout",
    "api:api-root",
    "apply:*",
    "applications:carry_over",
    "survey:*",
    "api:openapi-json",
    "api:openapi-view",
}

SAMPLE_VALUES = {
    "str": "abc12345",
    "slug": "sample",
    "int": "1",
    "path": "sample",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def concrete(route: str) -> str:
    """The route with a made-up value for each parameter: <slug:round_slug> becomes "sample"."""
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda match: SAMPLE_VALUES[match.group(1) or "str"], route)


def all_pages(patterns=None, prefix="", namespace=""):
    """(name, route) of every URL pattern, through every include."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from all_pages(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            if isinstance(entry.pattern, RegexPattern):
                continue  # only Django's admin uses these; its index is tried like every other page
            name = f"{namespace}:{entry.name or '(unnamed)'}".strip(":")
            yield name, prefix + str(entry.pattern)


def is_public(name: str) -> bool:
    namespace = name.rsplit(":", 1)[0] if ":" in name else ""
    return name in PUBLIC or f"{namespace}:*" in PUBLIC


PRIVATE_PAGES = sorted({(name, concrete(route)) for name, route in all_pages() if not is_public(name)})


def test_the_walk_finds_the_pages_we_know():
    urls = {url for _, url in PRIVATE_PAGES}

    assert {"/", "/cohorts/abc12345/", "/account/sign-out/", "/admin/"} <= urls


def refused(response) -> bool:
    if response.status_code in {401, 403}:
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and location.startswith(("/account/sign-in/", "/admin/login/"))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), PRIVATE_PAGES, ids=[f"{name} {url}" for name, url in PRIVATE_PAGES])
def test_anonymous_visitor_is_sent_to_sign_in_or_refused(client, name, url):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)

    assert refused(response), f"{url} answered {response.status_code} {response.headers.get('Location', '')}"
