"""Fixtures the cohort tests share: the hub's Round 3, its programme manager and a delivery partner."""

import pytest

from peernet.accounts.models import Role
from tests import factories


@pytest.fixture
def round_3(hub):
    programme = factories.ProgrammeFactory(hub=hub, name="Peer Networks", slug="peer-networks")
    return factories.RoundFactory(programme=programme, number=3, name="Round 3", slug="round-3")


@pytest.fixture
def manager(hub, make_user):
    return make_user(Role.PROGRAMME_MANAGER, hub, full_name="Mina Manager")


@pytest.fixture
def red_rose(hub):
    return factories.DeliveryPartnerFactory(hub=hub, name="Red Rose Chamber")
