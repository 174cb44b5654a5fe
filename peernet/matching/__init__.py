"""The cohort-formation engine: pure Python, no Django; the web app and peernet-match call it."""

from .affinity import affinity, cohort_quality, score
from .engine import form_cohorts
from .explain import describe_cohort, slot_words
from .model import EITHER, IN_PERSON, ONLINE, Applicant, Cohort, Result, Unplaced, Weights
from .pool_io import (
    MAX_BYTES,
    PoolError,
    Problem,
    parse_applicants,
    read_applicants,
    write_applicants,
    write_cohorts,
)
from .rules import check_cohort, clash, fits, keys_of

__all__ = [
    "EITHER",
    "IN_PERSON",
    "MAX_BYTES",
    "ONLINE",
    "Applicant",
    "Cohort",
    "PoolError",
    "Problem",
    "Result",
    "Unplaced",
    "Weights",
    "affinity",
    "check_cohort",
    "clash",
    "cohort_quality",
    "describe_cohort",
    "fits",
    "form_cohorts",
    "keys_of",
    "parse_applicants",
    "read_applicants",
    "score",
    "slot_words",
    "write_applicants",
    "write_cohorts",
]
