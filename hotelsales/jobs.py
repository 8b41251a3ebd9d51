"""Every scheduled job records a JobRun: open it before the work, close it with counts or the error."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from hotelsales.models import JobRun


@contextmanager
def recorded_run(job: str, *, on_date: date | None = None) -> Iterator[JobRun]:
    """Yield a JobRun the job fills `counts` on; it is saved as succeeded, or as failed with the error.

    Call it outside the job's own transaction so that a failed run is still recorded.
    """
    run = JobRun.objects.create(job=job, on_date=on_date)
    try:
        yield run
    except Exception as exc:
        run.fail(error=f"{type(exc).__name__}: {exc}")
        raise
    run.succeed()
