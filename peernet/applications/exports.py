"""The review queue as CSV or XLSX, with cells that a spreadsheet can never run as a formula or refuse."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

from peernet import text
from peernet.applications.eligibility import RULE_LABELS
from peernet.slots import slot_label

COLUMNS = [
    "reference",
    "submitted",
    "status",
    "decision",
    "overridden",
    "rules failed",
    "possible duplicate of",
    "source",
    "business",
    "company number",
    "district",
    "sector",
    "sic",
    "employees",
    "turnover (£)",
    "leader",
    "role",
    "email",
    "phone",
    "mode",
    "slots",
    "themes",
    "organisation",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text without what a spreadsheet cannot hold (a row stored before input was cleaned may have a control
    character, which would stop the whole export), then with a leading quote if a spreadsheet would read it
    as a formula; numbers stay numbers. The same cells go to CSV and Excel."""
    if isinstance(value, str):
        value = text.storable(value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def rows(applications) -> list[list]:
    """Each application's own facts as given. Expects district, leader, decision, duplicate_of and themes
    loaded."""
    out = []
    for a in applications:
        decision = a.decision
        failed = [RULE_LABELS.get(r, r) for r in a.failed_rules.split()]
        out.append(
            [
                a.reference,
                timezone.localtime(a.submitted_at).strftime("%Y-%m-%d %H:%M"),
                a.get_status_display(),
                decision.get_outcome_display() if decision else "Not decided",
                "yes" if decision and decision.overridden else "no",
                "; ".join(failed),
                a.duplicate_of.reference if a.duplicate_of_id else "",
                a.get_source_display(),
                a.business_name,
                a.company_number,
                a.district.name if a.district_id else "",
                a.sector,
                a.sic,
                a.employees,
                a.turnover_pence // 100,
                a.leader_name,
                a.job_title,
                a.leader.email,
                a.phone,
                a.get_mode_display(),
                "; ".join(slot_label(s) for s in a.slots),
                "; ".join(t.name for t in a.themes.all()),
                a.organisation,
            ]
        )
    return [[safe_cell(v) for v in row] for row in out]


def csv_response(applications, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    # A byte-order mark so Excel opens UTF-8 names (Siân, Zoë) correctly.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    writer.writerows(rows(applications))
    return response


def xlsx_response(applications, filename: str) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Applications")
    sheet.append(COLUMNS)
    for row in rows(applications):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
