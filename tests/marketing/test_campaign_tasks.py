"""Campaigns sent by real Celery workers: approved and due, sent once; a worker killed mid-send resumed by another
without a message sent twice."""

import io
import time
import uuid
from collections import Counter
from datetime import time as dt_time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from hotelsales.models import JobRun
from marketing.campaigns import workflow
from marketing.campaigns.sending import SEND_BATCH
from marketing.models import Campaign, Touch
from marketing.tasks import send_campaign_task, send_due_campaigns_task
from tests.conftest import start_worker
from tests.factories import DueCampaignFactory, ProfileFactory, UserFactory
from tests.helpers import SMS_SECRET

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.1)


def test_an_approved_campaign_is_sent_by_the_worker_once_however_often_it_is_started(celery_queue, mail_server):
    guests = [ProfileFactory(marketing_consent=True) for _ in range(5)]
    campaign = DueCampaignFactory(control_share=0, status=Campaign.Status.SUBMITTED)
    before = len(mail_server.messages)
    workflow.approve(campaign, by=UserFactory(roles=["manager"]))  # due: queued when the approval commits
    wait_for(lambda: Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENT)
    assert send_campaign_task.apply_async((campaign.pk,), queue=celery_queue).get(timeout=60) == "not due"
    received = [message["To"] for message in mail_server.messages[before:]]
    assert sorted(received) == sorted(guest.email for guest in guests)
    assert not mail.outbox  # nothing was sent by this process


def test_the_beat_task_starts_campaigns_whose_time_has_come(celery_queue, mail_server):
    ProfileFactory(marketing_consent=True)
    due = DueCampaignFactory(control_share=0)
    DueCampaignFactory(control_share=0, send_at=due.send_at + timedelta(days=1))
    record = JobRun.objects.get(pk=send_due_campaigns_task.apply_async(queue=celery_queue).get(timeout=60))
    assert record.counts == {"campaigns_started": 1}
    wait_for(lambda: Campaign.objects.get(pk=due.pk).status == Campaign.Status.SENT)


def test_a_worker_killed_while_sending_is_resumed_without_a_message_sent_twice(gateway, settings):
    settings.MARKETING_QUIET_HOURS = (dt_time(3), dt_time(3, 1))
    gateway.answer = (200, {"code": "OK", "message_id": "G"}, 0.02)
    members = SEND_BATCH + 40
    ProfileFactory.create_batch(members, marketing_consent=True)
    campaign = DueCampaignFactory(channel="sms", control_share=0)
    queue = f"test-kill-{uuid.uuid4().hex[:8]}"
    environment = {
        "SMS_BACKEND": "gateway",
        "SMS_GATEWAY_URL": gateway.url,
        "SMS_ACCESS_KEY": "hotel-key",
        "SMS_SECRET": SMS_SECRET,
        "SMS_SIGN_NAME": "示范酒店",
        "MARKETING_QUIET_HOURS": "03:00-03:01",  # a worker that sends at any time of the test
    }
    worker = start_worker(queue, environment)
    try:
        send_campaign_task.apply_async((campaign.pk,), queue=queue)
        wait_for(lambda: len(gateway.calls) >= 20)
        worker.kill()
        worker.wait(timeout=30)
        worker = start_worker(queue, environment)
        assert send_campaign_task.apply_async((campaign.pk,), queue=queue).get(timeout=120) == "sent"
    finally:
        worker.kill()
        worker.wait(timeout=30)
    phones = Counter(call["phone"] for call in gateway.calls)
    assert max(phones.values()) == 1
    outcomes = Counter(campaign.touches().values_list("outcome", flat=True))
    assert outcomes == {Touch.Outcome.UNCONFIRMED: SEND_BATCH, Touch.Outcome.SENT: members - SEND_BATCH}
    assert len(phones) >= 20 + members - SEND_BATCH


def test_the_command_sends_due_campaigns_in_its_own_process():
    ProfileFactory(marketing_consent=True)
    campaign = DueCampaignFactory(control_share=0)
    out = io.StringIO()
    call_command("send_campaigns", stdout=out)
    assert f"campaign {campaign.pk}: sent" in out.getvalue()
    assert len(mail.outbox) == 1
    call_command("send_campaigns", stdout=out)
    assert len(mail.outbox) == 1
