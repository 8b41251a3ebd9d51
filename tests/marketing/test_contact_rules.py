"""The contact rules (规避投诉): who is held back from a marketing contact, and by which rule first."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from marketing.channels.optouts import opt_out
from marketing.channels.rules import ContactRules, held_back
from marketing.models import Refusal, Touch
from reservations.guestcare.complaints import log_complaint, record_callback, resolve
from reservations.rooms.stays import book_room, check_in
from tests.factories import ProfileFactory, RoomTypeFactory
from tests.helpers import at

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NOON = at(TODAY, 12)
RULES = ContactRules(cap_messages=2, cap_days=30, quiet_from=time(21), quiet_until=time(9), complaint_days=30)


def guest(**fields):
    return ProfileFactory(marketing_consent=True, **fields)


def refusals(profiles, channel="sms", moment=NOON) -> dict:
    return held_back(profiles, channel=channel, at=moment, rules=RULES)


def complaint_of(profile, by, *, callback: str | None = None, days_ago: int = 0):
    complaint = log_complaint(received_by=by, category="room", department="housekeeping", description="空调噪音",
                              guest=profile, at=NOON - timedelta(days=days_ago + 1))  # fmt: skip
    if callback:
        resolve(complaint=complaint, resolution="换房", by=by, at=NOON - timedelta(days=days_ago, hours=1))
        record_callback(complaint=complaint, satisfaction=callback, by=by, at=NOON - timedelta(days=days_ago))
    return complaint


def test_a_consenting_guest_with_an_address_is_not_held_back():
    assert refusals([guest()]) == {}
    assert refusals([guest()], channel="email") == {}


def test_no_address_for_the_channel_and_no_consent():
    no_mobile, no_email, unwilling = guest(mobile=""), guest(email=""), ProfileFactory(marketing_consent=False)
    assert refusals([no_mobile, no_email, unwilling]) == {
        no_mobile.pk: Refusal.NO_ADDRESS,
        unwilling.pk: Refusal.NO_CONSENT,
    }
    assert refusals([no_mobile, no_email], channel="email") == {no_email.pk: Refusal.NO_ADDRESS}
    no_mobile.postal_address = "上海市静安区南京西路 1000 号"  # a letter goes to the address of the guest's account
    assert refusals([no_mobile, no_email], channel="letter") == {no_email.pk: Refusal.NO_ADDRESS}


def test_an_opted_out_address_is_held_back_on_that_channel_only():
    wang = guest(mobile="13800138000", email="wang@example.cn")
    opt_out(channel="email", address="WANG@example.cn", source="link")
    wang.refresh_from_db()
    wang.marketing_consent = True  # consent given again on the profile does not undo the address's opt-out
    assert refusals([wang], channel="email") == {wang.pk: Refusal.OPTED_OUT}
    assert refusals([wang], channel="sms") == {}


def test_an_open_complaint_or_a_recent_dissatisfied_callback_holds_back(cast):
    open_one, unhappy, unhappy_long_ago, happy = guest(), guest(), guest(), guest()
    complaint_of(open_one, cast["front_desk"])
    complaint_of(unhappy, cast["front_desk"], callback="dissatisfied", days_ago=29)
    complaint_of(unhappy_long_ago, cast["front_desk"], callback="dissatisfied", days_ago=31)
    complaint_of(happy, cast["front_desk"], callback="satisfied")
    assert refusals([open_one, unhappy, unhappy_long_ago, happy]) == {
        open_one.pk: Refusal.OPEN_COMPLAINT,
        unhappy.pk: Refusal.DISSATISFIED,
    }


def test_a_guest_in_the_house_is_held_back_until_checked_out():
    staying, booked = guest(), guest()
    room_type = RoomTypeFactory(rooms=10)
    for profile in (staying, booked):
        book_room(guest=profile, arrival=TODAY, departure=TODAY + timedelta(days=2), room_type=room_type)
    check_in(reservation=staying.reservations.get(), at=at(TODAY, 11))
    assert refusals([staying, booked]) == {staying.pk: Refusal.IN_HOUSE}


def test_the_frequency_cap_counts_sent_messages_of_every_campaign_within_its_days():
    capped, once, old = guest(), guest(), guest()

    def touched(profile, occasion, days_ago, outcome=Touch.Outcome.SENT):
        Touch.objects.create(profile=profile, occasion=occasion, channel="email", outcome=outcome,
                             at=NOON - timedelta(days=days_ago))  # fmt: skip

    touched(capped, "campaign:1", 3)
    touched(capped, "trigger:2:birthday", 29)
    touched(once, "campaign:1", 3)
    touched(once, "campaign:2", 1, outcome=Touch.Outcome.HELD_BACK)
    touched(old, "campaign:1", 30)
    touched(old, "campaign:2", 31)
    assert refusals([capped, once, old]) == {capped.pk: Refusal.FREQUENCY_CAP}


@pytest.mark.parametrize(
    ("hour", "minute", "quiet"), [(20, 59, False), (21, 0, True), (23, 30, True), (8, 59, True), (9, 0, False)]
)
def test_quiet_hours_keep_texts_and_calls_but_not_emails(hour, minute, quiet):
    member = guest()
    moment = at(TODAY, hour, minute)
    expected = {member.pk: Refusal.QUIET_HOURS} if quiet else {}
    assert refusals([member], channel="sms", moment=moment) == expected
    assert refusals([member], channel="call", moment=moment) == expected
    assert refusals([member], channel="email", moment=moment) == {}


def test_the_first_rule_that_applies_is_the_one_recorded(cast):
    member = guest(mobile="13800138000")
    opt_out(channel="sms", address="13800138000", source="reply")
    member.refresh_from_db()
    assert refusals([member]) == {member.pk: Refusal.NO_CONSENT}  # the opt-out took the consent too
    member.marketing_consent = True
    complaint_of(member, cast["front_desk"])
    assert refusals([member], moment=at(TODAY, 22)) == {member.pk: Refusal.OPTED_OUT}


def test_the_rules_read_a_fixed_number_of_queries_whatever_the_members(django_assert_max_num_queries):
    members = [guest() for _ in range(30)]
    with django_assert_max_num_queries(4):
        held_back(members, channel="sms", at=NOON, rules=RULES)


def test_the_rules_come_from_settings(settings):
    settings.MARKETING_CAP_MESSAGES, settings.MARKETING_QUIET_HOURS = 5, (time(22), time(8))
    rules = ContactRules.from_settings()
    assert (rules.cap_messages, rules.is_quiet(at(TODAY, 21, 30)), rules.is_quiet(at(TODAY, 22))) == (5, False, True)
