"""Accepted offers as extras: a new reservation of the guest, or a new booking of which the guest is the contact,
takes the offers the guest accepted that day that go with nothing yet — and nothing else; the reservation's and
the booking's pages list them in one query, whatever their number."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from marketing.models import OfferResponse
from marketing.offers.ranking import record_response
from reservations.models import Booking
from reservations.rooms.stays import book_room
from reservations.sales.inquiry import take_inquiry
from tests.factories import AccountFactory, BookingFactory, OfferFactory, ProfileFactory, RoomTypeFactory

pytestmark = pytest.mark.django_db


def reserve(guest, *, days_ahead: int = 10, by=None):
    arrival = timezone.localdate() + timedelta(days=days_ahead)
    return book_room(guest=guest, arrival=arrival, departure=arrival + timedelta(days=2),
                     room_type=RoomTypeFactory(code="EXT", rooms=20), by=by)  # fmt: skip


def answer(guest, outcome: str, by, **kwargs) -> OfferResponse:
    return record_response(OfferFactory(), guest, outcome, by, **kwargs)


def linked(response: OfferResponse) -> tuple:
    response.refresh_from_db()
    return response.reservation, response.booking


def test_a_new_reservation_takes_the_offers_the_guest_accepted_today_and_no_others(cast):
    guest, clerk = ProfileFactory(), cast["front_desk"]
    accepted = [answer(guest, "accepted", clerk) for _ in range(2)]
    offered = answer(guest, "offered", clerk)
    declined = answer(guest, "declined", clerk)
    someone_elses = answer(ProfileFactory(), "accepted", clerk)
    yesterdays = answer(guest, "accepted", clerk, at=timezone.now() - timedelta(days=1))

    reservation = reserve(guest, by=clerk)

    assert [linked(response) for response in accepted] == [(reservation, None)] * 2
    for response in (offered, declined, someone_elses, yesterdays):
        assert linked(response) == (None, None)


def test_an_offer_already_with_a_reservation_or_a_booking_stays_with_it(cast):
    guest, clerk = ProfileFactory(), cast["front_desk"]
    first = reserve(guest)
    with_first = answer(guest, "accepted", clerk, reservation=first)
    booking = BookingFactory()
    with_booking = answer(guest, "accepted", clerk, booking=booking)
    taken_by_first = answer(guest, "accepted", clerk)
    second = reserve(guest, days_ahead=20)
    third = reserve(guest, days_ahead=30)

    assert linked(with_first) == (first, None)
    assert linked(with_booking) == (None, booking)
    assert linked(taken_by_first) == (second, None)
    assert not OfferResponse.objects.filter(reservation=third).exists()


def test_a_new_booking_takes_the_offers_its_contact_accepted_today(cast):
    account = AccountFactory()
    guest = ProfileFactory(account=account)
    accepted = answer(guest, "accepted", cast["sales"])
    declined = answer(guest, "declined", cast["sales"])
    booking = take_inquiry(
        booking=Booking(kind="conference", name="年会", account=account, contact=guest, owner=cast["sales"]),
        by=cast["sales"],
    )
    without_contact = take_inquiry(
        booking=Booking(kind="banquet", name="婚宴", account=account, owner=cast["sales"]), by=cast["sales"]
    )

    assert linked(accepted) == (None, booking)
    assert linked(declined) == (None, None)
    assert not OfferResponse.objects.filter(booking=without_contact).exists()


def test_the_card_says_an_offer_accepted_before_any_stay_waits_for_todays_reservation(client_for):
    guest, offer = ProfileFactory(), OfferFactory()
    url = reverse("marketing:assist-offer", args=[guest.pk, offer.pk])
    clerk = client_for("front_desk")
    tapped = clerk.post(url, {"outcome": "accepted"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    assert "goes with the reservation or booking made today" in tapped.content.decode()
    assert linked(OfferResponse.objects.get(offer=offer)) == (None, None)


@pytest.mark.parametrize("extras", [1, 6])
def test_the_reservation_page_lists_its_extras_in_one_query(extras, client_for, cast, django_assert_max_num_queries):
    guest = ProfileFactory()
    for number in range(extras):
        record_response(OfferFactory(name_zh=f"水疗{number}", price=Decimal(f"{300 + number}.00")), guest, "accepted",
                        cast["front_desk"])  # fmt: skip
    declined = record_response(OfferFactory(name_zh="被拒绝的早餐"), guest, "declined", cast["front_desk"])
    reservation = reserve(guest)
    declined.refresh_from_db()
    assert declined.reservation is None

    client = client_for("receivables")
    with django_assert_max_num_queries(9):
        page = client.get(reservation.get_absolute_url())
    text = page.content.decode()
    assert 'data-testid="extras-offers"' in text
    assert all(f"水疗{number}" in text for number in range(extras))
    assert "¥300.00" in text
    assert "被拒绝的早餐" not in text


def test_a_reservation_without_extras_shows_no_extras_section(client_for):
    page = client_for("front_desk").get(reserve(ProfileFactory()).get_absolute_url())
    assert 'data-testid="extras-offers"' not in page.content.decode()


def test_the_booking_page_lists_the_offers_its_contact_accepted(client_for, cast):
    account = AccountFactory()
    guest = ProfileFactory(account=account)
    record_response(OfferFactory(name_en="Fruit basket", price=Decimal("0")), guest, "accepted", cast["sales"])
    booking = take_inquiry(
        booking=Booking(kind="conference", name="年会", account=account, contact=guest, owner=cast["sales"]),
        by=cast["sales"],
    )
    page = client_for("sales").get(booking.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Fruit basket" in page
    assert "Free" in page
