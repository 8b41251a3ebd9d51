"""A stay is at most MAX_STAY_NIGHTS nights, whether the clerk types the departure or the nights, and arrives
within the date window: a departure typed as 9999-12-31 once wrote an inventory row for millions of nights."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reservations.models import Inventory, Reservation
from reservations.rooms.stays import BATCH, book_room, ensure_inventory
from tests.factories import ProfileFactory, RoomTypeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def post_entry(client, room_type, **fields):
    data = {"arrival": str(TODAY + timedelta(days=5)), "nights": "2", "room_type": room_type.pk, "rooms": "1",
            "adults": "1", "source": "phone", "new_guest_name": "王芳", **fields}  # fmt: skip
    return client.post(reverse("reservations:reservation-create"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_a_departure_in_the_year_9999_is_a_field_error_and_writes_nothing(client_for):
    response = post_entry(client_for("front_desk"), RoomTypeFactory(), departure="9999-12-31")
    assert response.status_code == 400
    assert response.context["form"].errors["departure"]
    assert not Inventory.objects.exists()
    assert not Reservation.objects.exists()


def test_a_stay_one_night_too_long_is_refused_whether_departure_or_nights_is_typed(client_for):
    client, king = client_for("front_desk"), RoomTypeFactory()
    arrival = TODAY + timedelta(days=5)
    by_departure = post_entry(client, king, departure=str(arrival + timedelta(days=91)))
    assert by_departure.context["form"].errors["departure"] == ["A stay is at most 90 nights."]
    by_nights = post_entry(client, king, nights="91")
    assert by_nights.context["form"].errors["nights"] == ["A stay is at most 90 nights."]
    assert post_entry(client, king, nights="1000000000").status_code == 400
    assert not Inventory.objects.exists()
    assert post_entry(client, king, nights="90").status_code == 302
    assert Reservation.objects.get().nights == 90


def test_the_longest_stay_is_a_setting(client_for, settings):
    settings.MAX_STAY_NIGHTS = 7
    client, king = client_for("front_desk"), RoomTypeFactory()
    assert post_entry(client, king, nights="8").context["form"].errors["nights"] == ["A stay is at most 7 nights."]
    assert post_entry(client, king, nights="7").status_code == 302


@pytest.mark.parametrize("arrival", ["9999-12-31", "0001-01-01", str(TODAY + timedelta(days=3 * 365 + 2))])
def test_an_arrival_outside_the_window_is_a_field_error(client_for, arrival):
    response = post_entry(client_for("front_desk"), RoomTypeFactory(), arrival=arrival)
    assert response.status_code == 400
    assert response.context["form"].errors["arrival"][0].startswith("Enter a date from")
    assert not Inventory.objects.exists()


def test_book_room_refuses_a_long_stay_so_no_other_path_can_write_one():
    king = RoomTypeFactory()
    arrival = TODAY + timedelta(days=5)
    with pytest.raises(ValidationError) as refusal:
        book_room(guest=ProfileFactory(), arrival=arrival, departure=arrival + timedelta(days=91), room_type=king)
    assert refusal.value.message_dict == {"departure": ["A stay is at most 90 nights."]}
    assert not Inventory.objects.exists()


def test_the_room_choices_ignore_a_departure_beyond_the_longest_stay(client_for):
    RoomTypeFactory()
    response = client_for("front_desk").get(
        reverse("reservations:availability-options"), {"arrival": str(TODAY), "departure": "9999-12-31"}
    )
    assert response.status_code == 200
    assert response.context["rows"] == []


def test_inventory_rows_are_written_in_batches():
    room_types = [RoomTypeFactory() for _ in range(3)]
    nights = [TODAY + timedelta(days=n) for n in range(BATCH // 2 + 1)]
    with CaptureQueriesContext(connection) as queries:
        ensure_inventory(room_types, nights)
    inserts = [query for query in queries if query["sql"].startswith("INSERT")]
    assert len(inserts) == 2  # 753 rows: 500, then 253
    assert Inventory.objects.count() == 3 * len(nights)
