"""The front-line assistant's card against a hand-built guest history: stays, nights and spend as segments count
them, the last stay and the next arrival, a birthday soon across the year's end and on 29 February, open
complaints, recent marketing; the same queries for 2 stays as for 30; and where the card shows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from marketing.assist.card import account_card, guest_card
from marketing.models import Touch
from reservations.guestcare.complaints import log_complaint
from reservations.models import Complaint
from tests.factories import (
    AccountFactory,
    CampaignFactory,
    PreferenceFactory,
    ProfileFactory,
    TriggerFactory,
    UserFactory,
)
from tests.helpers import at
from tests.marketing.segments import stay
from tests.marketing.test_audience_events import dinner

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def complaint(guest, text: str, *, status: str = Complaint.Status.OPEN, when: date = TODAY):
    logged = log_complaint(received_by=UserFactory(), category="noise", department="engineering", description=text,
                           guest=guest, at=at(when, 9))  # fmt: skip
    Complaint.objects.filter(pk=logged.pk).update(status=status)
    return logged


def test_stays_nights_and_spend_count_what_the_guest_came_for_and_ate():
    guest = ProfileFactory()
    stay(guest, date(2025, 3, 1), 2, rate="500")  # 1,000
    stay(guest, date(2026, 2, 10), 3, rate="680", rooms=2)  # 4,080: nights count once whatever the rooms
    stay(guest, date(2026, 6, 14), 1, rate="900", status="checked_in")  # 900, in house
    stay(guest, date(2026, 4, 1), 5, status="cancelled")
    stay(guest, date(2026, 5, 1), 5, status="no_show")
    stay(ProfileFactory(), date(2026, 5, 1), 5)
    dinner(guest)  # 15,000 of F&B (topped up to its minimum) on 20 March
    dinner(guest, when=date(2026, 7, 1), status="definite")  # still to come: not spent yet
    dinner(guest, status="tentative")

    history = guest_card(guest, today=TODAY).history

    assert (history.stays, history.nights) == (3, 6)
    assert history.room_spend == Decimal("5980.00")
    assert history.fnb_spend == Decimal("15000.00")
    assert history.spend == Decimal("20980.00")
    assert history.last_stay.arrival == date(2026, 6, 14)


def test_the_next_arrival_is_the_nearest_reservation_still_to_come():
    guest = ProfileFactory()
    stay(guest, date(2026, 9, 1), status="reserved")
    nearest = stay(guest, date(2026, 7, 1), status="reserved")
    stay(guest, date(2026, 6, 20), status="cancelled")
    stay(guest, date(2026, 6, 1), status="reserved")  # a reservation of the past that never came

    card = guest_card(guest, today=TODAY)

    assert card.next_arrival == nearest
    assert card.history.last_stay is None


@pytest.mark.parametrize(
    ("today", "born", "days", "on"),
    [
        (date(2026, 12, 30), date(1990, 1, 2), 3, date(2027, 1, 2)),  # across the year's end
        (date(2027, 2, 25), date(2000, 2, 29), 3, date(2027, 2, 28)),  # kept on 28 February in a common year
        (date(2028, 2, 25), date(2000, 2, 29), 4, date(2028, 2, 29)),
        (date(2026, 6, 15), date(1980, 6, 15), 0, date(2026, 6, 15)),
        (date(2026, 6, 15), date(1980, 7, 15), 30, date(2026, 7, 15)),
    ],
)
def test_a_birthday_within_30_days_is_shown_with_its_date(today, born, days, on):
    soon = guest_card(ProfileFactory(birthday=born), today=today).days_soon

    assert [(str(day.what), day.on, day.days) for day in soon] == [("Birthday", on, days)]


def test_a_birthday_further_off_or_just_past_is_not():
    assert guest_card(ProfileFactory(birthday=date(1980, 7, 16)), today=TODAY).days_soon == []
    assert guest_card(ProfileFactory(birthday=date(1980, 6, 14)), today=TODAY).days_soon == []
    assert guest_card(ProfileFactory(birthday=date(2000, 2, 29)), today=date(2027, 3, 1)).days_soon == []


def test_open_complaints_are_counted_and_the_latest_shown_closed_ones_are_not():
    guest = ProfileFactory()
    complaint(guest, "空调噪音大", when=TODAY - timedelta(days=3))
    latest = complaint(guest, "隔壁装修吵", status=Complaint.Status.IN_PROGRESS)
    complaint(guest, "早餐太咸了", status=Complaint.Status.CLOSED, when=TODAY + timedelta(days=1))
    complaint(guest, "毛巾不够", status=Complaint.Status.RESOLVED)

    history = guest_card(guest, today=TODAY).history

    assert (history.open_complaints, history.latest_complaint) == (2, latest)


def test_recent_marketing_names_its_campaign_or_trigger_and_leaves_out_what_never_reached_the_guest():
    guest = ProfileFactory()
    mooncakes, summer = CampaignFactory(name="中秋家宴"), CampaignFactory(name="夏日特惠")
    Touch.objects.create(profile=guest, occasion=mooncakes.occasion, channel="sms", outcome="sent", at=at(TODAY, 10))
    Touch.objects.create(profile=guest, occasion=summer.occasion, channel="email", outcome="control", at=at(TODAY, 10))
    Touch.objects.create(profile=guest, occasion="campaign:0", channel="email", outcome="sent",
                         at=at(TODAY - timedelta(days=91), 10))  # fmt: skip

    birthday = TriggerFactory(name="生日前一周问候")
    Touch.objects.create(profile=guest, occasion=birthday.occasion("birthday:2026"), trigger=birthday, channel="email",
                         outcome="sent", at=at(TODAY, 9))  # fmt: skip

    touches = guest_card(guest, today=TODAY).touches

    assert [(touch.campaign_name, touch.channel) for touch in touches] == [("中秋家宴", "sms"), (None, "email")]
    assert touches[1].trigger.name == "生日前一周问候"


def test_allergies_come_first_among_the_preferences():
    guest = ProfileFactory()
    PreferenceFactory(profile=guest, category="room", text="高楼层")
    PreferenceFactory(profile=guest, category="allergy", text="花生")

    assert [preference.text for preference in guest_card(guest, today=TODAY).preferences] == ["花生", "高楼层"]


def test_an_account_card_adds_up_its_guests_and_its_bookings():
    firm = AccountFactory()
    stay(ProfileFactory(account=firm), date(2026, 1, 5), 2, rate="600")
    last = stay(ProfileFactory(account=firm), date(2026, 3, 5), 1, rate="600")
    dinner(ProfileFactory(), account=firm)
    complaint(ProfileFactory(account=firm), "会议室太冷")

    history = account_card(firm, today=TODAY).history

    assert (history.stays, history.nights, history.spend) == (2, 3, Decimal("16800.00"))
    assert (history.last_stay, history.open_complaints) == (last, 1)


def card_queries(client, guest, django_assert_max_num_queries, most: int):
    with django_assert_max_num_queries(most):
        response = client.get(reverse("marketing:assist-card", args=[guest.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("stays", [2, 30])
def test_the_card_costs_the_same_queries_however_long_the_history(stays, client_for, django_assert_max_num_queries):
    guest = ProfileFactory(birthday=timezone.localdate())
    for number in range(stays):
        stay(guest, timezone.localdate() - timedelta(days=10 * (number + 1)), 2)
        complaint(guest, f"第{number}次投诉")
        PreferenceFactory(profile=guest)
    dinner(guest, when=timezone.localdate() - timedelta(days=5))

    response = card_queries(client_for("front_desk"), guest, django_assert_max_num_queries, most=13)

    assert f'data-testid="stays">{stays}<' in response.content.decode()
