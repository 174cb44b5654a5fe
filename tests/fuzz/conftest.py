"""Fixtures the fuzz tests share, and distinct ids for schemathesis's tests, one per API operation."""

import pytest
from schemathesis.pytest.plugin import SchemathesisFunction

from tests.world import build_world


def pytest_collection_modifyitems(items):
    # pytest 9 builds an item's id from its function's name and its parametrize ids only, so schemathesis's
    # tests (one per operation, told apart by name) share one id, and pytest-xdist runs one of them. The
    # operation goes into the id, as pytest's own parametrize would put it.
    for item in items:
        if isinstance(item, SchemathesisFunction) and item.operation_label and item._id.params is None:
            item._id = item._id.with_params(item.operation_label)


@pytest.fixture
def world(hub, other_hub):
    return build_world(hub, other_hub)
