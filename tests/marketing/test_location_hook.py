"""The location webhook (位置营销): the Wi-Fi portal's sign-in and the car dispatch's pickup fire their triggers once
per stay, through a real worker; unsigned, malformed or unmatched calls are refused with a clear answer."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from hotelsales.sms import sign
from marketing.models import Moment, Touch
from reservations.models import Reservation
from tests.factories import ProfileFactory, TriggerFactory
from tests.marketing.segments import stay
from tests.marketing.test_campaign_tasks import wait_for

pytestmark = pytest.mark.django_db

SECRET = "location-test-secret"
URL = reverse("marketing:location-hook")


@pytest.fixture(autouse=True)
def hook_secret(settings):
    settings.LOCATION_HOOK_SECRET = SECRET


def signed(**fields) -> dict:
    fields = {"timestamp": str(int(time.time())), "nonce": "n-1", **fields}
    return fields | {"signature": sign(fields, SECRET)}


def in_house(mobile="13800138000"):
    guest = ProfileFactory(mobile=mobile, marketing_consent=True)
    return guest, stay(guest, timezone.localdate(), 2, status=Reservation.Status.CHECKED_IN)


def test_an_unsigned_or_wrongly_signed_call_is_refused(client, settings):
    in_house()
    assert client.post(URL, {"kind": "wifi", "mobile": "13800138000"}).status_code == 403
    fields = signed(kind="wifi", mobile="13800138000") | {"mobile": "13900139000"}
    assert client.post(URL, fields).status_code == 403
    settings.LOCATION_HOOK_SECRET = ""
    assert client.post(URL, signed(kind="wifi", mobile="13800138000")).status_code == 403


def test_a_call_without_a_guest_or_with_a_bad_number_gets_field_errors(client):
    answer = client.post(URL, signed(kind="wifi"))
    assert answer.status_code == 400
    assert "__all__" in answer.json()["errors"]
    answer = client.post(URL, signed(kind="sauna", mobile="12"))
    assert set(answer.json()["errors"]) == {"kind", "mobile"}


def test_a_guest_not_in_the_house_is_not_found(client):
    guest = ProfileFactory(mobile="13700137000")
    stay(guest, timezone.localdate(), 2, status=Reservation.Status.RESERVED)
    assert client.post(URL, signed(kind="wifi", mobile="13700137000")).json()["code"] == "NO_STAY"
    # The car picks up a guest arriving today, before the check-in.
    assert client.post(URL, signed(kind="pickup", mobile="13700137000")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_wifi_sign_in_fires_its_trigger_once_per_stay_through_a_worker(client, celery_queue, mail_server):
    guest, reservation = in_house()
    trigger = TriggerFactory(moment=Moment.WIFI_SIGN_IN, number=0, control_share=0, subject_zh="{name}，今晚的晚餐",
                             subject_en="{name}, dinner tonight")  # fmt: skip
    before = len(mail_server.messages)
    for _ in range(2):
        answer = client.post(URL, signed(kind="wifi", mobile="+86 138-0013-8000"))
        assert answer.json() == {"code": "OK", "confirmation": reservation.confirmation}
    wait_for(lambda: Touch.objects.filter(trigger=trigger, outcome=Touch.Outcome.SENT).exists())
    wait_for(lambda: len(mail_server.messages) > before)
    time.sleep(1)  # the second call's task has had its chance to send again
    [touch] = Touch.objects.filter(trigger=trigger)
    assert (touch.profile, touch.occasion) == (guest, f"trigger:{trigger.pk}:stay:{reservation.pk}")
    assert [m["To"] for m in mail_server.messages[before:]] == [guest.email]
