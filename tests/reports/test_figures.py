import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peernet.applications.models import Application
from peernet.cohorts.models import Cohort, Membership
from peernet.feedback.models import Survey
from peernet.reports.figures import round_summaries, suppress, totals
from tests import factories

ACTIVE = Application.Status.ACTIVE


def member(cohort, *, status=ACTIVE, membership_status=Membership.Status.ACTIVE, application=None):
    if application is None:
        application = factories.ApplicationFactory(
            round=cohort.round,
            status=status,
            withdrawn_reason="Too busy" if status == Application.Status.WITHDRAWN else "",
        )
    return factories.MembershipFactory(cohort=cohort, application=application, status=membership_status)


@pytest.fixture
def round_with_records(hub):
    round_ = factories.RoundFactory(programme__hub=hub, grant_pence=39_000_000)
    running = factories.CohortFactory(round=round_, status=Cohort.Status.RUNNING)
    completed = factories.CohortFactory(round=round_, status=Cohort.Status.COMPLETED)
    proposed = factories.CohortFactory(round=round_, status=Cohort.Status.PROPOSED)
    cancelled = factories.CohortFactory(round=round_, status=Cohort.Status.CANCELLED)

    member(running)
    member(running, status=Application.Status.WITHDRAWN, membership_status=Membership.Status.WITHDRAWN)
    done = member(
        completed, status=Application.Status.COMPLETED, membership_status=Membership.Status.COMPLETED
    )
    member(completed, status=Application.Status.COMPLETED, membership_status=Membership.Status.COMPLETED)
    # Moved from one cohort to another: still one participant, and not a withdrawal.
    moved = member(running, membership_status=Membership.Status.WITHDRAWN)
    member(completed, application=moved.application)
    member(proposed)
    member(cancelled)
    factories.ApplicationFactory.create_batch(2, round=round_, status=Application.Status.WAITING)

    first = factories.ContractFactory(round=round_, cohorts_awarded=2, price_per_cohort_pence=1_400_000)
    factories.ContractFactory(round=round_, cohorts_awarded=3, price_per_cohort_pence=1_000_000)
    factories.PaymentFactory(contract=first, amount_pence=700_000, paid_on=dt.date(2027, 3, 2))
    factories.PaymentFactory(contract=first, amount_pence=300_000, paid_on=dt.date(2027, 4, 2))
    factories.PaymentFactory(contract=first, amount_pence=500_000, paid_on=None)

    end = factories.SurveyFactory(round=round_, kind=Survey.Kind.END)
    now = dt.datetime(2027, 7, 2, 10, tzinfo=dt.UTC)
    for satisfaction in (5, 5, 4, 3):
        factories.ResponseFactory(
            survey=end, submitted_at=now, satisfaction=satisfaction, application__status=ACTIVE
        )
    factories.ResponseFactory(survey=end, application__status=ACTIVE)  # invited, never answered
    baseline = factories.SurveyFactory(round=round_, kind=Survey.Kind.BASELINE, title="Baseline")
    factories.ResponseFactory(survey=baseline, submitted_at=now, satisfaction=1, application__status=ACTIVE)

    meeting = factories.MeetingFactory(cohort=completed)
    factories.AttendanceFactory(meeting=meeting, membership=done, minutes=180)
    factories.AttendanceFactory(meeting=meeting, minutes=150)
    factories.AttendanceFactory(meeting=meeting, present=False, minutes=0)
    factories.AttendanceFactory(meeting=factories.MeetingFactory(cohort=proposed), minutes=180)
    factories.SupportSessionFactory(membership=done, minutes=90)
    factories.SupportSessionFactory(membership=done, minutes=60)
    return round_


def test_round_summary_counts_cohorts_that_ran(round_with_records):
    (summary,) = round_summaries([round_with_records])

    assert summary.cohorts == 2


def test_round_summary_counts_each_enrolled_application_once(round_with_records):
    (summary,) = round_summaries([round_with_records])

    # 5 in the two cohorts that ran (one moved between them) plus the two added by the attendances.
    assert summary.participants == 7
    assert summary.completed == 2
    assert summary.withdrawn == 1
    assert summary.completion_rate == 2 / 7
    assert summary.waiting == 2


def test_round_summary_adds_up_contracts_and_paid_payments(round_with_records):
    (summary,) = round_summaries([round_with_records])

    assert summary.partners == 2
    assert summary.contract_value_pence == 5_800_000
    assert summary.spend_pence == 1_000_000
    assert summary.grant_pence == 39_000_000


def test_round_summary_reads_satisfaction_from_the_end_of_programme_survey(round_with_records):
    (summary,) = round_summaries([round_with_records])

    assert summary.satisfaction.invited == 5
    assert summary.satisfaction.base == 4
    assert summary.satisfaction.response_rate == 0.8
    assert summary.satisfaction.satisfied_share == 0.75
    assert summary.satisfaction.very_satisfied_share == 0.5


def test_round_summary_adds_up_hours_of_cohorts_that_ran(round_with_records):
    (summary,) = round_summaries([round_with_records])

    assert summary.action_learning_minutes == 330
    assert summary.one_to_one_minutes == 150


def test_round_summary_of_an_empty_round_is_zero(hub):
    round_ = factories.RoundFactory(programme__hub=hub)

    (summary,) = round_summaries([round_])

    assert (summary.cohorts, summary.participants, summary.spend_pence) == (0, 0, 0)
    assert summary.completion_rate is None
    assert summary.satisfaction.satisfied_share is None


def test_round_summaries_keep_the_order_given(hub):
    first, second = factories.RoundFactory.create_batch(2, programme__hub=hub)

    summaries = round_summaries([second, first])

    assert [s.round for s in summaries] == [second, first]


def test_round_summaries_take_the_same_queries_for_one_round_as_for_many(hub):
    def queries_for(rounds):
        with CaptureQueriesContext(connection) as captured:
            round_summaries(rounds)
        return len(captured)

    programme = factories.ProgrammeFactory(hub=hub)
    one = [factories.RoundFactory(programme=programme)]
    factories.MembershipFactory(cohort__round=one[0])
    many = factories.RoundFactory.create_batch(4, programme=programme)
    for round_ in many:
        factories.MembershipFactory.create_batch(3, cohort__round=round_)

    assert queries_for(one) == queries_for(many) == 8


def test_totals_add_up_rounds(round_with_records, hub):
    other = factories.RoundFactory(programme=round_with_records.programme, grant_pence=1_000_000)
    member(factories.CohortFactory(round=other), status=Application.Status.COMPLETED)

    total = totals(round_summaries([round_with_records, other]))

    assert (total.rounds, total.cohorts, total.participants, total.completed) == (2, 3, 8, 3)
    assert total.grant_pence == 40_000_000
    assert total.satisfaction.base == 4


@pytest.mark.parametrize(
    ("n", "shown"),
    [(None, "–"), (0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (1234, "1,234")],
)
def test_suppress_hides_counts_of_fewer_than_five_people(n, shown):
    assert suppress(n) == shown
