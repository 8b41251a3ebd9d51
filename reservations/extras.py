"""A reservation's or a booking's extras: what the apps above this one attach to it — the offers a guest accepted at
the desk — shown on its page, and taken on as it is made.

This app may not import the apps above it, so they register here from their AppConfig.ready:

- an extra is a clienthistory.panels.Panel that the reservation's or the booking's page renders below its details
  for the roles it names; its context function reads what it shows in a fixed number of queries, so that the page
  keeps its query count however many rows it lists;
- a hook is called with the new reservation by `book_room`, and with the new booking by `take_inquiry`, once the
  row is saved, inside the workflow's transaction: what a hook attaches goes with the row, or neither is kept;
  likewise with the reservation a guest checked out of (`check_out`) and the complaint its callback closed
  (`record_callback`): marketing's triggers of those moments fire when the transaction commits.

Hooks rather than a post_save receiver: the workflows that make a reservation or a booking say where one is made,
and the hook runs under their locks and in their transaction; a receiver would also fire for rows that only a
history load or a seeder writes, and would have to tell a new row from a changed one.
"""

from collections.abc import Callable

from clienthistory.panels import Panel, add_card
from reservations.models import Booking, Complaint, Reservation

RESERVATION_EXTRAS: list[Panel] = []
BOOKING_EXTRAS: list[Panel] = []
RESERVATION_MADE: list[Callable[[Reservation], None]] = []
BOOKING_MADE: list[Callable[[Booking], None]] = []
CHECKED_OUT: list[Callable[[Reservation], None]] = []
COMPLAINT_CLOSED: list[Callable[[Complaint], None]] = []


def add_extra(extras: list[Panel], extra: Panel) -> None:
    """Add an extra to RESERVATION_EXTRAS or BOOKING_EXTRAS (once, however often the app is made ready)."""
    add_card(extras, extra)


def add_hook(hooks: list[Callable], hook: Callable) -> None:
    """Add a hook to one of the hook lists (once, however often the app is made ready)."""
    if hook not in hooks:
        hooks.append(hook)


def reservation_made(reservation: Reservation) -> None:
    for hook in RESERVATION_MADE:
        hook(reservation)


def booking_made(booking: Booking) -> None:
    for hook in BOOKING_MADE:
        hook(booking)


def checked_out(reservation: Reservation) -> None:
    for hook in CHECKED_OUT:
        hook(reservation)


def complaint_closed(complaint: Complaint) -> None:
    for hook in COMPLAINT_CLOSED:
        hook(complaint)
