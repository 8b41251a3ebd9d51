"""Sending a campaign: every member drawn once (held back, control or sent), each message sent at most once whatever
happens to the run, and the channels' own ways of failing."""

import json
import threading
from datetime import time
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clienthistory.models import Activity
from hotelsales.db import held_lock
from marketing.campaigns import sending
from marketing.campaigns.messages import message_for
from marketing.campaigns.sending import SEND_BATCH, TryLater, draw, forecast, run
from marketing.channels.optouts import opt_out
from marketing.measurement import in_control_group
from marketing.models import Call, Campaign, Refusal, Touch
from tests.factories import AccountFactory, DueCampaignFactory, ProfileFactory, UserFactory
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


def guests(n, **fields):
    return [ProfileFactory(marketing_consent=True, **fields) for _ in range(n)]


def outcomes(campaign) -> dict[str, int]:
    counts = {}
    for outcome in campaign.touches().values_list("outcome", flat=True):
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def test_a_run_draws_every_member_once_and_sends_to_the_contacted_only():
    contacted = guests(60)
    unwilling = ProfileFactory(marketing_consent=False)
    campaign = DueCampaignFactory()
    assert run(campaign.pk) == "sent"
    touches = {touch.profile_id: touch for touch in campaign.touches()}
    assert len(touches) == 61
    assert touches[unwilling.pk].refusal == Refusal.NO_CONSENT
    control = {g.pk for g in contacted if in_control_group(campaign.seed, g.pk, Decimal("0.1"))}
    assert {pk for pk, touch in touches.items() if touch.outcome == Touch.Outcome.CONTROL} == control
    assert 0 < len(control) < 20
    assert sorted(message.to[0] for message in mail.outbox) == sorted(g.email for g in contacted if g.pk not in control)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert campaign.started_at
    assert campaign.finished_at


def test_running_again_sends_nothing_twice():
    guests(12)
    campaign = DueCampaignFactory(control_share=0)
    run(campaign.pk)
    assert len(mail.outbox) == 12
    assert run(campaign.pk) == "not due"
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING, planned_at=None)
    assert run(campaign.pk) == "sent"  # drawn again: every member has a touch already
    assert len(mail.outbox) == 12
    assert campaign.touches().count() == 12


def test_the_control_group_is_the_same_every_time_it_is_drawn():
    guests(80)
    campaign = DueCampaignFactory(status=Campaign.Status.SUBMITTED)
    first, second = forecast(campaign, at=timezone.now()), forecast(campaign, at=timezone.now())
    assert first == second
    draw(campaign, at=timezone.now())
    assert outcomes(campaign)[Touch.Outcome.CONTROL] == first.control
    other = DueCampaignFactory(audience=campaign.audience, status=Campaign.Status.SUBMITTED)
    draw(other, at=timezone.now())
    mine = set(campaign.touches().filter(outcome="control").values_list("profile", flat=True))
    theirs = set(other.touches().filter(outcome="control").values_list("profile", flat=True))
    assert mine != theirs  # each campaign draws its own control group


def test_the_forecast_counts_what_each_rule_holds_back_and_writes_nothing():
    guests(5)
    guests(2, email="")
    opted = guests(1)[0]
    opt_out(channel="email", address=opted.email, source="staff")
    ProfileFactory(marketing_consent=False)
    campaign = DueCampaignFactory(control_share=0, status=Campaign.Status.SUBMITTED)
    seen = forecast(campaign, at=timezone.now())
    assert (seen.members, seen.to_send, seen.control) == (9, 5, 0)
    assert dict(seen.rules())[Refusal.NO_ADDRESS.label] == 2
    assert dict(seen.rules())[Refusal.NO_CONSENT.label] == 2  # the opted-out guest lost consent too
    assert not Touch.objects.exists()


def test_a_run_killed_while_sending_leaves_its_batch_unconfirmed_and_never_resends_it():
    guests(SEND_BATCH + 30)
    campaign = DueCampaignFactory(control_share=0)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING, planned_at=timezone.now())
    draw(campaign, at=timezone.now())
    # The killed run had claimed a batch (committed as being sent) and died before recording what it sent.
    claimed = list(campaign.touches().order_by("pk").values_list("pk", flat=True)[:SEND_BATCH])
    Touch.objects.filter(pk__in=claimed).update(outcome=Touch.Outcome.SENDING)
    assert run(campaign.pk) == "sent"
    assert outcomes(campaign) == {Touch.Outcome.UNCONFIRMED: SEND_BATCH, Touch.Outcome.SENT: 30}
    assert len(mail.outbox) == 30
    sent_to = {message.to[0] for message in mail.outbox}
    assert not sent_to & set(Touch.objects.filter(pk__in=claimed).values_list("profile__email", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_second_run_while_one_is_sending_leaves_it_alone():
    guests(3)
    campaign = DueCampaignFactory()
    taken, release = threading.Event(), threading.Event()

    def other_run():
        with held_lock("campaign", str(campaign.pk)):
            taken.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_run)
    thread.start()
    taken.wait(10)
    try:
        assert run(campaign.pk) == "busy"
        assert not Touch.objects.exists()
    finally:
        release.set()
        thread.join()
    assert run(campaign.pk) == "sent"


def test_an_email_carries_the_guests_own_tracked_link_and_unsubscribe_link(client):
    [guest] = guests(1, name="王芳")
    english = guests(1, name="Alex Smith", language="en")[0]
    campaign = DueCampaignFactory(control_share=0, body_zh="{name}您好：{offer}，优惠码 {code}，详见 {link}")
    run(campaign.pk)
    by_guest = {message.to[0]: message for message in mail.outbox}
    message = by_guest[guest.email]
    assert message.subject == "王芳，中秋家宴邀请"
    assert campaign.promotion.offer_code in message.body
    assert campaign.promotion.offer in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body
    link = next(word for word in message.body.split() if "/l/" in word).rstrip("，")
    followed = client.get(link.removeprefix("http://127.0.0.1:8000"))
    assert followed.status_code == 302
    assert followed["Location"] == campaign.landing_url
    assert campaign.touches().get(profile=guest).clicks.count() == 1
    assert by_guest[english.email].subject == "Alex Smith, a Mid-Autumn dinner"
    assert "no more offers by email" in by_guest[english.email].body


def test_text_messages_go_through_the_gateway_with_the_opt_out_line(gateway, settings):
    settings.MARKETING_QUIET_HOURS = (time(3), time(3, 1))
    wang = guests(1, name="王芳")[0]
    english = guests(1, name="Alex Smith", language="en")[0]
    gateway.answer = (200, {"code": "OK", "message_id": "G-1"}, 0)
    campaign = DueCampaignFactory(channel="sms", control_share=0)
    assert run(campaign.pk) == "sent"
    by_phone = {call["phone"]: call for call in gateway.calls}
    assert set(by_phone) == {wang.mobile, english.mobile}
    assert by_phone[wang.mobile]["template_code"] == "SMS_MID_AUTUMN"
    assert json.loads(by_phone[wang.mobile]["params"]) == {"name": "王芳", "code": campaign.promotion.offer_code}
    assert campaign.touches().get(profile=wang).message_id == "G-1"
    assert message_for(campaign, wang).body.endswith("回复TD退订")
    assert message_for(campaign, english).body.endswith("Reply TD to opt out")


def test_a_gateway_refusal_fails_the_member_and_an_outage_waits_for_the_next_run(gateway, settings):
    settings.MARKETING_QUIET_HOURS = (time(3), time(3, 1))
    guests(4)
    campaign = DueCampaignFactory(channel="sms", control_share=0)
    gateway.answer = (503, {"code": "BUSY"}, 0)
    with pytest.raises(TryLater):
        run(campaign.pk)
    assert outcomes(campaign) == {Touch.Outcome.QUEUED: 4}
    gateway.answer = (200, {"code": "MOBILE_NUMBER_ILLEGAL", "message": "bad number"}, 0)
    run(campaign.pk)
    assert outcomes(campaign) == {Touch.Outcome.FAILED: 4}
    assert "MOBILE_NUMBER_ILLEGAL" in campaign.touches().first().error
    assert len(gateway.calls) == 5  # one try while it was down, then each member once


def test_a_gateway_that_answers_too_late_is_not_asked_again(gateway, settings):
    settings.MARKETING_QUIET_HOURS = (time(3), time(3, 1))
    guests(3)
    campaign = DueCampaignFactory(channel="sms", control_share=0)
    gateway.answer = (200, {"code": "OK"}, 2)
    with pytest.raises(TryLater):
        run(campaign.pk)
    gateway.answer = (200, {"code": "OK", "message_id": "G-2"}, 0)
    run(campaign.pk)
    assert outcomes(campaign) == {Touch.Outcome.UNCONFIRMED: 1, Touch.Outcome.SENT: 2}
    assert len(gateway.calls) == 3


def test_text_messages_wait_for_the_end_of_the_quiet_hours(settings):
    settings.MARKETING_QUIET_HOURS = (time(0), time(23, 59))
    now = timezone.localtime().time()
    if now >= time(23, 59):
        settings.MARKETING_QUIET_HOURS = (time(23, 58), time(0, 1))
    guests(2)
    campaign = DueCampaignFactory(channel="sms")
    assert run(campaign.pk) == "quiet hours"
    assert not Touch.objects.exists()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.APPROVED
    email = DueCampaignFactory(channel="email")
    assert run(email.pk) == "sent"  # an email waits in the inbox: no quiet hours


def test_a_call_list_is_split_among_the_callers_in_turn(settings):
    settings.MARKETING_QUIET_HOURS = (time(3), time(3, 1))
    guests(7)
    li, zhao = UserFactory(roles=["sales"]), UserFactory(roles=["sales"])
    campaign = DueCampaignFactory(channel="call", control_share=0)
    campaign.callers.set([li, zhao])
    run(campaign.pk)
    calls = Call.objects.filter(touch__occasion=campaign.occasion).select_related("activity", "touch")
    assert len(calls) == 7
    owners = [call.activity.owner for call in calls]
    assert (owners.count(li), owners.count(zhao)) in ((4, 3), (3, 4))
    call = calls[0]
    assert call.activity.kind == Activity.Kind.CALL
    assert call.activity.contact_id == call.touch.profile_id
    assert call.activity.purpose == campaign.name


def test_printed_letters_go_to_guests_with_an_address_in_one_pdf(client_for):
    account = AccountFactory(address="上海市静安区南京西路 1000 号")
    addressed = guests(2, account=account)
    nowhere = guests(1)[0]
    campaign = DueCampaignFactory(channel="letter", control_share=0)
    run(campaign.pk)
    assert campaign.touches().get(profile=nowhere).refusal == Refusal.NO_ADDRESS
    campaign.refresh_from_db()
    text = pdf_text(_pdf_response(campaign.letters.pdf))
    for guest in addressed:
        assert guest.name in text
    assert "南京西路" in text
    assert nowhere.name not in text


def _pdf_response(content):
    from django.http import HttpResponse

    return HttpResponse(bytes(content), content_type="application/pdf")


def test_a_campaign_to_accounts_reaches_their_contacts_and_draws_the_control_group_by_account():
    from marketing.audiences.rules import make_rule

    firms = [AccountFactory(kind="company") for _ in range(30)]
    for firm in firms:
        guests(2, account=firm)
    campaign = DueCampaignFactory(control_share=Decimal("30"))
    campaign.audience.members = "accounts"
    campaign.audience.rules = [make_rule("account_type", any_of=["company"])]
    campaign.audience.save()
    run(campaign.pk)
    by_account = {}
    for account, outcome in campaign.touches().values_list("profile__account", "outcome"):
        by_account.setdefault(account, set()).add(outcome)
    assert len(by_account) == 30
    assert all(len(seen) == 1 for seen in by_account.values())  # both contacts of a firm share their group
    assert any(seen == {Touch.Outcome.CONTROL} for seen in by_account.values())


def test_the_frequency_cap_counts_messages_still_queued(settings):
    settings.MARKETING_CAP_MESSAGES = 1
    [guest] = guests(1)
    first = DueCampaignFactory(control_share=0)
    draw(first, at=timezone.now())  # queued, not yet sent
    second = DueCampaignFactory(control_share=0)
    run(second.pk)
    assert second.touches().get(profile=guest).refusal == Refusal.FREQUENCY_CAP


@pytest.mark.parametrize("members", [10, 30])
def test_sending_takes_the_same_queries_for_each_batch_whatever_the_members(members, monkeypatch):
    monkeypatch.setattr(sending, "SEND_BATCH", 5)
    guests(members)
    campaign = DueCampaignFactory(control_share=0)
    draw(campaign, at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        sending.deliver(campaign)
    assert len(mail.outbox) == members
    batches = members // 5
    assert len(queries) == 6 * batches + 3  # per batch: claim (4 with its savepoint), read, record; a last claim
