"""The demo tests share one load of the demo per module, and run together on one xdist worker."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from peernet.programmes.models import Round


def pytest_configure(config):
    # Registered here too so the marker is known when running without xdist (-p no:xdist).
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one xdist worker")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One load for the whole module (it takes seconds), rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return Round.objects.filter(programme__slug="peer-networks", programme__hub__slug="boost")
