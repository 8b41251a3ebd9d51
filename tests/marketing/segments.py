"""Hand-built guest history for the tests of client segments: stays set down as they ended, and who a segment's
rules pick on a given day."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

from marketing.audiences.rules import members as segment_members
from reservations.models import Reservation
from tests.factories import RoomTypeFactory

_numbers = itertools.count(1)


def stay(guest, arrival: date, nights: int = 1, *, rate: str = "500", rooms: int = 1, status: str = "checked_out"):
    """A stay of `guest` as the history holds it (not booked through the inventory: only its record matters)."""
    return Reservation.objects.create(
        confirmation=f"SEG{next(_numbers):06d}",
        guest=guest,
        arrival=arrival,
        departure=arrival + timedelta(days=nights),
        room_type=RoomTypeFactory(code="SEG"),
        rooms=rooms,
        rate=Decimal(rate),
        status=status,
    )


def picked(today: date, *rules: dict, members: str = "profiles") -> set:
    """Who the rules pick on `today`."""
    return set(segment_members(members=members, rules=list(rules), today=today))
