"""Sending the proposal or an event's BEO to the client, and the copies of what was sent and accepted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from hotelsales.forms import add_refusal, id_param
from hotelsales.roles import role_required
from reservations import access
from reservations.models import Booking, Event, SentDocument
from reservations.sales.forms import SendDocumentForm
from reservations.sales.sending import send_document


@role_required(*access.SELL)
def send(request, pk):
    """?event=<id> sends that event's BEO for sign-off; otherwise the booking's proposal."""
    booking = get_object_or_404(Booking.objects.select_related("account", "contact", "owner"), pk=pk)
    event_id = id_param(request.GET, "event")
    event = get_object_or_404(Event, pk=event_id, booking=booking) if event_id is not None else None
    form = SendDocumentForm(request.POST or None, booking=booking)
    if request.method == "POST" and form.is_valid():
        try:
            sent = send_document(booking=booking, event=event, by=request.user, now=timezone.now(), **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Sent to %(email)s.") % {"email": sent.document.sent_to})
            return redirect(f"{booking.get_absolute_url()}#sent")
    return render(
        request,
        "reservations/send_document.html",
        {"booking": booking, "event": event, "form": form},
        status=400 if form.errors else 200,
    )


@role_required(*access.READ)
def sent_pdf(request, pk):
    """The PDF as it was sent or, with ?accepted=1, as the client accepted it."""
    document = get_object_or_404(SentDocument, pk=pk)
    content = document.pdf
    filename = document.filename
    if request.GET.get("accepted") == "1":
        if document.accepted_pdf is None:
            return redirect(document.booking.get_absolute_url())
        content, filename = document.accepted_pdf, f"accepted-{filename}"
    response = HttpResponse(bytes(content), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
    return response
