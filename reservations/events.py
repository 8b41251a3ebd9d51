"""Events: saving one (capacity, space, resources, BEO version, prices), and what an event costs."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from reservations.care import arrange_for_event, follow_dates
from reservations.models import Booking, Event, EventResource, GroupBlock, Resource, RoomSetup, VipArrangement
from reservations.space import claim_space

ZERO = Decimal("0.00")

# The fields whose change after a booking is definite makes a new BEO version.
BEO_FIELDS = [
    "title", "room_id", "start", "end", "setup", "expected", "guaranteed", "overset_percent", "pricing", "menu",
    "tables", "spare_tables", "beverage_package", "kitchen_notes", "service_notes", "setup_notes", "av_notes",
    "decoration_notes", "signage_notes",
]  # fmt: skip


@dataclass(frozen=True)
class Estimate:
    food: Decimal
    beverage: Decimal
    rental: Decimal
    resources: Decimal
    fnb_shortfall: Decimal

    @property
    def total(self) -> Decimal:
        return self.food + self.beverage + self.rental + self.resources + self.fnb_shortfall


def estimate(event: Event, *, persons: int | None = None, resource_lines=None) -> Estimate:
    """What an event costs. `persons` defaults to the guarantee (or expected count); billing passes
    max(guaranteed, actual). Per-table menus are charged per table set; spare tables are free until used.
    The F&B minimum tops up food and beverages when they fall short of it."""
    persons = event.persons if persons is None else persons
    if event.pricing == Event.Pricing.PER_TABLE:
        food = event.menu_price * event.tables
    else:
        food = event.menu_price * persons
    beverage = event.beverage_price * persons
    lines = event.resource_lines.select_related("resource") if resource_lines is None else resource_lines
    resources = sum((line.resource.unit_price * line.quantity for line in lines), ZERO)
    shortfall = max(ZERO, event.fnb_minimum - food - beverage)
    return Estimate(
        food=food.quantize(ZERO),
        beverage=beverage.quantize(ZERO),
        rental=event.room_rental.quantize(ZERO),
        resources=resources.quantize(ZERO),
        fnb_shortfall=shortfall.quantize(ZERO),
    )


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
    if event.pricing == Event.Pricing.PER_TABLE and event.tables * 10 > setup.max_capacity:
        errors["tables"] = _("%(room)s has room for at most %(tables)s tables of 10.") % {
            "room": event.room,
            "tables": setup.max_capacity // 10,
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


def refresh_estimates(booking: Booking, *, events=None) -> None:
    """Store each event's estimate and the booking's value (what reports and deposit schedules read): its
    events, plus a group's contracted room-nights at the group rate."""
    for event in events if events is not None else booking.events.all():
        total = estimate(event).total
        if total != event.estimated_total:
            Event.objects.filter(pk=event.pk).update(estimated_total=total)
            event.estimated_total = total
    value = booking.events.aggregate(total=Sum("estimated_total"))["total"] or ZERO
    block = GroupBlock.objects.filter(booking=booking).first()
    if block is not None:
        contracted = block.nights.aggregate(total=Sum("contracted"))["total"] or 0
        value += (contracted * block.rate).quantize(ZERO)
    Booking.objects.filter(pk=booking.pk).update(estimated_value=value)
    booking.estimated_value = value


@transaction.atomic
def delete_event(*, event: Event, by=None) -> None:
    booking = event.booking
    event._history_user = by
    event.delete()
    refresh_estimates(booking)
