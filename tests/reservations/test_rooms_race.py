"""Thirty clerks ask for the last five rooms at the same moment, each on its own connection."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection

from reservations.models import Inventory, Reservation
from reservations.rooms.stays import NoRoom, book_room
from tests.factories import ProfileFactory, RoomTypeFactory

ARRIVAL = date(2027, 8, 8)


@pytest.mark.django_db(transaction=True)
def test_exactly_five_of_thirty_concurrent_requests_get_the_last_five_rooms():
    suite = RoomTypeFactory(rooms=20)
    book_room(guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=2), room_type=suite, rooms=15)
    guests = [ProfileFactory() for _ in range(30)]
    barrier = threading.Barrier(30)
    outcomes = []

    def reserve(guest):
        try:
            barrier.wait()
            book_room(guest=guest, arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=2), room_type=suite)
            outcomes.append("booked")
        except NoRoom:
            outcomes.append("refused")
        except Exception as error:  # any other error is what the test must catch
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=reserve, args=(guest,)) for guest in guests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["booked"] * 5 + ["refused"] * 25
    assert Reservation.objects.count() == 6
    assert list(Inventory.objects.filter(room_type=suite).values_list("sold", flat=True)) == [20, 20]
