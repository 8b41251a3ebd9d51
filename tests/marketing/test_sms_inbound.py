"""A guest answers a text message: "TD" (退订) through the gateway's signed webhook opts the number out."""

import time

import pytest
from django.urls import reverse

from hotelsales.sms import sign
from marketing.channels.optouts import asks_to_stop
from marketing.models import OptOut
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

SECRET = "inbound-test-secret"
URL = reverse("marketing:sms-inbound")


@pytest.fixture(autouse=True)
def gateway_secret(settings):
    settings.SMS_SECRET = SECRET


def signed(**fields) -> dict:
    fields = {"timestamp": str(int(time.time())), "nonce": "n-1", **fields}
    return fields | {"signature": sign(fields, SECRET)}


@pytest.mark.parametrize("text", ["TD", "td", " 退订 ", "T", "N", "STOP", "退订。", "取消"])
def test_the_usual_stop_answers_are_understood(text):
    assert asks_to_stop(text)


@pytest.mark.parametrize("text", ["好的，谢谢", "TD 明天再说", "", "tdd", "请问有房吗"])
def test_other_answers_are_not_a_stop(text):
    assert not asks_to_stop(text)


def test_td_opts_the_number_out_once_and_takes_every_holders_consent(client):
    wang, wang_again = (ProfileFactory(mobile="13800138000", marketing_consent=True) for _ in range(2))
    other = ProfileFactory(mobile="13900000001", marketing_consent=True)
    for _ in range(2):
        answer = client.post(URL, signed(phone="138 0013 8000", content="退订"))
        assert (answer.status_code, answer.json()) == (200, {"code": "OK", "opted_out": True})
    opt_out = OptOut.objects.get()
    assert (opt_out.channel, opt_out.address, opt_out.source, opt_out.note) == ("sms", "13800138000", "reply", "退订")
    for profile, consent in ((wang, False), (wang_again, False), (other, True)):
        profile.refresh_from_db()
        assert profile.marketing_consent is consent


def test_another_answer_is_taken_without_opting_out(client):
    answer = client.post(URL, signed(phone="13800138000", content="请问周末有房吗？"))
    assert answer.json() == {"code": "OK", "opted_out": False}
    assert not OptOut.objects.exists()


def test_a_call_with_a_bad_or_no_signature_is_refused(client):
    forged = signed(phone="13800138000", content="TD") | {"phone": "13900000001"}
    assert client.post(URL, forged).status_code == 403
    assert client.post(URL, {"phone": "13800138000", "content": "TD"}).status_code == 403
    assert not OptOut.objects.exists()


def test_a_bad_number_or_an_oversized_call_is_answered_without_a_500(client):
    answer = client.post(URL, signed(phone="call me", content="TD"))
    assert answer.status_code == 400
    assert "phone" in answer.json()["errors"]
    assert client.post(URL, signed(phone="13800138000", content="TD" * 5000)).status_code == 413
    assert client.get(URL).status_code == 405
    assert not OptOut.objects.exists()
