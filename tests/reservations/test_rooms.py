"""R1: a reservation that would exceed a night's free inventory is refused; managers may overbook a little."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from reservations.models import Inventory, Reservation
from reservations.rooms.stays import NoRoom, book_room, cancel_reservation, check_in, check_out, mark_no_show
from tests.factories import ProfileFactory, RoomTypeFactory, UserFactory

pytestmark = pytest.mark.django_db

ARRIVAL = date(2027, 5, 1)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def counts(room_type, night):
    row = Inventory.objects.get(room_type=room_type, night=night)
    return row.sold, row.blocked, row.available


def test_a_reservation_takes_one_room_on_each_night():
    king = RoomTypeFactory(rooms=10)
    reservation = book_room(guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=3),
                            room_type=king, rooms=2)  # fmt: skip
    assert reservation.nights == 3
    assert reservation.rate == Decimal("880.00")
    assert len(reservation.confirmation) == 8
    assert [counts(king, ARRIVAL + timedelta(days=n)) for n in range(3)] == [(2, 0, 8)] * 3
    assert not Inventory.objects.filter(room_type=king, night=ARRIVAL + timedelta(days=3)).exists()


def test_the_refusal_names_the_full_night_and_takes_nothing():
    king = RoomTypeFactory(code="DK", rooms=3, name_en="Deluxe king")
    book_room(guest=ProfileFactory(), arrival=ARRIVAL + timedelta(days=1), departure=ARRIVAL + timedelta(days=2),
              room_type=king, rooms=2)  # fmt: skip
    with translation.override("en"), pytest.raises(NoRoom) as refusal:
        book_room(
            guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=3), room_type=king, rooms=2
        )
    assert "Only 1 Deluxe king left on the night of 05/02/2027; 2 asked." in refusal.value.messages
    assert counts(king, ARRIVAL + timedelta(days=1)) == (2, 0, 1)
    assert Reservation.objects.count() == 1


def test_a_manager_may_overbook_within_the_allowance_and_it_is_recorded():
    king = RoomTypeFactory(rooms=2, overbooking_allowance=1)
    manager = UserFactory(roles=["manager"])
    book_room(guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1), room_type=king, rooms=2)
    extra = book_room(guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1), room_type=king,
                      overbook_approved_by=manager)  # fmt: skip
    assert (extra.overbooked, extra.overbooking_approved_by) == (True, manager)
    assert counts(king, ARRIVAL) == (3, 0, -1)
    with pytest.raises(NoRoom):
        book_room(guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1), room_type=king,
                  overbook_approved_by=manager)  # fmt: skip


def test_cancelling_gives_the_rooms_back_and_needs_a_reason():
    king = RoomTypeFactory(rooms=5)
    reservation = book_room(guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=2),
                            room_type=king, rooms=2)  # fmt: skip
    with pytest.raises(ValidationError):
        cancel_reservation(reservation=reservation, reason=" ")
    cancel_reservation(reservation=reservation, reason="行程取消")
    assert counts(king, ARRIVAL) == (0, 0, 5)
    reservation.refresh_from_db()
    assert (reservation.status, reservation.cancel_reason) == ("cancelled", "行程取消")
    with pytest.raises(ValidationError):
        cancel_reservation(reservation=reservation, reason="again")
    assert counts(king, ARRIVAL) == (0, 0, 5)


def test_a_no_show_gives_the_rooms_back():
    king = RoomTypeFactory(rooms=5)
    reservation = book_room(
        guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=2), room_type=king
    )
    with pytest.raises(ValidationError):
        mark_no_show(reservation=reservation, on_date=ARRIVAL - timedelta(days=1))
    mark_no_show(reservation=reservation, on_date=ARRIVAL)
    assert counts(king, ARRIVAL + timedelta(days=1)) == (0, 0, 5)


def test_check_in_on_arrival_and_an_early_check_out_gives_back_the_remaining_nights():
    king = RoomTypeFactory(rooms=5)
    reservation = book_room(
        guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=3), room_type=king
    )
    with pytest.raises(ValidationError):
        check_in(reservation=reservation, at=datetime.combine(ARRIVAL - timedelta(days=1), time(15), SHANGHAI))
    check_in(reservation=reservation, at=datetime.combine(ARRIVAL, time(15), SHANGHAI))
    check_out(reservation=reservation, at=datetime.combine(ARRIVAL + timedelta(days=1), time(11), SHANGHAI))
    reservation.refresh_from_db()
    assert (reservation.status, reservation.departure, reservation.nights) == (
        "checked_out",
        ARRIVAL + timedelta(days=1),
        1,
    )
    assert counts(king, ARRIVAL) == (1, 0, 4)
    assert counts(king, ARRIVAL + timedelta(days=1)) == (0, 0, 5)
    assert counts(king, ARRIVAL + timedelta(days=2)) == (0, 0, 5)


def test_a_stay_must_last_at_least_one_night():
    with pytest.raises(ValidationError, match="departure must be after the arrival"):
        book_room(guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL, room_type=RoomTypeFactory())
