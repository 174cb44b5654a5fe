"""Plain data the cohort engine reads and returns: applicants, weights, cohorts, results."""

from __future__ import annotations

from dataclasses import dataclass, field

ONLINE = "online"
IN_PERSON = "in-person"
EITHER = "either"
MODES = (ONLINE, IN_PERSON, EITHER)


@dataclass(frozen=True)
class Applicant:
    """One business leader waiting for a cohort, as one row of the applicants CSV."""

    id: str
    district: str
    area: str
    mode: str
    slots: tuple[str, ...]
    sector: str = ""
    sic: str = ""
    employees: int = 1
    turnover: int = 0
    ownership: frozenset[str] = frozenset()
    organisation: str = ""
    themes: frozenset[str] = frozenset()
    not_with: frozenset[str] = frozenset()

    @property
    def sic_class(self) -> str:
        """The 4-digit SIC class; empty when the SIC code is unknown."""
        return self.sic[:4]


@dataclass(frozen=True)
class Weights:
    """Weights of the affinity terms; the defaults are the programme's standard ones."""

    sector: float = 0.35
    themes: float = 0.25
    size: float = 0.20
    ownership: float = 0.10
    organisation: float = 0.10


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Cohort:
    """A formed cohort: who is in it, when and how it meets, and why it belongs together."""

    label: str
    slot: str
    mode: str
    area: str  # the travel area of an in-person cohort, empty for an online one
    members: tuple[str, ...]
    quality: float  # mean over members of their mean affinity to the others
    explanation: str
    basis: str  # "sector", "ownership", "organisation" or "open"
    basis_value: str
    locked: bool = False
    problems: tuple[str, ...] = ()  # broken hard rules; only ever non-empty for a locked cohort


@dataclass(frozen=True)
class Unplaced:
    """An applicant left on the waiting list and the reason, in words."""

    id: str
    reason: str


@dataclass(frozen=True)
class Result:
    """What the engine returns for a pool."""

    cohorts: tuple[Cohort, ...]
    unplaced: tuple[Unplaced, ...]
    placed: int
    total: int
    q: float
    invalid: int
    seconds: float
    stats: dict[str, float] = field(default_factory=dict)

    def cohort_of(self) -> dict[str, Cohort]:
        """Map each placed applicant's id to its cohort."""
        return {m: c for c in self.cohorts for m in c.members}

    def summary(self) -> str:
        """The one line the command prints at the end."""
        return (
            f"placed {self.placed} of {self.total} in {len(self.cohorts)} cohorts, "
            f"Q={self.q:.3f}, invalid={self.invalid}"
        )
