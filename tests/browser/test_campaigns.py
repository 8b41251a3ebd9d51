"""A campaign in a browser, from segment to figures: a salesperson builds a segment and drafts an email campaign of a
promotion, submits it; a manager reads the contact rules' forecast and approves it; a real worker sends it while
the page follows; a member books quoting the offer code; the campaign's page shows what it brought."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from marketing.models import Audience, Campaign, Touch
from reservations.rooms.stays import book_room
from tests.factories import ProfileFactory, PromotionFactory, RoomTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_campaign_from_segment_to_approval_sending_and_its_figures(celery_queue, mail_server, cast, page, sign_in):
    guests = ProfileFactory.create_batch(12, marketing_consent=True)
    ProfileFactory(marketing_consent=False)
    promotion = PromotionFactory(name="中秋家宴", offer_code="MOON26")
    received_before = len(mail_server.messages)

    sign_in("sales-user")
    page.goto(reverse("marketing:audience-create"))
    page.get_by_label(re.compile("名称")).first.fill("同意营销的客人")
    page.locator("#add-kind").select_option("consent")
    page.get_by_test_id("add-rule").click()
    expect(page.get_by_test_id("member-count")).to_have_text(re.compile(r"^\s*12\D"))
    page.locator("form[data-testid=audience-form] button[type=submit]").click()
    audience = Audience.objects.get()
    page.wait_for_url(f"**{audience.get_absolute_url()}")

    page.goto(reverse("marketing:campaign-create") + f"?promotion={promotion.pk}&audience={audience.pk}")
    form = page.get_by_test_id("campaign-form")
    form.locator("input[name=name]").fill("中秋家宴邀请")
    form.locator("input[name=send_at]").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    form.locator("input[name=subject_zh]").fill("{name}，中秋家宴邀请")
    form.locator("input[name=subject_en]").fill("{name}, a Mid-Autumn dinner")
    form.locator("textarea[name=body_zh]").fill("{name}您好：{offer}，预订时请报优惠码 {code}。")
    form.locator("textarea[name=body_en]").fill("Dear {name}: {offer}. Quote {code} when you book.")
    form.locator("input[name=control_share]").fill("20")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/marketing/campaigns/\d+/"))  # saved: read it only once the server has
    campaign = Campaign.objects.get()
    page.wait_for_url(f"**{campaign.get_absolute_url()}")
    expect(page.get_by_test_id("preview-zh-hans")).to_contain_text("MOON26")
    page.get_by_test_id("submit-campaign").click()
    expect(page.get_by_test_id("campaign-status")).to_have_text("待审批")

    page.context.clear_cookies()
    sign_in("manager-user")
    page.goto(campaign.get_absolute_url())
    expect(page.get_by_test_id("forecast-members")).to_contain_text("12")
    page.get_by_test_id("approve-campaign").click()
    expect(page.get_by_test_id("campaign-status")).to_have_text("已发送", timeout=60_000)  # the page follows

    contacted = list(campaign.touches().filter(outcome=Touch.Outcome.SENT).select_related("profile"))
    assert len(mail_server.messages) - received_before == len(contacted) > 0
    assert {touch.profile for touch in campaign.touches()} == set(guests)
    member = contacted[0].profile
    arrival = timezone.localdate() + timedelta(days=20)
    book_room(guest=member, arrival=arrival, departure=arrival + timedelta(days=2), room_type=RoomTypeFactory(),
              rate=Decimal("880"), offer_code="MOON26")  # fmt: skip

    page.reload()
    results = page.get_by_test_id("results-section")
    expect(results.get_by_test_id("contacted")).to_contain_text(str(len(contacted)))
    expect(results.get_by_test_id("contacted-converted")).to_have_text("1")
    expect(results.get_by_test_id("contacted-revenue")).to_contain_text("1,760")
