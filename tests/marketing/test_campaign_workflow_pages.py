"""A campaign's approval from its page: sales submit it, managers approve it or send it back with a note, either
cancels it before it is sent; a step the campaign has already passed (a second click, another manager) says so."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def step(client, name, campaign, **data):
    return client.post(reverse(f"marketing:campaign-{name}", args=[campaign.pk]), data, HTTP_ACCEPT_LANGUAGE="en")


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_sales_submit_a_draft_and_cannot_approve_it(client_for):
    campaign = CampaignFactory()
    sales = client_for("sales")

    assert step(sales, "submit", campaign).status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "submitted"
    assert step(sales, "approve", campaign).status_code == 403
    assert step(sales, "send-back", campaign, note="x").status_code == 403
    page = sales.get(campaign.get_absolute_url())
    assert 'data-testid="approve-campaign"' not in page.text


def test_a_manager_approves_once_and_a_second_click_is_told_so(cast, client_for):
    campaign = CampaignFactory(status="submitted")
    manager = client_for("manager")
    assert 'data-testid="approve-campaign"' in manager.get(campaign.get_absolute_url()).text

    first = step(manager, "approve", campaign, note="可以")
    second = step(manager, "approve", campaign, note="可以")

    campaign.refresh_from_db()
    assert (campaign.status, campaign.approved_by, campaign.review_note) == ("approved", cast["manager"], "可以")
    assert first.status_code == second.status_code == 302
    assert said(first)[0].startswith("Approved: it is sent at ")
    assert said(second)[-1:] == ["The campaign is Approved now: someone changed it meanwhile."]


def test_approving_a_campaign_whose_time_has_come_sends_it_once_committed(
    client_for, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(status="submitted", send_at=timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks() as sending:
        response = step(client_for("manager"), "approve", campaign)

    campaign.refresh_from_db()
    assert campaign.status == "approved"
    assert said(response) == ["Approved: sending starts now."]
    assert len(sending) == 1


def test_sending_back_needs_a_note_which_the_page_then_shows(client_for):
    campaign = CampaignFactory(status="approved")
    manager = client_for("manager")

    refused = step(manager, "send-back", campaign, note="  ")
    assert refused.status_code == 400
    assert "note" in refused.context["form"].errors

    step(manager, "send-back", campaign, note="优惠码写错了，请改为 MOON26")
    campaign.refresh_from_db()
    assert (campaign.status, campaign.approved_by) == ("draft", None)
    page = client_for("sales").get(campaign.get_absolute_url())
    assert "优惠码写错了，请改为 MOON26" in page.text
    assert 'data-testid="submit-campaign"' in page.text


def test_a_campaign_is_cancelled_before_it_is_sent_only(client_for):
    draft, sent = CampaignFactory(), CampaignFactory(status="sent")
    sales = client_for("sales")

    step(sales, "cancel", draft)
    late = step(sales, "cancel", sent)

    draft.refresh_from_db()
    sent.refresh_from_db()
    assert (draft.status, sent.status) == ("cancelled", "sent")
    assert said(late)[-1:] == ["The campaign is Sent now: someone changed it meanwhile."]
    assert 'data-testid="cancel-campaign"' not in sales.get(sent.get_absolute_url()).text


def test_the_workflow_answers_only_posts(client_for):
    campaign = CampaignFactory()
    assert client_for("manager").get(reverse("marketing:campaign-submit", args=[campaign.pk])).status_code == 405
