"""Reads of bookings that pages share, with their joins, so that page query counts stay flat."""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from reservations.models import Booking, Event, EventResource


def bookings() -> QuerySet[Booking]:
    first_event = Event.objects.filter(booking=OuterRef("pk")).order_by("start").values("start")[:1]
    return Booking.objects.select_related("account", "owner").annotate(first_start=Subquery(first_event))


def booking_events(booking: Booking) -> list[Event]:
    return list(
        booking.events.select_related("room", "chosen_menu", "package", "beverage_menu").prefetch_related(
            Prefetch("resource_lines", queryset=EventResource.objects.select_related("resource"))
        )
    )
