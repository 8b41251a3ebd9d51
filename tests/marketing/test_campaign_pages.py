"""The campaigns' pages: the list and its filters, a campaign's message as its guests read it, what the contact rules
would make of its segment, how far its sending has come, and its printed letters — with flat query counts."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clienthistory.models import Profile
from marketing.channels.optouts import opt_out
from marketing.models import Letters, Refusal, Touch
from tests.factories import AudienceFactory, CampaignFactory, ProfileFactory, PromotionFactory

pytestmark = pytest.mark.django_db


def tomorrow_at(hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(hour)))


def everyone():
    """A segment of every guest profile."""
    return AudienceFactory(rules=[])


def test_the_list_filters_by_status_and_channel_latest_first(client_for):
    later = CampaignFactory(send_at=tomorrow_at(10) + timedelta(days=2), channel="sms", status="submitted")
    sooner = CampaignFactory(channel="sms", status="submitted")
    CampaignFactory(channel="email", status="submitted")
    CampaignFactory(channel="sms", status="draft")
    listing = reverse("marketing:campaign-list")

    page = client_for("sales").get(listing, {"status": "submitted", "channel": "sms"})

    assert list(page.context["listing"].page) == [later, sooner]
    assert 'class="table table-hover align-middle table-cards"' in page.text


def test_a_manager_sees_how_many_campaigns_await_approval(client_for):
    CampaignFactory.create_batch(2, status="submitted")
    CampaignFactory(status="draft")
    listing = reverse("marketing:campaign-list")

    manager = client_for("manager").get(listing, HTTP_ACCEPT_LANGUAGE="en")
    sales = client_for("sales").get(listing, HTTP_ACCEPT_LANGUAGE="en")

    assert manager.context["awaiting"] == 2
    assert "2 campaigns await your approval." in manager.text
    assert 'data-testid="awaiting-approval"' not in sales.text


@pytest.mark.parametrize("campaigns", [2, 20])
def test_the_list_keeps_its_query_count(campaigns, client_for, django_assert_max_num_queries):
    CampaignFactory.create_batch(campaigns)
    client = client_for("manager")
    with django_assert_max_num_queries(7):
        assert client.get(reverse("marketing:campaign-list")).status_code == 200


def test_the_preview_shows_the_first_members_message_in_both_languages(client_for):
    ProfileFactory(name="Zhou Min", language="en")
    ProfileFactory(name="王芳")
    promotion = PromotionFactory(offer="每桌立减 500 元", offer_code="MOON26")
    campaign = CampaignFactory(promotion=promotion, audience=everyone(), body_zh="{name}：{offer}，凭{code}。",
                               body_en="{name}: {offer}, quote {code}.")  # fmt: skip

    preview = client_for("sales").get(campaign.get_absolute_url()).context["preview"]

    assert preview.member.name == "王芳"  # the first by name (pinyin: wang before zhou)
    assert [(message.language, message.body) for message in preview.messages] == [
        ("zh-hans", "王芳：每桌立减 500 元，凭MOON26。"),
        ("en", "王芳: 每桌立减 500 元, quote MOON26."),
    ]
    subjects = [message.subject for message in preview.messages]
    assert subjects == ["王芳，中秋家宴礼遇", "王芳, a Mid-Autumn dinner for your family"]


def test_an_empty_segment_is_previewed_for_a_sample_guest_and_a_text_message_counts_its_characters(client_for):
    campaign = CampaignFactory(audience=everyone(), channel="sms", sms_template="SMS_1", body_en="Hi {name}")

    page = client_for("sales").get(campaign.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    assert page.context["preview"].member is None
    body = page.context["preview"].messages[1].body
    assert body == "Hi Alex Smith Reply TD to opt out"
    assert f"{len(body)} characters" in page.text
    assert "张伟" in page.context["preview"].messages[0].body


def test_the_forecast_counts_each_rule_the_control_group_and_the_cost(client_for):
    ProfileFactory.create_batch(2, marketing_consent=True)
    ProfileFactory(marketing_consent=False)
    ProfileFactory(marketing_consent=True, email="")
    opted_out = ProfileFactory(marketing_consent=True)
    opt_out(channel="email", address=opted_out.email, source="link")
    Profile.objects.filter(pk=opted_out.pk).update(marketing_consent=True)  # agreed again: the address still counts
    campaign = CampaignFactory(audience=everyone(), control_share=Decimal("0"), cost_per_contact=Decimal("0.50"),
                               fixed_cost=Decimal("100"))  # fmt: skip

    response = client_for("sales").get(reverse("marketing:campaign-forecast", args=[campaign.pk]))

    forecast = response.context["forecast"]
    assert (forecast.members, forecast.control, forecast.to_send) == (5, 0, 2)
    assert dict(forecast.rules()) == {refusal.label: 0 for refusal in Refusal} | {
        Refusal.NO_ADDRESS.label: 1, Refusal.NO_CONSENT.label: 1, Refusal.OPTED_OUT.label: 1,
    }  # fmt: skip
    assert response.text.count('data-testid="forecast-rule"') == len(Refusal)
    assert response.context["cost"] == Decimal("101.00")
    assert 'data-testid="quiet-hours"' not in response.text


def test_the_forecast_of_a_text_message_due_in_the_quiet_hours_counts_for_when_they_end(client_for):
    ProfileFactory(marketing_consent=True)
    campaign = CampaignFactory(audience=everyone(), channel="sms", send_at=tomorrow_at(23), control_share=0)

    response = client_for("sales").get(reverse("marketing:campaign-forecast", args=[campaign.pk]))

    assert response.context["moment"] == tomorrow_at(9) + timedelta(days=1)
    assert response.context["forecast"].to_send == 1
    assert 'data-testid="quiet-hours"' in response.text


def touches(campaign, **outcomes):
    for outcome, number in outcomes.items():
        for _ in range(number):
            Touch.objects.create(profile=ProfileFactory(), occasion=campaign.occasion, channel=campaign.channel,
                                 outcome=outcome, at=timezone.now())  # fmt: skip


@pytest.mark.parametrize("members", [1, 10])
def test_the_progress_counts_each_outcome_and_asks_again_while_sending(
    members, client_for, django_assert_max_num_queries
):
    campaign = CampaignFactory(status="sending")
    touches(campaign, queued=members, sending=1, sent=2, failed=1, held_back=3, control=1, unconfirmed=1)
    client = client_for("sales")

    with django_assert_max_num_queries(5):
        response = client.get(reverse("marketing:campaign-progress", args=[campaign.pk]))

    progress = response.context["progress"]
    assert [count for _outcome, _label, count in progress.counts] == [members, 1, 2, 1, 3, 1, 1]
    assert (progress.done, progress.members) == (8, members + 9)
    assert f'<progress class="w-100" value="8" max="{members + 9}">' in response.text
    assert 'hx-trigger="every 2s"' in response.text


def test_the_progress_stops_asking_once_sent_and_waits_for_an_approved_campaigns_time(client_for):
    sent = CampaignFactory(status="sent")
    touches(sent, sent=2)
    approved = CampaignFactory(status="approved")
    due = CampaignFactory(status="approved", send_at=timezone.now() - timedelta(minutes=1))
    client = client_for("sales")

    def progress(campaign):
        return client.get(reverse("marketing:campaign-progress", args=[campaign.pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert "hx-trigger" not in progress(sent).text
    assert "hx-trigger" not in progress(approved).text
    assert "Sending starts at" in progress(approved).text
    assert 'hx-trigger="every 2s"' in progress(due).text
    assert 'hx-trigger="every 2s"' in client.get(due.get_absolute_url()).text


def test_the_page_is_shown_again_when_the_progress_it_follows_is_over(client_for):
    sent, sending = CampaignFactory(status="sent"), CampaignFactory(status="sending")
    client = client_for("sales")

    def polled(campaign):
        return client.get(reverse("marketing:campaign-progress", args=[campaign.pk]), HTTP_HX_REQUEST="true")

    assert polled(sent)["HX-Refresh"] == "true"
    assert "HX-Refresh" not in polled(sending)


def test_the_page_keeps_its_query_count_whatever_the_members(client_for, django_assert_max_num_queries):
    campaign = CampaignFactory(audience=everyone(), status="sending")
    ProfileFactory.create_batch(5)
    touches(campaign, sent=5)
    client = client_for("manager")
    with django_assert_max_num_queries(11):
        assert client.get(campaign.get_absolute_url()).status_code == 200


def test_the_letters_are_downloaded_once_printed(client_for):
    campaign = CampaignFactory(channel="letter", status="sent")
    url = reverse("marketing:campaign-letters-pdf", args=[campaign.pk])
    client = client_for("sales")
    assert client.get(url).status_code == 404
    assert url not in client.get(campaign.get_absolute_url()).text

    Letters.objects.create(campaign=campaign, pdf=b"%PDF-1.4\n%%EOF\n")

    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.4\n%%EOF\n"
    assert url in client.get(campaign.get_absolute_url()).text


@pytest.mark.parametrize(("role", "shown"), [("sales", True), ("manager", True), ("front_desk", False)])
def test_the_campaigns_are_in_the_marketing_menu_for_sales_and_managers(client_for, role, shown):
    home = client_for(role).get(reverse("overview:home")).text
    assert (reverse("marketing:campaign-list") in home) is shown


def test_a_promotion_and_a_segment_start_a_campaign(client_for):
    promotion, audience = PromotionFactory(), AudienceFactory()
    client = client_for("sales")
    assert (
        f"{reverse('marketing:campaign-create')}?promotion={promotion.pk}"
        in client.get(promotion.get_absolute_url()).text
    )
    assert (
        f"{reverse('marketing:campaign-create')}?audience={audience.pk}" in client.get(audience.get_absolute_url()).text
    )
