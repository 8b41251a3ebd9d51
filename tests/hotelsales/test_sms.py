"""Text messages through the HTTP gateway backend, against a gateway served on loopback by the test."""

import json
import time

import pytest
from django.core.exceptions import ImproperlyConfigured

from hotelsales import sms
from hotelsales.sms import SmsRefused, SmsUnavailable, TextMessage, send_sms, sign, verify
from tests.helpers import SMS_SECRET as SECRET

MESSAGE = TextMessage(to="13800138000", template="SMS_2026_BIRTHDAY", params={"name": "王芳", "code": "BDAY26"})


def test_a_message_is_posted_signed_with_its_template_and_parameters(gateway):
    gateway.answer = (200, {"code": "OK", "message_id": "M-20261207-1"}, 0)
    assert send_sms(MESSAGE) == "M-20261207-1"
    [call] = gateway.calls
    assert (call["phone"], call["template_code"], call["sign_name"], call["access_key"]) == (
        "13800138000",
        "SMS_2026_BIRTHDAY",
        "示范酒店",
        "hotel-key",
    )
    assert json.loads(call["params"]) == {"name": "王芳", "code": "BDAY26"}
    assert verify(call, SECRET)
    assert not verify(call | {"phone": "13900000000"}, SECRET)


@pytest.mark.parametrize(
    ("status", "answer", "code"),
    [(200, {"code": "MOBILE_NUMBER_ILLEGAL", "message": "bad number"}, "MOBILE_NUMBER_ILLEGAL"),
     (400, {"code": "TEMPLATE_MISSING"}, "TEMPLATE_MISSING"),
     (200, {"message_id": "?"}, "")],
)  # fmt: skip
def test_a_refusal_is_final_and_names_its_code(gateway, status, answer, code):
    gateway.answer = (status, answer, 0)
    with pytest.raises(SmsRefused) as refused:
        send_sms(MESSAGE)
    assert refused.value.code == code


@pytest.mark.parametrize(
    "answer", [(503, {"code": "BUSY"}, 0), (200, None, 0), (400, None, 0), (200, ["OK"], 0), (200, {"code": "OK"}, 2)]
)
def test_a_gateway_down_slow_or_speaking_no_json_is_unavailable_for_now(gateway, answer):
    gateway.answer = answer
    with pytest.raises(SmsUnavailable):
        send_sms(MESSAGE)


def test_a_gateway_that_answers_too_late_may_have_sent_the_message(gateway):
    gateway.answer = (200, {"code": "OK"}, 2)
    with pytest.raises(SmsUnavailable) as slow:
        send_sms(MESSAGE)
    assert slow.value.maybe_sent
    gateway.answer = (503, {"code": "BUSY"}, 0)
    with pytest.raises(SmsUnavailable) as busy:
        send_sms(MESSAGE)
    assert not busy.value.maybe_sent


def test_a_gateway_nobody_listens_on_is_unavailable(gateway, settings):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/sms/send"
    with pytest.raises(SmsUnavailable):
        send_sms(MESSAGE)


def test_the_gateway_backend_needs_its_settings(settings):
    settings.SMS_BACKEND, settings.SMS_SECRET = "gateway", ""
    with pytest.raises(ImproperlyConfigured):
        send_sms(MESSAGE)


def test_the_memory_backend_keeps_what_it_sent(settings):
    settings.SMS_BACKEND = "memory"
    sms.outbox.clear()
    send_sms(MESSAGE)
    assert sms.outbox == [MESSAGE]


def test_an_old_or_unsigned_call_does_not_verify():
    fields = {"phone": "13800138000", "content": "TD", "timestamp": str(int(time.time()) - 3600)}
    assert not verify(fields | {"signature": sign(fields, SECRET)}, SECRET)
    fresh = fields | {"timestamp": str(int(time.time()))}
    assert verify(fresh | {"signature": sign(fresh, SECRET)}, SECRET)
    assert not verify(fresh | {"signature": sign(fresh, SECRET)}, "")
    assert not verify(fresh | {"timestamp": "soon", "signature": sign(fresh, SECRET)}, SECRET)
