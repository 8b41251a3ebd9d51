from datetime import datetime

from django.contrib.sessions.models import Session
from django.utils import timezone

from hotelsales.jobs import recorded_run
from hotelsales.models import JobRun


def purge_expired_sessions(*, as_of: datetime) -> JobRun:
    """Delete sign-in sessions that expired before `as_of`; the nightly job."""
    with recorded_run("purge_expired_sessions", on_date=timezone.localdate(as_of)) as run:
        deleted, _ = Session.objects.filter(expire_date__lt=as_of).delete()
        run.counts = {"sessions_deleted": deleted}
    return run
