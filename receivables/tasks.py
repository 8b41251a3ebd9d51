from celery import shared_task
from django.utils import timezone

from receivables.dunning import run_dunning


@shared_task(name="receivables.run_dunning", autoretry_for=(Exception,), retry_backoff=60, max_retries=3)
def run_dunning_task() -> int:
    """Retries are safe: a rerun sends only what is still pending (see receivables.dunning)."""
    return run_dunning(on_date=timezone.localdate()).pk
