from celery import shared_task
from django.utils import timezone

from hotelsales.jobs import recorded_run
from marketing.campaigns.sending import TryLater, due, run

# A channel that is down is tried again after this many seconds.
RETRY_SECONDS = 300


@shared_task(name="marketing.send_campaign", bind=True, max_retries=None)
def send_campaign_task(self, campaign_id: int) -> str:
    try:
        return run(campaign_id)
    except TryLater as down:
        raise self.retry(countdown=RETRY_SECONDS) from down


@shared_task(name="marketing.send_due_campaigns")
def send_due_campaigns_task() -> int:
    """Start (or resume) every campaign whose time has come, each as a task of its own; a campaign a run is
    sending already is left to it (its lock), so starting one twice sends nothing twice."""
    with recorded_run("send_campaigns", on_date=timezone.localdate()) as record:
        campaigns = due(timezone.now())
        for pk in campaigns:
            send_campaign_task.delay(pk)
        record.counts = {"campaigns_started": len(campaigns)}
    return record.pk
