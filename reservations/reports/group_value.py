"""The true value of a group (团队价值评估): what a group block brings — its rooms at the group rate and its events'
food and beverages — less the transient business it would turn away on its nights, and the lowest rate at which
the hotel is no worse off for taking it.

For each night n of the block (its contracted rooms G):

- C, the hotel's rooms: the rooms of the active room types;
- O, the rooms other groups hold that night (the nightly inventory's blocked rooms, less this block's own);
- S, the transient rooms on the books now (the inventory's sold rooms);
- L, the transient rooms sold on the same weekday last year (night n − 364 days: reservations outside blocks,
  reserved, in house or checked out), and A, their average rate (门市 ADR); a night of last year that sold none
  takes the mean default rate of the room types, weighed by their rooms;
- T = max(S, L), the transient demand to expect: what is booked already, or what came last year if more;
- F = max(0, C − O − T), the rooms left for the group without turning anyone away;
- X = max(0, G − F), the transient rooms the group displaces, and X × A the revenue they would have brought.

Group value = Σ G × group rate + F&B of the group's events − Σ X × A, and the minimum rate is the rate at which that
value is nought: max(0, (Σ X × A − F&B) / Σ G), rounded up to the whole yuan. F&B is the revenue module's
(reservations.reports.revenue.event_fnb), at today's estimates. Six queries, whatever the number of nights."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Q, Sum

from hotelsales.money import round_money
from reservations.models import BlockNight, Booking, Event, GroupBlock, Inventory, RoomType
from reservations.reports.revenue import MONEY, ZERO, event_fnb, stays_between

# The same weekday a year before: 52 weeks back.
LAST_YEAR = timedelta(days=364)


@dataclass(frozen=True)
class Night:
    night: date
    group: int  # G
    capacity: int  # C
    other_groups: int  # O
    on_books: int  # S
    last_year: int  # L
    rate: Decimal  # A, the transient rate a displaced room would have paid
    rate_from_last_year: bool

    @property
    def demand(self) -> int:  # T
        return max(self.on_books, self.last_year)

    @property
    def room_left(self) -> int:  # F
        return max(0, self.capacity - self.other_groups - self.demand)

    @property
    def displaced(self) -> int:  # X
        return max(0, self.group - self.room_left)

    @property
    def displaced_revenue(self) -> Decimal:
        return round_money(self.displaced * self.rate)


@dataclass(frozen=True)
class GroupValue:
    block: GroupBlock
    nights: list[Night]
    fnb: Decimal

    @property
    def room_nights(self) -> int:
        return sum(night.group for night in self.nights)

    @property
    def rooms_revenue(self) -> Decimal:
        return round_money(self.block.rate * self.room_nights)

    @property
    def displaced_room_nights(self) -> int:
        return sum(night.displaced for night in self.nights)

    @property
    def displaced_revenue(self) -> Decimal:
        return sum((night.displaced_revenue for night in self.nights), ZERO)

    @property
    def estimated_rates(self) -> bool:
        """Some night's A is the room types' mean default rate, last year having sold no transient room that night."""
        return any(not night.rate_from_last_year for night in self.nights)

    @property
    def net(self) -> Decimal:
        return self.rooms_revenue + self.fnb - self.displaced_revenue

    @property
    def minimum_rate(self) -> Decimal:
        if not self.room_nights:
            return ZERO
        return Decimal(max(0, math.ceil((self.displaced_revenue - self.fnb) / self.room_nights)))


def group_value(booking: Booking) -> GroupValue | None:
    """The evaluation of a group booking's block (None for a booking without one)."""
    block = GroupBlock.objects.filter(booking=booking).first()
    if block is None:
        return None
    cells = (
        BlockNight.objects.filter(block=block)
        .values("night")
        .annotate(contracted=Sum("contracted"), blocked=Sum("blocked"))
        .order_by("night")
    )
    group = {cell["night"]: cell["contracted"] for cell in cells}
    own = {cell["night"]: cell["blocked"] for cell in cells}
    if not group:
        return GroupValue(block, [], _fnb(booking))
    first, last = min(group), max(group)
    held = {
        row["night"]: row
        for row in Inventory.objects.filter(night__range=(first, last))
        .values("night")
        .annotate(sold=Sum("sold"), blocked=Sum("blocked"))
    }
    types = RoomType.objects.filter(active=True).aggregate(
        hotel_rooms=Sum("rooms", default=0),
        rack_revenue=Sum(F("rooms") * F("default_rate"), output_field=MONEY, default=ZERO),
    )
    rack = types["rack_revenue"] / types["hotel_rooms"] if types["hotel_rooms"] else ZERO
    sold = _sold_last_year(sorted(group))
    nights = []
    for night, rooms in sorted(group.items()):
        inventory = held.get(night, {"sold": 0, "blocked": 0})
        last_rooms, last_revenue = sold[night]
        nights.append(
            Night(
                night=night,
                group=rooms,
                capacity=types["hotel_rooms"],
                other_groups=max(0, inventory["blocked"] - own.get(night, 0)),
                on_books=inventory["sold"],
                last_year=last_rooms,
                rate=round_money(last_revenue / last_rooms) if last_rooms else round_money(rack),
                rate_from_last_year=bool(last_rooms),
            )
        )
    return GroupValue(block, nights, _fnb(booking))


def _sold_last_year(nights: list[date]) -> dict[date, tuple[int, Decimal]]:
    """Per night of the block: the transient rooms and their revenue on the same weekday last year (one query)."""
    columns = {}
    for index, night in enumerate(nights):
        then = night - LAST_YEAR
        in_house = Q(arrival__lte=then, departure__gt=then)
        columns[f"r{index}"] = Sum("rooms", filter=in_house, default=0)
        columns[f"v{index}"] = Sum(F("rooms") * F("rate"), filter=in_house, output_field=MONEY, default=ZERO)
    totals = (
        stays_between(nights[0] - LAST_YEAR, nights[-1] - LAST_YEAR).filter(block__isnull=True).aggregate(**columns)
    )
    return {night: (totals[f"r{index}"], totals[f"v{index}"]) for index, night in enumerate(nights)}


def _fnb(booking: Booking) -> Decimal:
    total = Event.objects.filter(booking=booking).aggregate(fnb=Sum(event_fnb(), output_field=MONEY, default=ZERO))
    return round_money(total["fnb"])
