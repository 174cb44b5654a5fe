"""Reading an uploaded CSV or Excel file into rows of text, each cell as someone would have typed it.

Cells are cleaned like a typed answer (peernet.text.clean: control characters dropped, a NUL kept for the
import to refuse with its row and column). An .xlsx file is a zip of XML that can unpack to a thousand times
its size, and openpyxl builds every cell it reads; so before openpyxl opens one, the zip's own directory gives
the unpacked size and a count over its XML gives the cells and the last row, and a file past the import's
limits is refused in a second instead of holding a worker's memory or time for minutes.
"""

import csv
import datetime as dt
import io
import re
import zipfile

from django.conf import settings

from peernet import text

MAX_ROWS = 10_000
# Columns read after the header row; the import's own columns must be among them.
MAX_COLUMNS = 50
MAX_CELLS = (MAX_ROWS + 1) * MAX_COLUMNS
# Blank rows between applications are spacing, but a sheet running far below its rows is refused.
LAST_ROW = 2 * MAX_ROWS
MB = 1024 * 1024
UNREADABLE_XLSX = "The file is not a readable Excel (.xlsx) file"
SMALLER = "save it as CSV or split it into smaller files"

# A cell element and a row element of a sheet's XML, with or without a namespace prefix (<c>, <x:c r="A1">).
CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])(?:[^>]*?\sr\s*=\s*[\"']([0-9]{1,10})[\"'])?")
# A tag longer than this is never a cell or a row worth finding; past it a read is not carried over.
LONGEST_TAG = 4096

# A spreadsheet runs a cell that starts with '=' or '@', or with '+' or '-' and then more than a number or a
# phone number could hold ('+cmd|...', '-A1+1'); '+44 (0)1772 123456', '-5' and a lone '-' are values.
NUMBER_OR_PHONE = re.compile(r"[0-9\s().,+\-/£]*")


class FileUnreadable(Exception):
    """The file cannot be read as a table; the message says what to do."""


def looks_like_formula(value: str) -> bool:
    if value.startswith(("=", "@")):
        return True
    return value.startswith(("+", "-")) and not NUMBER_OR_PHONE.fullmatch(value[1:])


def cell_text(value) -> str:
    """A spreadsheet cell as the text someone would have typed."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return text.clean(str(value)).strip()


def _bounded(rows, width: int):
    """Each row as text: the first one with anything in it (the header) whole, the rest cut at `width`."""
    header = False
    for row in rows:
        cells = [cell_text(value) for value in (row if not header else row[:width])]
        header = header or any(cells)
        yield cells


def read_csv(content: bytes) -> list[list[str]]:
    try:
        decoded = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileUnreadable(
            "The file is not UTF-8 text; save it from your spreadsheet as “CSV UTF-8”"
        ) from error
    try:
        return list(_bounded(csv.reader(io.StringIO(decoded, newline="")), MAX_COLUMNS))
    except csv.Error as error:
        raise FileUnreadable(f"The file is not a readable CSV file: {error}") from error


def _scan(stream, cells: int) -> tuple[int, int]:
    """The cells counted so far plus one XML part's, and the part's last row; read a megabyte at a time, and
    stopped once either is past the import's limits."""
    carry, last_row = b"", 0
    while True:
        chunk = stream.read(MB)
        buffer = carry + chunk
        cut = buffer.rfind(b"<") if chunk else -1
        if cut == -1 or len(buffer) - cut > LONGEST_TAG:
            cut = len(buffer)
        part, carry = buffer[:cut], buffer[cut:]
        cells += sum(1 for _ in CELL.finditer(part))
        for row in ROW.finditer(part):
            last_row = max(last_row + 1, int(row.group(1) or 0))
        if not chunk or cells > MAX_CELLS or last_row > LAST_ROW:
            return cells, last_row


def _too_large(archive: zipfile.ZipFile) -> str:
    """What makes the workbook too large for an import, in words; empty when nothing does."""
    limit = settings.IMPORT_XLSX_MAX_UNPACKED_MB
    parts = archive.infolist()
    if sum(part.file_size for part in parts) > limit * MB:
        return (
            f"The spreadsheet is too large once unpacked: more than {limit} MB. "
            "Save it as CSV or split it into smaller files"
        )
    cells = 0
    for part in parts:
        if not part.filename.lower().endswith(".xml"):
            continue
        with archive.open(part) as stream:
            cells, last_row = _scan(stream, cells)
        if cells > MAX_CELLS:
            return (
                f"The spreadsheet has more than {MAX_CELLS:,} cells; the import reads at most {MAX_ROWS:,} "
                f"rows of {MAX_COLUMNS} columns. Delete the rows and columns it does not need, {SMALLER}"
            )
        if last_row > LAST_ROW:
            return (
                f"The spreadsheet runs to row {last_row:,}; the import reads at most {MAX_ROWS:,} rows. "
                f"Delete the empty rows below the applications, {SMALLER}"
            )
    return ""


def check_xlsx(content: bytes) -> None:
    """Refuse an .xlsx that unpacks past IMPORT_XLSX_MAX_UNPACKED_MB, or whose sheets hold more cells or run
    further down than an import reads, from the zip alone, before openpyxl builds anything.

    The sizes in the zip's directory bound what can be unpacked: Python's zipfile stops a part at its stated
    size, and a part holding more then fails its checksum, so a file that understates them is unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            problem = _too_large(archive)
    except Exception as error:  # zipfile and zlib raise many kinds on a damaged file; all mean the same.
        raise FileUnreadable(UNREADABLE_XLSX) from error
    if problem:
        raise FileUnreadable(problem)


def read_xlsx(content: bytes) -> list[list[str]]:
    """The first sheet's rows, up to the header and MAX_ROWS rows with anything in them after it."""
    check_xlsx(content)
    from openpyxl import load_workbook
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    def as_text(value) -> str:
        # A formula openpyxl keeps as an object is still a formula, for the import to refuse as one.
        if isinstance(value, ArrayFormula):
            value = value.text
        elif isinstance(value, DataTableFormula):
            value = "=TABLE()"
        return cell_text(value)

    try:
        # Not data_only: a formula is refused rather than trusted; its cached value may be stale or absent.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file; all mean the same.
        raise FileUnreadable(UNREADABLE_XLSX) from error
    try:
        sheet = book.worksheets[0]
        # Rows as the sheet has them: openpyxl would otherwise trust the sheet's <dimension>, which a file may
        # understate (the rows past it lost) or overstate (every row built as wide as it claims).
        sheet.reset_dimensions()
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([as_text(value) for value in row])
            if any(rows[-1]):
                break
        # After the header, read whole above, no row is built wider than the columns an import reads.
        filled = 0
        for row in sheet.iter_rows(min_row=len(rows) + 1, max_col=MAX_COLUMNS, values_only=True):
            rows.append([as_text(value) for value in row])
            filled += any(rows[-1])
            if filled > MAX_ROWS:
                break
        return rows
    except (
        Exception
    ) as error:  # openpyxl raises many kinds on a damaged sheet; all mean the same to a person.
        raise FileUnreadable(UNREADABLE_XLSX) from error
    finally:
        book.close()


def read_table(filename: str, content: bytes) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        return read_xlsx(content)
    return read_csv(content)
