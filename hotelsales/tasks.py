from celery import shared_task
from django.utils import timezone

from hotelsales.exports import purge_old_exports, write_export
from hotelsales.purges import purge_expired_sessions


@shared_task(name="hotelsales.purge_expired_sessions")
def purge_expired_sessions_task() -> int:
    return purge_expired_sessions(as_of=timezone.now()).pk


@shared_task(name="hotelsales.purge_old_exports")
def purge_old_exports_task() -> int:
    return purge_old_exports(as_of=timezone.now()).pk


@shared_task(name="hotelsales.write_export")
def write_export_task(export_id: int) -> str:
    return write_export(export_id).state
