"""The BEO's PDFs, made once for each version and language.

A printed BEO version of a definite booking is settled: from definite on, every change to what the sheet says
makes a new version (save_event, and settle_version for what changes on a guest's profile), so the sheet of a
printed version never changes again. Its PDF is made once per language and kept (BeoPdf): a worker makes it
after the print commits (record_print queues store_beo_pdfs), and a request that finds none yet makes it and
keeps it. A booking's BEO of all its events is settled when each event's is, and is kept under a digest of its
events and their versions, so an added, removed or newer event makes another.

Before definite a sheet may change under the same version, and after the event (actual) the status it prints
would no longer be the booking's: those PDFs, like every sheet of a version not yet printed, are made at each
opening.

What is looked up is the current version, read after settle_version, so an older version's PDF is never served;
keeping a version's PDF deletes the older versions'. Two makers of one PDF at once (the worker and a request, or
two requests) both print it, and the unique constraint one_pdf_per_beo_version keeps the first: get_or_create
returns the winner's row to the other. A killed worker leaves no row or a complete one. A kept PDF says it was
printed when its version was first printed, in every language, whoever opens it.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from hotelsales.pdf import html_to_pdf
from reservations.functionspace.beo import beo_events, settle_version
from reservations.models import BeoPdf, BeoPrint, Booking, Event
from reservations.sales.documents import beo_context, booking_beo_context


def settled(booking: Booking) -> bool:
    """Whether the printed BEO versions of the booking's events are settled (see the module)."""
    return booking.status == Booking.Status.DEFINITE


def event_pdf(event: Event, *, printed: BeoPrint) -> bytes:
    """The PDF of the event's current BEO version in the active language; `printed` is that version's print."""
    if not settled(event.booking):
        return _event_pdf(event, printed_at=None)
    pdf, _made = _kept(
        booking=event.booking,
        event=event,
        version=str(printed.version),
        make=lambda: _event_pdf(event, printed_at=printed.printed_at),
    )
    return pdf


def booking_pdf(booking: Booking, *, events: list[Event], prints: list[BeoPrint]) -> bytes:
    """The PDF of every event's BEO of the booking, a page each, in the active language; `prints` are the
    prints of the events' current versions."""
    if not settled(booking) or not events:
        return _booking_pdf(booking, events, printed_at=None)
    printed_at = max(printed.printed_at for printed in prints)
    pdf, _made = _kept(
        booking=booking,
        event=None,
        version=_digest(events),
        make=lambda: _booking_pdf(booking, events, printed_at=printed_at),
    )
    return pdf


def store_beo_pdfs(*, event_id: int) -> int:
    """Make and keep, in every language, the PDF of the event's printed BEO version and, when each event of the
    booking has its version printed, the booking's PDF of all of them; a worker's job after a print. Returns how
    many PDFs were made: none for a booking not definite, or for PDFs already kept."""
    booking = Booking.objects.filter(events__pk=event_id).first()
    if booking is None or not settled(booking):
        return 0
    events = list(beo_events().filter(booking=booking).order_by("start", "pk"))
    for each in events:
        settle_version(each)
    versions = {(each.pk, each.beo_version) for each in events}
    printed = {p.event_id: p for p in BeoPrint.objects.filter(event__in=events) if (p.event_id, p.version) in versions}
    event = next((each for each in events if each.pk == event_id), None)
    made = 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            if event is not None and event.pk in printed:
                made += _kept(
                    booking=booking,
                    event=event,
                    version=str(event.beo_version),
                    make=lambda: _event_pdf(event, printed_at=printed[event.pk].printed_at),
                )[1]
            if len(printed) == len(events):
                made += _kept(
                    booking=booking,
                    event=None,
                    version=_digest(events),
                    make=lambda: _booking_pdf(booking, events, printed_at=max(p.printed_at for p in printed.values())),
                )[1]
    return made


def _kept(*, booking: Booking, event: Event | None, version: str, make: Callable[[], bytes]) -> tuple[bytes, bool]:
    """The kept PDF of this version in the active language, made and kept if there is none yet; and whether it
    was made now."""
    key = {"booking": booking, "event": event, "version": version, "language": translation.get_language()}
    kept = BeoPdf.objects.filter(**key).values_list("pdf", flat=True).first()
    if kept is not None:
        return bytes(kept), False
    row, made = BeoPdf.objects.get_or_create(**key, defaults={"pdf": make()})
    if made:
        BeoPdf.objects.filter(booking=booking, event=event).exclude(version=version).delete()
    return bytes(row.pdf), made


def _digest(events: list[Event]) -> str:
    return hashlib.sha256(",".join(f"{event.pk}:{event.beo_version}" for event in events).encode()).hexdigest()


def _event_pdf(event: Event, *, printed_at: datetime | None) -> bytes:
    return html_to_pdf(render_to_string("reservations/beo.html", beo_context(event, pdf=True, printed_at=printed_at)))


def _booking_pdf(booking: Booking, events: list[Event], *, printed_at: datetime | None) -> bytes:
    context = booking_beo_context(booking, events, printed_at=printed_at)
    return html_to_pdf(render_to_string("reservations/beo_booking.html", context))
