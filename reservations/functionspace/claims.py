"""R2, no double-booking: events claim the atomic sections of their room, and PostgreSQL refuses overlapping
claims of space-holding bookings (the exclusion constraint on SpaceClaim). This module keeps the claims in
step with events and bookings and turns a refusal into a message that names who holds the room."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from psycopg2.extras import DateTimeTZRange

from hotelsales.punctuation import clause_list
from reservations.models import Booking, Event, FunctionRoom, SpaceClaim


def sections_of(room: FunctionRoom) -> list[FunctionRoom]:
    """The atomic sections a room occupies: its sections when it is a combination, else itself."""
    return list(room.sections.all()) or [room]


def holders(*, sections: list[FunctionRoom], span: tuple, excluding: Event | None = None) -> list[Event]:
    """Events of space-holding bookings that claim any of `sections` during `span`."""
    claims = SpaceClaim.objects.filter(
        section__in=sections, holds=True, span__overlap=DateTimeTZRange(*span, bounds="[)")
    )
    if excluding is not None and excluding.pk:
        claims = claims.exclude(event=excluding)
    return list(Event.objects.filter(pk__in=claims.values("event")).select_related("booking", "room").order_by("start"))


def conflict_message(events: list[Event]) -> str:
    parts = []
    for event in events:
        start, end = timezone.localtime(event.start), timezone.localtime(event.end)
        parts.append(
            _("%(room)s is held by booking “%(booking)s” (%(status)s) from %(start)s to %(end)s")
            % {
                "room": event.room.name,
                "booking": event.booking.name,
                "status": event.booking.get_status_display(),
                "start": f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {formats.time_format(start, 'H:i')}",
                "end": formats.time_format(end, "H:i"),
            }
        )
    if not parts:
        return _("The room was taken by another booking a moment ago. Choose another time or room.")
    return _("The room is not free at that time, setup and teardown included: %(holders)s.") % {
        "holders": clause_list(parts)
    }


class SpaceTaken(ValidationError):
    pass


def claim_space(event: Event) -> None:
    """(Re)write the event's claims for its room and span; raise SpaceTaken naming the holder on a clash."""
    sections = sections_of(event.room)
    span = event.span
    holds = event.booking.holds_space
    try:
        with transaction.atomic():
            SpaceClaim.objects.filter(event=event).delete()
            SpaceClaim.objects.bulk_create(
                SpaceClaim(event=event, section=section, span=DateTimeTZRange(*span, bounds="[)"), holds=holds)
                for section in sections
            )
    except IntegrityError as error:
        if "no_double_booking" not in str(error):
            raise
        raise SpaceTaken(conflict_message(holders(sections=sections, span=span, excluding=event))) from None


def sync_holds(booking: Booking) -> None:
    """Make the booking's claims hold space exactly when its status does; refuse if that would double-book."""
    try:
        with transaction.atomic():
            SpaceClaim.objects.filter(event__booking=booking).update(holds=booking.holds_space)
    except IntegrityError as error:
        if "no_double_booking" not in str(error):
            raise
        clashes = []
        for event in booking.events.select_related("room"):
            clashes += holders(sections=sections_of(event.room), span=event.span, excluding=event)
        raise SpaceTaken(conflict_message([e for e in clashes if e.booking_id != booking.pk])) from None


def reclaim_room(room: FunctionRoom, *, after) -> None:
    """A room's sections or buffers changed: its events still to come claim their space again, all old claims
    going first so that no event's new span clashes with a neighbour's old one. SpaceTaken names a clash."""
    events = list(Event.objects.filter(room=room, end__gt=after).select_related("booking", "room"))
    SpaceClaim.objects.filter(event__in=events).delete()
    for event in events:
        claim_space(event)
