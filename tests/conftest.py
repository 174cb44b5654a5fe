"""Fixtures shared by the whole suite: the three personas (the owner, a colleague with less right, an
outsider) and a signed-in client for each role."""

import pytest
from django.core.cache import cache

from peernet.accounts.models import Role
from tests import factories


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hub(db):
    return factories.HubFactory(
        name="Boost — Lancashire's Business Growth Hub", short_name="Boost", slug="boost"
    )


@pytest.fixture
def other_hub(db):
    return factories.HubFactory(name="Other Growth Hub", short_name="Other", slug="other")


@pytest.fixture
def make_user(db):
    def make(role: str, hub=None, **fields):
        return factories.UserFactory(role=role, hub=None if role == Role.NATIONAL_VIEWER else hub, **fields)

    return make


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
