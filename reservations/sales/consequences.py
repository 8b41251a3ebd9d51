"""What a status change will do and what the booking still lacks, told before the person confirms it: the
booking's confirmation page reads it. The booking has no signed-contract record; its written terms stand for the
contract, and the deposit schedule for the money agreed."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reservations.models import Booking, VipTemplateTask
from reservations.sales.deposits import covered
from reservations.sales.lifecycle import actual_refusal

Status = Booking.Status


@dataclass
class Consequences:
    status: str
    follows: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    refusal: str = ""
    needs_credit_approval: bool = False


def status_consequences(*, booking: Booking, status: str, now: datetime) -> Consequences:
    """For `status` definite or actual: what follows, what is missing, and (actual) why it would be refused."""
    events = booking.events.count()
    told = Consequences(status=status)
    if not events:
        told.missing.append(_("No events yet: there is no space to hold and nothing to bill."))
    if booking.contact_id is None:
        told.missing.append(_("No contact: nobody to confirm to, to welcome or to ask for feedback."))
    if status == Status.DEFINITE:
        _definite(booking, events, told)
    elif status == Status.ACTUAL:
        _actual(booking, events, told, now)
    else:
        raise ValueError(f"{status} has no confirmation page")
    return told


def _definite(booking: Booking, events: int, told: Consequences) -> None:
    told.follows.append(
        ngettext(
            "The function space of its event stays held, without an option date.",
            "The function space of its %(count)d events stays held, without an option date.",
            events,
        )
        % {"count": events}
    )
    contact = booking.contact
    if contact is not None and VipTemplateTask.objects.filter(level_id=contact.vip_level_id).exists():
        told.follows.append(
            _("%(guest)s is a VIP (%(level)s): the reception tasks of each event are built for the departments.")
            % {"guest": contact.name, "level": contact.vip_level}
        )
    told.follows.append(_("From now on, every change to what an event's BEO says makes a new BEO version."))
    instalments = list(booking.instalments.all())
    if not instalments:
        told.missing.append(_("No deposit schedule."))
    elif covered(instalments, booking.estimated_value) != booking.estimated_value:
        told.missing.append(_("The deposit schedule does not add up to the contract value; update it."))
    if not booking.terms.strip():
        told.missing.append(_("No contract terms written on the booking (the booking has no signed-contract record)."))
    if booking.account is not None and booking.account.credit_hold:
        told.needs_credit_approval = True
        told.missing.append(
            _("%(account)s is on credit hold; a manager must approve making this booking definite.")
            % {"account": booking.account}
        )


def _actual(booking: Booking, events: int, told: Consequences, now: datetime) -> None:
    told.refusal = actual_refusal(booking, now=now)
    if booking.contact is not None and events:
        told.follows.append(_("%(guest)s receives a feedback link for each event.") % {"guest": booking.contact.name})
    told.follows.append(_("The booking counts as business that took place and can no longer be cancelled."))
    told.follows.append(_("Its events keep their space; changes to their BEOs still make new versions."))
