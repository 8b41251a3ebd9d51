"""R2: space-holding events may not overlap in a room or any room combined with it, buffers included."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from reservations.models import Booking, SpaceClaim
from reservations.sales.lifecycle import make_booking_tentative, mark_booking_lost
from tests.factories import BookingFactory, FunctionRoomFactory, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballroom():
    sections = [FunctionRoomFactory(code=code, name_zh=f"宴会厅{code}区", name_en=f"Ballroom {code}") for code in "ABC"]
    whole = FunctionRoomFactory(
        code="GB", name_zh="大宴会厅", name_en="Grand ballroom", sections=sections, capacity=300
    )
    return whole, sections


def test_an_overlapping_event_in_the_same_room_is_refused_naming_the_holder():
    room = FunctionRoomFactory(name_zh="牡丹厅", name_en="Peony Room")
    first = make_event(BookingFactory(name="李王婚宴", status="definite"), room)
    with pytest.raises(ValidationError) as refusal:
        make_event(BookingFactory(name="公司年会"), room, start=first.start + timedelta(hours=1))
    assert "李王婚宴" in str(refusal.value)
    assert "Peony Room" in str(refusal.value)
    assert "18:00 to 22:00." in str(refusal.value)


def test_buffers_count_as_taken():
    room = FunctionRoomFactory(setup_buffer_minutes=60, teardown_buffer_minutes=90)
    first = make_event(room=room, hours=3)
    with pytest.raises(ValidationError):
        make_event(room=room, start=first.end + timedelta(minutes=149))
    make_event(room=room, start=first.end + timedelta(minutes=150))


def test_booking_the_whole_ballroom_blocks_each_section(ballroom):
    whole, (_a, b, _c) = ballroom
    wedding = make_event(BookingFactory(name="百桌婚宴"), whole, pricing="per_table", tables=20)
    with pytest.raises(ValidationError, match="百桌婚宴"):
        make_event(room=b, start=wedding.start)


def test_booking_a_section_blocks_the_whole(ballroom):
    whole, (a, b, _c) = ballroom
    meeting = make_event(room=b, setup="theatre")
    make_event(room=a, start=meeting.start)
    with pytest.raises(ValidationError):
        make_event(room=whole, start=meeting.start + timedelta(hours=2))


def test_prospects_may_overlap_as_second_options():
    room = FunctionRoomFactory()
    held = make_event(BookingFactory(status="tentative"), room)
    second = make_event(BookingFactory(status="prospect"), room, start=held.start)
    assert not SpaceClaim.objects.get(event=second).holds


def test_a_prospect_cannot_turn_tentative_over_a_holder():
    room = FunctionRoomFactory()
    holder = make_event(BookingFactory(name="先到的会议", status="tentative"), room)
    second = make_event(BookingFactory(status="prospect"), room, start=holder.start).booking
    with pytest.raises(ValidationError, match="先到的会议"):
        make_booking_tentative(booking=second, option_date=holder.start.date())
    second.refresh_from_db()
    assert second.status == Booking.Status.PROSPECT


def test_a_lost_booking_frees_its_space():
    room = FunctionRoomFactory()
    first = make_event(BookingFactory(status="tentative"), room)
    mark_booking_lost(booking=first.booking, reason="price")
    make_event(BookingFactory(status="tentative"), room, start=first.start)


def test_moving_an_event_rewrites_its_claims():
    room, other = FunctionRoomFactory(), FunctionRoomFactory()
    event = make_event(room=room)
    event.room = other
    from reservations.functionspace.events import save_event

    save_event(event=event)
    assert list(SpaceClaim.objects.filter(event=event).values_list("section", flat=True)) == [other.pk]
    make_event(room=room, start=event.start)
