"""The event form as the browser posts it, for the tests of events, menus and beverage packages."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

DAY = timezone.localdate() + timedelta(days=45)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def event_form(room, **fields) -> dict:
    """A banquet in `room` on DAY, 18:00–22:00, for 120 at no price per person; `fields` change any of it."""
    return {
        "title": "婚宴", "room": room.pk, "start": f"{DAY}T18:00", "end": f"{DAY}T22:00", "setup": "banquet",
        "expected": "120", "overset_percent": "3", "pricing": "per_person", "menu_price": "0", "tables": "0",
        "spare_tables": "0", "beverage_price": "0", "room_rental": "0", "fnb_minimum": "0", **fields,
    }  # fmt: skip


def create_event(client, booking, data):
    """Post `data` as a new event of `booking`, read in English."""
    return client.post(f"{reverse('reservations:event-create')}?booking={booking.pk}", data, **EN)
