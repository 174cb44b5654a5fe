"""Eligibility as data: evaluate a round's rules against an application's facts and record the decision.

evaluate() is pure (no database), so Hypothesis can drive it; decide() gathers the facts, saves the decision,
moves the application and writes the audit entry. Every caller (form, import, review queue, seed_demo) uses
decide(), so there is one code path for each rule.
"""

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from peernet.accounts import audit
from peernet.applications import signals
from peernet.applications.models import Application, EligibilityDecision
from peernet.formats import long_date, money


@dataclass(frozen=True)
class Check:
    rule: str
    passed: bool
    evidence: str
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Rules:
    """A round's eligibility rules, detached from the database."""

    district_ids: frozenset[int] = frozenset()
    district_names: tuple[str, ...] = ()
    min_months_trading_over: int = 12
    min_employees: int = 6
    max_employees: int = 249
    min_turnover_over_pence: int = 10_000_000
    excluded_sic_prefixes: tuple[str, ...] = ()
    one_leader_per_business: bool = True
    subsidy_required: bool = True
    subsidy_threshold_pence: int = 31_500_000


@dataclass(frozen=True)
class Facts:
    """What we know about the applying business, and which earlier applications in the round it repeats."""

    district_id: int | None
    district_name: str
    trading_since: dt.date | None
    employees: int | None
    turnover_pence: int | None
    sic: str = ""
    subsidy_within_threshold: bool | None = None
    same_business_reference: str = ""
    same_email_reference: str = ""
    extra: dict = field(default_factory=dict)


RULE_LABELS = {
    "district": "Area",
    "trading": "Time trading",
    "employees": "Employees",
    "turnover": "Turnover",
    "sector": "Sector",
    "one_leader_per_business": "One leader per business",
    "duplicate": "Not a repeat application",
    "subsidy": "Subsidy allowance",
}


def rules_for(round) -> Rules:
    districts = list(round.eligible_districts.order_by("name").values_list("pk", "name"))
    return Rules(
        district_ids=frozenset(pk for pk, _ in districts),
        district_names=tuple(name for _, name in districts),
        min_months_trading_over=round.min_months_trading_over,
        min_employees=round.min_employees,
        max_employees=round.max_employees,
        min_turnover_over_pence=round.min_turnover_over_pence,
        excluded_sic_prefixes=tuple(
            str(p).strip() for p in (round.excluded_sic_prefixes or []) if str(p).strip()
        ),
        one_leader_per_business=round.one_leader_per_business,
        subsidy_required=round.subsidy_regime != round.SubsidyRegime.NONE,
        subsidy_threshold_pence=round.subsidy_threshold_pence,
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (negative when start is later)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    elif months < 0 and add_months(start, months) < end:
        months += 1
    return months


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _check_district(rules: Rules, facts: Facts) -> Check:
    if not rules.district_ids:
        return Check(
            "district", True, facts.district_name or "No district given", "The round is open to any area."
        )
    areas = ", ".join(rules.district_names)
    if facts.district_id is None:
        # The form's "Somewhere else": outside every district of the hub.
        return Check(
            "district",
            False,
            "Outside the hub's districts",
            f"The round is for businesses in {areas}. You told us yours is somewhere else.",
        )
    if facts.district_id in rules.district_ids:
        return Check(
            "district", True, facts.district_name, f"{facts.district_name} is one of the round's districts."
        )
    return Check(
        "district",
        False,
        facts.district_name,
        f"The round is for businesses in {areas}. You told us yours is in {facts.district_name}.",
    )


def _check_trading(rules: Rules, facts: Facts, today: dt.date) -> Check:
    n = rules.min_months_trading_over
    if facts.trading_since is None:
        return Check(
            "trading", False, "No date given", "You did not tell us when your business started trading."
        )
    evidence = f"Trading since {long_date(facts.trading_since)}"
    if facts.trading_since > today:
        return Check(
            "trading",
            False,
            evidence,
            f"The round is for businesses trading for more than {_plural(n, 'month')}. "
            f"You told us yours starts trading on {long_date(facts.trading_since)}, which is in the future.",
        )
    months = months_between(facts.trading_since, today)
    evidence += f" ({_plural(months, 'whole month')})"
    # "More than N months" passes the day after the N-month anniversary.
    if add_months(facts.trading_since, n) < today:
        return Check(
            "trading", True, evidence, f"The business has traded for more than {_plural(n, 'month')}."
        )
    return Check(
        "trading",
        False,
        evidence,
        f"The round is for businesses trading for more than {_plural(n, 'month')}. "
        f"You told us yours started trading on {long_date(facts.trading_since)}, "
        f"which is {_plural(months, 'whole month')} ago.",
    )


def _employee_range(rules: Rules) -> str:
    # "More than five" is how programmes say it; min_employees is stored as six.
    low = f"more than {rules.min_employees - 1}" if rules.min_employees > 0 else "any number of"
    return f"{low} employees and at most {rules.max_employees}"


def _check_employees(rules: Rules, facts: Facts) -> Check:
    if facts.employees is None:
        return Check(
            "employees", False, "No number given", "You did not tell us how many employees you have."
        )
    evidence = _plural(facts.employees, "employee")
    if rules.min_employees <= facts.employees <= rules.max_employees:
        return Check(
            "employees", True, evidence, f"The round is for businesses with {_employee_range(rules)}."
        )
    return Check(
        "employees",
        False,
        evidence,
        f"The round is for businesses with {_employee_range(rules)}. You told us you have {facts.employees}.",
    )


def _check_turnover(rules: Rules, facts: Facts) -> Check:
    if facts.turnover_pence is None:
        return Check("turnover", False, "No turnover given", "You did not tell us your annual turnover.")
    evidence = f"Turnover {money(facts.turnover_pence)}"
    minimum = money(rules.min_turnover_over_pence)
    if facts.turnover_pence > rules.min_turnover_over_pence:
        return Check("turnover", True, evidence, f"Turnover is more than {minimum}.")
    return Check(
        "turnover",
        False,
        evidence,
        f"The round is for businesses with a turnover of more than {minimum}. "
        f"You told us yours is {money(facts.turnover_pence)}.",
    )


def _check_sector(rules: Rules, facts: Facts) -> Check:
    sic = (facts.sic or "").strip()
    if not rules.excluded_sic_prefixes:
        return Check(
            "sector", True, f"SIC {sic}" if sic else "No SIC code given", "The round excludes no sectors."
        )
    if not sic:
        return Check(
            "sector",
            False,
            "No SIC code given",
            "Some sectors cannot take part in this round. You did not tell us your business's main activity.",
        )
    for prefix in rules.excluded_sic_prefixes:
        if sic.startswith(prefix):
            return Check(
                "sector",
                False,
                f"SIC {sic}",
                f"The round cannot support businesses whose SIC code starts {prefix}. "
                f"You told us your business's code is {sic}.",
            )
    return Check("sector", True, f"SIC {sic}", "The business's sector is not excluded from the round.")


def _check_one_leader(rules: Rules, facts: Facts) -> Check | None:
    if not rules.one_leader_per_business:
        return None
    if facts.same_business_reference:
        return Check(
            "one_leader_per_business",
            False,
            f"Same business as {facts.same_business_reference}",
            "The round takes one leader from each business, and we already have an application "
            f"from your business ({facts.same_business_reference}).",
        )
    return Check(
        "one_leader_per_business", True, "No other application", "The round takes one leader per business."
    )


def _check_duplicate(facts: Facts) -> Check:
    if facts.same_email_reference:
        return Check(
            "duplicate",
            False,
            f"Same email as {facts.same_email_reference}",
            f"We already have an application from this email address in this round "
            f"({facts.same_email_reference}).",
        )
    return Check(
        "duplicate", True, "No earlier application with this email", "This is not a repeat application."
    )


def _check_subsidy(rules: Rules, facts: Facts) -> Check | None:
    if not rules.subsidy_required:
        return None
    threshold = money(rules.subsidy_threshold_pence)
    if facts.subsidy_within_threshold is False:
        return Check(
            "subsidy",
            False,
            "Declared over the allowance",
            f"A business can receive at most {threshold} of this kind of support over three financial years. "
            "You told us this support would take yours over that amount.",
        )
    if facts.subsidy_within_threshold is None:
        return Check(
            "subsidy", True, "Not declared yet", "The subsidy declaration will be asked for before a place."
        )
    return Check("subsidy", True, f"Declared within {threshold}", f"The business stays within {threshold}.")


def evaluate(*, rules: Rules, facts: Facts, today: dt.date) -> list[Check]:
    """Every rule's outcome, in a fixed order, with evidence and a plain-English reason."""
    checks = [
        _check_district(rules, facts),
        _check_trading(rules, facts, today),
        _check_employees(rules, facts),
        _check_turnover(rules, facts),
        _check_sector(rules, facts),
        _check_one_leader(rules, facts),
        _check_duplicate(facts),
        _check_subsidy(rules, facts),
    ]
    return [check for check in checks if check is not None]


def outcome_of(checks: list[Check]) -> str:
    return (
        EligibilityDecision.Outcome.ELIGIBLE
        if all(c.passed for c in checks)
        else EligibilityDecision.Outcome.INELIGIBLE
    )


def earlier_duplicates(application: Application) -> tuple[Application | None, Application | None]:
    """The earliest other live application in the round from the same business and from the same email.

    "Earlier" is by submission (then id), so deciding the first application again never flags it against a
    later repeat.
    """
    others = (
        Application.objects.filter(round_id=application.round_id)
        .exclude(pk=application.pk)
        .exclude(status=Application.Status.WITHDRAWN)
        .filter(
            Q(submitted_at__lt=application.submitted_at)
            | Q(submitted_at=application.submitted_at, pk__lt=application.pk or 0)
        )
        .select_related("business", "leader")
        .order_by("submitted_at", "pk")
    )
    business = application.business
    same_business = Q(business_id=business.pk)
    if business.company_number:
        same_business |= Q(business__company_number__iexact=business.company_number)
    by_business = others.filter(same_business).first()
    by_email = others.filter(leader__email__iexact=application.leader.email).first()
    return by_business, by_email


def facts_for(application: Application) -> Facts:
    """The facts the application gives (never the shared business record, which may be older or newer)."""
    by_business, by_email = earlier_duplicates(application)
    return Facts(
        district_id=application.district_id,
        district_name=application.district.name if application.district_id else "",
        trading_since=application.trading_since,
        employees=application.employees,
        turnover_pence=application.turnover_pence,
        sic=application.sic,
        subsidy_within_threshold=application.subsidy_within_threshold,
        same_business_reference=by_business.reference if by_business else "",
        same_email_reference=by_email.reference if by_email else "",
        extra={
            "duplicate_of": (by_email or by_business).pk if (by_email or by_business) else None,
        },
    )


# An automatic decision moves only applications that have not yet been placed.
DECIDABLE = {
    Application.Status.APPLIED,
    Application.Status.ELIGIBLE,
    Application.Status.INELIGIBLE,
    Application.Status.WAITING,
}


def failed_rules_text(checks: list[dict]) -> str:
    """' employees turnover ': padded so `failed_rules__contains=" employees "` matches a whole rule."""
    failed = [check["rule"] for check in checks if not check.get("passed")]
    return f" {' '.join(failed)} " if failed else ""


def status_for(outcome: str) -> str:
    return (
        Application.Status.WAITING
        if outcome == EligibilityDecision.Outcome.ELIGIBLE
        else Application.Status.INELIGIBLE
    )


def record_outcome(*, application: Application, decision: EligibilityDecision, now: dt.datetime) -> list[str]:
    """Make `decision` the one that stands on the application and move its status as the outcome says.

    Eligible applications wait for a cohort; ineligible ones are kept. An application already placed keeps
    its status. Returns the fields changed, for the caller to save: decide() saves one application, the
    demo's past rounds many at once.
    """
    application.decision = decision
    application.failed_rules = failed_rules_text(decision.checks)
    changed = ["decision", "failed_rules"]
    if application.status in DECIDABLE and application.status != status_for(decision.outcome):
        application.status = status_for(decision.outcome)
        application.status_changed_at = now
        changed += ["status", "status_changed_at"]
    return changed


@transaction.atomic
def decide(*, application: Application, by=None, now: dt.datetime | None = None) -> EligibilityDecision:
    """Check the application against every rule of its round, record the decision and move its status.

    Eligible applications wait for a cohort; ineligible ones are kept. An application already placed in a
    cohort keeps its status: the decision is recorded for the officer to act on. One that was waiting and
    is not any more sends application_left_pool, so it leaves any cohort suggested for it.
    """
    now = now or timezone.now()
    today = timezone.localdate(now) if timezone.is_aware(now) else now.date()
    round = application.round
    facts = facts_for(application)
    checks = evaluate(rules=rules_for(round), facts=facts, today=today)
    outcome = outcome_of(checks)
    decision = EligibilityDecision.objects.create(
        application=application,
        outcome=outcome,
        checks=[c.as_dict() for c in checks],
        decided_at=now,
        decided_by=by if getattr(by, "is_authenticated", False) else None,
    )

    old_status = application.status
    changed = record_outcome(application=application, decision=decision, now=now)
    duplicate_of_id = facts.extra["duplicate_of"]
    if application.duplicate_of_id != duplicate_of_id:
        application.duplicate_of_id = duplicate_of_id
        changed.append("duplicate_of")
    application.save(update_fields=changed)
    if old_status == Application.Status.WAITING and application.status != old_status:
        signals.application_left_pool.send(sender=Application, application=application)

    failed = [c.rule for c in checks if not c.passed]
    outcome_label = decision.get_outcome_display().lower()
    if failed:
        outcome_label += f" ({', '.join(RULE_LABELS.get(r, r) for r in failed)})"
    audit.record(
        actor=decision.decided_by,
        action="application.decided",
        subject=application,
        hub=round.programme.hub,
        summary=f"{application.reference} checked against {round.name}: {outcome_label}",
        data={
            "decision": decision.pk,
            "outcome": outcome,
            "failed": failed,
            "from": old_status,
            "to": application.status,
        },
    )
    return decision
