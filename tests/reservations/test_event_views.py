import threading
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reservations.models import Booking, Event
from tests.factories import BookingFactory, FunctionRoomFactory, make_event
from tests.reservations.event_forms import DAY, event_form

pytestmark = pytest.mark.django_db


def event_data(room, **fields):
    """A wedding of 20 tables (and 2 spare) at 5,888 a table."""
    wedding = {"expected": "200", "pricing": "per_table", "menu_price": "5888", "tables": "20", "spare_tables": "2"}
    return event_form(room, **wedding | fields)


def test_a_wedding_is_booked_from_the_diary_with_a_new_booking(client_for, cast):
    room = FunctionRoomFactory(name_zh="大宴会厅", capacity=300)
    client = client_for("sales")
    form = client.get(reverse("reservations:event-create"), {"room": room.pk, "start": f"{DAY}T18:00"})
    assert form.context["form"].initial["room"] == room.pk

    response = client.post(
        reverse("reservations:event-create"),
        event_data(room) | {"booking-new_name": "王李婚宴", "booking-new_kind": "banquet",
                            "booking-new_status": "tentative", "booking-option_date": str(DAY - timedelta(days=30))},
    )  # fmt: skip

    booking = Booking.objects.get(name="王李婚宴")
    assert response["Location"] == booking.get_absolute_url()
    assert (booking.status, booking.owner) == ("tentative", cast["sales"])
    event = booking.events.get()
    assert (event.tables, event.room, event.guarantee_due_on) == (20, room, DAY - timedelta(days=3))


def test_a_clash_names_the_holder_and_saves_nothing(client_for):
    room = FunctionRoomFactory(name_zh="大宴会厅", capacity=300)
    start = timezone.make_aware(datetime.combine(DAY, time(17)))
    make_event(BookingFactory(name="先订的婚宴", status="definite"), room, start=start)
    response = client_for("sales").post(
        reverse("reservations:event-create"),
        event_data(room) | {"booking-new_name": "后来的婚宴", "booking-new_kind": "banquet",
                            "booking-new_status": "tentative", "booking-option_date": str(DAY - timedelta(days=30))},
    )  # fmt: skip
    assert response.status_code == 400
    assert "先订的婚宴" in response.content.decode()
    assert not Booking.objects.filter(name="后来的婚宴").exists()
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"expected": "150"}, "seats at most 100 people"),
        ({"end": f"{DAY}T17:00"}, "end must be after the start"),
        ({"tables": ""}, "number of tables"),
        ({"expected": "many"}, "Enter a whole number"),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(client_for, fields, message):
    room = FunctionRoomFactory(capacity=100)
    booking = BookingFactory()
    response = client_for("sales").post(
        reverse("reservations:event-create") + f"?booking={booking.pk}",
        event_data(room, tables="10") | fields,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_an_event_is_edited_and_its_equipment_kept(client_for):
    from reservations.models import Resource

    projector = Resource.objects.create(name_zh="投影仪", name_en="Projector", quantity=2)
    event = make_event(resources={projector: 1})
    response = client_for("sales").post(
        event.get_absolute_url(),
        event_data(event.room, pricing="per_person", tables="0", expected="40", **{f"resource_{projector.pk}": "2"}),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.expected == 40
    assert event.resource_lines.get().quantity == 2


def test_events_of_a_definite_booking_are_not_deleted(client_for):
    event = make_event(BookingFactory(status="definite"))
    client_for("sales").post(reverse("reservations:event-delete", args=[event.pk]))
    assert Event.objects.filter(pk=event.pk).exists()
    tentative = make_event(BookingFactory(status="tentative"), start=event.start + timedelta(days=2))
    client_for("sales").post(reverse("reservations:event-delete", args=[tentative.pk]))
    assert not Event.objects.filter(pk=tentative.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_twenty_clerks_posting_the_same_slot_get_one_booking_and_nineteen_messages(cast):
    room = FunctionRoomFactory(name_zh="大宴会厅", capacity=300)
    bookings = [BookingFactory(name=f"客户{n}", status="tentative", owner=cast["sales"]) for n in range(20)]
    barrier = threading.Barrier(20)
    statuses = []

    def post(booking):
        client = Client()
        client.force_login(cast["sales"])
        barrier.wait()
        try:
            response = client.post(reverse("reservations:event-create") + f"?booking={booking.pk}", event_data(room))
            statuses.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(booking,)) for booking in bookings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    codes = sorted(code for code, _ in statuses)
    assert codes == [302] + [400] * 19
    winner = Event.objects.get().booking.name
    assert all(winner in body for code, body in statuses if code == 400)


@pytest.mark.parametrize(
    ("field", "value"),
    [("start", "0001-01-01T00:00"), ("end", "9999-12-31T23:59"), ("guarantee_due_on", "9999-12-31")],
)
def test_a_date_at_the_edge_of_the_calendar_is_a_field_error(client_for, field, value):
    event = make_event(room=FunctionRoomFactory(capacity=300))
    saved = (event.start, event.end, event.guarantee_due_on)
    response = client_for("sales").post(
        reverse("reservations:event-edit", args=[event.pk]), event_data(event.room, **{field: value})
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    event.refresh_from_db()
    assert (event.start, event.end, event.guarantee_due_on) == saved


def test_an_event_of_long_ago_can_still_be_corrected(client_for):
    start = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=800), time(18)))
    event = make_event(room=FunctionRoomFactory(capacity=300), start=start)
    client = client_for("sales")
    data = event_data(event.room, start=f"{start:%Y-%m-%d}T18:00", end=f"{start:%Y-%m-%d}T22:00",
                      guarantee_due_on=str(event.guarantee_due_on), actual="180")  # fmt: skip
    assert client.post(reverse("reservations:event-edit", args=[event.pk]), data).status_code == 302
    event.refresh_from_db()
    assert event.actual == 180
    moved = data | {"start": f"{start:%Y-%m-%d}T17:00"}
    assert client.post(reverse("reservations:event-edit", args=[event.pk]), moved).status_code == 302
    a_day_earlier = start - timedelta(days=1)
    moved = data | {"start": f"{a_day_earlier:%Y-%m-%d}T18:00"}
    response = client.post(reverse("reservations:event-edit", args=[event.pk]), moved, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["start"][0].startswith("Enter a date from")


def test_an_event_longer_than_the_setting_is_a_field_error(client_for):
    room = FunctionRoomFactory(capacity=300)
    event = make_event(room=room)
    longest = event_data(room, end=f"{DAY + timedelta(days=3)}T18:00")
    client = client_for("sales")
    assert client.post(reverse("reservations:event-edit", args=[event.pk]), longest).status_code == 302
    too_long = event_data(room, end=f"{DAY + timedelta(days=3)}T18:01")
    response = client.post(reverse("reservations:event-edit", args=[event.pk]), too_long, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["end"] == [
        "An event lasts at most 3 days; enter a longer function as one event a day."
    ]
