"""The public form's Round 3 (with Preston), shared with the applications tests."""

from tests.applications.conftest import preston, round_3

__all__ = ["preston", "round_3"]
