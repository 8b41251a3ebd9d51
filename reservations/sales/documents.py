"""What the printed documents say: the proposal / contract of a booking and the BEO of an event, for the staff
pages, their PDFs and the frozen copies sent to clients (reservations.sales.sending), which render without a
request and so carry the letterhead in their own context."""

from datetime import datetime

from django.conf import settings
from django.utils import timezone

from reservations.functionspace.beo import beo_sheet
from reservations.models import Booking, Event
from reservations.sales import queries
from reservations.sales.deposits import scheduled_amounts
from reservations.sales.estimates import estimate


def letterhead() -> dict:
    return {
        "hotel_name": settings.HOTEL_NAME,
        "hotel_address": settings.HOTEL_ADDRESS,
        "hotel_phone": settings.HOTEL_PHONE,
        "hotel_logo": settings.HOTEL_LOGO,
    }


def proposal_context(booking: Booking, *, pdf: bool) -> dict:
    events = queries.booking_events(booking)
    return {
        **letterhead(),
        "booking": booking,
        "priced_events": [(event, estimate(event, resource_lines=event.resource_lines.all())) for event in events],
        "schedule": scheduled_amounts(booking.instalments.all(), booking.estimated_value),
        "guarantee_days": settings.GUARANTEE_DAYS_BEFORE,
        "issued_on": timezone.localdate(),
        "pdf": pdf,
    }


def beo_context(event: Event, *, pdf: bool, printed_at: datetime | None = None) -> dict:
    """The event's sheet; `printed_at` is when the version was printed, for a PDF kept for the version, else now."""
    return {
        **letterhead(),
        "sheet": beo_sheet(event),
        "event": event,
        "printed_at": timezone.localtime(printed_at),
        "pdf": pdf,
    }


def booking_beo_context(booking: Booking, events: list[Event], *, printed_at: datetime | None = None) -> dict:
    """Every event's sheet of a booking, for its one PDF of all of them."""
    return {
        **letterhead(),
        "booking": booking,
        "sheets": [(event, beo_sheet(event)) for event in events],
        "printed_at": timezone.localtime(printed_at),
        "pdf": True,
    }
