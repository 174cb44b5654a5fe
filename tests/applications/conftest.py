"""A Boost Round 3 to apply to, with two districts, themes and the MFA regime; and a clean rate limit."""

import pytest
from django.core.cache import cache

from peernet.accounts.models import Role
from tests import factories


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def preston(hub):
    return factories.DistrictFactory(hub=hub, name="Preston", travel_area="Central Lancashire")


@pytest.fixture
def round_3(hub, preston):
    programme = factories.ProgrammeFactory(hub=hub, name="Peer Networks", slug="peer-networks")
    round_ = factories.RoundFactory(programme=programme, number=3, name="Round 3", slug="round-3")
    round_.eligible_districts.add(
        preston, factories.DistrictFactory(hub=hub, name="Wyre", travel_area="Fylde Coast")
    )
    round_.themes.add(
        factories.ThemeFactory(hub=hub, slug="staffing", name="Staffing and recruitment"),
        factories.ThemeFactory(hub=hub, slug="exporting", name="Exporting"),
    )
    return round_


@pytest.fixture
def manager(hub, make_user):
    return make_user(Role.PROGRAMME_MANAGER, hub)
