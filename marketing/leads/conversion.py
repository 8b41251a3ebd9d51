"""A lead converted: the inquiry's account, contact, booking and first event are saved by
reservations.sales.inquiry.take_inquiry, and the lead points at the booking, in one transaction — or nothing is
saved. The lead's row is locked first, so two people converting it at once make one booking."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clienthistory.models import Account, Profile
from marketing.models import Lead
from reservations.models import Booking, Event
from reservations.sales.inquiry import take_inquiry

# The booking kind a lead's kind becomes.
BOOKING_KINDS = {
    Lead.Kind.WEDDING: Booking.Kind.BANQUET,
    Lead.Kind.BANQUET: Booking.Kind.BANQUET,
    Lead.Kind.MEETING: Booking.Kind.CONFERENCE,
    Lead.Kind.GROUP_ROOMS: Booking.Kind.GROUP,
    Lead.Kind.OTHER: Booking.Kind.BANQUET,
}


@transaction.atomic
def convert_lead(
    *,
    lead: Lead,
    booking: Booking,
    new_account: Account | None,
    new_contact: Profile | None,
    option_date: date | None,
    event: Event | None,
    by,
) -> Booking:
    locked = Lead.objects.select_for_update().get(pk=lead.pk)
    if locked.status not in Lead.OPEN:
        raise ValidationError(_("This lead is closed."))
    booking = take_inquiry(
        booking=booking, new_account=new_account, new_contact=new_contact, option_date=option_date, event=event, by=by
    )
    locked.status, locked.booking = Lead.Status.CONVERTED, booking
    locked.first_response_at = locked.first_response_at or timezone.now()
    locked.save(update_fields=["status", "booking", "first_response_at"])
    return booking
