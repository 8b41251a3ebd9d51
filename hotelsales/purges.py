from datetime import datetime, timedelta

from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from hotelsales.jobs import recorded_run
from hotelsales.models import JobRun


def purge_expired_sessions(*, as_of: datetime) -> JobRun:
    """Delete sign-in sessions that expired before `as_of`; the nightly job."""
    with recorded_run("purge_expired_sessions", on_date=timezone.localdate(as_of)) as run:
        deleted, _ = Session.objects.filter(expire_date__lt=as_of).delete()
        run.counts = {"sessions_deleted": deleted}
    return run


def purge_requested_before(job: str, rows: QuerySet, *, as_of: datetime, keep_days: int, counted_as: str) -> JobRun:
    """Delete the `rows` requested more than `keep_days` days before `as_of`; a nightly job, recorded as `job`."""
    with recorded_run(job, on_date=timezone.localdate(as_of)) as run:
        deleted, _counts = rows.filter(requested_at__lt=as_of - timedelta(days=keep_days)).delete()
        run.counts = {counted_as: deleted}
    return run
