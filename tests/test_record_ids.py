"""Record ids from forms: digits 0 to 9 that fit a 64-bit id, or nothing is queried."""

import pytest

from peernet.record_ids import MAX_ID, is_id


@pytest.mark.parametrize("value", ["1", "0042", 17, str(MAX_ID)])
def test_is_id_takes_digits_that_fit_a_database_id(value):
    assert is_id(value)


@pytest.mark.parametrize("value", ["", "1" * 23, str(MAX_ID + 1), "-1", "+1", "1.0", " 1", "²", "١", "1\x00"])
def test_is_id_refuses_anything_else(value):
    assert not is_id(value)
