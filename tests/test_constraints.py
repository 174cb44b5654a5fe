"""Rules that are structural live in the database, so no code path can break them."""

import pytest
from django.db import IntegrityError, transaction

from tests import factories


def breaks_a_constraint(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


@pytest.mark.django_db
def test_a_business_is_held_once_per_hub_by_company_number(hub, other_hub):
    factories.BusinessFactory(hub=hub, company_number="01234567")

    assert breaks_a_constraint(lambda: factories.BusinessFactory(hub=hub, company_number="01234567"))
    assert not breaks_a_constraint(
        lambda: factories.BusinessFactory(hub=other_hub, company_number="01234567")
    )


@pytest.mark.django_db
def test_businesses_without_a_company_number_do_not_clash(hub):
    factories.BusinessFactory(hub=hub, company_number=None)

    assert not breaks_a_constraint(lambda: factories.BusinessFactory(hub=hub, company_number=None))


@pytest.mark.django_db
def test_turnover_cannot_be_negative(hub):
    assert breaks_a_constraint(lambda: factories.BusinessFactory(hub=hub, turnover_pence=-1))


@pytest.mark.django_db
def test_contract_price_and_payments_cannot_be_negative():
    assert breaks_a_constraint(lambda: factories.ContractFactory(price_per_cohort_pence=-100))
    assert breaks_a_constraint(lambda: factories.PaymentFactory(amount_pence=-100))


@pytest.mark.django_db
def test_hours_cannot_be_negative():
    assert breaks_a_constraint(lambda: factories.AttendanceFactory(minutes=-30))
    assert breaks_a_constraint(lambda: factories.SupportSessionFactory(minutes=-60))
    assert breaks_a_constraint(lambda: factories.MeetingFactory(duration_minutes=0))


@pytest.mark.django_db
def test_a_leader_applies_once_per_round():
    application = factories.ApplicationFactory()

    assert breaks_a_constraint(
        lambda: factories.ApplicationFactory(round=application.round, leader=application.leader)
    )


@pytest.mark.django_db
def test_an_application_has_one_current_membership():
    membership = factories.MembershipFactory()
    other_cohort = factories.CohortFactory(round=membership.cohort.round)

    assert breaks_a_constraint(
        lambda: factories.MembershipFactory(cohort=other_cohort, application=membership.application)
    )


@pytest.mark.django_db
def test_a_withdrawn_membership_frees_the_application_for_another_cohort():
    membership = factories.MembershipFactory(
        status="withdrawn", withdrawn_reason="Moved to a Thursday cohort"
    )
    other_cohort = factories.CohortFactory(round=membership.cohort.round)

    assert not breaks_a_constraint(
        lambda: factories.MembershipFactory(cohort=other_cohort, application=membership.application)
    )


@pytest.mark.django_db
def test_an_override_needs_a_written_reason():
    assert breaks_a_constraint(lambda: factories.EligibilityDecisionFactory(overridden=True, reason=""))


@pytest.mark.django_db
def test_satisfaction_is_on_the_five_point_scale():
    assert breaks_a_constraint(lambda: factories.ResponseFactory(satisfaction=6))
    assert not breaks_a_constraint(lambda: factories.ResponseFactory(satisfaction=5))


@pytest.mark.django_db
def test_a_case_study_is_published_only_with_consent():
    assert breaks_a_constraint(lambda: factories.CaseStudyFactory(published_at="2026-11-01T10:00:00Z"))
