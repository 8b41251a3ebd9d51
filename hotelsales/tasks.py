from celery import shared_task
from django.utils import timezone

from hotelsales.housekeeping import purge_expired_sessions


@shared_task(name="hotelsales.purge_expired_sessions")
def purge_expired_sessions_task() -> int:
    return purge_expired_sessions(as_of=timezone.now()).pk
