"""Accepted offers as the extras of a reservation or a booking: what the guest said yes to at the desk goes with
the stay or the booking it is for, for the front desk to deliver and the bill to carry.

When the clerk taps "accepted" on the guest card, the offer goes with the guest's next arrival if one is already
booked (`marketing.views.assist.assist_offer`). Otherwise — as in reservation entry, where the card shows beside a
reservation that does not exist yet — the answer goes with nothing until a reservation of the guest, or a booking
of which the guest is the contact, is made: the new row takes the guest's offers accepted on the day it is made
that go with nothing yet (`attach_accepted_offers`). An offer goes with one row only, the first made; an offer
offered or declined goes with none, nor one accepted on another day.

Reservations may not import marketing: `marketing.panels` registers the hooks and the pages' extras in
`reservations.extras` from the app's ready(). The hooks run inside `book_room`'s and `take_inquiry`'s
transactions, so an accepted offer never points at a reservation that was rolled back; of two reservations of the
guest made at once, the second's UPDATE waits for the first and then finds the offers taken.
"""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from marketing.models import OfferResponse
from reservations.models import Booking, Reservation

ACCEPTED = OfferResponse.Outcome.ACCEPTED


def attach_accepted_offers(
    *, guest_id: int, on_date: date, reservation: Reservation | None = None, booking: Booking | None = None
) -> int:
    """Let the reservation or the booking take the guest's offers accepted on `on_date` that go with neither a
    reservation nor a booking; how many it took."""
    link = {"reservation": reservation} if reservation is not None else {"booking": booking}
    return OfferResponse.objects.filter(
        profile_id=guest_id, day=on_date, outcome=ACCEPTED, reservation=None, booking=None
    ).update(**link)


def reservation_takes_offers(reservation: Reservation) -> None:
    attach_accepted_offers(
        guest_id=reservation.guest_id, on_date=timezone.localdate(reservation.created_at), reservation=reservation
    )


def booking_takes_offers(booking: Booking) -> None:
    if booking.contact_id is not None:
        attach_accepted_offers(
            guest_id=booking.contact_id, on_date=timezone.localdate(booking.created_at), booking=booking
        )


def _accepted() -> QuerySet[OfferResponse]:
    return OfferResponse.objects.filter(outcome=ACCEPTED).select_related("offer", "by").order_by("at", "pk")


def reservation_extras(reservation: Reservation) -> dict:
    """The offers accepted for the reservation, with who recorded each: one query."""
    return {"responses": list(_accepted().filter(reservation=reservation))}


def booking_extras(booking: Booking) -> dict:
    """The offers accepted for the booking, with who recorded each: one query."""
    return {"responses": list(_accepted().filter(booking=booking))}
