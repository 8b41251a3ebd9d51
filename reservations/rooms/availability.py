"""What the nightly inventory says: availability per room type and night, read in a fixed number of queries."""

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from hotelsales.money import round_percent
from reservations.models import Inventory, RoomType


@dataclass(frozen=True)
class Night:
    night: date
    total: int
    sold: int
    blocked: int
    picked_up: int

    @property
    def available(self) -> int:
        return self.total - self.sold - self.blocked

    @property
    def summary(self) -> str:
        """What the grid's cell says on hover: formatted here, as a {% blocktranslate %} in each of its hundreds
        of cells took a third of the grid's time."""
        return _("sold %(sold)s, blocked %(blocked)s (picked up %(picked)s)") % {
            "sold": self.sold,
            "blocked": self.blocked,
            "picked": self.picked_up,
        }

    @property
    def occupancy(self) -> Decimal:
        """Rooms on the books (sold and held in group blocks) as a percentage of the total."""
        if not self.total:
            return Decimal("0.0")
        return round_percent(Decimal(self.sold + self.blocked) * 100 / self.total)


@dataclass
class AvailabilityRow:
    room_type: RoomType
    nights: list[Night]

    @property
    def fewest_free(self) -> int:
        return min(night.available for night in self.nights)


def room_types() -> list[RoomType]:
    return list(RoomType.objects.filter(active=True))


def availability(*, first_night: date, nights: int, types: list[RoomType] | None = None) -> list[AvailabilityRow]:
    """Each active room type's nights from `first_night`; a night without an inventory row is all free."""
    types = room_types() if types is None else types
    dates = [first_night + timedelta(days=n) for n in range(nights)]
    rows = Inventory.objects.filter(room_type__in=types, night__gte=dates[0], night__lte=dates[-1]).values(
        "room_type_id", "night", "total", "sold", "blocked", "picked_up"
    )
    found = {(row["room_type_id"], row["night"]): row for row in rows}
    result = []
    for room_type in types:
        cells = []
        for night in dates:
            row = found.get((room_type.pk, night))
            if row is None:
                cells.append(Night(night, room_type.rooms, 0, 0, 0))
            else:
                cells.append(Night(night, row["total"], row["sold"], row["blocked"], row["picked_up"]))
        result.append(AvailabilityRow(room_type, cells))
    return result


def version(rows: list[AvailabilityRow]) -> str:
    """A digest of everything the grid shows, taken of the very counts it is laid out from: a grid cached under it
    cannot show anything older than the rows its key was read from, however the inventory changed."""
    shown = [(row.room_type.pk, str(row.room_type), row.room_type.rooms, row.nights) for row in rows]
    return hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


def totals(rows: list[AvailabilityRow]) -> list[Night]:
    """The whole hotel per night: the column sums of the grid."""
    if not rows:
        return []
    return [
        Night(
            cells[0].night,
            sum(c.total for c in cells),
            sum(c.sold for c in cells),
            sum(c.blocked for c in cells),
            sum(c.picked_up for c in cells),
        )
        for cells in zip(*(row.nights for row in rows), strict=True)
    ]
