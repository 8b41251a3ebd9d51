from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from hotelsales.emails import deliver
from hotelsales.exports import purge_old_exports, write_export
from hotelsales.purges import purge_expired_sessions

# Pauses of up to 1, 2, 4 … 512 seconds, then up to 10 minutes (each a random part of that, so that a queue of
# emails does not return at once): one to two hours before an email is given up.
EMAIL_RETRIES = 20


@shared_task(name="hotelsales.purge_expired_sessions")
def purge_expired_sessions_task() -> int:
    return purge_expired_sessions(as_of=timezone.now()).pk


@shared_task(name="hotelsales.purge_old_exports")
def purge_old_exports_task() -> int:
    return purge_old_exports(as_of=timezone.now()).pk


@shared_task(name="hotelsales.write_export")
def write_export_task(export_id: int) -> str:
    return write_export(export_id).state


@shared_task(
    name="hotelsales.send_email",
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=EMAIL_RETRIES,
)
def send_email_task(*, subject: str, body: str, html: str, to: list[str], attachments: list | None = None) -> int:
    """Send one rendered email; while the mail server is down, slow or refusing, try again later."""
    return deliver(subject=subject, body=body, html=html, to=to, attachments=attachments or [])
