"""Printable documents: the banquet event order (BEO) of an event, and the proposal / contract of a booking.

Each document is one template for the browser (a print-friendly page of its own) and for the PDF.

A BEO counts as printed, and its current version is recorded with what it says, when someone opens its PDF
or presses Print on its page (a POST, then the browser's print dialog). Merely looking at the page records
nothing, so a sheet opened to check a detail does not become the reference later versions are marked against.
A printed version of a definite booking's BEO has its PDF made once per language and kept
(reservations.sales.beo_pdfs).
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_POST

from hotelsales.pdf import pdf_file_response, pdf_response
from hotelsales.roles import role_required
from reservations import access
from reservations.functionspace.beo import beo_events, record_print
from reservations.models import Booking, GroupBlock
from reservations.sales import beo_pdfs
from reservations.sales.documents import beo_context, proposal_context


@role_required(*access.READ)
def event_beo(request, pk):
    event = get_object_or_404(beo_events(), pk=pk)
    context = beo_context(event, pdf=False)
    context["print_now"] = request.GET.get("print") == "1"
    return render(request, "reservations/beo.html", context)


@role_required(*access.READ)
@require_POST
def event_beo_print(request, pk):
    """Record the print of the current version, then show the sheet with the browser's print dialog open."""
    event = get_object_or_404(beo_events(), pk=pk)
    record_print(event=event, by=request.user)
    return redirect(f"{reverse('reservations:event-beo', args=[event.pk])}?print=1")


@role_required(*access.READ)
def event_beo_pdf(request, pk):
    event = get_object_or_404(beo_events(), pk=pk)
    printed = record_print(event=event, by=request.user)
    filename = f"BEO-{event.pk}-v{event.beo_version}.pdf"
    return pdf_file_response(beo_pdfs.event_pdf(event, printed=printed), filename=filename)


@role_required(*access.READ)
def booking_beo_pdf(request, pk):
    """Every event of a booking on one PDF, a page each; printing it records a print of each event's BEO."""
    booking = get_object_or_404(Booking, pk=pk)
    events = list(beo_events().filter(booking=booking).order_by("start", "pk"))
    prints = [record_print(event=event, by=request.user) for event in events]
    pdf = beo_pdfs.booking_pdf(booking, events=events, prints=prints)
    return pdf_file_response(pdf, filename=f"BEO-booking-{booking.pk}.pdf")


def _letter_language(booking: Booking) -> str:
    return booking.account.letter_language if booking.account else settings.LANGUAGE_CODE


def _booking(pk) -> Booking:
    return get_object_or_404(Booking.objects.select_related("account", "contact", "owner"), pk=pk)


@role_required(*access.READ)
def booking_proposal(request, pk):
    """The proposal / contract, written in the account's language for letters."""
    booking = _booking(pk)
    context = proposal_context(booking, pdf=False)
    # The group's value is the hotel's own sheet beside the proposal, never part of it.
    context["internal_sheet"] = GroupBlock.objects.filter(booking=booking).exists()
    with translation.override(_letter_language(booking)):
        return render(request, "reservations/proposal.html", context)


@role_required(*access.READ)
def booking_proposal_pdf(request, pk):
    booking = _booking(pk)
    with translation.override(_letter_language(booking)):
        context = proposal_context(booking, pdf=True)
        return pdf_response(request, "reservations/proposal.html", context, filename=f"proposal-{booking.pk}.pdf")
