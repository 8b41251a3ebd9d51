"""The receipt by text message of an inquiry that left a mobile and no email: sent by a worker after the commit,
at most once, in the enquirer's language, only when the hotel has a template approved for it."""

import time
import uuid

import pytest
from django.test import Client

from hotelsales import sms
from hotelsales.celery import app
from marketing.leads.intake import receive_lead
from marketing.leads.receipts import TryLater, send_receipt_sms
from marketing.models import Lead
from marketing.tasks import send_lead_receipt_sms_task
from tests.conftest import start_worker
from tests.factories import UserFactory
from tests.helpers import SMS_SECRET
from tests.marketing.test_campaign_tasks import wait_for
from tests.marketing.test_leads_inquiry import an_address, inquiry

pytestmark = pytest.mark.django_db

TEMPLATE = "SMS_LEAD_RECEIPT"


@pytest.fixture
def texts(settings):
    settings.SMS_BACKEND = "memory"
    settings.LEAD_RECEIPT_SMS_TEMPLATE = TEMPLATE
    sms.outbox.clear()
    UserFactory(roles=["sales"])
    return sms.outbox


def a_lead(**fields) -> Lead:
    defaults = {"kind": "wedding", "contact_name": "张伟", "mobile": "13800138000", "email": "", "language": "zh-hans"}
    return receive_lead(lead=Lead(**defaults | fields))


def test_an_enquirer_without_email_gets_the_reference_by_text_message_once(texts):
    lead = a_lead()
    assert send_receipt_sms(lead.pk) == "sent"
    assert send_receipt_sms(lead.pk) == "not sent"
    (message,) = texts
    assert (message.to, message.template, message.params) == ("13800138000", TEMPLATE, {"reference": lead.reference})
    assert lead.reference in message.text
    assert "询价" in message.text


def test_the_receipt_is_queued_after_the_commit_only_for_a_mobile_without_email(
    texts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as by_text:
        lead = a_lead()
    with django_capture_on_commit_callbacks() as by_email:
        a_lead(email="zhang.wei@example.com")
    (callback,) = by_text
    assert (callback.func, callback.args) == (send_lead_receipt_sms_task.delay, (lead.pk,))
    assert send_lead_receipt_sms_task.delay not in [getattr(callback, "func", None) for callback in by_email]


def test_without_an_approved_template_no_text_is_sent(texts, settings, django_capture_on_commit_callbacks):
    settings.LEAD_RECEIPT_SMS_TEMPLATE = ""
    with django_capture_on_commit_callbacks() as callbacks:
        lead = a_lead()
    assert not callbacks
    assert send_receipt_sms(lead.pk) == "not sent"


def test_a_gateway_that_is_down_gives_the_claim_back_one_that_timed_out_keeps_it(gateway, settings):
    settings.LEAD_RECEIPT_SMS_TEMPLATE = TEMPLATE
    UserFactory(roles=["sales"])
    down, slow = a_lead(), a_lead(mobile="13900139000")
    gateway.answer = (503, None, 0)
    with pytest.raises(TryLater):
        send_receipt_sms(down.pk)
    gateway.answer = (200, {"code": "OK", "message_id": "M-2"}, 2)  # longer than SMS_TIMEOUT
    assert send_receipt_sms(slow.pk) == "maybe sent"
    claims = dict(Lead.objects.values_list("pk", "receipt_sms_at"))
    assert claims[down.pk] is None
    assert claims[slow.pk] is not None


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_the_receipt_of_a_posted_inquiry(gateway, settings):
    settings.LEAD_RECEIPT_SMS_TEMPLATE = TEMPLATE
    # A queue of this test's own: what earlier tests left in the process's queue must not reach this gateway.
    queue, process_queue = f"test-receipt-{uuid.uuid4().hex[:8]}", app.conf.task_default_queue
    UserFactory(roles=["sales"])
    environment = {
        "SMS_BACKEND": "gateway",
        "SMS_GATEWAY_URL": gateway.url,
        "SMS_ACCESS_KEY": "hotel-key",
        "SMS_SECRET": SMS_SECRET,
        "SMS_SIGN_NAME": "示范酒店",
        "LEAD_RECEIPT_SMS_TEMPLATE": TEMPLATE,
    }
    worker = start_worker(queue, environment)
    app.conf.task_default_queue = queue
    try:
        response = Client(REMOTE_ADDR=an_address()).post("/inquiry/", inquiry(email=""))
        assert response.status_code == 302
        wait_for(lambda: len(gateway.calls) == 1)
        time.sleep(0.5)  # nothing more comes
    finally:
        app.conf.task_default_queue = process_queue
        worker.kill()
        worker.wait(timeout=30)
    (call,) = gateway.calls
    lead = Lead.objects.get()
    assert call["phone"] == "13800138000"
    assert call["template_code"] == TEMPLATE
    assert lead.reference in call["params"]
    assert lead.receipt_sms_at is not None
