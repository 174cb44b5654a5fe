"""Bulk import: one parser for command, upload and task; a bad row stops it all; re-runs add nothing."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from peernet.applications import imports
from peernet.applications.models import Application, Business, ImportJob
from tests import factories

HEADER = imports.REQUIRED + [
    "company_number",
    "leader_role",
    "phone",
    "themes",
    "mode",
    "ownership",
    "organisation",
]


def good_row(n: int, **overrides) -> dict:
    row = {
        "business_name": f"Business {n} Ltd",
        "company_number": f"{10_000_000 + n}",
        "trading_since": "2016-05-01",
        "employees": "12",
        "turnover": "450000",
        "sic": "25620",
        "postcode": "PR1 2HE",
        "district": "Preston",
        "leader_name": f"Leader {n}",
        "leader_role": "Director",
        "email": f"leader{n}@example.com",
        "phone": "01772 000000",
        "themes": "staffing;exporting",
        "mode": "online",
        "slots": "tue-am;thu-pm",
        "ownership": "women-led;family",
        "organisation": "FSB",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def hundred(tmp_path):
    rows = [good_row(n) for n in range(1, 101)]
    path = tmp_path / "partners.csv"
    path.write_bytes(csv_bytes(rows))
    return path, rows


@pytest.mark.django_db
def test_command_refuses_file_with_one_bad_row_and_names_it(round_3, hundred, capsys):
    path, rows = hundred
    rows[41]["employees"] = "abc"
    path.write_bytes(csv_bytes(rows))

    with pytest.raises(CommandError) as error:
        call_command("import_applications", str(path), "--round", "round-3")

    assert error.value.returncode == 2
    assert "1 problem found; nothing was imported" in str(error.value)
    assert (
        "partners.csv row 43, employees: Enter the number of employees as a whole number, like 12"
        in capsys.readouterr().err
    )
    assert Application.objects.count() == 0
    assert Business.objects.count() == 0


@pytest.mark.django_db
def test_command_imports_hundred_then_none_on_second_run(round_3, hundred, capsys):
    path, _ = hundred

    call_command("import_applications", str(path), "--round", "round-3")
    assert "Imported 100 applications to Peer Networks Round 3; 0 already there" in capsys.readouterr().out
    call_command("import_applications", str(path), "--round", "round-3")
    assert "Imported 0 applications to Peer Networks Round 3; 100 already there" in capsys.readouterr().out

    assert Application.objects.filter(round=round_3).count() == 100
    application = Application.objects.get(leader__email="leader7@example.com")
    assert application.source == Application.Source.IMPORT
    assert application.status == Application.Status.WAITING
    assert application.slots == ["tue-am", "thu-pm"]
    assert sorted(t.slug for t in application.themes.all()) == ["exporting", "staffing"]
    assert application.business.ownership == ["women-led", "family"]
    assert application.decision is not None


@pytest.mark.django_db
def test_command_unknown_round_exits_2(round_3, hundred):
    with pytest.raises(CommandError) as error:
        call_command("import_applications", str(hundred[0]), "--round", "round-9")

    assert error.value.returncode == 2


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        (
            {"trading_since": "2999-01-01"},
            "trading_since",
            "The date the business started trading must be today or in the past",
        ),
        (
            {"trading_since": "01/05/2016"},
            "trading_since",
            "Enter the date the business started trading as YYYY-MM-DD, like 2019-03-27",
        ),
        ({"turnover": "-5"}, "turnover", "The turnover cannot be negative; enter 0 or more"),
        ({"district": "Leeds"}, "district", "Enter one of the hub's districts: Preston, Wyre"),
        ({"sic": "ABCDE"}, "sic", "Enter a SIC 2007 code of 5 digits, like 62020"),
        ({"postcode": "nowhere"}, "postcode", "Enter a full UK postcode, like PR1 2HE"),
        (
            {"email": "not-an-email"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            {"themes": "staffing;knitting"},
            "themes",
            "'knitting' is not one of the round's themes: exporting, staffing",
        ),
        ({"slots": "sun-am"}, "slots", "'sun-am' is not a slot like tue-am or thu-pm"),
        ({"mode": "hologram"}, "mode", "'hologram' is not one of online, in-person or either"),
        ({"business_name": "x" * 201}, "business_name", "must be 200 characters or fewer"),
        (
            {"business_name": "x" * 5000},
            "business_name",
            "is 5,000 characters long; it must be at most 2,000",
        ),
        ({"leader_name": ""}, "leader_name", "is empty; every row needs one"),
        (
            {"company_number": "12-34"},
            "company_number",
            "Enter the Companies House number in the right format, like 01234567 or SC123456",
        ),
        ({"ownership": "pirate-led"}, "ownership", "'pirate-led' is not one of"),
    ],
)
@pytest.mark.django_db
def test_parse_names_row_column_and_problem(round_3, overrides, column, message):
    content = csv_bytes([good_row(1), good_row(2, **overrides)])

    result = imports.parse("f.csv", content, round=round_3)

    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert message in result.errors[0].message


@pytest.mark.django_db
def test_parse_same_email_twice_in_file_is_an_error(round_3):
    result = imports.parse(
        "f.csv", csv_bytes([good_row(1), good_row(2, email="LEADER1@example.com")]), round=round_3
    )

    assert [str(e) for e in result.errors] == ["row 3, email: leader1@example.com is also on row 2"]


@pytest.mark.django_db
def test_parse_missing_column_is_reported_from_header(round_3):
    result = imports.parse("f.csv", b"business_name,email\nA,a@example.com\n", round=round_3)

    assert {e.column for e in result.errors} == set(imports.REQUIRED) - {"business_name", "email"}
    assert all(e.row == 1 for e in result.errors)


@pytest.mark.django_db
def test_parse_not_utf8_is_refused_plainly(round_3):
    result = imports.parse("f.csv", "business_name\nCafé".encode("utf-16"), round=round_3)

    assert [e.message for e in result.errors] == [
        "The file is not UTF-8 text; save it from your spreadsheet as “CSV UTF-8”"
    ]


@pytest.mark.django_db
def test_parse_xlsx_with_dates_numbers_and_lost_leading_zeros(round_3):
    header = list(good_row(1))
    values = list(good_row(1).values())
    values[header.index("trading_since")] = dt.datetime(2016, 5, 1)
    values[header.index("employees")] = 12
    values[header.index("turnover")] = 450000.0
    values[header.index("sic")] = 1110
    values[header.index("company_number")] = 1234567

    result = imports.parse("f.xlsx", xlsx_bytes([header, values]), round=round_3)

    assert result.errors == []
    answers = result.rows[0].answers
    assert answers.trading_since == dt.date(2016, 5, 1)
    assert answers.turnover_pence == 45_000_000
    assert answers.sic == "01110"
    assert answers.company_number == "01234567"


@pytest.mark.django_db
def test_parse_xlsx_formula_is_refused(round_3):
    header = list(good_row(1))
    values = list(good_row(1).values())
    values[header.index("employees")] = "=6*2"

    result = imports.parse("f.xlsx", xlsx_bytes([header, values]), round=round_3)

    assert [str(e) for e in result.errors] == [
        "row 2, employees: '=6*2' looks like a spreadsheet formula; paste its value instead"
    ]


@pytest.mark.django_db
def test_parse_damaged_xlsx_is_refused(round_3):
    result = imports.parse("f.xlsx", b"PK\x03\x04 this is not a workbook", round=round_3)

    assert [e.message for e in result.errors] == ["The file is not a readable Excel (.xlsx) file"]


@pytest.mark.django_db
def test_parse_empty_file_is_refused(round_3):
    assert imports.parse("f.csv", b"", round=round_3).errors[0].message.startswith("The file is empty")


@pytest.mark.django_db
def test_partner_column_records_who_recruited(round_3):
    partner = factories.DeliveryPartnerFactory(hub=round_3.programme.hub, name="North West Chamber")
    header = HEADER + ["partner"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerow(good_row(1, partner="north west chamber"))

    result = imports.import_file("f.csv", out.getvalue().encode(), round=round_3)

    assert result.created == 1
    application = Application.objects.get()
    assert application.recruited_by == partner
    assert application.source == Application.Source.PARTNER


@pytest.mark.django_db
def test_run_job_reports_progress_and_runs_once(round_3, manager):
    job = ImportJob.objects.create(
        round=round_3,
        created_by=manager,
        filename="f.csv",
        content=csv_bytes([good_row(n) for n in range(30)]),
    )

    imports.run_job(job.pk)
    imports.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.total, job.processed, job.created_count, job.skipped_count) == (30, 30, 30, 0)
    assert bytes(job.content) == b""
    assert Application.objects.count() == 30


@pytest.mark.django_db
def test_run_job_with_bad_row_fails_and_keeps_errors(round_3, manager):
    job = ImportJob.objects.create(
        round=round_3, filename="f.csv", content=csv_bytes([good_row(1), good_row(2, turnover="lots")])
    )

    imports.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        {"row": 3, "column": "turnover", "message": "Enter the turnover in pounds, like 250000"}
    ]
    assert Application.objects.count() == 0


cell = st.one_of(
    st.text(max_size=60), st.sampled_from(["", "12", "-1", "2016-05-01", "PR1 2HE", "Preston", "tue-am"])
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(row=st.fixed_dictionaries(dict.fromkeys(imports.COLUMNS, cell)), number=st.integers(2, 10_000))
@pytest.mark.django_db
def test_parse_row_never_raises_and_every_error_is_located(round_3, row, number):
    context = imports.Context.for_round(round_3, today=dt.date(2026, 11, 22))

    parsed, errors = imports.parse_row(number, {k: v.strip() for k, v in row.items()}, context)

    assert (parsed is None) == bool(errors)
    for error in errors:
        assert error.row == number
        assert error.column in imports.COLUMNS
        assert error.message


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(content=st.binary(max_size=2000), xlsx=st.booleans())
@pytest.mark.django_db
def test_parse_never_raises_on_any_bytes(round_3, content, xlsx):
    result = imports.parse("f.xlsx" if xlsx else "f.csv", content, round=round_3)

    assert result.rows or result.errors
