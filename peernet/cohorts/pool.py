"""A round's waiting pool as the cohort engine sees it: one Applicant per application, keyed by reference."""

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from peernet.applications.models import Application
from peernet.matching import Applicant
from peernet.programmes.models import Round, Theme


def for_engine(applications: QuerySet) -> QuerySet:
    """Applications with everything applicant_for reads (and the leader's and business's names), in a fixed
    few queries."""
    return applications.select_related("leader", "business", "district").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("id", "slug", "name")),
        Prefetch("not_with", queryset=Application.objects.only("id", "reference")),
    )


def pool_applications(round: Round) -> QuerySet:
    """Eligible applications waiting for a cohort, in the order they applied: the engine's input order."""
    return for_engine(Application.objects.filter(round=round, status=Application.Status.WAITING)).order_by(
        "submitted_at", "id"
    )


def applicant_for(application: Application) -> Applicant:
    """The engine's view of an application, from the facts it gives (not the shared business record, which
    may be older): needs district, themes and not_with loaded."""
    district = application.district
    return Applicant(
        id=application.reference,
        district=district.name if district else "",
        area=district.travel_area if district else "",
        mode=application.mode,
        slots=tuple(application.slots),
        sector=application.sector,
        sic=application.sic,
        employees=max(1, application.employees),
        turnover=application.turnover_pence // 100,
        ownership=frozenset(application.ownership),
        organisation=application.organisation,
        themes=frozenset(theme.slug for theme in application.themes.all()),
        not_with=frozenset(other.reference for other in application.not_with.all()),
    )


def applicants_for(applications: Iterable[Application]) -> list[Applicant]:
    return [applicant_for(application) for application in applications]
