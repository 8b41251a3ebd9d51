"""A campaign's way to its guests: sales draft and submit it, a manager approves it or sends it back with a note,
and, approved, it is sent at its time (marketing.tasks). Each step checks the campaign's status under its row's
lock, so a double click, or two managers at once, moves it once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketing.models import Campaign
from marketing.tasks import send_campaign_task


def _locked(campaign: Campaign, *allowed: str) -> Campaign:
    current = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if current.status not in allowed:
        status = current.get_status_display()
        raise ValidationError(_("The campaign is %(status)s now: someone changed it meanwhile.") % {"status": status})
    return current


@transaction.atomic
def save_changes(campaign: Campaign, *, fields: list[str], callers=None) -> Campaign:
    """Save the changed `fields` (and `callers`) of a campaign that may still be changed: a manager who approved it
    meanwhile wins, and its status and the reviewer's note stay as the workflow left them."""
    _locked(campaign, Campaign.Status.DRAFT, Campaign.Status.SUBMITTED)
    campaign.save(update_fields=fields)
    if callers is not None:
        campaign.callers.set(callers)
    return campaign


@transaction.atomic
def submit(campaign: Campaign) -> Campaign:
    campaign = _locked(campaign, Campaign.Status.DRAFT)
    campaign.status = Campaign.Status.SUBMITTED
    campaign.save(update_fields=["status"])
    return campaign


@transaction.atomic
def approve(campaign: Campaign, *, by, note: str = "") -> Campaign:
    """Approve the campaign: it is sent at its time — now, if that has come (once this transaction commits)."""
    campaign = _locked(campaign, Campaign.Status.SUBMITTED)
    campaign.status, campaign.approved_by, campaign.approved_at = Campaign.Status.APPROVED, by, timezone.now()
    campaign.review_note = note
    campaign.save(update_fields=["status", "approved_by", "approved_at", "review_note"])
    if campaign.send_at <= timezone.now():
        send_campaign_task.delay_on_commit(campaign.pk)
    return campaign


@transaction.atomic
def send_back(campaign: Campaign, *, note: str) -> Campaign:
    """Return the campaign to its author with the reviewer's note."""
    campaign = _locked(campaign, Campaign.Status.SUBMITTED, Campaign.Status.APPROVED)
    campaign.status, campaign.review_note = Campaign.Status.DRAFT, note
    campaign.approved_by = campaign.approved_at = None
    campaign.save(update_fields=["status", "review_note", "approved_by", "approved_at"])
    return campaign


@transaction.atomic
def cancel(campaign: Campaign) -> Campaign:
    """Call the campaign off before it is sent."""
    campaign = _locked(campaign, Campaign.Status.DRAFT, Campaign.Status.SUBMITTED, Campaign.Status.APPROVED)
    campaign.status = Campaign.Status.CANCELLED
    campaign.save(update_fields=["status"])
    return campaign
