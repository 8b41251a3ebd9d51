from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reservations.models import BlockNight, GroupBlock, Inventory
from reservations.rooms.blocks import Cell, attrition, create_block, release_expired_blocks, set_block_grid
from reservations.rooms.stays import NoRoom, book_room, cancel_reservation
from reservations.sales.lifecycle import cancel_booking
from tests.factories import BookingFactory, ProfileFactory, RoomTypeFactory, UserFactory

pytestmark = pytest.mark.django_db

FIRST = date(2027, 4, 10)
NIGHTS = [FIRST + timedelta(days=n) for n in range(3)]


@pytest.fixture
def king():
    return RoomTypeFactory(code="K", rooms=50)


@pytest.fixture
def block(king):
    owner = UserFactory(email="li.na@hotel.example", roles=["sales"])
    booking = BookingFactory(kind="group", name="医学年会团队", status="definite", owner=owner)
    block = GroupBlock.objects.create(booking=booking, rate=Decimal("650"), cutoff_date=FIRST - timedelta(days=21))
    set_block_grid(block=block, cells={(king, night): Cell(contracted=20, blocked=20) for night in NIGHTS})
    return block


def inventory(king, night):
    row = Inventory.objects.get(room_type=king, night=night)
    return row.sold, row.blocked, row.picked_up, row.available


def test_blocking_moves_rooms_out_of_general_inventory(block, king):
    assert [inventory(king, night) for night in NIGHTS] == [(0, 20, 0, 30)] * 3


def test_editing_the_grid_moves_inventory_atomically(block, king):
    book_room(guest=ProfileFactory(), arrival=FIRST, departure=FIRST + timedelta(days=1), room_type=king, rooms=25)
    with pytest.raises(ValidationError):
        set_block_grid(block=block, cells={(king, NIGHTS[0]): Cell(30, 30), (king, NIGHTS[1]): Cell(30, 30)})
    assert inventory(king, NIGHTS[1]) == (0, 20, 0, 30)
    set_block_grid(block=block, cells={(king, NIGHTS[0]): Cell(20, 10), (king, NIGHTS[1]): Cell(30, 30)})
    assert inventory(king, NIGHTS[0]) == (25, 10, 0, 15)
    assert inventory(king, NIGHTS[1]) == (0, 30, 0, 20)


def test_rooming_list_guests_pick_up_block_rooms_not_general_inventory(block, king):
    guests = [ProfileFactory() for _ in range(6)]
    for guest in guests[:5]:
        book_room(guest=guest, arrival=FIRST, departure=FIRST + timedelta(days=3), room_type=king, block=block)
    late = book_room(guest=guests[5], arrival=FIRST + timedelta(days=1), departure=FIRST + timedelta(days=3),
                     room_type=king, block=block)  # fmt: skip
    cells = {cell.night: cell for cell in BlockNight.objects.filter(block=block)}
    assert [(cells[n].picked_up, cells[n].available) for n in NIGHTS] == [(5, 15), (6, 14), (6, 14)]
    assert inventory(king, NIGHTS[1]) == (0, 20, 6, 30)
    assert late.source == "group"
    assert late.rate == block.rate  # a block stay takes the group rate
    assert late.rate_source == "group"

    cancel_reservation(reservation=late, reason="取消")
    assert BlockNight.objects.get(block=block, night=NIGHTS[1]).picked_up == 5


def test_a_full_block_refuses_more_guests(block, king):
    set_block_grid(block=block, cells={(king, night): Cell(20, 1) for night in NIGHTS})
    book_room(guest=ProfileFactory(), arrival=FIRST, departure=FIRST + timedelta(days=1), room_type=king, block=block)
    with pytest.raises(NoRoom, match="group block"):
        book_room(
            guest=ProfileFactory(), arrival=FIRST, departure=FIRST + timedelta(days=1), room_type=king, block=block
        )


def test_the_grid_cannot_go_below_what_was_picked_up(block, king):
    book_room(
        guest=ProfileFactory(), arrival=FIRST, departure=FIRST + timedelta(days=1), room_type=king, block=block, rooms=3
    )
    with pytest.raises(ValidationError, match="already picked up"):
        set_block_grid(block=block, cells={(king, FIRST): Cell(20, 2)})


def test_the_cutoff_releases_unpicked_rooms_once_and_tells_the_owner(
    block, king, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for _ in range(4):
        book_room(
            guest=ProfileFactory(), arrival=FIRST, departure=FIRST + timedelta(days=2), room_type=king, block=block
        )

    with django_capture_on_commit_callbacks(execute=True):
        before = release_expired_blocks(on_date=block.cutoff_date)
        first = release_expired_blocks(on_date=block.cutoff_date + timedelta(days=1))
        second = release_expired_blocks(on_date=block.cutoff_date + timedelta(days=2))

    assert before.counts == {"blocks_released": 0, "room_nights_released": 0}
    # 20 blocked on each of 3 nights; 4 picked up on the first two nights: 16 + 16 + 20 = 52 released.
    assert first.counts == {"blocks_released": 1, "room_nights_released": 52}
    assert second.counts == {"blocks_released": 0, "room_nights_released": 0}
    cells = {cell.night: cell for cell in BlockNight.objects.filter(block=block)}
    assert [(cells[n].blocked, cells[n].released) for n in NIGHTS] == [(4, 16), (4, 16), (0, 20)]
    assert [inventory(king, night) for night in NIGHTS] == [(0, 4, 4, 46), (0, 4, 4, 46), (0, 0, 0, 50)]
    assert len(mail.outbox) == 1
    assert "医学年会团队" in mail.outbox[0].subject


def test_attrition_is_charged_below_the_allowance(block, king):
    # Contracted 60 room-nights; 10 % allowance means 54 are owed. Picked up: 10 rooms × 3 nights = 30.
    # Charge = (54 − 30) × ¥650.00 = ¥15,600.00.
    for _ in range(10):
        book_room(
            guest=ProfileFactory(), arrival=FIRST, departure=FIRST + timedelta(days=3), room_type=king, block=block
        )
    result = attrition(block)
    assert (result.contracted_room_nights, result.picked_up_room_nights) == (60, 30)
    assert result.charge == Decimal("15600.00")


def test_no_attrition_when_pickup_meets_the_allowance(block, king):
    set_block_grid(block=block, cells={(king, night): Cell(10, 10) for night in NIGHTS})
    for _ in range(9):
        book_room(
            guest=ProfileFactory(), arrival=FIRST, departure=FIRST + timedelta(days=3), room_type=king, block=block
        )
    assert attrition(block).charge == Decimal("0.00")  # 30 × 90 % = 27 owed, 27 picked up


def test_a_cancelled_group_gives_back_its_unpicked_rooms(block, king):
    book_room(guest=ProfileFactory(), arrival=FIRST, departure=FIRST + timedelta(days=1), room_type=king, block=block)
    cancel_booking(booking=block.booking, reason="event_cancelled")
    assert inventory(king, FIRST) == (0, 1, 1, 49)
    assert inventory(king, NIGHTS[2]) == (0, 0, 0, 50)


def test_a_prospect_cannot_hold_a_block(king):
    booking = BookingFactory(kind="group", status="prospect")
    block = GroupBlock.objects.create(booking=booking, rate=Decimal("500"), cutoff_date=FIRST)
    with pytest.raises(ValidationError, match="tentative or definite"):
        set_block_grid(block=block, cells={(king, FIRST): Cell(5, 5)})


def test_a_block_grid_covers_at_most_61_nights_whatever_path_makes_it(king):
    booking = BookingFactory(kind="group", status="definite")
    block = GroupBlock(booking=booking, rate=Decimal("650"), cutoff_date=FIRST - timedelta(days=21))
    with pytest.raises(ValidationError) as refusal:
        create_block(block=block, first_night=FIRST, last_night=FIRST + timedelta(days=61), room_types=[king])
    assert refusal.value.message_dict == {"last_night": ["A block covers at most 61 nights."]}
    assert not GroupBlock.objects.exists()
    create_block(block=block, first_night=FIRST, last_night=FIRST + timedelta(days=60), room_types=[king])
    assert block.nights.count() == 61


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("last_night", lambda first: {"last_night": first + timedelta(days=61)}),
        ("first_night", lambda first: {"first_night": "9999-12-30", "last_night": "9999-12-31"}),
        ("cutoff_date", lambda first: {"cutoff_date": "0001-01-01"}),
    ],
)
def test_the_block_form_refuses_long_grids_and_far_dates(client_for, king, field, change):
    booking = BookingFactory(kind="group", status="definite")
    first = timezone.localdate() + timedelta(days=40)
    data = {"rate": "520", "cutoff_date": first - timedelta(days=14), "attrition_allowance": "10",
            "first_night": first, "last_night": first + timedelta(days=1), "room_types": [king.pk]}  # fmt: skip
    response = client_for("sales").post(reverse("reservations:block-create", args=[booking.pk]), data | change(first))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not GroupBlock.objects.filter(booking=booking).exists()
