"""The event rules of client segments against hand-built banquets and conferences: F&B spend as the sales
production report counts it, rooms and F&B together, and weddings or events held here in a period, for the
booking's contact and for its account."""

from datetime import date
from decimal import Decimal

import pytest

from marketing.audiences.rules import make_rule
from tests.factories import AccountFactory, BookingFactory, FunctionRoomFactory, ProfileFactory, make_event
from tests.helpers import at
from tests.marketing.segments import picked, stay

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def dinner(contact, *, when=date(2026, 3, 20), status="actual", **booking):
    """A banquet of `contact` on `when`: 50 guests × ¥200 and ¥40 of drinks = ¥12,000, below its ¥15,000 F&B
    minimum, so ¥15,000 of F&B; the room rental is not F&B."""
    event = make_event(
        BookingFactory(contact=contact, status="tentative", **booking),
        FunctionRoomFactory(capacity=500),
        start=at(when, 18),
        expected=50,
        menu_price=Decimal("200"),
        beverage_price=Decimal("40"),
        fnb_minimum=Decimal("15000"),
        room_rental=Decimal("3000"),
    )
    type(event.booking).objects.filter(pk=event.booking_id).update(status=status)
    return event


def test_fnb_spend_is_food_and_drinks_topped_up_to_the_minimum_of_definite_and_actual_bookings():
    host, guest_of_honour, undecided = ProfileFactory(), ProfileFactory(), ProfileFactory()
    dinner(host)
    dinner(guest_of_honour, status="definite")
    dinner(undecided, status="tentative")
    dinner(host, when=date(2025, 1, 10))  # before the period

    fifteen_thousand = make_rule("spend", on="fnb", at_least="15000", months=12)
    assert picked(TODAY, fifteen_thousand) == {host, guest_of_honour}
    assert picked(TODAY, make_rule("spend", on="fnb", at_least="15000.01", months=12)) == set()


def test_total_spend_adds_rooms_and_fnb_of_the_same_member():
    both, rooms_only = ProfileFactory(), ProfileFactory()
    dinner(both)
    stay(both, date(2026, 2, 1), 2, rate="1000")  # 2,000
    stay(rooms_only, date(2026, 2, 1), 16, rate="1000")  # 16,000

    assert picked(TODAY, make_rule("spend", on="total", at_least="17000", months=12)) == {both}
    assert picked(TODAY, make_rule("spend", on="total", at_least="16000", months=12)) == {both, rooms_only}
    assert picked(TODAY, make_rule("spend", on="total", at_least="17000.01", months=12)) == set()


def test_an_account_spends_what_its_bookings_and_its_guests_spend():
    firm = AccountFactory()
    dinner(None, account=firm)
    stay(ProfileFactory(account=firm), date(2026, 2, 1), 1, rate="1000")

    assert picked(TODAY, make_rule("spend", on="total", at_least="16000", months=12), members="accounts") == {firm}
    assert picked(TODAY, make_rule("spend", on="fnb", at_least="15000", months=12), members="accounts") == {firm}


def test_a_wedding_is_a_banquet_of_the_wedding_segment_held_in_the_period():
    couple, party, planners, late, lost = (ProfileFactory() for _ in range(5))
    dinner(couple, segment="wedding", when=date(2021, 10, 2))
    dinner(party, segment="social", when=date(2021, 5, 1))
    dinner(planners, kind="conference", segment="mice", when=date(2021, 4, 1))
    dinner(late, segment="wedding", when=date(2022, 1, 1))
    dinner(lost, segment="wedding", when=date(2021, 6, 1), status="lost")
    year = {"first": date(2021, 1, 1), "last": date(2021, 12, 31)}

    assert picked(TODAY, make_rule("event", what="wedding", **year)) == {couple}
    assert picked(TODAY, make_rule("event", what="banquet", **year)) == {couple, party}
    assert picked(TODAY, make_rule("event", what="conference", **year)) == {planners}
    assert picked(TODAY, make_rule("event", what="any", **year)) == {couple, party, planners}


def test_an_event_belongs_to_its_bookings_contact_and_to_its_account():
    firm, contact = AccountFactory(), ProfileFactory()
    dinner(contact, account=firm, kind="conference", segment="mice")

    assert picked(TODAY, make_rule("event", what="conference", months=12)) == {contact}
    assert picked(TODAY, make_rule("event", what="conference", months=12), members="accounts") == {firm}
    assert picked(TODAY, make_rule("event", what="conference", months=2), members="accounts") == set()
