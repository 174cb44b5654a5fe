"""The fixed-window rate limit used on the public form."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from peernet import ratelimit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_allow_lets_limit_hits_through_then_refuses():
    results = [ratelimit.allow("test:a", limit=3, window=60) for _ in range(5)]

    assert results == [True, True, True, False, False]


def test_allow_counts_each_key_apart():
    for _ in range(3):
        ratelimit.allow("test:a", limit=3, window=60)

    assert ratelimit.allow("test:b", limit=3, window=60) is True
    assert ratelimit.allow("test:a", limit=3, window=60) is False


def test_allow_starts_again_after_the_window():
    ratelimit.allow("test:a", limit=1, window=60)
    cache.delete("ratelimit:test:a")  # what expiry does

    assert ratelimit.allow("test:a", limit=1, window=60) is True


def test_client_ip_ignores_forwarded_for():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert ratelimit.client_ip(request) == "203.0.113.9"
