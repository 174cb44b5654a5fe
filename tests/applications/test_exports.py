"""Exports: a stored control character never stops the spreadsheet, and no cell runs as a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from peernet.applications import exports
from tests.applications.test_public_form import BASE, answers, fill_in
from tests.applications.test_review_queue import applicant


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("Acme\x01 Ltd", "Acme Ltd"),
        ("Acme\x00 Ltd\x1f", "Acme Ltd"),
        ('\x01=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("\x00@SUM(A1)", "'@SUM(A1)"),
        ("-5 degrees", "'-5 degrees"),
        ("a\ufffeb\uffff", "ab"),
        ("First line\nsecond\tline", "First line\nsecond\tline"),
        (12, 12),
        (None, None),
    ],
)
def test_safe_cell_removes_what_a_spreadsheet_cannot_hold_and_neutralises_formulas(stored, written):
    assert exports.safe_cell(stored) == written


@pytest.fixture
def pasted(round_3):
    """An application stored before input was cleaned, with control characters in its text."""
    application = applicant(round_3, name="Acme\x01 Ltd")
    application.organisation = "FSB\x0b Lancashire\x1f"
    application.save()
    return application


@pytest.mark.django_db
def test_xlsx_export_opens_although_a_stored_name_holds_a_control_character(client_for, manager, pasted):
    response = client_for(manager).get(f"/rounds/{pasted.round_id}/applications/export.xlsx")

    assert response.status_code == 200
    header, row = load_workbook(io.BytesIO(response.content)).active.values
    assert row[header.index("reference")] == pasted.reference
    assert row[header.index("organisation")] == "FSB Lancashire"


@pytest.mark.django_db
def test_csv_export_holds_the_same_cleaned_text(client_for, manager, pasted):
    response = client_for(manager).get(f"/rounds/{pasted.round_id}/applications/export.csv")

    header, row = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row[header.index("organisation")] == "FSB Lancashire"
    assert "\x01" not in response.content.decode()


@pytest.mark.django_db
def test_name_typed_with_a_control_character_on_the_public_form_exports_cleanly(
    client, client_for, manager, round_3, preston
):
    fill_in(client, answers(preston, business={"business_name": "Acme\x01 Ltd"}))
    client.post(f"{BASE}/check/")

    response = client_for(manager).get(f"/rounds/{round_3.pk}/applications/export.xlsx")

    header, row = load_workbook(io.BytesIO(response.content)).active.values
    assert row[header.index("business")] == "Acme Ltd"
