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


def test_client_ip_reads_forwarded_for_only_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    factory = RequestFactory()

    from_proxy = factory.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="198.51.100.1")
    from_elsewhere = factory.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert ratelimit.client_ip(from_proxy) == "198.51.100.1"
    assert ratelimit.client_ip(from_elsewhere) == "203.0.113.9"


def test_client_ip_takes_the_right_most_untrusted_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    # The client wrote the first address itself; our two proxies appended the rest.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1, 192.0.2.10"
    )

    assert ratelimit.client_ip(request) == "198.51.100.1"


def test_client_ip_stops_at_a_forwarded_value_that_is_not_an_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="10.0.0.9, nonsense")

    assert ratelimit.client_ip(request) == "10.0.0.5"


def test_hits_and_clear_read_and_reset_a_counter():
    ratelimit.hit("test:a", window=60)
    ratelimit.hit("test:a", window=60)

    assert ratelimit.hits("test:a") == 2
    ratelimit.clear("test:a")
    assert ratelimit.hits("test:a") == 0
