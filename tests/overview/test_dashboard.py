"""Dashboard and sales production figures against hand-computed fixtures."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from clienthistory.models import Activity
from overview.dashboard import events_per_week, lost_business_by_reason, occupancy_on_the_books, pace, pipeline
from overview.production import sales_production
from reservations.models import GroupBlock
from reservations.rooms.blocks import Cell, set_block_grid
from reservations.rooms.stays import book_room, cancel_reservation
from reservations.sales.lifecycle import confirm_booking
from tests.factories import (
    ActivityFactory,
    BookingFactory,
    FunctionRoomFactory,
    ProfileFactory,
    RoomTypeFactory,
    make_event,
)
from tests.helpers import at

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)  # a Wednesday


def test_occupancy_on_the_books_counts_reservations_and_blocks_over_30_60_90_nights():
    king = RoomTypeFactory(code="K", rooms=10)
    # 4 rooms for 10 nights from today (40 room-nights); a group block of 5 rooms on nights 40–44 (25).
    book_room(guest=ProfileFactory(), arrival=TODAY, departure=TODAY + timedelta(days=10), room_type=king, rooms=4)
    block = GroupBlock.objects.create(booking=BookingFactory(kind="group", status="definite"), rate=Decimal("500"),
                                      cutoff_date=TODAY)  # fmt: skip
    set_block_grid(block=block, cells={(king, TODAY + timedelta(days=40 + n)): Cell(5, 5) for n in range(5)})

    thirty, sixty, ninety = occupancy_on_the_books(TODAY)

    # 30 nights × 10 rooms = 300: 40/300 = 13.3 %; 60 nights: 65/600 = 10.8 %; 90 nights: 65/900 = 7.2 %.
    assert (thirty.room_nights_on_books, thirty.room_nights_total, thirty.percent) == (40, 300, Decimal("13.3"))
    assert (sixty.room_nights_on_books, sixty.percent) == (65, Decimal("10.8"))
    assert (ninety.room_nights_total, ninety.percent) == (900, Decimal("7.2"))


def test_pace_compares_the_books_now_with_the_books_a_year_ago():
    king = RoomTypeFactory(code="K", rooms=50)
    guest = ProfileFactory()
    # Last year: booked 2026-01-05 for April 2026 (3 nights × 2 rooms = 6) — on the books a year ago (2026-03-11).
    with time_machine.travel(at(date(2026, 1, 5), 12), tick=False):
        book_room(guest=guest, arrival=date(2026, 4, 10), departure=date(2026, 4, 13), room_type=king, rooms=2)
    # Booked after the same point last year (2026-03-20): not on the books a year ago.
    with time_machine.travel(at(date(2026, 3, 20), 12), tick=False):
        book_room(guest=guest, arrival=date(2026, 4, 20), departure=date(2026, 4, 21), room_type=king)
    # Cancelled last year before that point: not counted; cancelled after it: counted (1 night).
    with time_machine.travel(at(date(2026, 1, 6), 12), tick=False):
        early = book_room(guest=guest, arrival=date(2026, 4, 1), departure=date(2026, 4, 2), room_type=king)
        late = book_room(guest=guest, arrival=date(2026, 4, 5), departure=date(2026, 4, 6), room_type=king)
        cancel_reservation(reservation=early, reason="取消")
    with time_machine.travel(at(date(2026, 3, 30), 12), tick=False):
        cancel_reservation(reservation=late, reason="取消")
    # This year: 4 nights × 1 room from April 28: three nights in April, one in May.
    with time_machine.travel(at(date(2027, 2, 1), 12), tick=False):
        book_room(guest=guest, arrival=date(2027, 4, 28), departure=date(2027, 5, 2), room_type=king)

    march, april, may = pace(TODAY)

    assert (april.month, april.this_year, april.last_year) == (date(2027, 4, 1), 3, 7)
    assert april.change_percent == Decimal("-57.1")
    assert (may.this_year, may.last_year) == (1, 0)
    assert may.change_percent is None
    assert march.month == date(2027, 3, 1)


def test_the_pipeline_groups_bookings_by_month_of_first_event_and_status():
    room = FunctionRoomFactory(capacity=500)
    make_event(BookingFactory(status="tentative", estimated_value=0), room, start=at(date(2027, 3, 20), 18),
               expected=10, menu_price=Decimal("100"))  # fmt: skip
    make_event(BookingFactory(status="definite"), room, start=at(date(2027, 4, 2), 18), expected=20,
               menu_price=Decimal("100"))  # fmt: skip
    make_event(BookingFactory(status="definite"), room, start=at(date(2027, 4, 9), 18), expected=30,
               menu_price=Decimal("100"))  # fmt: skip
    make_event(BookingFactory(status="definite"), room, start=at(date(2027, 2, 9), 18), expected=30)  # last month

    rows = pipeline(TODAY)

    assert [row["month"] for row in rows] == [date(2027, 3, 1), date(2027, 4, 1)]
    assert rows[0]["statuses"] == {"tentative": {"count": 1, "value": Decimal("1000.00")}}
    assert rows[1]["statuses"] == {"definite": {"count": 2, "value": Decimal("5000.00")}}


def test_events_per_week_from_this_monday():
    room = FunctionRoomFactory(capacity=500)
    make_event(BookingFactory(status="definite"), room, start=at(date(2027, 3, 8), 9), expected=40)  # Monday
    make_event(BookingFactory(status="definite"), room, start=at(date(2027, 3, 14), 19), expected=60)  # Sunday
    make_event(BookingFactory(status="definite"), room, start=at(date(2027, 3, 16), 9), expected=10, guaranteed=12)
    make_event(BookingFactory(status="prospect"), room, start=at(date(2027, 3, 16), 9))  # holds nothing
    weeks = events_per_week(TODAY, weeks=3)
    assert [(w["week"], w["count"], w["persons"]) for w in weeks] == [
        (date(2027, 3, 8), 2, 100), (date(2027, 3, 15), 1, 12), (date(2027, 3, 22), 0, 0),
    ]  # fmt: skip


def test_lost_business_by_reason_over_the_last_twelve_months():
    BookingFactory(
        status="lost", lost_reason="price", closed_on=TODAY - timedelta(days=10), estimated_value=Decimal("8000")
    )
    BookingFactory(status="cancelled", lost_reason="price", closed_on=TODAY - timedelta(days=100),
                   estimated_value=Decimal("2000"))  # fmt: skip
    BookingFactory(status="turned_down", lost_reason="date", closed_on=TODAY - timedelta(days=5),
                   estimated_value=Decimal("500"))  # fmt: skip
    BookingFactory(status="lost", lost_reason="budget", closed_on=TODAY - timedelta(days=400),
                   estimated_value=Decimal("9999"))  # fmt: skip
    assert [(r["lost_reason"], r["count"], r["value"]) for r in lost_business_by_reason(TODAY)] == [
        ("price", 2, Decimal("10000.00")), ("date", 1, Decimal("500.00")),
    ]  # fmt: skip


def test_sales_production_per_salesperson(cast):
    seller = cast["sales"]
    room = FunctionRoomFactory(capacity=500)
    king = RoomTypeFactory(code="K", rooms=20)
    first, last = date(2027, 3, 1), date(2027, 3, 31)
    with time_machine.travel(at(date(2027, 3, 2), 12), tick=False):
        dinner = BookingFactory(owner=seller, status="tentative")
        # F&B: 50 guests × ¥200 menu + 50 × ¥40 beverages = 12,000, below the ¥15,000 minimum: 15,000.
        make_event(dinner, room, start=at(date(2027, 3, 20), 18), expected=50, menu_price=Decimal("200"),
                   beverage_price=Decimal("40"), fnb_minimum=Decimal("15000"), room_rental=Decimal("3000"))  # fmt: skip
        confirm_booking(booking=dinner, on=date(2027, 3, 5))
        group = BookingFactory(owner=seller, kind="group", status="definite")
        block = GroupBlock.objects.create(booking=group, rate=Decimal("500"), cutoff_date=date(2027, 3, 1))
        set_block_grid(block=block, cells={(king, date(2027, 3, 30) + timedelta(days=n)): Cell(5, 5) for n in range(3)})
        # 2 rooms × nights 3/30, 3/31 inside March (the 4/1 night is April's): 4 room-nights.
        book_room(guest=ProfileFactory(), arrival=date(2027, 3, 30), departure=date(2027, 4, 2), room_type=king,
                  rooms=2, block=block)  # fmt: skip
    ActivityFactory(owner=seller, done=True, done_at=at(date(2027, 3, 3), 12))
    ActivityFactory(owner=seller, done=True, done_at=at(date(2027, 4, 3), 12))
    ActivityFactory(owner=seller, done=False)

    rows = {row.user: row for row in sales_production(first, last)}

    mine = rows[seller]
    assert (mine.bookings, mine.definite, mine.room_nights, mine.fnb_revenue, mine.activities_done) == (
        2, 1, 4, Decimal("15000.00"), 1,
    )  # fmt: skip
    assert Activity.objects.filter(owner=seller).count() == 3
