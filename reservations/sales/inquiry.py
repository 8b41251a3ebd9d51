"""Taking an inquiry: a new client and contact (when they are not in the files yet), the booking and its first
event are saved together, or none of them is."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clienthistory.models import Account, Profile
from hotelsales.db import lock_name
from reservations.extras import booking_made
from reservations.functionspace.events import save_event
from reservations.models import Booking, Event
from reservations.sales.lifecycle import make_booking_tentative


@transaction.atomic
def take_inquiry(
    *,
    booking: Booking,
    new_account: Account | None = None,
    new_contact: Profile | None = None,
    option_date: date | None = None,
    event: Event | None = None,
    by,
) -> Booking:
    """Save the inquiry's booking with what it needs: the new account and contact first (the contact works for
    the booking's account), then the booking with the extras the apps above attach to a new one
    (reservations.extras), tentative until `option_date` when one is given, then its first event, whose room is
    claimed as for any event. A refusal (a room taken, an account just created by a colleague) saves nothing."""
    if new_account is not None:
        _create_account(new_account, by=by)
        booking.account = new_account
    if new_contact is not None:
        new_contact.account = booking.account
        new_contact.full_clean()
        new_contact._history_user = by
        new_contact.save()
        booking.contact = new_contact
    booking.full_clean()
    booking._history_user = by
    booking.save()
    booking_made(booking)
    if option_date is not None:
        make_booking_tentative(booking=booking, option_date=option_date, by=by)
    if event is not None:
        event.booking = booking
        save_event(event=event, resources={}, by=by)
    return booking


def _create_account(account: Account, *, by) -> None:
    """Two clerks naming the same new account at once take turns; the second is refused."""
    lock_name("account", account.name.lower())
    if Account.objects.filter(name__iexact=account.name).exists():
        raise ValidationError(
            {"account_name": _("%(name)s is already in the files: choose it above.") % {"name": account.name}}
        )
    account.full_clean()
    account._history_user = by
    account.save()
