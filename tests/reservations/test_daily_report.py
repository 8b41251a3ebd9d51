"""The daily guest-status report against hand-computed figures."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from reservations.guestcare.complaints import log_complaint
from reservations.models import GroupBlock
from reservations.reports.daily_report import daily_report, room_figures
from reservations.rooms.blocks import Cell, set_block_grid
from reservations.rooms.stays import book_room, cancel_reservation, check_in, check_out, mark_no_show
from tests.factories import BookingFactory, ProfileFactory, RoomTypeFactory, UserFactory, VipLevelFactory, make_event
from tests.helpers import at

pytestmark = pytest.mark.django_db

DAY = date(2027, 3, 10)


@pytest.fixture
def hotel():
    return RoomTypeFactory(code="K", rooms=60, default_rate=Decimal("800")), RoomTypeFactory(code="S", rooms=40)


def stay(room_type, arrival, nights, rooms=1, rate="800", guest=None, **kwargs):
    return book_room(guest=guest or ProfileFactory(), arrival=arrival, departure=arrival + timedelta(days=nights),
                     room_type=room_type, rooms=rooms, rate=Decimal(rate), **kwargs)  # fmt: skip


def test_occupancy_adr_and_revpar_of_a_night_by_hand(hotel):
    king, suite = hotel
    # On the night of DAY: 3 king rooms at 800, 2 king rooms at 650 (one reservation), 1 suite at 2,000.
    stay(king, DAY - timedelta(days=1), 2, rooms=3)
    stay(king, DAY, 1, rooms=2, rate="650")
    stay(suite, DAY, 3, rate="2000")
    stay(king, DAY + timedelta(days=1), 1)  # the next night: not counted
    cancelled = stay(king, DAY, 1, rooms=5)
    cancel_reservation(reservation=cancelled, reason="取消")

    figures = room_figures(DAY)

    # Rooms sold 6 of 100 = 6.0 %; revenue 2,400 + 1,300 + 2,000 = 5,700; ADR 950.00; RevPAR 57.00.
    assert (figures.rooms_total, figures.rooms_sold, figures.revenue) == (100, 6, Decimal("5700.00"))
    assert (figures.occupancy, figures.adr, figures.revpar) == (Decimal("6.0"), Decimal("950.00"), Decimal("57.00"))


def test_the_report_lists_the_day_and_compares_with_the_same_weekday_last_year(hotel):
    king, _suite = hotel
    level = VipLevelFactory(code="VIP1", rank=1)
    vip = stay(king, DAY, 2, guest=ProfileFactory(name="赵总", vip_level=level))
    regular = stay(king, DAY, 1, guest=ProfileFactory(name="安先生"))
    staying = stay(king, DAY - timedelta(days=2), 4, guest=ProfileFactory(name="住店客"))
    check_in(reservation=staying, at=at(DAY - timedelta(days=2), 15))
    leaving = stay(king, DAY - timedelta(days=1), 1, guest=ProfileFactory(name="离店客"))
    check_in(reservation=leaving, at=at(DAY - timedelta(days=1), 15))
    check_out(reservation=leaving, at=at(DAY, 11))
    missing = stay(king, DAY, 1, guest=ProfileFactory(name="未到客"))
    mark_no_show(reservation=missing, on_date=DAY)
    stay(king, DAY - timedelta(days=364), 1, rooms=4, rate="500")  # a year ago, same weekday

    group = BookingFactory(kind="group", name="医学会团队", status="definite")
    block = GroupBlock.objects.create(booking=group, rate=Decimal("600"), cutoff_date=DAY - timedelta(days=20))
    set_block_grid(block=block, cells={(king, DAY): Cell(10, 10)})
    for _ in range(4):
        stay(king, DAY, 1, block=block)
    dinner = make_event(BookingFactory(name="年终晚宴", status="definite"), start=at(DAY, 18))
    make_event(BookingFactory(status="lost"), start=at(DAY, 12))
    log_complaint(received_by=UserFactory(), category="noise", department="engineering", description="楼上噪音")

    report = daily_report(DAY)

    assert report.arrivals[0] == vip  # VIPs first
    assert regular in report.arrivals
    assert len(report.arrivals) == 6  # VIP, regular and the four group guests; not the no-show
    assert [r.guest.name for r in report.in_house] == ["住店客"]
    assert [r.guest.name for r in report.departures] == ["离店客"]
    assert [r.guest.name for r in report.no_shows] == ["未到客"]
    assert [(g.block.booking.name, g.blocked, g.picked_up, g.pickup_percent) for g in report.groups] == [
        ("医学会团队", 10, 4, Decimal("40.0")),
    ]
    assert report.events == [dinner]
    assert [c.description for c in report.complaints] == ["楼上噪音"]
    # Tonight: VIP 1 + regular 1 + in house 1 + group 4 = 7 of 100 rooms. A year ago: 4 rooms at 500.
    assert (report.figures.rooms_sold, report.figures.occupancy) == (7, Decimal("7.0"))
    assert (report.last_year.night, report.last_year.rooms_sold, report.last_year.adr) == (
        DAY - timedelta(days=364), 4, Decimal("500.00"),
    )  # fmt: skip
    assert report.last_year.night.weekday() == DAY.weekday()


@pytest.mark.parametrize("guests", [3, 40])
def test_the_report_takes_the_same_queries_at_any_size(guests, hotel, django_assert_max_num_queries):
    king, _suite = hotel
    for number in range(guests):
        reservation = stay(king, DAY - timedelta(days=number % 3), 4, guest=ProfileFactory())
        if number % 3:
            check_in(reservation=reservation, at=at(reservation.arrival, 15))
    with django_assert_max_num_queries(12):
        daily_report(DAY)
