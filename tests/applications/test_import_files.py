"""Reading an import file: what a cell may hold, the header row, and spreadsheets too large to open."""

import csv
import io
import struct
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from peernet.applications import imports, tables
from peernet.applications.models import Application, Business, ImportJob
from tests.applications.test_import import HEADER, csv_bytes, good_row, xlsx_bytes

MB = 1024 * 1024
TOO_LARGE = (
    "The spreadsheet is too large once unpacked: more than 50 MB. "
    "Save it as CSV or split it into smaller files"
)


def errors(result) -> list[str]:
    return [str(e) for e in result.errors]


def values(row: dict) -> list[str]:
    """The row's cells in the order of HEADER."""
    return [row[column] for column in HEADER]


def rebuilt(content: bytes, name: str, write) -> bytes:
    """The workbook with one part replaced by what `write(stream)` writes, streamed, never held whole."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == name:
                with new.open(name, "w") as stream:
                    write(stream, old.read(name))
            else:
                new.writestr(info, old.read(info.filename))
    return out.getvalue()


def with_huge_cell(megabytes: int) -> bytes:
    """A good workbook whose business name, one cell, unpacks to `megabytes` of text."""
    header = list(good_row(1))
    cells = list(good_row(1, business_name="BOMB").values())

    def write(stream, sheet: bytes) -> None:
        before, after = sheet.split(b"BOMB")
        stream.write(before)
        for _ in range(megabytes):
            stream.write(b"A" * MB)
        stream.write(after)

    return rebuilt(xlsx_bytes([header, cells]), "xl/worksheets/sheet1.xml", write)


def with_sheet(rows) -> bytes:
    """A workbook whose first sheet's rows are the given XML, each row's cells without coordinates."""

    def write(stream, sheet: bytes) -> None:
        before, rest = sheet.split(b"<sheetData>")
        stream.write(before + b"<sheetData>")
        for row in rows:
            stream.write(row)
        stream.write(b"</sheetData>" + rest.split(b"</sheetData>")[1])

    return rebuilt(xlsx_bytes([["x"]]), "xl/worksheets/sheet1.xml", write)


def measured(parse):
    """(result, seconds, peak bytes allocated) of parse(): timed alone, since tracing slows it down, then
    run again traced."""
    started = time.perf_counter()
    result = parse()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        parse()
        return result, seconds, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# What a cell may hold.


@pytest.mark.django_db
def test_control_characters_pasted_into_cells_are_removed(round_3):
    content = csv_bytes([good_row(1, business_name="Acme\x01 Ltd", leader_name="Amira\tShah\x1b")])

    result = imports.parse("f.csv", content, round=round_3)

    assert result.errors == []
    assert result.rows[0].answers.business_name == "Acme Ltd"
    assert result.rows[0].answers.leader_name == "Amira Shah"


NUL = "row 4, business_name: contains a character that is not allowed (a null byte); type the cell again"


@pytest.mark.django_db
def test_nul_byte_in_row_4_is_refused_with_its_row_and_column_before_anything_is_written(round_3):
    rows = [good_row(1), good_row(2), good_row(3, business_name="Acme\x00 Ltd"), good_row(4)]

    result = imports.import_file("f.csv", csv_bytes(rows), round=round_3)

    assert errors(result) == [NUL]
    assert result.created == 0
    assert Application.objects.count() == 0
    assert Business.objects.count() == 0


@pytest.mark.django_db
def test_nul_byte_in_an_uploaded_file_fails_the_job_at_checking(round_3, manager):
    rows = [good_row(1), good_row(2), good_row(3, business_name="Acme\x00 Ltd")]
    job = ImportJob.objects.create(
        round=round_3, created_by=manager, filename="f.csv", content=csv_bytes(rows)
    )

    imports.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        {
            "row": 4,
            "column": "business_name",
            "message": "contains a character that is not allowed (a null byte); type the cell again",
        }
    ]
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("business_name", "=1+2"),
        ("business_name", '=HYPERLINK("http://example.com","Acme")'),
        ("organisation", "@SUM(A1:A3)"),
        ("leader_role", "+cmd|' /C calc'!A0"),
        ("leader_role", "-2+3+cmd|' /C calc'!A0"),
        ("business_name", "-Acme"),
        ("employees", "=6*2"),
    ],
)
@pytest.mark.django_db
def test_csv_cell_holding_a_formula_is_refused(round_3, column, cell):
    result = imports.parse("f.csv", csv_bytes([good_row(1), good_row(2, **{column: cell})]), round=round_3)

    assert errors(result) == [
        f"row 3, {column}: '{cell}' looks like a spreadsheet formula; paste its value instead"
    ]


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("phone", "+44 1772 123456"),
        ("phone", "+44 (0)1772 123456"),
        ("turnover", "-0"),
        ("organisation", "-"),
        ("business_name", "Ribble = Valley Ltd"),
    ],
)
@pytest.mark.django_db
def test_csv_cell_starting_like_a_number_or_phone_is_not_a_formula(round_3, column, cell):
    result = imports.parse("f.csv", csv_bytes([good_row(1, **{column: cell})]), round=round_3)

    assert result.errors == []


# The header row.


@pytest.mark.django_db
def test_header_with_a_column_twice_is_refused(round_3):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER + ["Email "])
    writer.writerow(values(good_row(1)) + ["other@example.com"])

    result = imports.parse("f.csv", out.getvalue().encode(), round=round_3)

    assert errors(result) == ["file: The header row has the column 'email' twice; keep one"]
    assert result.rows == []


@pytest.mark.django_db
def test_other_columns_may_repeat(round_3):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER + ["notes", "notes", ""])
    writer.writerow(values(good_row(1)) + ["a", "b", "c"])

    assert imports.parse("f.csv", out.getvalue().encode(), round=round_3).errors == []


@pytest.mark.parametrize("xlsx", [False, True])
@pytest.mark.django_db
def test_column_read_past_the_column_limit_is_refused(round_3, xlsx):
    header = [f"note {n}" for n in range(1, 56)] + HEADER
    cells = ["x"] * 55 + values(good_row(1))
    if xlsx:
        content = xlsx_bytes([header, cells])
    else:
        out = io.StringIO()
        csv.writer(out).writerows([header, cells])
        content = out.getvalue().encode()

    result = imports.parse("f.xlsx" if xlsx else "f.csv", content, round=round_3)

    assert errors(result) == [
        "file: The column 'business_name' is column 56; the import reads the first 50 columns. "
        "Move it nearer the start"
    ]


@pytest.mark.django_db
def test_columns_past_the_last_one_read_are_never_materialised(round_3):
    header = HEADER + ["notes"] * 3
    rows = [header] + [values(good_row(n)) + ["x"] * 3 + [None] * 2000 + ["far"] for n in range(3)]

    table = tables.read_xlsx(xlsx_bytes(rows))

    assert table[0][: len(header)] == header
    assert all(len(row) <= tables.MAX_COLUMNS for row in table[1:])
    assert imports.parse("f.xlsx", xlsx_bytes(rows), round=round_3).errors == []


# Spreadsheets too large to open.


@pytest.mark.django_db
def test_xlsx_that_unpacks_to_a_huge_cell_is_refused_quickly_in_little_memory(round_3):
    content = with_huge_cell(200)
    assert len(content) < MB

    result, seconds, peak = measured(lambda: imports.parse("f.xlsx", content, round=round_3))

    assert [e.message for e in result.errors] == [TOO_LARGE]
    assert seconds < 2
    assert peak < 20 * MB


@pytest.mark.django_db
def test_unpacked_size_limit_is_a_setting(round_3, settings):
    settings.IMPORT_XLSX_MAX_UNPACKED_MB = 5

    result = imports.parse("f.xlsx", with_huge_cell(6), round=round_3)

    assert [e.message for e in result.errors] == [
        "The spreadsheet is too large once unpacked: more than 5 MB. "
        "Save it as CSV or split it into smaller files"
    ]


@pytest.mark.django_db
def test_xlsx_whose_parts_understate_their_size_is_refused_without_unpacking_them(round_3):
    content = with_huge_cell(200)
    sizes = {
        info.file_size for info in zipfile.ZipFile(io.BytesIO(content)).infolist() if info.file_size > MB
    }
    for size in sizes:
        # The same member's size in its local header and in the central directory; both now claim 1 KB.
        content = content.replace(struct.pack("<I", size), struct.pack("<I", 1024))

    result, seconds, peak = measured(lambda: imports.parse("f.xlsx", content, round=round_3))

    assert [e.message for e in result.errors] == ["The file is not a readable Excel (.xlsx) file"]
    assert seconds < 2
    assert peak < 20 * MB


@pytest.mark.django_db
def test_xlsx_with_too_many_cells_is_refused_before_it_is_parsed(round_3):
    # 10,000 rows of 100 cells: 22 MB unpacked, under the size limit, with no <dimension> to go by.
    row = b"<row>" + b'<c t="n"><v>1</v></c>' * 100 + b"</row>"
    content = with_sheet([row] * 10_000)

    result, seconds, peak = measured(lambda: imports.parse("f.xlsx", content, round=round_3))

    assert [e.message for e in result.errors] == [
        "The spreadsheet has more than 500,050 cells; the import reads at most 10,000 rows of 50 columns. "
        "Delete the rows and columns it does not need, save it as CSV or split it into smaller files"
    ]
    assert seconds < 2
    assert peak < 20 * MB


@pytest.mark.django_db
def test_xlsx_that_runs_far_down_the_sheet_is_refused(round_3):
    content = with_sheet(
        [
            b'<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>',
            b'<row r="1000000"><c t="n"><v>1</v></c></row>',
        ]
    )

    result, seconds, _ = measured(lambda: imports.parse("f.xlsx", content, round=round_3))

    assert [e.message for e in result.errors] == [
        "The spreadsheet runs to row 1,000,000; the import reads at most 10,000 rows. "
        "Delete the empty rows below the applications, save it as CSV or split it into smaller files"
    ]
    assert seconds < 2


@pytest.mark.django_db
def test_xlsx_with_one_row_too_many_is_refused_whole(round_3):
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for n in range(tables.MAX_ROWS + 1):
        sheet.append([f"Business {n}"])
    out = io.BytesIO()
    book.save(out)

    result = imports.parse("f.xlsx", out.getvalue(), round=round_3)

    assert errors(result) == ["file: The file has more than 10,000 rows; split it into smaller files"]
