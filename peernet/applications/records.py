"""The shared business and leader records an application links to, and the facts it keeps beside them.

An applicant's facts stay on their application: an existing record is found (by company number, or name and
postcode; by email) and linked, never changed, and a record not found is made from the facts. The records
take an application's facts only when hub staff accept them (workflow.accept_details), after seeing here
how they differ.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from peernet.applications import sic
from peernet.applications.answers import ApplicationAnswers
from peernet.applications.models import Application, Business, Leader
from peernet.formats import long_date, money

# Each fact an application keeps, and the field of the shared record that takes it when hub staff accept it.
BUSINESS_FACTS = {
    "business_name": "name",
    "legal_form": "legal_form",
    "trading_since": "trading_since",
    "employees": "employees",
    "turnover_pence": "turnover_pence",
    "sic": "sic",
    "sector": "sector",
    "postcode": "postcode",
    "district_id": "district_id",
    "ownership": "ownership",
}
LEADER_FACTS = {"leader_name": "full_name", "job_title": "job_title", "phone": "phone"}
# Optional answers: an empty one never erases an earlier one, and they are never shown or audited as values.
EQUALITY_ANSWERS = ("gender", "age_band", "ethnicity", "disability")


def facts_from_answers(answers: ApplicationAnswers) -> dict:
    """The application's own facts, as the applicant gave them."""
    return {
        "business_name": answers.business_name,
        "company_number": answers.company_number or "",
        "legal_form": answers.legal_form,
        "trading_since": answers.trading_since,
        "employees": answers.employees,
        "turnover_pence": answers.turnover_pence,
        "sic": answers.sic,
        "sector": sic.sector_for(answers.sic),
        "postcode": answers.postcode,
        "district_id": answers.district.pk if answers.district else None,
        "ownership": list(answers.ownership),
        "leader_name": answers.leader_name,
        "job_title": answers.leader_role,
        "phone": answers.phone,
        **{name: getattr(answers, name) for name in EQUALITY_ANSWERS},
    }


def facts_from_records(*, business: Business, leader: Leader) -> dict:
    """An application's facts copied from the records, for applications made where the records are the
    source (the demo's, whose plans are written as records first)."""
    return {
        "company_number": business.company_number or "",
        **{fact: getattr(business, field) for fact, field in BUSINESS_FACTS.items()},
        "ownership": list(business.ownership),
        **{fact: getattr(leader, field) for fact, field in LEADER_FACTS.items()},
        **{name: getattr(leader, name) for name in EQUALITY_ANSWERS},
    }


def business_for(*, hub, facts: dict) -> Business:
    """The hub's record of this business, found by company number (or name and postcode), never changed here;
    a business not found is recorded from the application's facts."""
    number = facts["company_number"] or None
    if number:
        business = Business.objects.filter(hub=hub, company_number=number).first()
    else:
        business = Business.objects.filter(
            hub=hub,
            company_number__isnull=True,
            name__iexact=facts["business_name"],
            postcode=facts["postcode"],
        ).first()
    if business is not None:
        return business
    new = Business(
        hub=hub, company_number=number, **{field: facts[fact] for fact, field in BUSINESS_FACTS.items()}
    )
    try:
        with transaction.atomic():
            new.save(force_insert=True)
    except IntegrityError:
        # Someone else from the same company applied at the same moment and recorded it first.
        if number is None:
            raise
        return Business.objects.get(hub=hub, company_number=number)
    return new


def leader_for(*, hub, business: Business, email: str, facts: dict) -> Leader:
    """The hub's record of this person, found by email and never changed here; a new one from the facts."""
    leader = Leader.objects.filter(hub=hub, email__iexact=email).first()
    if leader is not None:
        return leader
    new = Leader(
        hub=hub,
        email=email,
        business=business,
        **{field: facts[fact] for fact, field in LEADER_FACTS.items()},
        **{name: facts[name] for name in EQUALITY_ANSWERS},
    )
    try:
        with transaction.atomic():
            new.save(force_insert=True)
    except IntegrityError:
        # The same person's other submission, sent at the same moment, recorded them first.
        return Leader.objects.get(hub=hub, email__iexact=email)
    return new


@dataclass(frozen=True)
class Difference:
    """One row where an application and a shared record disagree, in the detail page's words."""

    label: str
    application_says: str
    record_says: str
    instead: str = ""  # said in place of both values, when the values are not for the page

    @property
    def words(self) -> str:
        return (
            self.instead
            or f"The application says {self.application_says}; the record says {self.record_says}"
        )


LEGAL_FORMS = dict(Business.LegalForm.choices)


def _district_words(values: dict) -> str:
    return values["district"].name if values["district"] else "outside the hub's districts"


BUSINESS_ROWS = [
    ("Business name", ["name"], lambda v: v["name"]),
    ("Kind of business", ["legal_form"], lambda v: str(LEGAL_FORMS.get(v["legal_form"], v["legal_form"]))),
    ("Trading since", ["trading_since"], lambda v: long_date(v["trading_since"])),
    ("Employees", ["employees"], lambda v: str(v["employees"])),
    ("Turnover", ["turnover_pence"], lambda v: money(v["turnover_pence"])),
    (
        "What the business does",
        ["sector", "sic"],
        lambda v: f"{v['sector'] or 'Sector unknown'} (SIC {v['sic'] or 'not given'})",
    ),
    ("Postcode", ["postcode"], lambda v: v["postcode"]),
    ("District", ["district_id"], _district_words),
    ("Business profile", ["ownership"], lambda v: ", ".join(v["ownership"]) or "none"),
]
LEADER_ROWS = [
    ("Name", ["full_name"], lambda v: v["full_name"]),
    ("Job title", ["job_title"], lambda v: v["job_title"] or "none"),
    ("Phone", ["phone"], lambda v: v["phone"] or "none"),
    ("Business", ["business_id"], lambda v: v["business"].name),
]
EQUALITY_WORDS = Difference(
    "Equality monitoring",
    "",
    "",
    instead="The application's answers differ from the record's; "
    "they are not shown because they are never used to decide",
)


def _business_sides(application: Application) -> tuple[dict, dict]:
    """The business facts as the application gives them and as the record holds them, by record field."""
    business = application.business
    given = {field: getattr(application, fact) for fact, field in BUSINESS_FACTS.items()}
    recorded = {field: getattr(business, field) for field in BUSINESS_FACTS.values()}
    given["district"], recorded["district"] = application.district, business.district
    return given, recorded


def _leader_sides(application: Application) -> tuple[dict, dict]:
    leader = application.leader
    given = {field: getattr(application, fact) for fact, field in LEADER_FACTS.items()}
    recorded = {field: getattr(leader, field) for field in LEADER_FACTS.values()}
    given["business_id"], recorded["business_id"] = application.business_id, leader.business_id
    given["business"], recorded["business"] = application.business, leader.business
    return given, recorded


def _same(a, b) -> bool:
    # A business profile is a set of tags: the order they were ticked in is no difference.
    if isinstance(a, list) and isinstance(b, list):
        return sorted(a) == sorted(b)
    return a == b


def _changed(given: dict, recorded: dict, rows) -> dict[str, tuple]:
    """{record field: (from, to)} for each field the application would change."""
    fields = [field for _, row_fields, _ in rows for field in row_fields]
    return {f: (recorded[f], given[f]) for f in fields if not _same(given[f], recorded[f])}


def _equality_changed(application: Application) -> list[str]:
    # An unanswered question on the application never erases an earlier answer.
    leader = application.leader
    return [
        name
        for name in EQUALITY_ANSWERS
        if getattr(application, name) and getattr(application, name) != getattr(leader, name)
    ]


def _rows(given: dict, recorded: dict, rows) -> list[Difference]:
    changed = _changed(given, recorded, rows)
    return [
        Difference(label, words(given), words(recorded))
        for label, fields, words in rows
        if any(field in changed for field in fields)
    ]


def record_differences(application: Application) -> tuple[list[Difference], list[Difference]]:
    """Where the application's facts differ from its business's record and its leader's: what hub staff
    would accept with accept_details. Needs business (with district), district and leader loaded."""
    leader_rows = _rows(*_leader_sides(application), LEADER_ROWS)
    if _equality_changed(application):
        leader_rows.append(EQUALITY_WORDS)
    return _rows(*_business_sides(application), BUSINESS_ROWS), leader_rows


def later_application(application: Application) -> Application | None:
    """The newest application sent after this one by the same leader or for the same business: its details
    are newer, so this one's may no longer replace the records'."""
    return (
        Application.objects.filter(
            Q(leader_id=application.leader_id) | Q(business_id=application.business_id),
            submitted_at__gt=application.submitted_at,
        )
        .exclude(pk=application.pk)
        .order_by("-submitted_at", "-pk")
        .first()
    )


def newer_details_words(later: Application) -> str:
    return f"A later application, {later.reference}, gives newer details; update the records from that one"


@dataclass(frozen=True)
class Changes:
    """What accepting an application's details changes on one record: the values to set, and the same
    change in the audit trail's terms (field: from, to), with equality answers named but never given."""

    values: dict
    trail: dict
    equality: tuple[str, ...] = ()


def _trail_value(field: str, value, sides: dict):
    if field == "district_id":
        return sides["district"].name if sides["district"] else None
    if field == "business_id":
        return sides["business"].name
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _changes(given: dict, recorded: dict, rows, equality: list[str], application: Application) -> Changes:
    changed = _changed(given, recorded, rows)
    return Changes(
        values={field: new for field, (_, new) in changed.items()}
        | {name: getattr(application, name) for name in equality},
        trail={
            field.removesuffix("_id"): {
                "from": _trail_value(field, old, recorded),
                "to": _trail_value(field, new, given),
            }
            for field, (old, new) in changed.items()
        },
        equality=tuple(equality),
    )


def business_changes(application: Application) -> Changes:
    return _changes(*_business_sides(application), BUSINESS_ROWS, [], application)


def leader_changes(application: Application) -> Changes:
    return _changes(*_leader_sides(application), LEADER_ROWS, _equality_changed(application), application)
