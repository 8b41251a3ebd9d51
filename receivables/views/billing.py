"""Draft invoices made from a booking (a deposit instalment, the final bill) or from a room reservation, each once
per submitted form (hotelsales.once)."""

from functools import partial

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotelsales.forms import add_refusal
from hotelsales.once import answer, submit_once
from hotelsales.roles import role_required
from receivables import access
from receivables.forms import BookingInvoiceForm, ReservationInvoiceForm
from receivables.invoicing import deposit_invoice, final_invoice, reservation_invoice
from receivables.models import Invoice
from reservations.models import Booking, Reservation


def _drafted(invoice: Invoice) -> str:
    return _("Draft invoice created. Check it, then issue it.")


@role_required(*access.EDIT)
@require_POST
def booking_invoice(request, pk):
    """kind=deposit with instalment=<pk>, or kind=final; a refusal (no account, nothing to bill) shows the
    choice again with the reason."""
    booking = get_object_or_404(Booking.objects.select_related("account"), pk=pk)
    form = BookingInvoiceForm(request.POST, booking=booking)
    if form.is_valid():
        fields = form.cleaned_data
        if fields["kind"] == Invoice.Kind.DEPOSIT:
            record = partial(deposit_invoice, booking=booking, instalment=fields["instalment"], by=request.user)
        else:
            record = partial(final_invoice, booking=booking, today=timezone.localdate(), by=request.user)
        try:
            submission = submit_once(
                user=request.user, token=fields["form_token"], record=record, result_url=Invoice.get_absolute_url
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            return answer(request, submission, _drafted)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("Invoice %(booking)s") % {"booking": booking.name},
         "cancel_url": booking.get_absolute_url(), "submit_label": _("Create the draft invoice")},
        status=400,
    )  # fmt: skip


@role_required(*access.EDIT)
def reservation_invoice_create(request, pk):
    """Bill a stay's room charges to an account (a company paying for its guest)."""
    reservation = get_object_or_404(Reservation.objects.select_related("guest", "room_type", "block__booking"), pk=pk)
    payer = reservation.guest.account_id or (reservation.block.booking.account_id if reservation.block else None)
    form = ReservationInvoiceForm(request.POST or None, initial={"account": payer})
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            submission = submit_once(
                user=request.user, token=fields["form_token"], result_url=Invoice.get_absolute_url,
                record=lambda: reservation_invoice(reservation=reservation, account=fields["account"], by=request.user),
            )  # fmt: skip
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            return answer(request, submission, _drafted)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("Invoice the stay %(confirmation)s") % {"confirmation": reservation.confirmation},
         "cancel_url": reservation.get_absolute_url(), "submit_label": _("Create the draft invoice")},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip
