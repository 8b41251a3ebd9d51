from celery import shared_task
from django.utils import timezone

from reservations.guestcare.complaints import escalate_overdue_complaints
from reservations.reports.daily_report import send_daily_report
from reservations.rooms.blocks import release_expired_blocks
from reservations.sales.beo_pdfs import store_beo_pdfs
from reservations.sales.deadlines import apply_guarantee_deadlines, expire_options


@shared_task(name="reservations.apply_guarantee_deadlines")
def apply_guarantee_deadlines_task() -> int:
    return apply_guarantee_deadlines(on_date=timezone.localdate()).pk


@shared_task(name="reservations.expire_options")
def expire_options_task() -> int:
    return expire_options(on_date=timezone.localdate()).pk


@shared_task(name="reservations.release_blocks")
def release_blocks_task() -> int:
    return release_expired_blocks(on_date=timezone.localdate()).pk


@shared_task(name="reservations.escalate_complaints")
def escalate_complaints_task() -> int:
    return escalate_overdue_complaints(now=timezone.now()).pk


@shared_task(name="reservations.send_daily_report")
def send_daily_report_task() -> int:
    return send_daily_report(on_date=timezone.localdate()).pk


@shared_task(name="reservations.store_beo_pdfs")
def store_beo_pdfs_task(event_id: int) -> int:
    return store_beo_pdfs(event_id=event_id)
