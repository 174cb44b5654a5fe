"""Sign-in limits count failures only: a held account, a generous limit per address, and shared counters."""

import os
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.test import override_settings

from peernet.accounts import sign_in_limits
from peernet.accounts.models import Role
from tests import factories
from tests.factories import PASSWORD
from tests.html import text

SIGN_IN = "/account/sign-in/"
HELD = "You have tried to sign in too many times"


def sign_in(client, email, password, **extra):
    return client.post(SIGN_IN, {"username": email, "password": password}, **extra)


def test_fifty_people_sign_in_from_one_address_within_a_minute(client, hub):
    people = [
        factories.UserFactory(email=f"person{n}@boost.example", role=Role.PARTICIPANT, hub=hub)
        for n in range(50)
    ]

    answers = []
    for person in people:
        answers.append(sign_in(client, person.email, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code)
        client.post("/account/sign-out/")

    assert answers == [302] * 50


def test_ten_wrong_passwords_hold_that_account_and_no_one_else(client, hub):
    target = factories.UserFactory(email="target@boost.example", hub=hub)
    colleague = factories.UserFactory(email="colleague@boost.example", hub=hub)
    for _ in range(10):
        sign_in(client, target.email, "wrong", REMOTE_ADDR="198.51.100.7")

    held = sign_in(client, target.email, PASSWORD, REMOTE_ADDR="198.51.100.7")
    other = sign_in(client, colleague.email, PASSWORD, REMOTE_ADDR="198.51.100.7")

    assert held.status_code == 200
    assert HELD in text(held.content.decode())
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_nine_wrong_passwords_then_the_right_one_signs_in(client, hub):
    person = factories.UserFactory(email="person@boost.example", hub=hub)
    for _ in range(9):
        sign_in(client, person.email, "wrong")

    assert sign_in(client, person.email, PASSWORD).status_code == 302


def test_successful_sign_ins_count_nothing(client, hub):
    person = factories.UserFactory(email="person@boost.example", hub=hub)
    for _ in range(30):
        assert sign_in(client, person.email, PASSWORD).status_code == 302
        client.post("/account/sign-out/")

    assert not sign_in_limits.is_held(email=person.email, ip="127.0.0.1")


def test_an_unknown_email_is_held_like_a_known_one(client, db):
    for _ in range(10):
        sign_in(client, "nobody@boost.example", "wrong")

    assert HELD in text(sign_in(client, "nobody@boost.example", "wrong").content.decode())


def test_many_failures_from_one_address_hold_that_address_only(client, hub, settings):
    settings.SIGN_IN_ADDRESS_FAILURES = 20
    person = factories.UserFactory(email="person@boost.example", hub=hub)
    for n in range(20):
        sign_in(client, f"guess{n}@boost.example", "wrong", REMOTE_ADDR="203.0.113.66")

    from_there = sign_in(client, person.email, PASSWORD, REMOTE_ADDR="203.0.113.66")
    from_elsewhere = sign_in(client, person.email, PASSWORD, REMOTE_ADDR="198.51.100.7")

    assert HELD in text(from_there.content.decode())
    assert from_elsewhere.status_code == 302


def test_the_default_address_limit_leaves_room_for_an_office_of_fifty(settings):
    # Fifty people each mistyping their password once and again does not reach it.
    assert settings.SIGN_IN_ADDRESS_FAILURES >= 100
    assert settings.SIGN_IN_ACCOUNT_FAILURES == 10


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_failures_count_against_the_forwarded_address(client, hub):
    person = factories.UserFactory(email="person@boost.example", hub=hub)
    with override_settings(SIGN_IN_ADDRESS_FAILURES=5):
        for n in range(5):
            sign_in(
                client,
                f"guess{n}@boost.example",
                "wrong",
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR="203.0.113.66",
            )

        from_attacker = sign_in(
            client, person.email, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66"
        )
        from_office = sign_in(
            client, person.email, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"
        )

    assert HELD in text(from_attacker.content.decode())
    assert from_office.status_code == 302


def test_without_trusted_proxies_the_forwarded_address_is_ignored(client, hub, settings):
    settings.SIGN_IN_ADDRESS_FAILURES = 5
    person = factories.UserFactory(email="person@boost.example", hub=hub)
    for n in range(5):
        sign_in(
            client,
            f"guess{n}@boost.example",
            "wrong",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )

    response = sign_in(
        client, person.email, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )

    assert HELD in text(response.content.decode())


DATABASE_CACHE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "peernet_cache"}


@pytest.mark.django_db
def test_two_web_processes_share_one_counter_in_the_database_cache():
    call_command("createcachetable", "peernet_cache", verbosity=0)
    # Each override builds a new cache object on the same table, as a second web process would.
    with override_settings(CACHES={"default": DATABASE_CACHE}):
        first = caches["default"]
        for _ in range(5):
            sign_in_limits.record_failure(email="person@boost.example", ip="198.51.100.7")
        with override_settings(CACHES={"default": dict(DATABASE_CACHE)}):
            second = caches["default"]
            for _ in range(5):
                sign_in_limits.record_failure(email="person@boost.example", ip="198.51.100.7")

            held_in_second = sign_in_limits.is_held(email="person@boost.example", ip="203.0.113.1")
        held_in_first = sign_in_limits.is_held(email="person@boost.example", ip="203.0.113.1")

    assert isinstance(first, DatabaseCache) and isinstance(second, DatabaseCache)
    assert first is not second
    assert held_in_second is True
    assert held_in_first is True


def test_release_account_lifts_the_hold(db):
    for _ in range(10):
        sign_in_limits.record_failure(email="person@boost.example", ip="198.51.100.7")

    sign_in_limits.release_account("Person@Boost.example")

    assert not sign_in_limits.is_held(email="person@boost.example", ip="198.51.100.7")


def redis_url() -> str | None:
    import redis

    # A database of its own; the keys carry a prefix of their own too, and expire with their window.
    url = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return url


@pytest.mark.skipif(redis_url() is None, reason="no Redis server answers at REDIS_URL")
def test_two_web_processes_share_one_counter_in_redis():
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url(),
        "KEY_PREFIX": f"peernet-test-{uuid.uuid4().hex}",
    }
    with override_settings(CACHES={"default": redis_cache}):
        first = caches["default"]
        for _ in range(5):
            sign_in_limits.record_failure(email="person@boost.example", ip="198.51.100.7")
        with override_settings(CACHES={"default": dict(redis_cache)}):
            second = caches["default"]
            for _ in range(5):
                sign_in_limits.record_failure(email="person@boost.example", ip="198.51.100.7")
            held = sign_in_limits.is_held(email="person@boost.example", ip="203.0.113.1")

    assert first is not second
    assert held is True
