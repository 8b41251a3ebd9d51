"""The revenue streams, named once: every page that shows room, banquet or meeting revenue (the marketing plan's
actuals, the dashboard, sales production) reads it here, so that the same month shows the same figure on every
page.

A period is a pair of local dates, the first and the last both included. Each stream is read for a whole period
(a year, say) in one aggregate query, by month and by market segment, and answered as a `Revenue`: amounts per
(month, segment), rounded half up to the fen. The three streams are:

- rooms (`rooms`): the room revenue of the nights in the period;
- banquets (`banquets`) and meetings (`meetings`): the estimated totals of the events held in it;
- and their sum (`total`).

Each stream is grouped by market segment, or (`by`) by salesperson or by booking source:

- by segment (`SEGMENT`): a stay's is `stay_segment`, an event's its booking's;
- by salesperson (`OWNER`, a user's id or None): an event is its booking's owner's; a stay in a group block is the
  group booking's owner's, any other stay the owner's of the guest's account (`stay_owner`) — sales targets and the
  forecast read this;
- by source (`SOURCE`, rooms only): the reservation's source; events have none.

`room_nights` counts the nights that `rooms` prices, grouped alike. With `as_of` (a moment), the streams read the
books as they stood then instead of now (pace): the reservations made by then and not yet cancelled or no-show then;
the events of bookings made definite by that day (`definite_on`) and not closed by then (`closed_on`), at today's
values (an event's estimate keeps no history).

Taxes, service charges and what the guest spends in the outlets are not part of any stream: the app does not
keep them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.backends.postgresql.psycopg_any import DateRange
from django.db.models import (
    Case,
    CharField,
    DecimalField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.models import Segment
from hotelsales.db import DaysBetween
from hotelsales.money import round_money
from reservations.models import BlockNight, Booking, Event, Reservation, StayRange

ZERO = Decimal("0.00")
SEGMENT, OWNER, SOURCE = "segment", "owner", "source"
MONEY = DecimalField(max_digits=16, decimal_places=2)
# The bookings whose events are revenue: confirmed business. A tentative booking holds its space but may yet be
# lost; a prospect, a lost, turned-down or cancelled booking brings nothing.
BOOKED = (Booking.Status.DEFINITE, Booking.Status.ACTUAL)


class Stream(TextChoices):
    ROOMS = "rooms", _("Rooms")
    BANQUETS = "banquets", _("Banquets")
    MEETINGS = "meetings", _("Meetings")


@dataclass(frozen=True)
class Revenue:
    """Amounts per (month, market segment) of a period; a month is named by its first day."""

    amounts: dict[tuple[date, str | int | None], Decimal] = field(default_factory=dict)
    zero = ZERO

    def of(self, *, month: date | None = None, segment=None, owner=None, source=None) -> Decimal:
        """The amount of one month (or of the whole period) for one group (or for all of them): a segment, an
        owner's id or a source, as the amounts were grouped (`by`)."""
        group = next((value for value in (segment, owner, source) if value is not None), None)
        return sum(
            (
                amount
                for (in_month, in_group), amount in self.amounts.items()
                if month in (None, in_month) and group in (None, in_group)
            ),
            self.zero,
        )

    def groups(self) -> set:
        """The groups (segments, owners or sources) that have an amount."""
        return {group for _month, group in self.amounts}

    def __add__(self, other: "Revenue") -> "Revenue":
        amounts = dict(self.amounts)
        for key, amount in other.amounts.items():
            amounts[key] = amounts.get(key, self.zero) + amount
        return type(self)(amounts)


class RoomNights(Revenue):
    """Room-nights per (month, group), counted as `rooms` counts the nights it prices."""

    zero = 0


def months_of(first: date, last: date) -> list[tuple[date, date]]:
    """The calendar months the period touches, each as (first, last day) cut to the period."""
    months, start = [], first
    while start <= last:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        months.append((start, min(last, following - timedelta(days=1))))
        start = following
    return months


def nights_between(first: date, last: date):
    """The nights of a reservation that fall from `first` to `last` (a night is named by its date: the night of
    30 April is in April even if the guest leaves on 1 May)."""
    return Greatest(
        Value(0),
        DaysBetween(Least(F("departure"), Value(last + timedelta(days=1))), Greatest(F("arrival"), Value(first))),
        output_field=IntegerField(),
    )


def stays_between(first: date, last: date, *, as_of: datetime | None = None) -> QuerySet[Reservation]:
    """The reservations holding rooms on a night from `first` to `last`: reserved, checked in or checked out, as the
    guest-status report counts a night; not cancelled, not no-shows. With `as_of`, those that held them at that
    moment: made by then and not cancelled (or marked no-show) by then."""
    stays = Reservation.objects.alias(stay=StayRange(F("arrival"), F("departure"))).filter(
        stay__overlap=DateRange(first, last + timedelta(days=1))
    )
    if as_of is None:
        return stays.filter(status__in=Reservation.HOLDING)
    return stays.filter(Q(cancelled_at__isnull=True) | Q(cancelled_at__gt=as_of), created_at__lte=as_of)


def stay_segment():
    """A stay's market segment: its group booking's for a room in a group block, else the segment of the guest's
    account, else leisure (a guest of no account travels on their own)."""
    return Coalesce(
        F("block__booking__segment"), F("guest__account__segment"), Value(Segment.LEISURE), output_field=CharField()
    )


def stay_owner():
    """The salesperson a stay counts for: its group booking's owner for a room in a group block, else the owner of
    the guest's account; none for a guest of no account or of an account nobody owns."""
    return Coalesce(F("block__booking__owner"), F("guest__account__owner"))


def _stay_group(by: str):
    return {SEGMENT: stay_segment, OWNER: stay_owner, SOURCE: lambda: F("source")}[by]()


def stays(first: date, last: date, *, by: str = SEGMENT, as_of: datetime | None = None) -> tuple[Revenue, RoomNights]:
    """Room revenue (`rooms`) and the room-nights it prices (`room_nights`) of the period, in one query."""
    months = months_of(first, last)
    columns = {}
    for index, (start, end) in enumerate(months):
        nights = nights_between(start, end)
        columns[f"r{index}"] = Sum(F("rooms") * F("rate") * nights, output_field=MONEY, default=ZERO)
        columns[f"n{index}"] = Sum(F("rooms") * nights, output_field=IntegerField(), default=0)
    rows = stays_between(first, last, as_of=as_of).values(group=_stay_group(by)).annotate(**columns)
    amounts, nights = {}, {}
    for row in rows:
        for index, (start, _end) in enumerate(months):
            if row[f"n{index}"]:
                nights[start.replace(day=1), row["group"]] = row[f"n{index}"]
            if row[f"r{index}"]:
                amounts[start.replace(day=1), row["group"]] = round_money(row[f"r{index}"])
    return Revenue(amounts), RoomNights(nights)


def rooms(first: date, last: date, *, by: str = SEGMENT, as_of: datetime | None = None) -> Revenue:
    """Room revenue (客房收入) of the nights from `first` to `last`: for each night, rate × rooms of every reservation
    holding rooms that night — reserved, checked in or checked out; not cancelled, not no-show — the rate being the
    reservation's rate per room and night as entered. A stay crossing a month's end gives each month its own
    nights. The segment is the stay's (`stay_segment`). The sum over the nights of the guest-status report's room
    revenue; one query, by segment (or `by` owner or source) with a column per month."""
    return stays(first, last, by=by, as_of=as_of)[0]


def room_nights(first: date, last: date, *, by: str = SEGMENT, as_of: datetime | None = None) -> RoomNights:
    """The room-nights from `first` to `last` that `rooms` prices (rooms × nights of the same reservations), grouped
    alike; one query."""
    return stays(first, last, by=by, as_of=as_of)[1]


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events_held(first: date, last: date, *, as_of: date | None = None) -> QuerySet[Event]:
    """The events of definite or actual bookings that start from `first` to `last` (local dates). With `as_of`, of
    the bookings that were definite on that day: made definite by then and not closed (cancelled) by then."""
    events = Event.objects.filter(start__gte=_local_start(first), start__lt=_local_start(last + timedelta(days=1)))
    if as_of is None:
        return events.filter(booking__status__in=BOOKED)
    return events.filter(
        Q(booking__closed_on__isnull=True) | Q(booking__closed_on__gt=as_of), booking__definite_on__lte=as_of
    )


EVENT_GROUPS = {SEGMENT: "booking__segment", OWNER: "booking__owner"}


def _events(first: date, last: date, kinds: tuple[str, ...], *, by: str, as_of: datetime | None) -> Revenue:
    if by not in EVENT_GROUPS:  # events have no source: grouped by it, they are none of it
        return Revenue()
    held = events_held(first, last, as_of=None if as_of is None else timezone.localdate(as_of))
    rows = (
        held.filter(booking__kind__in=kinds)
        .annotate(month=TruncMonth("start", tzinfo=timezone.get_current_timezone()))
        .values("month", group=F(EVENT_GROUPS[by]))
        .annotate(amount=Sum("estimated_total"))
    )
    return Revenue({(row["month"].date(), row["group"]): round_money(row["amount"]) for row in rows})


def banquets(first: date, last: date, *, by: str = SEGMENT, as_of: datetime | None = None) -> Revenue:
    """Banquet revenue (宴会收入): the estimated total of each event — food and beverages (topped up to the F&B
    minimum), room rental and equipment, as the booking's page shows it — of banquet bookings and of groups' own
    events (a group's welcome dinner is served by the banquet team), counting only bookings definite or actual. An
    event is dated by its start, in hotel time. The segment is the booking's. One query, by month and segment."""
    return _events(first, last, (Booking.Kind.BANQUET, Booking.Kind.GROUP), by=by, as_of=as_of)


def meetings(first: date, last: date, *, by: str = SEGMENT, as_of: datetime | None = None) -> Revenue:
    """Meeting revenue (会议收入): the estimated total of each event — food and beverages (topped up to the F&B
    minimum), room rental and equipment, as the booking's page shows it — of conference bookings, counting only
    bookings definite or actual. An event is dated by its start, in hotel time. The segment is the booking's. One
    query, by month and segment."""
    return _events(first, last, (Booking.Kind.CONFERENCE,), by=by, as_of=as_of)


def events(first: date, last: date, *, by: str = SEGMENT, as_of: datetime | None = None) -> Revenue:
    """Banquets and meetings together (the events of every kind of booking), in one query."""
    return _events(first, last, tuple(Booking.Kind), by=by, as_of=as_of)


STREAMS = {Stream.ROOMS: rooms, Stream.BANQUETS: banquets, Stream.MEETINGS: meetings}


def by_stream(first: date, last: date, *, by: str = SEGMENT, as_of: datetime | None = None) -> dict[str, Revenue]:
    """Each stream of the period (three queries)."""
    return {stream: read(first, last, by=by, as_of=as_of) for stream, read in STREAMS.items()}


def total(first: date, last: date, *, by: str = SEGMENT, as_of: datetime | None = None) -> Revenue:
    """Total revenue (总收入) = rooms + banquets + meetings (three queries)."""
    return sum(by_stream(first, last, by=by, as_of=as_of).values(), Revenue())


def event_fnb():
    """The food and beverages of an event, as an expression over Event: the menu per table booked or per person,
    plus beverages likewise, at the guarantee (or the expected count), topped up to the F&B minimum. Part of the
    event's estimated total; sales production reads it per salesperson."""
    persons = Coalesce("guaranteed", "expected")
    food = Case(
        When(pricing=Event.Pricing.PER_TABLE, then=F("menu_price") * F("tables")),
        default=F("menu_price") * persons,
        output_field=MONEY,
    )
    beverage = Case(
        When(beverage_pricing=Event.Pricing.PER_TABLE, then=F("beverage_price") * F("tables")),
        default=F("beverage_price") * persons,
        output_field=MONEY,
    )
    return Greatest(F("fnb_minimum"), food + beverage, output_field=MONEY)


# The statuses of business still in play: what the weighted forecast weighs. Lost, turned-down and cancelled
# bookings bring nothing.
PIPELINE = (Booking.Status.PROSPECT, Booking.Status.TENTATIVE, Booking.Status.DEFINITE, Booking.Status.ACTUAL)


@dataclass(frozen=True)
class PipelineValue:
    month: date
    stream: str
    status: str
    owner: int
    segment: str
    amount: Decimal


def pipeline(first: date, last: date) -> list[PipelineValue]:
    """The value of the bookings in play (PIPELINE) falling from `first` to `last`, per month, stream, status, owner
    and segment, as a booking's value counts it (reservations.sales.estimates): its events' estimated totals by the
    day each starts — the banquets stream for banquets and groups, the meetings stream for conferences — and a
    group's contracted room-nights at the group rate, by night — the rooms stream. Two queries."""
    zone = timezone.get_current_timezone()
    stream = Case(
        When(booking__kind=Booking.Kind.CONFERENCE, then=Value(Stream.MEETINGS.value)),
        default=Value(Stream.BANQUETS.value),
        output_field=CharField(),
    )
    events = (
        Event.objects.filter(
            booking__status__in=PIPELINE,
            start__gte=_local_start(first),
            start__lt=_local_start(last + timedelta(days=1)),
        )
        .annotate(month=TruncMonth("start", tzinfo=zone), stream=stream)
        .values(
            "month", "stream", status=F("booking__status"), owner=F("booking__owner"), segment=F("booking__segment")
        )
        .annotate(amount=Sum("estimated_total"))
        .order_by()
    )
    rooms = (
        BlockNight.objects.filter(block__booking__status__in=PIPELINE, night__gte=first, night__lte=last)
        .annotate(month=TruncMonth("night"))
        .values(
            "month",
            status=F("block__booking__status"),
            owner=F("block__booking__owner"),
            segment=F("block__booking__segment"),
        )
        .annotate(amount=Sum(F("contracted") * F("block__rate"), output_field=MONEY))
        .order_by()
    )
    values = [
        PipelineValue(row["month"].date(), row["stream"], row["status"], row["owner"], row["segment"], row["amount"])
        for row in events
    ]
    return values + [
        PipelineValue(row["month"], Stream.ROOMS.value, row["status"], row["owner"], row["segment"], row["amount"])
        for row in rooms
    ]
