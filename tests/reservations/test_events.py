"""R3 capacity, prices with hand-computed figures, resources that cannot be in two places, BEO versions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reservations.functionspace.events import save_event
from reservations.models import Booking, Resource
from reservations.sales.estimates import estimate
from reservations.sales.lifecycle import confirm_booking
from tests.factories import BookingFactory, FunctionRoomFactory, make_event

pytestmark = pytest.mark.django_db


def test_more_people_than_the_setup_seats_are_refused():
    room = FunctionRoomFactory(name_zh="紫荆厅", capacity=120)
    with pytest.raises(ValidationError) as refusal:
        make_event(room=room, setup="banquet", expected=121)
    assert "expected" in refusal.value.message_dict
    make_event(room=room, setup="theatre", expected=240)


def test_a_setup_the_room_does_not_offer_is_refused():
    room = FunctionRoomFactory()
    room.setups.filter(style="classroom").delete()
    with pytest.raises(ValidationError) as refusal:
        make_event(room=room, setup="classroom", expected=10)
    assert "setup" in refusal.value.message_dict


def test_tables_must_fit_the_room():
    room = FunctionRoomFactory(capacity=200)
    with pytest.raises(ValidationError) as refusal:
        make_event(room=room, pricing="per_table", tables=21, expected=200)
    assert "tables" in refusal.value.message_dict


def test_the_end_must_follow_the_start():
    with pytest.raises(ValidationError, match="end must be after the start"):
        make_event(hours=0)


def test_a_per_person_event_is_priced_by_hand():
    # 80 guests × ¥288.00 menu = 23,040.00; beverages 80 × ¥68.00 = 5,440.00; rental 3,000.00;
    # projector 2 × 500.00 = 1,000.00; F&B minimum 30,000 − (23,040 + 5,440) = 1,520.00 shortfall.
    projector = Resource.objects.create(name_zh="投影仪", name_en="Projector", quantity=3, unit_price=Decimal("500"))
    event = make_event(
        expected=80, menu_price=Decimal("288"), beverage_price=Decimal("68"), room_rental=Decimal("3000"),
        fnb_minimum=Decimal("30000"), resources={projector: 2},
    )  # fmt: skip
    prices = estimate(event)
    assert (prices.food, prices.beverage, prices.rental, prices.resources, prices.fnb_shortfall) == (
        Decimal("23040.00"), Decimal("5440.00"), Decimal("3000.00"), Decimal("1000.00"), Decimal("1520.00"),
    )  # fmt: skip
    assert prices.total == Decimal("34000.00")
    event.booking.refresh_from_db()
    assert event.booking.estimated_value == Decimal("34000.00")


def test_a_wedding_is_priced_per_table_and_spare_tables_are_free():
    # 20 tables × ¥5,888.00 = 117,760.00; beverages 200 × ¥50.00 = 10,000.00; no shortfall over ¥100,000.
    room = FunctionRoomFactory(capacity=300)
    event = make_event(
        room=room, pricing="per_table", tables=20, spare_tables=2, expected=200, menu_price=Decimal("5888"),
        beverage_price=Decimal("50"), fnb_minimum=Decimal("100000"),
    )  # fmt: skip
    assert estimate(event).total == Decimal("127760.00")
    assert estimate(event).fnb_shortfall == Decimal("0.00")


def test_the_guarantee_and_the_actual_count_drive_the_numbers():
    event = make_event(expected=100, guaranteed=90, menu_price=Decimal("100"))
    assert event.persons == 90
    assert event.set_count == 93  # 90 + 3 % overset = 92.7, rounded up
    assert estimate(event).food == Decimal("9000.00")
    event.actual = 95
    assert event.billable_persons == 95
    assert estimate(event, persons=event.billable_persons).food == Decimal("9500.00")
    event.actual = 80
    assert event.billable_persons == 90


def test_the_booking_value_is_the_sum_of_its_events():
    booking = BookingFactory()
    make_event(booking, expected=10, menu_price=Decimal("100.10"))
    make_event(booking, FunctionRoomFactory(), expected=20, menu_price=Decimal("50.05"))
    booking.refresh_from_db()
    assert booking.estimated_value == Decimal("2002.00")


def test_equipment_cannot_be_in_two_places_at_once():
    stage = Resource.objects.create(name_zh="舞台", name_en="Stage", quantity=1)
    first = make_event(resources={stage: 1})
    with pytest.raises(ValidationError, match="Only 0 of 1 × Stage"):
        make_event(start=first.start + timedelta(hours=1), resources={stage: 1})
    make_event(start=first.end + timedelta(hours=2), resources={stage: 1})
    make_event(BookingFactory(status="prospect"), start=first.start, resources={stage: 1})


def test_after_definite_every_change_to_the_beo_makes_a_new_version():
    event = make_event(BookingFactory(status="tentative"), menu="龙虾")
    event.menu = "龙虾、鲍鱼"
    save_event(event=event)
    assert event.beo_version == 1
    confirm_booking(booking=event.booking)
    event.menu = "龙虾、鲍鱼、燕窝"
    save_event(event=event)
    event.kitchen_notes = "两位素食"
    save_event(event=event)
    event.refresh_from_db()
    assert event.beo_version == 3
    save_event(event=event)
    assert event.beo_version == 3
    assert event.booking.status == Booking.Status.DEFINITE


def test_an_event_lasts_at_most_the_setting_whatever_path_saves_it(settings):
    settings.MAX_EVENT_DAYS = 1
    make_event(hours=24)
    with pytest.raises(ValidationError) as refusal:
        make_event(hours=25)
    assert list(refusal.value.message_dict) == ["end"]
