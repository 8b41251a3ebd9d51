"""Imports of many rows, checked and written by a Celery worker rather than while the browser waits.

An upload of more than IMPORT_INLINE_ROWS rows becomes an ImportJob holding the rows read from the file. A worker
checks them exactly as the preview of a short file does; the person reads the report on the job's page and
confirms; a worker then writes them, validating again, as a short file's import does. Each step locks the job and
changes its state in the same transaction as its work, so a task delivered twice does its work once.

Locking order: the job's row, for the whole of a step, and nothing else: the import it runs only inserts new
accounts, profiles and preferences.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from clienthistory import imports
from clienthistory.models import ImportJob
from hotelsales.models import JobRun
from hotelsales.purges import purge_requested_before
from hotelsales.tabular import Row, RowError, Table

PREVIEW_ROWS = 50
CHECKS = {ImportJob.Kind.ACCOUNTS: imports.check_accounts, ImportJob.Kind.PROFILES: imports.check_profiles}
RUNS = {ImportJob.Kind.ACCOUNTS: imports.import_accounts, ImportJob.Kind.PROFILES: imports.import_profiles}


def start_import_job(*, kind: str, table: Table, filename: str, by) -> ImportJob:
    """Keep the rows read from an uploaded file for a worker to check (the caller enqueues the check)."""
    rows = [[row.number, row.values] for row in table.rows]
    return ImportJob.objects.create(
        kind=kind,
        requested_by=by,
        language=translation.get_language(),
        filename=filename[:200],
        headers=table.headers,
        ignored=table.ignored,
        rows=rows,
        preview=rows[:PREVIEW_ROWS],
        row_count=len(rows),
    )


def check_import_job(job_id: int) -> ImportJob:
    """Check every row as the import would, writing nothing: the job becomes ready, or rejected with its errors."""
    with _step(job_id, ImportJob.State.CHECKING) as job:
        if job.state == ImportJob.State.CHECKING:
            result = CHECKS[job.kind](rows=_rows(job))
            job.errors = _stored(result.errors)
            job.state = ImportJob.State.READY if result.ok else ImportJob.State.REJECTED
            if not result.ok:
                _finish(job)
            job.save()
    return job


def confirm_import_job(*, job: ImportJob, by) -> bool:
    """Claim a checked job for importing; False when it is not the person's or not ready (say, confirmed twice)."""
    claimed = ImportJob.objects.filter(pk=job.pk, requested_by=by, state=ImportJob.State.READY)
    return claimed.update(state=ImportJob.State.IMPORTING) == 1


def run_import_job(job_id: int) -> ImportJob:
    """Write a confirmed job's rows, all or none; rows that went bad since the check reject the job instead."""
    with _step(job_id, ImportJob.State.IMPORTING) as job:
        if job.state == ImportJob.State.IMPORTING:
            result = RUNS[job.kind](rows=_rows(job), by=job.requested_by)
            job.errors = _stored(result.errors)
            job.created = result.created
            job.state = ImportJob.State.IMPORTED if result.ok else ImportJob.State.REJECTED
            _finish(job)
            job.save()
    return job


@contextmanager
def _step(job_id: int, state: str) -> Iterator[ImportJob]:
    """The job locked for one step, in the language of the person who uploaded it. A step that fails leaves
    nothing of its work and marks the job failed, so that its page stops waiting."""
    try:
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().select_related("requested_by").get(pk=job_id)
            with translation.override(job.language):
                yield job
    except Exception:
        ImportJob.objects.filter(pk=job_id, state=state).update(
            state=ImportJob.State.FAILED, rows=[], finished_at=timezone.now()
        )
        raise


def _rows(job: ImportJob) -> list[Row]:
    return [Row(number, values) for number, values in job.rows]


def _finish(job: ImportJob) -> None:
    job.rows = []  # the file's data is not kept longer than it is needed
    job.finished_at = timezone.now()


def _stored(errors: list[RowError]) -> list[list]:
    return [[error.row, error.column, error.message] for error in errors]


def job_errors(job: ImportJob) -> list[RowError]:
    return [RowError(row, column, message) for row, column, message in job.errors]


def purge_old_import_jobs(*, as_of: datetime) -> JobRun:
    """Delete import jobs, with any rows they still hold, older than EXPORT_KEEP_DAYS days; a nightly job."""
    return purge_requested_before(
        "purge_old_import_jobs", ImportJob.objects.all(), as_of=as_of, keep_days=settings.EXPORT_KEEP_DAYS,
        counted_as="import_jobs_deleted",
    )  # fmt: skip
