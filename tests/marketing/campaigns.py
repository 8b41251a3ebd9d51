"""Campaigns sent through the real engine, for the tests of campaign results (their `room_type` fixture is in
tests/marketing/conftest.py)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from marketing.campaigns.sending import run
from marketing.models import Campaign
from tests.factories import DueCampaignFactory, ProfileFactory

ARRIVAL = timezone.localdate() + timedelta(days=40)


def sent_campaign(members=100, **fields) -> Campaign:
    """A campaign sent through the real engine to `members` new guests (and whoever else the segment holds), half
    of them kept out as control unless told otherwise."""
    ProfileFactory.create_batch(members, marketing_consent=True)
    campaign = DueCampaignFactory(**{"control_share": Decimal("50"), **fields})
    run(campaign.pk)
    campaign.refresh_from_db()
    return campaign


def group(campaign, outcome):
    return [touch.profile for touch in campaign.touches().filter(outcome=outcome).select_related("profile")]
