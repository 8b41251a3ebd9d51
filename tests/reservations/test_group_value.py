"""The true value of a group: its rooms and F&B less the transient business it displaces, on a hand-computed
example, and the sheet that shows it night by night."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

import pytest
from django.urls import reverse

from reservations.models import BlockNight, GroupBlock, Inventory, Reservation
from reservations.reports.group_value import LAST_YEAR, group_value
from tests.factories import BookingFactory, FunctionRoomFactory, ProfileFactory, RoomTypeFactory, make_event

pytestmark = pytest.mark.django_db

NIGHTS = [date(2027, 5, 10), date(2027, 5, 11), date(2027, 5, 12)]  # Monday to Wednesday
_numbers = count(1)


def _stay(room_type, night: date, rooms: int, rate: str, status="checked_out"):
    return Reservation.objects.create(
        confirmation=f"GV{next(_numbers):05d}", guest=ProfileFactory(), arrival=night, departure=night + timedelta(1),
        room_type=room_type, rooms=rooms, rate=Decimal(rate), status=status,
    )  # fmt: skip


@pytest.fixture
def group():
    """A hotel of 100 rooms (50 at a default 500, 50 at 700: a mean of 600); a group of 30, 30 and 20 rooms at 450
    with a dinner of 50 at 100 (F&B 5,000).

    Night    G   O   S   L   T=max(S,L)  F=max(0,100−O−T)  X=max(0,G−F)  A     X×A
    10 May   30  10  40  60  60          30                0             550   0
    11 May   30  20  40  66  66          14                16            600   9,600
    12 May   20   0  10   0  10          90                0             600*  0
    (*no transient stay on 13 May 2026: the mean default rate)

    Rooms 80 × 450 = 36,000; net = 36,000 + 5,000 − 9,600 = 31,400; lowest rate = ⌈(9,600 − 5,000) ÷ 80⌉ =
    ⌈57.5⌉ = 58."""
    standard = RoomTypeFactory(code="STD", rooms=50, default_rate=Decimal("500"))
    deluxe = RoomTypeFactory(code="DLX", rooms=50, default_rate=Decimal("700"))
    booking = BookingFactory(kind="group", name="医药年会团队")
    block = GroupBlock.objects.create(booking=booking, rate=Decimal("450"), cutoff_date=NIGHTS[0] - timedelta(30))
    for night, rooms in zip(NIGHTS, (30, 30, 20), strict=True):
        BlockNight.objects.create(block=block, room_type=deluxe, night=night, contracted=rooms, blocked=rooms)
    # What the inventory holds now: transient rooms sold, and blocked rooms (this group's and another's).
    for night, sold, blocked in ((NIGHTS[0], 40, 40), (NIGHTS[1], 40, 50), (NIGHTS[2], 10, 20)):
        Inventory.objects.create(room_type=standard, night=night, total=50, sold=sold)
        Inventory.objects.create(room_type=deluxe, night=night, total=50, blocked=blocked)
    # Last year, 364 days before each night: transient stays (and a cancelled one, which does not count).
    _stay(standard, NIGHTS[0] - LAST_YEAR, 60, "550")
    _stay(standard, NIGHTS[0] - LAST_YEAR, 9, "550", status="cancelled")
    _stay(standard, NIGHTS[1] - LAST_YEAR, 66, "600")
    make_event(booking, FunctionRoomFactory(capacity=200), title="欢迎晚宴", expected=50, menu_price=Decimal("100"))
    return booking


def test_the_displacement_by_hand(group, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        value = group_value(group)
    assert [night.displaced for night in value.nights] == [0, 16, 0]
    assert [night.demand for night in value.nights] == [60, 66, 10]
    assert [night.room_left for night in value.nights] == [30, 14, 90]
    assert [night.rate for night in value.nights] == [Decimal("550.00"), Decimal("600.00"), Decimal("600.00")]
    assert [night.rate_from_last_year for night in value.nights] == [True, True, False]
    assert value.room_nights == 80
    assert value.rooms_revenue == Decimal("36000.00")
    assert value.fnb == Decimal("5000.00")
    assert value.displaced_revenue == Decimal("9600.00")
    assert value.net == Decimal("31400.00")
    assert value.minimum_rate == Decimal("58")


def test_a_group_on_empty_nights_displaces_nothing_and_any_rate_pays(group):
    Inventory.objects.all().update(sold=0)
    Reservation.objects.all().delete()
    value = group_value(group)
    assert value.displaced_room_nights == 0
    assert value.minimum_rate == Decimal("0")


def test_the_booking_and_the_sheet_show_it(group, client_for, django_assert_max_num_queries):
    sales = client_for("sales")
    page = sales.get(group.get_absolute_url()).content.decode()
    assert 'data-testid="group-net">¥31,400.00<' in page
    assert 'data-testid="group-minimum-rate">¥58.00<' in page
    with django_assert_max_num_queries(14):
        sheet = sales.get(reverse("reservations:booking-group-value", args=[group.pk]))
    text = sheet.content.decode()
    assert sheet.status_code == 200
    assert "¥9,600.00" in text
    assert 'data-testid="group-value-formula"' in text
    proposal = sales.get(reverse("reservations:booking-proposal", args=[group.pk])).content.decode()
    assert 'data-testid="internal-sheet"' in proposal


def test_a_booking_without_a_block_has_no_sheet(client_for):
    booking = BookingFactory()
    assert client_for("sales").get(reverse("reservations:booking-group-value", args=[booking.pk])).status_code == 404
