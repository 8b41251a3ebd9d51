"""The revenue streams, named once: every page that shows room, banquet or meeting revenue (the marketing plan's
actuals, the dashboard, sales production) reads it here, so that the same month shows the same figure on every
page.

A period is a pair of local dates, the first and the last both included. Each stream is read for a whole period
(a year, say) in one aggregate query, by month and by market segment, and answered as a `Revenue`: amounts per
(month, segment), rounded half up to the fen. The three streams are:

- rooms (`rooms`): the room revenue of the nights in the period;
- banquets (`banquets`) and meetings (`meetings`): the estimated totals of the events held in it;
- and their sum (`total`).

Taxes, service charges and what the guest spends in the outlets are not part of any stream: the app does not
keep them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.backends.postgresql.psycopg_any import DateRange
from django.db.models import Case, CharField, DecimalField, F, IntegerField, QuerySet, Sum, TextChoices, Value, When
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.models import Segment
from hotelsales.db import DaysBetween
from hotelsales.money import round_money
from reservations.models import Booking, Event, Reservation, StayRange

ZERO = Decimal("0.00")
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

    amounts: dict[tuple[date, str], Decimal] = field(default_factory=dict)

    def of(self, *, month: date | None = None, segment: str | None = None) -> Decimal:
        """The amount of one month (or of the whole period) for one segment (or for all of them)."""
        return sum(
            (
                amount
                for (in_month, in_segment), amount in self.amounts.items()
                if month in (None, in_month) and segment in (None, in_segment)
            ),
            ZERO,
        )

    def __add__(self, other: "Revenue") -> "Revenue":
        amounts = dict(self.amounts)
        for key, amount in other.amounts.items():
            amounts[key] = amounts.get(key, ZERO) + amount
        return Revenue(amounts)


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


def stays_between(first: date, last: date) -> QuerySet[Reservation]:
    """The reservations holding rooms on a night from `first` to `last`: reserved, checked in or checked out, as the
    guest-status report counts a night; not cancelled, not no-shows."""
    return Reservation.objects.alias(stay=StayRange(F("arrival"), F("departure"))).filter(
        stay__overlap=DateRange(first, last + timedelta(days=1)), status__in=Reservation.HOLDING
    )


def stay_segment():
    """A stay's market segment: its group booking's for a room in a group block, else the segment of the guest's
    account, else leisure (a guest of no account travels on their own)."""
    return Coalesce(
        F("block__booking__segment"), F("guest__account__segment"), Value(Segment.LEISURE), output_field=CharField()
    )


def rooms(first: date, last: date) -> Revenue:
    """Room revenue (客房收入) of the nights from `first` to `last`: for each night, rate × rooms of every reservation
    holding rooms that night — reserved, checked in or checked out; not cancelled, not no-show — the rate being the
    reservation's rate per room and night as entered. A stay crossing a month's end gives each month its own
    nights. The segment is the stay's (`stay_segment`). The sum over the nights of the guest-status report's room
    revenue; one query, by segment with a column per month."""
    months = months_of(first, last)
    columns = {
        f"m{index}": Sum(F("rooms") * F("rate") * nights_between(start, end), output_field=MONEY, default=ZERO)
        for index, (start, end) in enumerate(months)
    }
    rows = stays_between(first, last).values(segment=stay_segment()).annotate(**columns)
    return Revenue(
        {
            (start.replace(day=1), row["segment"]): round_money(row[f"m{index}"])
            for row in rows
            for index, (start, _end) in enumerate(months)
            if row[f"m{index}"]
        }
    )


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events_held(first: date, last: date) -> QuerySet[Event]:
    """The events of definite or actual bookings that start from `first` to `last` (local dates)."""
    return Event.objects.filter(
        booking__status__in=BOOKED, start__gte=_local_start(first), start__lt=_local_start(last + timedelta(days=1))
    )


def _events(first: date, last: date, kinds: tuple[str, ...]) -> Revenue:
    rows = (
        events_held(first, last)
        .filter(booking__kind__in=kinds)
        .annotate(month=TruncMonth("start", tzinfo=timezone.get_current_timezone()))
        .values("month", segment=F("booking__segment"))
        .annotate(amount=Sum("estimated_total"))
    )
    return Revenue({(row["month"].date(), row["segment"]): round_money(row["amount"]) for row in rows})


def banquets(first: date, last: date) -> Revenue:
    """Banquet revenue (宴会收入): the estimated total of each event — food and beverages (topped up to the F&B
    minimum), room rental and equipment, as the booking's page shows it — of banquet bookings and of groups' own
    events (a group's welcome dinner is served by the banquet team), counting only bookings definite or actual. An
    event is dated by its start, in hotel time. The segment is the booking's. One query, by month and segment."""
    return _events(first, last, (Booking.Kind.BANQUET, Booking.Kind.GROUP))


def meetings(first: date, last: date) -> Revenue:
    """Meeting revenue (会议收入): the estimated total of each event — food and beverages (topped up to the F&B
    minimum), room rental and equipment, as the booking's page shows it — of conference bookings, counting only
    bookings definite or actual. An event is dated by its start, in hotel time. The segment is the booking's. One
    query, by month and segment."""
    return _events(first, last, (Booking.Kind.CONFERENCE,))


STREAMS = {Stream.ROOMS: rooms, Stream.BANQUETS: banquets, Stream.MEETINGS: meetings}


def by_stream(first: date, last: date) -> dict[str, Revenue]:
    """Each stream of the period (three queries)."""
    return {stream: read(first, last) for stream, read in STREAMS.items()}


def total(first: date, last: date) -> Revenue:
    """Total revenue (总收入) = rooms + banquets + meetings (three queries)."""
    return sum(by_stream(first, last).values(), Revenue())


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
