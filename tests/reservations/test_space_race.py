"""Twenty clerks try to book the same slot at the same moment, each on its own database connection."""

import threading
from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from reservations.functionspace.events import save_event
from reservations.models import Event, SpaceClaim
from tests.factories import BookingFactory, FunctionRoomFactory

ATTEMPTS = 20


@pytest.mark.django_db(transaction=True)
def test_exactly_one_of_twenty_concurrent_attempts_wins():
    room = FunctionRoomFactory(name_zh="大宴会厅")
    bookings = [BookingFactory(name=f"婚宴{n}", status="tentative") for n in range(ATTEMPTS)]
    start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=60), time(18)))
    barrier = threading.Barrier(ATTEMPTS)
    outcomes = []

    def attempt(booking):
        try:
            barrier.wait()
            event = Event(booking=booking, room=room, title="晚宴", setup="banquet", expected=80,
                          start=start, end=start + timedelta(hours=4))  # fmt: skip
            save_event(event=event)
            outcomes.append(("won", booking.name))
        except ValidationError as refusal:
            outcomes.append(("refused", " ".join(refusal.messages)))
        except Exception as error:  # any other error is what the test must catch
            outcomes.append(("error", repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(booking,)) for booking in bookings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [name for outcome, name in outcomes if outcome == "won"]
    assert len(outcomes) == ATTEMPTS
    assert len(winners) == 1, outcomes
    assert not [o for o in outcomes if o[0] == "error"], outcomes
    refusals = [message for outcome, message in outcomes if outcome == "refused"]
    assert all("大宴会厅" in message for message in refusals), refusals
    assert sum(winners[0] in message for message in refusals) >= ATTEMPTS - 2
    assert Event.objects.count() == 1
    assert SpaceClaim.objects.filter(holds=True).count() == 1
