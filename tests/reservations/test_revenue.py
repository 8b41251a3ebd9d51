"""The revenue streams against a month worked out by hand, and the same month on every page that shows it: the
dashboard, the guest-status report's nights and sales production."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum

from overview.dashboard import revenue_to_date
from overview.production import sales_production
from reservations.models import GroupBlock
from reservations.reports import revenue
from reservations.reports.daily_report import room_figures
from reservations.rooms.blocks import Cell, set_block_grid
from reservations.rooms.stays import book_room, cancel_reservation, mark_no_show
from tests.factories import (
    AccountFactory,
    BookingFactory,
    FunctionRoomFactory,
    ProfileFactory,
    RoomTypeFactory,
    UserFactory,
    make_event,
)
from tests.helpers import at

pytestmark = pytest.mark.django_db

MARCH, APRIL = date(2027, 3, 1), date(2027, 4, 1)
END_OF_MARCH = date(2027, 3, 31)


@pytest.fixture
def march():
    """A month of business, each line's figure worked out in its comment."""
    king = RoomTypeFactory(code="K", rooms=20)
    corporate = ProfileFactory(account=AccountFactory(segment="corporate"))
    traveller = ProfileFactory(account=None)
    # Corporate: 2 rooms × 800 from 30 March to 2 April: nights 30, 31 March in March (3,200), 1 April in April.
    book_room(guest=corporate, arrival=date(2027, 3, 30), departure=date(2027, 4, 2), room_type=king, rooms=2,
              rate=Decimal("800"))  # fmt: skip
    # Leisure (no account): 1 room × 650.50 for 5–7 March (1,301.00), and 1 × 700 from 27 February to 2 March:
    # only the night of 1 March in March (700.00). Leisure in March: 2,001.00.
    book_room(guest=traveller, arrival=date(2027, 3, 5), departure=date(2027, 3, 7), room_type=king,
              rate=Decimal("650.50"))  # fmt: skip
    book_room(guest=traveller, arrival=date(2027, 2, 27), departure=date(2027, 3, 2), room_type=king,
              rate=Decimal("700"))  # fmt: skip
    # Not counted: a cancelled reservation and a no-show.
    cancelled = book_room(guest=corporate, arrival=date(2027, 3, 12), departure=date(2027, 3, 15), room_type=king,
                          rate=Decimal("999"))  # fmt: skip
    cancel_reservation(reservation=cancelled, reason="行程取消")
    no_show = book_room(guest=corporate, arrival=date(2027, 3, 20), departure=date(2027, 3, 21), room_type=king,
                        rate=Decimal("999"))  # fmt: skip
    mark_no_show(reservation=no_show, on_date=date(2027, 3, 21))
    # A travel agency's group: its guest (of a corporate account) stays in the block, so the stay is the group's
    # segment: 3 rooms × 500 for 10–12 March (3,000). Its welcome dinner is a banquet: 30 × (120 + 30) = 4,500.
    group = BookingFactory(kind="group", status="definite", segment="travel_agency")
    block = GroupBlock.objects.create(booking=group, rate=Decimal("500"), cutoff_date=date(2027, 3, 1))
    set_block_grid(block=block, cells={(king, date(2027, 3, 10) + timedelta(days=n)): Cell(5, 5) for n in range(2)})
    book_room(guest=corporate, arrival=date(2027, 3, 10), departure=date(2027, 3, 12), room_type=king, rooms=3,
              rate=Decimal("500"), block=block)  # fmt: skip
    hall, room = FunctionRoomFactory(capacity=300), FunctionRoomFactory(capacity=300)
    make_event(group, hall, start=at(date(2027, 3, 10), 18), expected=30, menu_price=Decimal("120"),
               beverage_price=Decimal("30"))  # fmt: skip
    # A definite wedding: 100 × (300 + 50) + rental 5,000 = 40,000.
    seller = UserFactory(roles=["sales"])
    wedding = BookingFactory(kind="banquet", status="definite", segment="wedding", owner=seller)
    make_event(wedding, hall, start=at(date(2027, 3, 20), 18), expected=100, menu_price=Decimal("300"),
               beverage_price=Decimal("50"), room_rental=Decimal("5000"))  # fmt: skip
    # A tentative banquet is not counted yet.
    tentative = BookingFactory(kind="banquet", status="tentative", segment="social", owner=seller)
    make_event(tentative, hall, start=at(date(2027, 3, 27), 18), expected=80, menu_price=Decimal("200"))
    # A definite conference (MICE): 40 × 150 + rental 3,000 = 9,000; an actual one (corporate) on 31 March at 20:00:
    # 20 × 99.99 = 1,999.80. One of its events starts at 00:30 on 1 April: April's (20 × 100 = 2,000).
    meeting = BookingFactory(kind="conference", status="definite", segment="mice", owner=seller)
    make_event(meeting, room, start=at(date(2027, 3, 15), 9), setup="theatre", expected=40,
               menu_price=Decimal("150"), room_rental=Decimal("3000"))  # fmt: skip
    late = BookingFactory(kind="conference", status="actual", segment="corporate", owner=seller)
    make_event(late, room, start=at(date(2027, 3, 31), 20), hours=3, setup="theatre", expected=20,
               menu_price=Decimal("99.99"))  # fmt: skip
    make_event(late, hall, start=at(APRIL, 0, 30), hours=2, setup="theatre", expected=20, menu_price=Decimal("100"))


def test_rooms_count_the_nights_of_the_month_by_segment(march):
    rooms = revenue.rooms(MARCH, END_OF_MARCH)

    assert rooms.of(segment="corporate") == Decimal("3200.00")
    assert rooms.of(segment="leisure") == Decimal("2001.00")
    assert rooms.of(segment="travel_agency") == Decimal("3000.00")
    assert rooms.of() == Decimal("8201.00")
    assert set(rooms.amounts) == {(MARCH, "corporate"), (MARCH, "leisure"), (MARCH, "travel_agency")}


def test_a_stay_across_the_months_end_gives_each_month_its_nights(march):
    rooms = revenue.rooms(date(2027, 2, 1), date(2027, 4, 30))

    # February: 27 and 28 February at 700; April: 1 April, 2 rooms × 800.
    assert rooms.of(month=date(2027, 2, 1)) == Decimal("1400.00")
    assert rooms.of(month=MARCH) == Decimal("8201.00")
    assert rooms.of(month=APRIL, segment="corporate") == Decimal("1600.00")
    assert rooms.of() == Decimal("11201.00")


def test_banquets_and_meetings_count_definite_and_actual_events_by_the_day_they_start(march):
    banquets, meetings = revenue.banquets(MARCH, END_OF_MARCH), revenue.meetings(MARCH, END_OF_MARCH)

    assert banquets.amounts == {(MARCH, "wedding"): Decimal("40000.00"), (MARCH, "travel_agency"): Decimal("4500.00")}
    assert meetings.amounts == {(MARCH, "mice"): Decimal("9000.00"), (MARCH, "corporate"): Decimal("1999.80")}
    assert revenue.meetings(APRIL, date(2027, 4, 30)).of() == Decimal("2000.00")


def test_the_total_is_the_sum_of_the_streams(march):
    total = revenue.total(MARCH, END_OF_MARCH)

    # 8,201.00 + 44,500.00 + 10,999.80
    assert total.of() == Decimal("63700.80")
    assert total.of(segment="corporate") == Decimal("5199.80")
    assert total.of(segment="travel_agency") == Decimal("7500.00")


def test_a_year_is_read_in_one_query_per_stream(march, django_assert_num_queries):
    with django_assert_num_queries(3):
        year = revenue.by_stream(date(2027, 1, 1), date(2027, 12, 31))

    assert {month for read in year.values() for month, _segment in read.amounts} == {
        date(2027, 2, 1),
        MARCH,
        APRIL,
    }


def test_the_same_month_shows_the_same_figures_on_every_page(march):
    rooms = revenue.rooms(MARCH, END_OF_MARCH).of()
    banquets = revenue.banquets(MARCH, END_OF_MARCH).of()
    meetings = revenue.meetings(MARCH, END_OF_MARCH).of()

    # The dashboard on the month's last day.
    on_dashboard = {line.label: line.month for line in revenue_to_date(END_OF_MARCH)}
    assert on_dashboard == {"Rooms": rooms, "Banquets": banquets, "Meetings": meetings, "Total": Decimal("63700.80")}
    # The guest-status report, night by night.
    nights = [MARCH + timedelta(days=n) for n in range(31)]
    assert sum(room_figures(night).revenue for night in nights) == rooms
    # Sales production: the F&B of the month's events (without rental), per salesperson and together.
    production = {row.user.username: row.fnb_revenue for row in sales_production(MARCH, END_OF_MARCH)}
    fnb = revenue.events_held(MARCH, END_OF_MARCH).aggregate(total=Sum(revenue.event_fnb()))["total"]
    # 35,000 (wedding) + 6,000 + 1,999.80 (conferences); the group's owner is another salesperson: 4,500.
    assert fnb == Decimal("47499.80")
    assert sum(production.values()) == fnb
