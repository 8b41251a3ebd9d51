"""Events: saving one (capacity, space, resources, BEO version, prices) and deleting one.

Locking order in save_event and delete_event: the booking's row first (`Booking.lock`, as every workflow that
changes a booking or what it holds), then the event's row, its space claims (a clashing claim written at the same
time waits on the exclusion constraint), its VIP reception, and the resources it books in id order.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from reservations.functionspace.claims import claim_space
from reservations.guestcare.vip import arrange_for_event, follow_dates
from reservations.models import Booking, Event, EventResource, Resource, RoomSetup, VipArrangement
from reservations.models.functionspace import TABLE_SEATS
from reservations.sales.estimates import refresh_estimates

# The fields whose change after a booking is definite makes a new BEO version.
BEO_FIELDS = [
    "title", "room_id", "start", "end", "setup", "expected", "guaranteed", "overset_percent", "pricing", "menu",
    "chosen_menu_id", "package_id", "tables", "spare_tables", "beverage_menu_id", "beverage_pricing",
    "beverage_package", "kitchen_notes", "service_notes", "setup_notes", "av_notes", "decoration_notes",
    "signage_notes",
]  # fmt: skip


def default_guarantee_due_on(start):
    return timezone.localdate(start) - timedelta(days=settings.GUARANTEE_DAYS_BEFORE)


def check_capacity(event: Event) -> None:
    """R3: refuse more people than the room's setup seats."""
    setup = RoomSetup.objects.filter(room=event.room, style=event.setup).first()
    if setup is None:
        raise ValidationError(
            {"setup": _("%(room)s has no %(setup)s setup.") % {"room": event.room, "setup": event.get_setup_display()}}
        )
    errors = {}
    for field in ("expected", "guaranteed"):
        count = getattr(event, field)
        if count is not None and count > setup.max_capacity:
            errors[field] = _("%(room)s seats at most %(max)s people in a %(setup)s setup.") % {
                "room": event.room,
                "max": setup.max_capacity,
                "setup": event.get_setup_display(),
            }
    if (
        event.pricing == Event.Pricing.PER_TABLE
        and (event.tables + event.spare_tables) * TABLE_SEATS > setup.max_capacity
    ):
        errors["tables"] = _("%(room)s has room for at most %(tables)s tables of 10, spare tables included.") % {
            "room": event.room,
            "tables": setup.max_capacity // TABLE_SEATS,
        }
    if errors:
        raise ValidationError(errors)


def _reserve_resources(event: Event, wanted: dict[Resource, int]) -> None:
    """A piece of equipment cannot be in two places at once: lock the resources (in a stable order) and refuse
    more pieces than are free during the event."""
    errors = []
    locked = Resource.objects.select_for_update().filter(pk__in=[r.pk for r in wanted]).order_by("pk")
    for resource in locked:
        quantity = wanted[resource]
        taken = (
            EventResource.objects.filter(
                resource=resource,
                event__booking__status__in=Booking.HOLDING,
                event__start__lt=event.end,
                event__end__gt=event.start,
            )
            .exclude(event=event)
            .aggregate(total=Sum("quantity"))["total"]
            or 0
        )
        if event.booking.holds_space and taken + quantity > resource.quantity:
            errors.append(
                _("Only %(free)s of %(owned)s × %(resource)s are free at that time.")
                % {"free": max(resource.quantity - taken, 0), "owned": resource.quantity, "resource": resource}
            )
    if errors:
        raise ValidationError({"resources": errors})
    EventResource.objects.filter(event=event).exclude(resource__in=wanted).delete()
    for resource, quantity in wanted.items():
        EventResource.objects.update_or_create(event=event, resource=resource, defaults={"quantity": quantity})


def _beo_changed(event: Event) -> bool:
    if event.pk is None:
        return False
    stored = Event.objects.filter(pk=event.pk).values(*BEO_FIELDS).first()
    return any(stored[field] != getattr(event, field) for field in BEO_FIELDS)


@transaction.atomic
def save_event(*, event: Event, resources: dict[Resource, int] | None = None, by=None) -> Event:
    """Validate and save an event with its space claims and resources, and refresh the booking's value.

    Raises ValidationError (with field errors) for bad counts, a taken room or missing equipment; nothing is
    saved then. After a booking is definite, every change to what the BEO says makes a new BEO version.
    """
    Booking.lock(event.booking_id)
    if not event.guarantee_due_on:
        event.guarantee_due_on = default_guarantee_due_on(event.start)
    event.full_clean(exclude=["booking"])
    check_capacity(event)
    if event.booking.status in (Booking.Status.DEFINITE, Booking.Status.ACTUAL) and _beo_changed(event):
        event.beo_version += 1
    event._history_user = by
    event.save()
    claim_space(event)
    follow_dates(VipArrangement.objects.filter(event=event).first(), event.start)
    arrange_for_event(event)
    if resources is not None:
        _reserve_resources(event, resources)
    refresh_estimates(event.booking, events=[event])
    return event


@transaction.atomic
def delete_event(*, event: Event, by=None) -> None:
    booking = event.booking
    Booking.lock(booking.pk)
    event._history_user = by
    event.delete()
    refresh_estimates(booking)
