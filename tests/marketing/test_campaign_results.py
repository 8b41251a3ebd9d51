"""A campaign's figures against hand-computed expectations: conversions inside and outside the attribution window,
by offer code, by invoice; the aftermath of contact; the comparison with the control group."""

from datetime import timedelta
from decimal import Decimal

import pytest

from marketing.audiences.rules import make_rule
from marketing.campaigns.results import figures, figures_of
from marketing.campaigns.sending import run
from marketing.channels.links import record_click
from marketing.channels.optouts import opt_out
from marketing.models import Touch
from reservations.guestcare.complaints import log_complaint
from reservations.models import Reservation
from reservations.rooms.stays import book_room
from tests.factories import (
    AccountFactory,
    BookingFactory,
    DueCampaignFactory,
    ProfileFactory,
    UserFactory,
    issued_invoice,
)
from tests.marketing.campaigns import ARRIVAL, group, sent_campaign

pytestmark = pytest.mark.django_db


def stay(guest, room_type, *, nights=1, rooms=1, rate="500", created_at=None, offer_code=""):
    reservation = book_room(guest=guest, arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=nights),
                            room_type=room_type, rooms=rooms, rate=Decimal(rate))  # fmt: skip
    changes = {"offer_code": offer_code} | ({"created_at": created_at} if created_at else {})
    Reservation.objects.filter(pk=reservation.pk).update(**changes)
    return reservation


def test_conversions_inside_the_window_by_group_and_by_offer_code_outside_the_segment(room_type):
    campaign = sent_campaign(members=140)  # half each side, at random: both groups well over 30
    contacted, control = group(campaign, Touch.Outcome.SENT), group(campaign, Touch.Outcome.CONTROL)
    c1, c2, c3, c4 = contacted[:4]
    k1 = control[0]
    stay(c1, room_type, nights=2, rate="800")  # 1,600
    stay(c1, room_type, rooms=2, rate="300")  # 600 more: c1 converts once, worth 2,200
    cancelled = stay(c2, room_type)
    Reservation.objects.filter(pk=cancelled.pk).update(status=Reservation.Status.CANCELLED)
    stay(c3, room_type, created_at=campaign.started_at + timedelta(days=30, minutes=1))  # after the window
    stay(c3, room_type, created_at=campaign.started_at - timedelta(minutes=1))  # before it
    BookingFactory(contact=c4)  # a booking with no events yet: a conversion worth nothing so far
    stay(k1, room_type, rate="500")
    outsider = ProfileFactory()
    stay(outsider, room_type, rate="450", offer_code=campaign.promotion.offer_code)

    seen = figures(campaign)
    assert (seen.contacted, seen.control) == (len(contacted), len(control))
    assert (seen.contacted_converted, seen.contacted_revenue) == (2, Decimal("2200.00"))
    assert (seen.control_converted, seen.control_revenue) == (1, Decimal("500.00"))
    assert (seen.outside_uses, seen.outside_revenue) == (1, Decimal("450.00"))
    results = seen.results
    expected = Decimal(2 / len(contacted) - 1 / len(control)) * 100
    assert results.uplift == expected.quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
    assert results.incremental_revenue == (Decimal("2200") - len(contacted) * Decimal("500") / len(control)).quantize(
        Decimal("0.01"), rounding="ROUND_HALF_UP"
    )
    assert seen.cost == Decimal("200") + Decimal("0.50") * len(contacted)


def test_a_member_quoting_the_code_converts_once_in_their_group(room_type):
    campaign = sent_campaign()
    member = group(campaign, Touch.Outcome.SENT)[0]
    stay(member, room_type, rate="600", offer_code=campaign.promotion.offer_code)
    seen = figures(campaign)
    assert (seen.contacted_converted, seen.contacted_revenue, seen.outside_uses) == (1, Decimal("600.00"), 0)


def test_an_invoice_counts_when_the_campaign_converts_on_invoices(room_type):
    firms = [AccountFactory(kind="company", payment_terms_days=30) for _ in range(40)]
    for firm in firms:
        ProfileFactory(account=firm, marketing_consent=True)
    campaign = DueCampaignFactory(control_share=Decimal("50"), converts_on="invoice")
    campaign.audience.members = "accounts"
    campaign.audience.rules = [make_rule("account_type", any_of=["company"])]
    campaign.audience.save()
    run(campaign.pk)
    campaign.refresh_from_db()
    contacted = group(campaign, Touch.Outcome.SENT)[0]
    issued_invoice(contacted.account, amount="8800.00")
    issued_invoice(AccountFactory(), amount="999.00")  # no member's
    stay(contacted, room_type)  # a reservation is no conversion when invoices are what counts
    seen = figures(campaign)
    assert (seen.contacted_converted, seen.contacted_revenue) == (1, Decimal("8800.00"))
    assert (seen.control_converted, seen.outside_uses) == (0, 0)


def test_clicks_complaints_and_opt_outs_after_contact():
    campaign = sent_campaign(members=10, control_share=Decimal("0"))
    first, second, third = (touch for touch in campaign.touches().select_related("profile")[:3])
    record_click(touch=first, url=campaign.landing_url)
    record_click(touch=first, url=campaign.landing_url)
    clerk = UserFactory(roles=["frontdesk"])
    log_complaint(received_by=clerk, category="room", department="housekeeping", description="噪音",
                  guest=second.profile, at=second.at + timedelta(days=3))  # fmt: skip
    log_complaint(received_by=clerk, category="room", department="housekeeping", description="噪音",
                  guest=third.profile, at=third.at + timedelta(days=20))  # fmt: skip
    opt_out(channel="email", address=third.profile.email.upper(), source="link")
    seen = figures(campaign)
    assert (seen.clicked, seen.complaints, seen.opt_outs) == (1, 1, 1)
    assert seen.reached == 10
    assert (seen.click_rate, seen.complaint_rate, seen.opt_out_rate) == (Decimal("10.0"),) * 3


def test_without_a_control_group_there_is_no_uplift_and_the_page_says_why():
    campaign = sent_campaign(members=40, control_share=Decimal("0"))
    results = figures(campaign).results
    assert results.uplift is None
    assert results.roi is None
    assert "no control group" in results.why_not


def test_many_campaigns_are_read_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    campaigns = [sent_campaign(members=5) for _ in range(3)]
    with django_assert_max_num_queries(6):
        found = figures_of(campaigns)
    assert [found[campaign.pk].members for campaign in campaigns] == [5, 10, 15]
