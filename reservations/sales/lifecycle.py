"""A booking's status changes, each one workflow in one transaction: the booking's own transition check
(`Booking.move_to`), then what the new status holds or gives back — the function space (`sync_holds`), a group's
unpicked rooms, the VIP receptions of its events, the feedback links after it took place. Any failure rolls all
of it back, so a booking is never left definite without its receptions, or closed while it still holds space.

Locking order: the booking row first (so two people changing the same booking take turns), then the space
claims, block nights and inventory rows in the order their own modules lock them.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from clienthistory.models import Account
from hotelsales.roles import Role, has_role
from reservations.functionspace.claims import sync_holds
from reservations.guestcare.feedback import request_feedback
from reservations.guestcare.vip import arrange_for_event
from reservations.models import Booking, LostReason
from reservations.rooms.blocks import release_block_of

Status = Booking.Status


def _change_status(booking: Booking, status: str, *, by, fields: dict, then=None) -> None:
    """Set `fields`, move the booking to `status` and adjust what it holds, then run `then` — all or nothing.
    On a refusal the booking object is left as it was read."""
    before = {name: getattr(booking, name) for name in ("status", *fields)}
    try:
        with transaction.atomic():
            # Read under the lock: of two people confirming the same booking, the second is refused.
            booking.status = Booking.lock(booking.pk)
            for name, value in fields.items():
                setattr(booking, name, value)
            booking.move_to(status, by=by, fields=tuple(fields))
            sync_holds(booking)
            if status in Booking.CLOSED:
                release_block_of(booking)
            if then is not None:
                then()
    except BaseException:
        for name, value in before.items():
            setattr(booking, name, value)
        raise


def make_booking_tentative(*, booking: Booking, option_date: date, by=None) -> Booking:
    """Hold the space until the option date (R2 now applies to its events)."""
    _change_status(booking, Status.TENTATIVE, by=by, fields={"option_date": option_date, "option_notified_on": None})
    return booking


def confirm_booking(*, booking: Booking, by=None, approved_by=None, on: date | None = None) -> Booking:
    """Make the booking definite, with the VIP reception of each event whose contact is a VIP.

    R6: for an account on credit hold a manager must approve, and the approval is recorded on the booking."""
    fields: dict = {"definite_on": on or timezone.localdate()}
    if booking.account_id and Account.objects.filter(pk=booking.account_id, credit_hold=True).exists():
        if approved_by is None or not has_role(approved_by, Role.MANAGER):
            raise ValidationError(
                _("%(account)s is on credit hold; a manager must approve making this booking definite.")
                % {"account": booking.account}
            )
        fields |= {"credit_approved_by": approved_by, "credit_approved_at": timezone.now()}

    def arrange_receptions():
        for event in booking.events.select_related("booking__contact"):
            arrange_for_event(event)

    _change_status(booking, Status.DEFINITE, by=by, fields=fields, then=arrange_receptions)
    return booking


def actual_refusal(booking: Booking, *, now: datetime) -> str:
    """Why the booking cannot become actual yet (its last event is not over), or ""."""
    last_end = booking.events.aggregate(last=Max("end"))["last"]
    if last_end is None or last_end <= now:
        return ""
    return _("The booking becomes actual once its last event is over, after %(end)s.") % {
        "end": date_format(timezone.localtime(last_end), "SHORT_DATETIME_FORMAT")
    }


def mark_booking_actual(*, booking: Booking, by=None) -> Booking:
    """The business took place (its last event is over); the contact gets a feedback link for each event."""
    now = timezone.now()

    def ask_for_feedback():
        # Under the booking's lock, which event changes take too: the events checked are the events kept.
        if refusal := actual_refusal(booking, now=now):
            raise ValidationError(refusal)
        for event in booking.events.all():
            request_feedback(guest=booking.contact, event=event, at=now)

    _change_status(booking, Status.ACTUAL, by=by, fields={}, then=ask_for_feedback)
    return booking


def close_booking(
    *, booking: Booking, status: str, reason: str, competitor: str = "", note: str = "", by=None, on=None
) -> Booking:
    """Lost, turned down or cancelled, with a reason (and, when lost, the competitor): the booking gives back its
    space and a group its unpicked rooms."""
    if status not in Booking.CLOSED:
        raise ValueError(f"{status} does not close a booking")
    if reason not in LostReason.values:
        raise ValidationError({"lost_reason": _("Choose a reason.")})
    fields = {
        "lost_reason": reason,
        "competitor": competitor if status == Status.LOST else "",
        "close_note": note,
        "closed_on": on or timezone.localdate(),
    }
    _change_status(booking, status, by=by, fields=fields)
    return booking


def mark_booking_lost(*, booking: Booking, reason: str, competitor: str = "", note: str = "", by=None, on=None):
    return close_booking(
        booking=booking, status=Status.LOST, reason=reason, competitor=competitor, note=note, by=by, on=on
    )


def turn_down_booking(*, booking: Booking, reason: str, note: str = "", by=None, on=None) -> Booking:
    return close_booking(booking=booking, status=Status.TURNED_DOWN, reason=reason, note=note, by=by, on=on)


def cancel_booking(*, booking: Booking, reason: str, note: str = "", by=None, on=None) -> Booking:
    return close_booking(booking=booking, status=Status.CANCELLED, reason=reason, note=note, by=by, on=on)
