"""The review queue: who may see it, filters, decisions, overrides with their audit trail, exports, rules."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from peernet.accounts.models import AuditEntry, Role
from peernet.applications.eligibility import decide
from peernet.applications.models import Application, EligibilityDecision, ImportJob
from tests import factories
from tests.html import text


def applicant(round_, *, employees=12, name=None, district=None, sic="25620", sector="Manufacturing"):
    hub = round_.programme.hub
    business = factories.BusinessFactory(
        hub=hub,
        employees=employees,
        district=district or round_.eligible_districts.order_by("name").first(),
        sic=sic,
        sector=sector,
        **({"name": name} if name else {}),
    )
    application = factories.ApplicationFactory(
        round=round_,
        leader=factories.LeaderFactory(hub=hub, business=business),
        business=business,
        status=Application.Status.APPLIED,
    )
    decide(application=application)
    application.refresh_from_db()
    return application


@pytest.fixture
def eligible(round_3):
    return applicant(round_3, name="Ribble Joinery Ltd")


@pytest.fixture
def too_small(round_3):
    return applicant(round_3, employees=4, name="Tiny Teas Ltd")


def pages(round_, application, job):
    base = f"/rounds/{round_.pk}"
    return {
        "/applications/": "get",
        f"{base}/applications/": "get",
        f"{base}/applications/export.csv": "get",
        f"{base}/applications/export.xlsx": "get",
        f"{base}/applications/{application.reference}/": "get",
        f"{base}/applications/{application.reference}/decide/": "post",
        f"{base}/applications/{application.reference}/override/": "post",
        f"{base}/applications/{application.reference}/accept-details/": "post",
        f"{base}/applications/{application.reference}/withdraw/": "post",
        f"{base}/eligibility/": "get",
        f"{base}/import/": "get",
        f"{base}/import/{job.pk}/": "get",
        f"{base}/import/{job.pk}/again/": "post",
    }


@pytest.fixture
def job(round_3):
    return ImportJob.objects.create(round=round_3, filename="partners.csv", content=b"")


@pytest.mark.parametrize(
    "role",
    [Role.PARTICIPANT, Role.FACILITATOR, Role.PARTNER_MANAGER, Role.BOARD_MEMBER, Role.NATIONAL_VIEWER],
)
@pytest.mark.django_db
def test_every_staff_page_refuses_other_roles(client_for, make_user, hub, round_3, eligible, job, role):
    extra = (
        {"delivery_partner": factories.DeliveryPartnerFactory(hub=hub)}
        if role in (Role.PARTNER_MANAGER, Role.FACILITATOR)
        else {}
    )
    client = client_for(make_user(role, hub, **extra))

    for url, method in pages(round_3, eligible, job).items():
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
    eligible.refresh_from_db()
    assert eligible.status == Application.Status.WAITING


@pytest.mark.django_db
def test_every_staff_page_hides_another_hubs_round(client_for, make_user, other_hub, round_3, eligible, job):
    client = client_for(make_user(Role.HUB_ADMIN, other_hub))

    for url, method in pages(round_3, eligible, job).items():
        if url == "/applications/":
            continue
        assert getattr(client, method)(url).status_code == 404, url


@pytest.mark.django_db
def test_every_staff_page_sends_anonymous_to_sign_in(client, round_3, eligible, job):
    for url, method in pages(round_3, eligible, job).items():
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/account/sign-in/"), url


@pytest.mark.parametrize("role", [Role.HUB_ADMIN, Role.PROGRAMME_MANAGER])
@pytest.mark.django_db
def test_queue_lists_round_applications_with_decisions(
    client_for, make_user, hub, round_3, eligible, too_small, role
):
    page = client_for(make_user(role, hub)).get(f"/rounds/{round_3.pk}/applications/").content.decode()

    assert eligible.reference in page
    assert too_small.reference in page
    assert "Not eligible" in page
    assert "Employees" in page
    assert "2 applications" in page.replace("<strong>", "").replace("</strong>", "")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=ineligible", {"Tiny Teas Ltd"}),
        ("outcome=eligible", {"Ribble Joinery Ltd"}),
        ("rule=employees", {"Tiny Teas Ltd"}),
        ("rule=turnover", set()),
        ("sector=Manufacturing", {"Ribble Joinery Ltd", "Tiny Teas Ltd"}),
        ("sector=Construction", set()),
        ("q=tiny", {"Tiny Teas Ltd"}),
        ("duplicates=on", set()),
    ],
)
@pytest.mark.django_db
def test_queue_filters(client_for, manager, round_3, eligible, too_small, query, expected):
    page = client_for(manager).get(f"/rounds/{round_3.pk}/applications/?{query}").content.decode()

    shown = {name for name in ("Ribble Joinery Ltd", "Tiny Teas Ltd") if name in page}
    assert shown == expected


@pytest.mark.django_db
def test_queue_filters_by_district(client_for, manager, hub, round_3, eligible):
    wyre = round_3.eligible_districts.get(name="Wyre")
    applicant(round_3, name="Fleetwood Fish Ltd", district=wyre)

    page = client_for(manager).get(f"/rounds/{round_3.pk}/applications/?district={wyre.pk}").content.decode()

    assert "Fleetwood Fish Ltd" in page
    assert "Ribble Joinery Ltd" not in page


@pytest.mark.django_db
def test_queue_with_nonsense_filters_is_not_an_error(client_for, manager, round_3, eligible):
    response = client_for(manager).get(
        f"/rounds/{round_3.pk}/applications/?status=<script>&district=abc&page=zz"
    )

    assert response.status_code == 200


@pytest.mark.django_db
def test_queue_query_count_does_not_grow(client_for, manager, round_3, django_assert_max_num_queries):
    client = client_for(manager)
    applicant(round_3)
    with django_assert_max_num_queries(12) as one:
        client.get(f"/rounds/{round_3.pk}/applications/")
    for _ in range(15):
        applicant(round_3, employees=3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(f"/rounds/{round_3.pk}/applications/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_rounds_page_query_count_does_not_grow(client_for, manager, round_3, django_assert_max_num_queries):
    client = client_for(manager)
    with django_assert_max_num_queries(8) as one:
        client.get("/applications/")
    for number in range(4, 10):
        factories.RoundFactory(programme=round_3.programme, number=number)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/applications/").content.decode()
    assert "Round 9" in page


@pytest.mark.django_db
def test_export_query_count_does_not_grow(client_for, manager, round_3, django_assert_max_num_queries):
    client = client_for(manager)
    applicant(round_3)
    with django_assert_max_num_queries(12) as one:
        client.get(f"/rounds/{round_3.pk}/applications/export.csv")
    for _ in range(10):
        applicant(round_3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(f"/rounds/{round_3.pk}/applications/export.csv")


@pytest.mark.django_db
def test_override_is_recorded_and_shown_in_audit_trail(client_for, manager, round_3, too_small):
    client = client_for(manager)

    response = client.post(
        f"/rounds/{round_3.pk}/applications/{too_small.reference}/override/",
        {"outcome": "eligible", "reason": "Two more staff start on Monday; contracts seen."},
    )

    assert response.status_code == 302
    too_small.refresh_from_db()
    assert too_small.status == Application.Status.WAITING
    assert too_small.decision.overridden is True
    assert too_small.decision.decided_by == manager
    assert too_small.decisions.count() == 2
    entry = AuditEntry.objects.get(action="application.overridden")
    assert entry.actor == manager
    assert entry.reason == "Two more staff start on Monday; contracts seen."
    page = client.get(response["Location"]).content.decode()
    assert "Two more staff start on Monday; contracts seen." in page
    assert f"{too_small.reference}: decision overridden to eligible" in page
    assert manager.full_name in page


@pytest.mark.django_db
def test_override_without_reason_says_what_to_do(client_for, manager, round_3, too_small):
    response = client_for(manager).post(
        f"/rounds/{round_3.pk}/applications/{too_small.reference}/override/",
        {"outcome": "eligible", "reason": " "},
    )

    assert response.status_code == 200
    assert "Write why you are overriding the decision" in response.content.decode()
    assert EligibilityDecision.objects.filter(application=too_small).count() == 1


@pytest.mark.django_db
def test_withdraw_keeps_reason_and_is_audited(client_for, manager, round_3, eligible):
    client_for(manager).post(
        f"/rounds/{round_3.pk}/applications/{eligible.reference}/withdraw/", {"reason": "Sold the business"}
    )

    eligible.refresh_from_db()
    assert eligible.status == Application.Status.WITHDRAWN
    assert eligible.withdrawn_reason == "Sold the business"
    assert AuditEntry.objects.get(action="application.withdrawn").reason == "Sold the business"


@pytest.mark.django_db
def test_override_and_withdraw_boxes_have_their_own_ids(client_for, manager, round_3, eligible):
    """Both forms ask for a reason on one page; each error summary link must reach its own box."""
    response = client_for(manager).post(
        f"/rounds/{round_3.pk}/applications/{eligible.reference}/withdraw/", {"reason": " "}
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count('id="id_reason"') == 1
    assert html.count('id="id_withdraw_reason"') == 1
    assert 'href="#id_withdraw_reason"' in html


@pytest.mark.django_db
def test_withdrawn_application_cannot_be_overridden(client_for, manager, round_3, eligible):
    client = client_for(manager)
    client.post(f"/rounds/{round_3.pk}/applications/{eligible.reference}/withdraw/", {"reason": "Sold"})

    response = client.post(
        f"/rounds/{round_3.pk}/applications/{eligible.reference}/override/",
        {"outcome": "eligible", "reason": "x"},
    )

    assert response.status_code == 200
    assert "This application is withdrawn; its eligibility can no longer change" in response.content.decode()


@pytest.mark.django_db
def test_decide_again_uses_changed_rules(client_for, manager, round_3, too_small):
    round_3.min_employees = 3
    round_3.save()

    client_for(manager).post(f"/rounds/{round_3.pk}/applications/{too_small.reference}/decide/")

    too_small.refresh_from_db()
    assert too_small.status == Application.Status.WAITING
    assert too_small.decision.decided_by == manager


@pytest.mark.django_db
def test_detail_never_shows_the_private_challenge(client_for, manager, round_3, eligible):
    eligible.challenge = "My business partner is leaving"
    eligible.save()

    page = (
        client_for(manager).get(f"/rounds/{round_3.pk}/applications/{eligible.reference}/").content.decode()
    )

    assert "My business partner is leaving" not in page


@pytest.mark.django_db
def test_csv_export_has_filtered_rows_and_neutralised_formulas(
    client_for, manager, round_3, eligible, too_small
):
    eligible.business_name = '=HYPERLINK("http://evil")'
    eligible.save()

    response = client_for(manager).get(f"/rounds/{round_3.pk}/applications/export.csv?status=waiting")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["reference", "submitted", "status", "decision"]
    assert len(rows) == 2
    assert rows[1][0] == eligible.reference
    assert rows[1][8] == '\'=HYPERLINK("http://evil")'


@pytest.mark.django_db
def test_xlsx_export_opens_with_every_row(client_for, manager, round_3, eligible, too_small):
    response = client_for(manager).get(f"/rounds/{round_3.pk}/applications/export.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "reference"
    assert {row[0] for row in values[1:]} == {eligible.reference, too_small.reference}
    assert AuditEntry.objects.filter(action="applications.exported").count() == 1


@pytest.mark.django_db
def test_eligibility_rules_are_edited_and_audited(client_for, manager, round_3, preston):
    data = {
        "eligible_districts": [preston.pk],
        "min_months_trading_over": "24",
        "min_employees": "10",
        "max_employees": "249",
        "min_turnover_over_pence": "£250,000",
        "excluded_sic_prefixes": "01, 64191",
        "one_leader_per_business": "on",
        "subsidy_regime": "mfa",
        "cost_per_place_pence": "1500",
        "subsidy_threshold_pence": "315000",
        "subsidy_wording": "",
        "privacy_notice_version": "2.0",
    }

    response = client_for(manager).post(f"/rounds/{round_3.pk}/eligibility/", data)

    assert response.status_code == 302
    round_3.refresh_from_db()
    assert list(round_3.eligible_districts.all()) == [preston]
    assert round_3.min_employees == 10
    assert round_3.min_turnover_over_pence == 25_000_000
    assert round_3.excluded_sic_prefixes == ["01", "64191"]
    assert round_3.privacy_notice_version == "2.0"
    assert AuditEntry.objects.get(action="round.eligibility_changed").actor == manager


@pytest.mark.django_db
def test_eligibility_rules_refuse_bad_values(client_for, manager, round_3):
    data = {
        "min_months_trading_over": "twelve",
        "min_employees": "10",
        "max_employees": "5",
        "min_turnover_over_pence": "-1",
        "excluded_sic_prefixes": "=cmd",
        "subsidy_regime": "mfa",
        "cost_per_place_pence": "1500",
        "subsidy_threshold_pence": "315000",
        "privacy_notice_version": "1.0",
    }

    response = client_for(manager).post(f"/rounds/{round_3.pk}/eligibility/", data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the months as a whole number, like 12" in page
    assert "The most employees must be at least the fewest employees" in page
    assert "The minimum turnover cannot be negative; enter 0 or more" in page
    assert "is not a SIC code" in page
    round_3.refresh_from_db()
    assert round_3.min_employees == 6


RULES = {
    "min_months_trading_over": "12",
    "min_employees": "6",
    "max_employees": "249",
    "min_turnover_over_pence": "100000",
    "subsidy_regime": "mfa",
    "cost_per_place_pence": "1500",
    "subsidy_threshold_pence": "315000",
    "privacy_notice_version": "1.0",
}


@pytest.mark.django_db
def test_eligibility_rules_refuse_digits_other_than_0_to_9(client_for, manager, round_3):
    data = {**RULES, "min_employees": "١٠", "subsidy_threshold_pence": "²"}

    response = client_for(manager).post(f"/rounds/{round_3.pk}/eligibility/", data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the fewest employees using the digits 0 to 9, like 6" in page
    assert "Enter the subsidy allowance using the digits 0 to 9, like 315000" in page
    round_3.refresh_from_db()
    assert (round_3.min_employees, round_3.subsidy_threshold_pence) == (6, 31_500_000)


@pytest.mark.django_db
def test_eligibility_rules_keep_pence_and_show_them_again(client_for, manager, round_3):
    client = client_for(manager)

    response = client.post(
        f"/rounds/{round_3.pk}/eligibility/", {**RULES, "cost_per_place_pence": "£1,321.10"}
    )

    assert response.status_code == 302
    round_3.refresh_from_db()
    assert round_3.cost_per_place_pence == 132_110
    assert 'value="1321.10"' in client.get(f"/rounds/{round_3.pk}/eligibility/").content.decode()


@pytest.mark.django_db
def test_upload_imports_through_a_task_and_shows_progress(
    client_for, manager, round_3, django_capture_on_commit_callbacks
):
    from tests.applications.test_import import csv_bytes, good_row

    client = client_for(manager)
    upload = SimpleUploadedFile("partners.csv", csv_bytes([good_row(n) for n in range(5)]), "text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rounds/{round_3.pk}/import/", {"file": upload})

    job = ImportJob.objects.get()
    assert response["Location"] == f"/rounds/{round_3.pk}/import/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "5 applications imported" in page
    assert 'hx-trigger="every 2s"' not in page
    assert Application.objects.filter(round=round_3, source=Application.Source.IMPORT).count() == 5


@pytest.mark.django_db
def test_upload_with_bad_row_lists_it_and_imports_nothing(
    client_for, manager, round_3, django_capture_on_commit_callbacks
):
    from tests.applications.test_import import csv_bytes, good_row

    client = client_for(manager)
    upload = SimpleUploadedFile("p.csv", csv_bytes([good_row(1), good_row(2, district="Leeds")]), "text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rounds/{round_3.pk}/import/", {"file": upload})

    page = client.get(response["Location"]).content.decode()
    assert "Nothing was imported: 1 problem found" in page
    assert "Enter one of the hub&#x27;s districts: Preston, Wyre" in page
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_running_job_page_polls_and_partial_is_just_the_progress(client_for, manager, round_3):
    job = ImportJob.objects.create(
        round=round_3, filename="p.csv", content=b"x", status="importing", total=200
    )
    client = client_for(manager)

    page = client.get(f"/rounds/{round_3.pk}/import/{job.pk}/").content.decode()
    partial = client.get(
        f"/rounds/{round_3.pk}/import/{job.pk}/", headers={"HX-Request": "true"}
    ).content.decode()

    assert 'hx-trigger="every 2s"' in page
    assert partial.strip().startswith('<div id="import-progress"')
    assert "<html" not in partial


@pytest.mark.django_db
def test_upload_of_wrong_kind_or_too_large_file_is_refused(client_for, manager, round_3):
    client = client_for(manager)

    wrong = client.post(f"/rounds/{round_3.pk}/import/", {"file": SimpleUploadedFile("a.exe", b"MZ")})
    large = client.post(
        f"/rounds/{round_3.pk}/import/", {"file": SimpleUploadedFile("a.csv", b"x" * (11 * 1024 * 1024))}
    )

    assert wrong.status_code == 200
    assert "The file must be a CSV or an Excel (.xlsx) file" in wrong.content.decode()
    assert large.status_code == 413
    assert "The file must be smaller than 10 MB" in large.content.decode()
    assert ImportJob.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("district", ["1" * 23, "9223372036854775808", "-1", "²", "١", "1.0", ""])
def test_eligibility_rules_refuse_a_district_that_is_not_one_of_the_hubs(
    client_for, manager, round_3, district
):
    response = client_for(manager).post(
        f"/rounds/{round_3.pk}/eligibility/", {**RULES, "eligible_districts": [district]}
    )

    assert response.status_code == 200
    assert "Choose districts from the list; one chosen is not one of the hub’s districts" in text(
        response.content.decode()
    )
    assert round_3.eligible_districts.count() == 2


@pytest.mark.django_db
def test_eligibility_rules_refuse_another_hubs_district(client_for, manager, round_3, other_hub):
    theirs = factories.DistrictFactory(hub=other_hub, name="Leeds")

    response = client_for(manager).post(
        f"/rounds/{round_3.pk}/eligibility/", {**RULES, "eligible_districts": [theirs.pk]}
    )

    assert "one chosen is not one of the hub’s districts" in text(response.content.decode())
    assert not round_3.eligible_districts.filter(pk=theirs.pk).exists()
