"""Daily scans of booking deadlines: guarantees due (R4) and option dates passed. Both read the database
state and mark what they did, so running them twice for a date changes nothing the second time.

Locking order: one row at a time, each in its own transaction, claimed with `skip_locked` (an event with its
booking for the guarantee, since every workflow takes the booking first; a booking for its expired option), so
overlapping runs never wait on each other or act twice."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clienthistory.models import Activity
from hotelsales.emails import queue_email
from hotelsales.jobs import recorded_run
from hotelsales.models import JobRun
from reservations.functionspace.events import save_event
from reservations.models import Booking, Event


def apply_guarantee_deadlines(*, on_date: date) -> JobRun:
    """R4: when an event's guarantee is due by `on_date` and none came, the expected count becomes the guarantee."""
    with recorded_run("apply_guarantee_deadlines", on_date=on_date) as run:
        applied = 0
        due = Event.objects.filter(
            guaranteed__isnull=True,
            guarantee_due_on__lte=on_date,
            booking__status=Booking.Status.DEFINITE,
            end__gte=timezone.make_aware(datetime.combine(on_date, time.min)),
        ).order_by("pk")
        for pk in due.values_list("pk", flat=True):
            with transaction.atomic():
                event = (
                    # The event with its booking (the booking first in every workflow): one that someone is
                    # changing right now is left for the next run.
                    Event.objects.select_for_update(skip_locked=True, of=("self", "booking"))
                    .select_related("booking", "room")
                    .filter(pk=pk, guaranteed__isnull=True)
                    .first()
                )
                if event is None:
                    continue
                event.guaranteed = event.expected
                event.guarantee_applied = True
                save_event(event=event)
                applied += 1
        run.counts = {"guarantees_applied": applied}
    return run


def expire_options(*, on_date: date) -> JobRun:
    """Tell the owner of each tentative booking whose option date has passed, once: an email and a call task."""
    with recorded_run("expire_options", on_date=on_date) as run:
        notified = 0
        expired = Booking.objects.filter(
            status=Booking.Status.TENTATIVE, option_date__lt=on_date, option_notified_on__isnull=True
        ).order_by("pk")
        for pk in expired.values_list("pk", flat=True):
            with transaction.atomic():
                booking = (
                    Booking.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("owner", "account", "contact")
                    .filter(pk=pk, status=Booking.Status.TENTATIVE, option_notified_on__isnull=True)
                    .first()
                )
                if booking is None:
                    continue
                Booking.objects.filter(pk=pk).update(option_notified_on=on_date)
                Activity.objects.create(
                    kind=Activity.Kind.CALL,
                    account=booking.account,
                    contact=booking.contact,
                    owner=booking.owner,
                    due_at=timezone.make_aware(datetime.combine(on_date, time(10))),
                    duration_minutes=15,
                    purpose=_("Option expired: %(booking)s") % {"booking": booking.name},
                )
                if booking.owner.email:
                    queue_email(
                        "option_expired",
                        {"booking": booking, "on_date": on_date},
                        to=[booking.owner.email],
                    )
                notified += 1
        run.counts = {"owners_notified": notified}
    return run
