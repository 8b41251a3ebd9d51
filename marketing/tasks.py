from celery import shared_task
from django.utils import timezone

from hotelsales.jobs import recorded_run
from marketing.campaigns.sending import TryLater, due, run
from marketing.leads import receipts
from marketing.leads.escalation import escalate_unanswered_leads
from marketing.triggers import running

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


@shared_task(name="marketing.run_triggers")
def run_triggers_task() -> int:
    """The daily run of the triggers (marketing.triggers.running), recorded as a job run; a second run at once, or
    a rerun, touches nobody twice."""
    with recorded_run("run_triggers", on_date=timezone.localdate()) as record:
        record.counts = counted(running.run_all())
    return record.pk


@shared_task(name="marketing.run_live_triggers")
def run_live_triggers_task() -> dict:
    """The moments of the day (a guest in the house N hours after check-in) and what waits in a trigger's queue."""
    return counted(running.run_live())


def counted(outcomes: dict[int, str]) -> dict[str, int]:
    """How many triggers each outcome of a run had ("done", "busy", "quiet hours", "try later")."""
    counts: dict[str, int] = {}
    for outcome in outcomes.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


@shared_task(name="marketing.fire_moment")
def fire_moment_task(moment: str, profile_id: int, key: str, why: str, number: int | None = None) -> int:
    """A moment that happened now (a Wi-Fi sign-in, a pickup, a check-out): its triggers (those of N = `number`,
    when given) for the member, once per occasion."""
    return running.fire_now(moment, profile_id, key, why, number=number)


@shared_task(name="marketing.escalate_leads")
def escalate_leads_task() -> int:
    return escalate_unanswered_leads(now=timezone.now()).pk


@shared_task(name="marketing.send_lead_receipt_sms", bind=True, max_retries=12)
def send_lead_receipt_sms_task(self, lead_id: int) -> str:
    """The receipt of an inquiry by text message, at most once (marketing.leads.receipts)."""
    try:
        return receipts.send_receipt_sms(lead_id)
    except receipts.TryLater as down:
        raise self.retry(countdown=RETRY_SECONDS) from down
