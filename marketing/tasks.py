from celery import shared_task
from django.utils import timezone

from marketing.campaigns.sending import TryLater, run
from marketing.models import Campaign

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
    """Start (or resume) every approved campaign whose time has come; a campaign already being sent by a run is
    left to it (its lock), so starting one twice sends nothing twice."""
    due = Campaign.objects.filter(
        status__in=(Campaign.Status.APPROVED, Campaign.Status.SENDING), send_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    for pk in due:
        send_campaign_task.delay(pk)
    return len(due)
