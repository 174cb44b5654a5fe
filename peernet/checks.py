"""System checks for settings that must agree, so `manage.py check --deploy` stops a bad deployment."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.http.request import validate_host

# Backends that keep mail on the machine (or drop it): right for development, silent loss in production.
LOCAL_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


def check_site_url(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """SITE_URL is the public https address, because emails build their links from it."""
    if settings.DEBUG:
        return []
    url = getattr(settings, "SITE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return [
            checks.Error(
                f"SITE_URL {url!r} is not the service's public address.",
                hint="Set SITE_URL to the address people use, like https://peernetworks.example.org",
                id="peernet.E001",
            )
        ]
    problems: list[checks.CheckMessage] = []
    if parts.scheme != "https":
        problems.append(
            checks.Error(
                f"SITE_URL {url!r} is not https, so links in emails would go over plain HTTP.",
                hint="Set SITE_URL to the https:// address, like https://peernetworks.example.org",
                id="peernet.E002",
            )
        )
    host = parts.hostname
    if not validate_host(host, settings.ALLOWED_HOSTS):
        problems.append(
            checks.Warning(
                f"SITE_URL's host {host!r} is not in ALLOWED_HOSTS, so links in emails would be refused.",
                hint=f"Add {host} to ALLOWED_HOSTS, or set SITE_URL to an allowed host.",
                id="peernet.W001",
            )
        )
    if parts.path or parts.query or parts.fragment:
        problems.append(
            checks.Warning(
                f"SITE_URL {url!r} has more than a scheme and host; links add each page's path to it.",
                hint=f"Set SITE_URL to {parts.scheme}://{parts.netloc} with no path or final slash.",
                id="peernet.W002",
            )
        )
    return problems


def check_email_backend(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """With DEBUG off, email leaves the machine: applicants' confirmations and invitations depend on it."""
    if settings.DEBUG or settings.EMAIL_BACKEND not in LOCAL_EMAIL_BACKENDS:
        return []
    return [
        checks.Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}, which delivers no email to anyone.",
            hint="Set EMAIL_URL to smtp://user:password@smtp.example.org:587 (or smtps://...:465).",
            id="peernet.E003",
        )
    ]


# Caches that each web process keeps to itself: a sign-in hold there is one process's, not the service's.
PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def check_sign_in_protection(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """With DEBUG off, two-factor sign-in is required of the roles that need it, and sign-in limits are
    counted where every web process sees them."""
    if settings.DEBUG:
        return []
    problems: list[checks.CheckMessage] = []
    if getattr(settings, "TWO_FACTOR_OPTIONAL_FOR_DEMO", False):
        problems.append(
            checks.Warning(
                "TWO_FACTOR_OPTIONAL_FOR_DEMO is on: hub admins and managers sign in with a password alone.",
                hint="Unset TWO_FACTOR_OPTIONAL_FOR_DEMO; it is for the demo only.",
                id="peernet.W003",
            )
        )
    if settings.CACHES["default"]["BACKEND"] in PROCESS_LOCAL_CACHES:
        problems.append(
            checks.Warning(
                "The default cache is kept in each process, so sign-in limits are counted per process.",
                hint="Use the database cache (the default) or Redis (set REDIS_URL).",
                id="peernet.W004",
            )
        )
    return problems
