"""The eligibility rules, alone (pure evaluate) and recorded (decide)."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from peernet.accounts.models import AuditEntry
from peernet.applications.eligibility import (
    Facts,
    Rules,
    add_months,
    decide,
    evaluate,
    months_between,
    outcome_of,
)
from peernet.applications.models import Application, EligibilityDecision
from tests import factories

TODAY = dt.date(2026, 11, 22)
NOW = timezone.make_aware(dt.datetime(2026, 11, 22, 10, 0))
RULES = Rules(
    district_ids=frozenset({1, 2}), district_names=("Preston", "Wyre"), excluded_sic_prefixes=("01", "64")
)


def facts(**overrides) -> Facts:
    values = {
        "district_id": 1,
        "district_name": "Preston",
        "trading_since": dt.date(2015, 4, 1),
        "employees": 12,
        "turnover_pence": 50_000_000,
        "sic": "25620",
        "subsidy_within_threshold": True,
    }
    values.update(overrides)
    return Facts(**values)


def by_rule(checks):
    return {c.rule: c for c in checks}


def test_evaluate_eligible_business_passes_every_rule():
    checks = evaluate(rules=RULES, facts=facts(), today=TODAY)

    assert [c.rule for c in checks] == [
        "district",
        "trading",
        "employees",
        "turnover",
        "sector",
        "one_leader_per_business",
        "duplicate",
        "subsidy",
    ]
    assert all(c.passed for c in checks)
    assert outcome_of(checks) == EligibilityDecision.Outcome.ELIGIBLE


def test_evaluate_four_employees_fails_with_plain_reason():
    check = by_rule(evaluate(rules=RULES, facts=facts(employees=4), today=TODAY))["employees"]

    assert check.passed is False
    assert check.evidence == "4 employees"
    assert check.reason == (
        "The round is for businesses with more than 5 employees and at most 249. You told us you have 4."
    )


@pytest.mark.parametrize(("employees", "passed"), [(5, False), (6, True), (249, True), (250, False)])
def test_evaluate_employee_bounds_are_inclusive_of_six_and_249(employees, passed):
    assert (
        by_rule(evaluate(rules=RULES, facts=facts(employees=employees), today=TODAY))["employees"].passed
        is passed
    )


@pytest.mark.parametrize(
    ("since", "passed"),
    [(dt.date(2025, 11, 22), False), (dt.date(2025, 11, 21), True), (dt.date(2026, 1, 1), False)],
)
def test_evaluate_trading_more_than_twelve_months(since, passed):
    assert (
        by_rule(evaluate(rules=RULES, facts=facts(trading_since=since), today=TODAY))["trading"].passed
        is passed
    )


def test_evaluate_future_trading_date_fails_and_says_so():
    check = by_rule(evaluate(rules=RULES, facts=facts(trading_since=dt.date(2027, 3, 1)), today=TODAY))[
        "trading"
    ]

    assert check.passed is False
    assert "1 March 2027, which is in the future" in check.reason


@pytest.mark.parametrize(("turnover", "passed"), [(10_000_000, False), (10_000_001, True), (0, False)])
def test_evaluate_turnover_must_be_more_than_minimum(turnover, passed):
    check = by_rule(evaluate(rules=RULES, facts=facts(turnover_pence=turnover), today=TODAY))["turnover"]
    assert check.passed is passed


def test_evaluate_turnover_reason_names_both_figures():
    check = by_rule(evaluate(rules=RULES, facts=facts(turnover_pence=8_000_000), today=TODAY))["turnover"]

    assert check.reason == (
        "The round is for businesses with a turnover of more than £100,000. You told us yours is £80,000."
    )


def test_evaluate_district_outside_round_fails():
    check = by_rule(evaluate(rules=RULES, facts=facts(district_id=9, district_name="Leeds"), today=TODAY))[
        "district"
    ]

    assert check.passed is False
    assert check.reason == "The round is for businesses in Preston, Wyre. You told us yours is in Leeds."


def test_evaluate_excluded_sic_prefix_fails():
    check = by_rule(evaluate(rules=RULES, facts=facts(sic="64191"), today=TODAY))["sector"]

    assert check.passed is False
    assert check.evidence == "SIC 64191"


def test_evaluate_declared_over_subsidy_allowance_fails():
    check = by_rule(evaluate(rules=RULES, facts=facts(subsidy_within_threshold=False), today=TODAY))[
        "subsidy"
    ]

    assert check.passed is False
    assert "£315,000" in check.reason


def test_evaluate_one_leader_rule_off_skips_business_check():
    rules = Rules(one_leader_per_business=False)
    checks = evaluate(rules=rules, facts=facts(same_business_reference="PN-AAAAAA"), today=TODAY)

    assert "one_leader_per_business" not in by_rule(checks)
    assert outcome_of(checks) == EligibilityDecision.Outcome.ELIGIBLE


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        # A month from 31 January ends on the last day of February.
        (dt.date(2025, 1, 31), dt.date(2025, 2, 27), 0),
        (dt.date(2025, 1, 31), dt.date(2025, 2, 28), 1),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28), 12),
        (dt.date(2025, 3, 1), dt.date(2025, 1, 31), -1),
        (dt.date(2020, 5, 10), dt.date(2026, 11, 22), 78),
    ],
)
def test_months_between_counts_whole_months(start, end, months):
    assert months_between(start, end) == months


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@given(
    employees=st.integers(min_value=0, max_value=100_000),
    low=st.integers(min_value=0, max_value=500),
    span=st.integers(min_value=0, max_value=1000),
)
def test_employees_rule_matches_its_definition(employees, low, span):
    rules = Rules(min_employees=low, max_employees=low + span)
    check = by_rule(evaluate(rules=rules, facts=facts(employees=employees), today=TODAY))["employees"]

    assert check.passed is (low <= employees <= low + span)
    assert check.reason


@given(turnover=st.integers(min_value=-(10**15), max_value=10**15), minimum=st.integers(0, 10**12))
def test_turnover_rule_matches_its_definition(turnover, minimum):
    check = by_rule(
        evaluate(
            rules=Rules(min_turnover_over_pence=minimum), facts=facts(turnover_pence=turnover), today=TODAY
        )
    )["turnover"]

    assert check.passed is (turnover > minimum)


@given(since=dates, today=dates, months=st.integers(min_value=0, max_value=600))
def test_trading_rule_agrees_with_month_count(since, today, months):
    check = by_rule(
        evaluate(rules=Rules(min_months_trading_over=months), facts=facts(trading_since=since), today=today)
    )["trading"]

    assert check.passed is (since <= today and add_months(since, months) < today)
    if check.passed:
        assert months_between(since, today) >= months


@given(
    sic=st.text(alphabet="0123456789", min_size=0, max_size=5),
    prefixes=st.lists(st.text(alphabet="0123456789", min_size=1, max_size=5), max_size=5),
)
def test_sector_rule_fails_exactly_on_an_excluded_prefix(sic, prefixes):
    check = by_rule(
        evaluate(rules=Rules(excluded_sic_prefixes=tuple(prefixes)), facts=facts(sic=sic), today=TODAY)
    )["sector"]

    if not prefixes:
        assert check.passed
    else:
        assert check.passed is (bool(sic) and not any(sic.startswith(p) for p in prefixes))


@given(
    employees=st.one_of(st.none(), st.integers(0, 10_000)),
    turnover=st.one_of(st.none(), st.integers(-(10**12), 10**12)),
    since=st.one_of(st.none(), dates),
    district=st.one_of(st.none(), st.integers(0, 5)),
)
def test_evaluate_never_raises_and_always_explains(employees, turnover, since, district):
    checks = evaluate(
        rules=RULES,
        facts=facts(employees=employees, turnover_pence=turnover, trading_since=since, district_id=district),
        today=TODAY,
    )

    assert all(c.reason and c.evidence for c in checks)
    assert outcome_of(checks) in EligibilityDecision.Outcome.values


# decide(): the recorded decision.


@pytest.fixture
def round_3(hub):
    district = factories.DistrictFactory(hub=hub, name="Preston")
    programme = factories.ProgrammeFactory(hub=hub, slug="peer-networks")
    round_ = factories.RoundFactory(programme=programme, number=3, slug="round-3")
    round_.eligible_districts.add(district)
    return round_


def apply(round_, **business):
    hub = round_.programme.hub
    district = round_.eligible_districts.first()
    b = factories.BusinessFactory(hub=hub, district=district, **business)
    leader = factories.LeaderFactory(hub=hub, business=b)
    return factories.ApplicationFactory(
        round=round_, leader=leader, business=b, status=Application.Status.APPLIED
    )


def test_decide_eligible_application_waits_and_is_audited(round_3):
    application = apply(round_3)

    decision = decide(application=application, by=None, now=NOW)

    application.refresh_from_db()
    assert decision.outcome == EligibilityDecision.Outcome.ELIGIBLE
    assert decision.decided_at == NOW
    assert decision.decided_by is None
    assert len(decision.checks) == 8
    assert set(decision.checks[0]) == {"rule", "passed", "evidence", "reason"}
    assert application.status == Application.Status.WAITING
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Application), object_id=str(application.pk)
    )
    assert entry.action == "application.decided"
    assert entry.hub == round_3.programme.hub
    assert entry.actor is None
    assert entry.data["to"] == "waiting"


def test_decide_four_employees_is_ineligible_and_kept(round_3):
    application = apply(round_3, employees=4)

    decision = decide(application=application, now=NOW)

    application.refresh_from_db()
    assert decision.outcome == EligibilityDecision.Outcome.INELIGIBLE
    assert [c["rule"] for c in decision.failed_rules] == ["employees"]
    assert application.status == Application.Status.INELIGIBLE


def test_decide_second_leader_of_same_business_is_flagged_duplicate(round_3):
    first = apply(round_3)
    second = factories.ApplicationFactory(
        round=round_3,
        leader=factories.LeaderFactory(hub=round_3.programme.hub, business=first.business),
        business=first.business,
        status=Application.Status.APPLIED,
        submitted_at=first.submitted_at + dt.timedelta(minutes=5),
    )

    decide(application=first, now=NOW)
    decision = decide(application=second, now=NOW)

    second.refresh_from_db()
    first.refresh_from_db()
    assert [c["rule"] for c in decision.failed_rules] == ["one_leader_per_business"]
    assert second.duplicate_of == first
    assert second.status == Application.Status.INELIGIBLE
    assert first.duplicate_of is None
    assert first.status == Application.Status.WAITING


def test_decide_same_company_number_in_another_business_record_is_duplicate(round_3, other_hub):
    first = apply(round_3, company_number="01234567")
    # A second hub's record can't share the number in the same hub, so use a case difference.
    second = apply(round_3, company_number="SC123456")
    first.business.company_number = "sc123456"
    first.business.save()

    decide(application=second, now=NOW)

    second.refresh_from_db()
    assert second.duplicate_of == first


def test_decide_withdrawn_earlier_application_does_not_count(round_3):
    first = apply(round_3)
    first.status = Application.Status.WITHDRAWN
    first.withdrawn_reason = "Changed their mind"
    first.save()
    second = factories.ApplicationFactory(
        round=round_3,
        leader=factories.LeaderFactory(hub=round_3.programme.hub, business=first.business),
        business=first.business,
        status=Application.Status.APPLIED,
    )

    decision = decide(application=second, now=NOW)

    assert decision.outcome == EligibilityDecision.Outcome.ELIGIBLE


def test_decide_placed_application_keeps_its_status(round_3):
    application = apply(round_3, employees=3)
    application.status = Application.Status.PLACED
    application.save()

    decide(application=application, now=NOW)

    application.refresh_from_db()
    assert application.status == Application.Status.PLACED


def test_evaluate_business_outside_every_district_is_told_so():
    check = by_rule(evaluate(rules=RULES, facts=facts(district_id=None, district_name=""), today=TODAY))[
        "district"
    ]

    assert check.passed is False
    assert (
        check.reason == "The round is for businesses in Preston, Wyre. You told us yours is somewhere else."
    )
