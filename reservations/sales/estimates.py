"""What a booking is worth: each event's estimate and the booking's value, which reports and deposit schedules read."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from hotelsales.money import round_money
from reservations.models import Booking, Event, GroupBlock

ZERO = Decimal("0.00")


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
    max(guaranteed, actual). Per-table menus and beverage packages are charged per table used: spare tables are
    free until used. The F&B minimum tops up food and beverages when they fall short of it."""
    persons = event.persons if persons is None else persons
    food = _priced(event.pricing, event.menu_price, event=event, persons=persons)
    beverage = _priced(event.beverage_pricing, event.beverage_price, event=event, persons=persons)
    lines = event.resource_lines.select_related("resource") if resource_lines is None else resource_lines
    resources = sum((line.resource.unit_price * line.quantity for line in lines), ZERO)
    shortfall = max(ZERO, event.fnb_minimum - food - beverage)
    return Estimate(
        food=round_money(food),
        beverage=round_money(beverage),
        rental=round_money(event.room_rental),
        resources=round_money(resources),
        fnb_shortfall=round_money(shortfall),
    )


def _priced(pricing: str, price: Decimal, *, event: Event, persons: int) -> Decimal:
    return price * (event.tables_used if pricing == Event.Pricing.PER_TABLE else persons)


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
        value += round_money(contracted * block.rate)
    Booking.objects.filter(pk=booking.pk).update(estimated_value=value)
    booking.estimated_value = value
