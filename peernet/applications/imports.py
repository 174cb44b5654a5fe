"""Bulk import of applications that delivery partners recruited: one parser for the command, upload and task.

A file is checked whole before anything is written: any bad row and nothing is imported. Then every row is
written in one transaction or none is, so an import never stops half-way. Rows whose email already has an
application in the round are skipped, so importing the same file again adds nothing.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from peernet.accounts import audit
from peernet.applications import choices, facts
from peernet.applications.answers import ApplicationAnswers
from peernet.applications.models import Application, Business, ImportJob, stale_before
from peernet.applications.tables import MAX_COLUMNS, MAX_ROWS, FileUnreadable, looks_like_formula, read_table
from peernet.applications.workflow import AlreadyApplied, existing_application, submit_application
from peernet.programmes.models import Round
from peernet.slots import SLOT_LABELS
from peernet.text import NUL

REQUIRED = [
    "business_name",
    "trading_since",
    "employees",
    "turnover",
    "sic",
    "postcode",
    "district",
    "leader_name",
    "email",
    "slots",
]
OPTIONAL = [
    "company_number",
    "leader_role",
    "phone",
    "themes",
    "mode",
    "ownership",
    "organisation",
    "legal_form",
    "partner",
]
COLUMNS = REQUIRED + OPTIONAL
MAX_CELL = 2_000
PROGRESS_EVERY = 25

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ParsedRow:
    row: int
    answers: ApplicationAnswers
    partner: object | None


@dataclass
class Result:
    rows: list[ParsedRow]
    errors: list[RowError]
    created: int = 0
    skipped: int = 0


def checkpoint(stage: str, row: int) -> None:
    """Reached before each row is checked ("checking") and before each is written ("writing"), by its row
    number in the file. It does nothing; the reliability tests replace it to stop the work there, as a
    worker killed at that row would stop."""


# Reading a file: peernet.applications.tables.


# Checking one row.


@dataclass
class Context:
    """What a row is checked against: the round's hub districts, themes and partners, and today's date."""

    round: Round
    today: dt.date
    districts: dict
    themes: dict
    partners: dict

    @classmethod
    def for_round(cls, round: Round, today: dt.date | None = None) -> "Context":
        hub = round.programme.hub
        themes = {}
        for theme in round.themes.all():
            themes[theme.slug.lower()] = theme
            themes[theme.name.lower()] = theme
        return cls(
            round=round,
            today=today or timezone.localdate(),
            districts={d.name.lower(): d for d in hub.districts.all()},
            themes=themes,
            partners={p.name.lower(): p for p in hub.delivery_partners.all()},
        )


def _tags(text: str) -> list[str]:
    return [tag.strip() for tag in text.split(";") if tag.strip()]


def parse_row(number: int, row: dict[str, str], context: Context) -> tuple[ParsedRow | None, list[RowError]]:
    errors: list[RowError] = []

    def bad(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    for column, value in row.items():
        if NUL in value:
            # Nobody types one: it means a damaged file, and PostgreSQL could not store it.
            bad(column, "contains a character that is not allowed (a null byte); type the cell again")
        elif len(value) > MAX_CELL:
            bad(column, f"is {len(value):,} characters long; it must be at most {MAX_CELL:,}")
        elif looks_like_formula(value):
            bad(column, f"'{value[:40]}' looks like a spreadsheet formula; paste its value instead")
    if errors:
        return None, errors
    for column in REQUIRED:
        if not row.get(column, ""):
            bad(column, "is empty; every row needs one")

    def text(column: str, limit: int) -> str:
        value = row.get(column, "")
        if len(value) > limit:
            bad(column, f"must be {limit} characters or fewer")
        return value

    def fact(column: str, clean: Callable, *args, even_empty: bool = False, **kwargs):
        """The cell cleaned as the public form cleans it, or None with what to do against the column.

        An empty cell gives None unchecked: a required column's emptiness is reported above."""
        if not row.get(column) and not even_empty:
            return None
        try:
            return clean(row.get(column, ""), *args, **kwargs)
        except ValidationError as error:
            bad(column, "; ".join(error.messages))
            return None

    leader_name = text("leader_name", 200)
    leader_role = text("leader_role", 100)
    organisation = text("organisation", 100)

    legal_form = row.get("legal_form", "").lower().replace(" ", "_")
    if legal_form and legal_form not in Business.LegalForm.values:
        bad("legal_form", f"'{row['legal_form'][:40]}' is not one of {', '.join(Business.LegalForm.values)}")
        legal_form = ""
    business_name = fact("business_name", facts.business_name) or ""
    company_number = (
        fact("company_number", facts.company_number, legal_form=legal_form, even_empty=True) or ""
    )
    trading_since = fact("trading_since", facts.trading_since_from_iso, today=context.today)
    employees = fact("employees", facts.employees)
    turnover_pence = fact("turnover", facts.turnover)
    code = fact("sic", facts.sic) or ""
    postcode = fact("postcode", facts.postcode) or ""
    district = fact("district", facts.district, context.districts)
    email = fact("email", facts.email) or ""
    phone = fact("phone", facts.phone) or ""

    themes = []
    for tag in _tags(row.get("themes", "")):
        theme = context.themes.get(tag.lower())
        if theme is None:
            bad(
                "themes",
                f"'{tag[:40]}' is not one of the round's themes: "
                f"{facts.listed({t.slug for t in context.themes.values()})}",
            )
        elif theme not in themes:
            themes.append(theme)

    mode = row.get("mode", "").lower() or Application.Mode.EITHER
    if mode not in Application.Mode.values:
        bad("mode", f"'{row['mode'][:20]}' is not one of online, in-person or either")

    slots = []
    for tag in _tags(row.get("slots", "").lower()):
        if tag not in SLOT_LABELS:
            bad("slots", f"'{tag[:20]}' is not a slot like tue-am or thu-pm")
        elif tag not in slots:
            slots.append(tag)
    if row.get("slots") and not slots and not any(e.column == "slots" for e in errors):
        bad("slots", "needs at least one slot, like tue-am;thu-pm")

    ownership = []
    for tag in _tags(row.get("ownership", "").lower()):
        if tag not in choices.OWNERSHIP_LABELS:
            bad("ownership", f"'{tag[:40]}' is not one of {facts.listed(choices.OWNERSHIP_LABELS, limit=10)}")
        elif tag not in ownership:
            ownership.append(tag)

    legal_form = legal_form or (
        Business.LegalForm.LIMITED_COMPANY if company_number else Business.LegalForm.SOLE_TRADER
    )

    partner = None
    if row.get("partner"):
        partner = context.partners.get(row["partner"].lower())
        if partner is None:
            bad("partner", f"'{row['partner'][:60]}' is not one of the hub's delivery partners")

    if errors:
        return None, errors
    answers = ApplicationAnswers(
        business_name=business_name,
        company_number=company_number,
        legal_form=legal_form,
        trading_since=trading_since,
        employees=employees,
        turnover_pence=turnover_pence,
        sic=code,
        postcode=postcode,
        district=district,
        ownership=ownership,
        leader_name=leader_name,
        leader_role=leader_role,
        email=email,
        phone=phone,
        themes=themes,
        mode=mode,
        slots=slots,
        organisation=organisation,
    )
    return ParsedRow(number, answers, partner), []


def header_problem(columns: list[str]) -> str:
    """What is wrong with the header row's columns of ours, in words: one twice (which would win?), or one
    past the columns that are read after the header. Empty when nothing is."""
    for index, column in enumerate(columns):
        if column not in COLUMNS:
            continue
        if column in columns[:index]:
            return f"The header row has the column '{column}' twice; keep one"
        if index >= MAX_COLUMNS:
            return (
                f"The column '{column}' is column {index + 1}; the import reads the first {MAX_COLUMNS} "
                "columns. Move it nearer the start"
            )
    return ""


def parse(
    filename: str, content: bytes, *, round: Round, progress: Callable[[int, int], None] | None = None
) -> Result:
    """Check every row of the file. Any error means the file is refused whole."""
    try:
        table = read_table(filename, content)
    except FileUnreadable as error:
        return Result([], [RowError(0, "", str(error))])
    # Rows with nothing in them are spacing, not applications.
    numbered = [(n, cells) for n, cells in enumerate(table, start=1) if any(c.strip() for c in cells)]
    if not numbered:
        return Result(
            [], [RowError(0, "", "The file is empty; it needs a header row and one row per application")]
        )
    header_row, header = numbered[0]
    columns = [c.strip().lower().lstrip("\ufeff") for c in header]
    if problem := header_problem(columns):
        return Result([], [RowError(0, "", problem)])
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        return Result([], [RowError(header_row, c, "column is missing from the header row") for c in missing])
    body = numbered[1:]
    if len(body) > MAX_ROWS:
        return Result(
            [], [RowError(0, "", f"The file has more than {MAX_ROWS:,} rows; split it into smaller files")]
        )

    context = Context.for_round(round)
    rows, errors = [], []
    seen_emails: dict[str, int] = {}
    for index, (number, cells) in enumerate(body, start=1):
        checkpoint("checking", number)
        row = {
            column: (cells[i] if i < len(cells) else "")
            for i, column in enumerate(columns)
            if column in COLUMNS
        }
        parsed, row_errors = parse_row(number, row, context)
        errors += row_errors
        if parsed is not None:
            email = parsed.answers.email
            if email in seen_emails:
                errors.append(RowError(number, "email", f"{email} is also on row {seen_emails[email]}"))
            else:
                seen_emails[email] = number
                rows.append(parsed)
        if progress and (index % PROGRESS_EVERY == 0 or index == len(body)):
            progress(index, len(body))
    if not body:
        errors.append(RowError(0, "", "The file has a header row but no applications"))
    return Result(rows, errors)


class RowNotSaved(Exception):
    """Writing a row failed, so no row was written; the message says which row and why, in words."""

    def __init__(self, row: int, error: Exception):
        reason = str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__
        super().__init__(f"Row {row} could not be saved, so nothing was imported: {reason}")
        self.row = row


def import_rows(rows: list[ParsedRow], *, round: Round, by=None, notify: bool = False) -> tuple[int, int]:
    """Create each row's application, decided at once; rows already in the round are skipped.

    Every row is written in one transaction or none is: a row that fails raises RowNotSaved and the rows
    before it are rolled back, so the same file can be imported again whole. Returns (created, skipped)."""
    created = skipped = 0
    with transaction.atomic():
        for parsed in rows:
            if existing_application(round=round, email=parsed.answers.email) is not None:
                skipped += 1
                continue
            try:
                checkpoint("writing", parsed.row)
                submit_application(
                    round=round,
                    answers=parsed.answers,
                    source=Application.Source.PARTNER if parsed.partner else Application.Source.IMPORT,
                    recruited_by=parsed.partner,
                    by=by,
                    notify=notify,
                )
                created += 1
            except AlreadyApplied:
                # Someone applied with this email since the check above (submit_application rolled back
                # its own savepoint).
                skipped += 1
            except Exception as error:
                raise RowNotSaved(parsed.row, error) from error
    return created, skipped


def import_file(filename: str, content: bytes, *, round: Round, by=None, notify: bool = False) -> Result:
    """The command's path: check the whole file, then import it if every row is good.

    Raises RowNotSaved when a row cannot be written; nothing is imported then."""
    result = parse(filename, content, round=round)
    if result.errors:
        return result
    with transaction.atomic():
        result.created, result.skipped = import_rows(result.rows, round=round, by=by, notify=notify)
        record_import(round=round, by=by, filename=filename, result=result)
    return result


def record_import(*, round: Round, by, filename: str, result: Result) -> None:
    audit.record(
        actor=by,
        action="applications.imported",
        subject=round,
        hub=round.programme.hub,
        summary=f"{filename[:100]}: {result.created} applications imported to {round.name}, "
        f"{result.skipped} already there",
        data={"created": result.created, "skipped": result.skipped, "rows": len(result.rows)},
    )


# The upload's path: an ImportJob (started by peernet.applications.tasks.start_job) run by a task, with
# progress a page can poll.

WORKER_STOPPED = "The worker stopped before this finished; nothing was saved. Run it again."


class JobTakenAway(Exception):
    """The job is no longer this worker's: fail_stale_jobs gave it up while the worker was silent."""


def _save(job: ImportJob, **fields) -> None:
    """Save the job's progress while it is still in the status this worker last gave it; each save is also
    the heartbeat that tells fail_stale_jobs the worker is alive. Raises JobTakenAway when it is not."""
    fields["updated_at"] = timezone.now()
    if not ImportJob.objects.filter(pk=job.pk, status=job.status).update(**fields):
        raise JobTakenAway
    for name, value in fields.items():
        setattr(job, name, value)


def run_job(job_id: int) -> ImportJob:
    """Run a queued job once: a second run (a retried task) finds it no longer queued and does nothing.

    Every row is checked first, with its progress saved for the page; then every row is written in one
    transaction, which also marks the job done, or none is and the job fails with the reason in words."""
    if not ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.CHECKING, updated_at=timezone.now()
    ):
        return ImportJob.objects.get(pk=job_id)
    job = ImportJob.objects.select_related("round__programme__hub", "created_by").get(pk=job_id)
    try:
        _check_and_write(job)
    except JobTakenAway:
        pass
    except Exception as error:
        log.exception("Import job %s failed", job_id)
        reason = (
            str(error)
            if isinstance(error, RowNotSaved)
            else f"The import stopped with an error, so nothing was imported: {type(error).__name__}"
        )
        now = timezone.now()
        ImportJob.objects.filter(pk=job_id, status__in=ImportJob.Status.UNDER_WAY).update(
            status=ImportJob.Status.FAILED, error=reason, finished_at=now, updated_at=now
        )
    job.refresh_from_db()
    return job


def _check_and_write(job: ImportJob) -> None:
    round = job.round
    result = parse(
        job.filename,
        bytes(job.content),
        round=round,
        progress=lambda done, total: _save(job, processed=done, total=total),
    )
    if result.errors:
        _save(
            job,
            status=ImportJob.Status.FAILED,
            errors=[e.as_dict() for e in result.errors[:1000]],
            finished_at=timezone.now(),
            content=b"",
        )
        return
    _save(job, status=ImportJob.Status.IMPORTING, total=len(result.rows), processed=0)
    with transaction.atomic():
        # The job's row stays locked until the rows are committed, so fail_stale_jobs, which sees no
        # heartbeat while they are written, waits for them rather than failing a job that is succeeding.
        if not ImportJob.objects.select_for_update().filter(pk=job.pk, status=job.status).exists():
            raise JobTakenAway
        result.created, result.skipped = import_rows(
            result.rows, round=round, by=job.created_by, notify=job.notify
        )
        record_import(round=round, by=job.created_by, filename=job.filename, result=result)
        _save(
            job,
            status=ImportJob.Status.DONE,
            processed=len(result.rows),
            created_count=result.created,
            skipped_count=result.skipped,
            finished_at=timezone.now(),
            content=b"",
        )


def fail_stale_jobs() -> int:
    """Fail each job under way whose worker has sent no heartbeat for STALE_WORK_MINUTES; returns how many.

    Nothing of such a job was saved (its rows are written in one transaction), so it keeps its file and can
    be tried again. A conditional update: a job that finishes meanwhile, or a second run, is left alone."""
    now = timezone.now()
    return ImportJob.objects.filter(
        status__in=ImportJob.Status.UNDER_WAY, updated_at__lt=stale_before()
    ).update(status=ImportJob.Status.FAILED, error=WORKER_STOPPED, finished_at=now, updated_at=now)
