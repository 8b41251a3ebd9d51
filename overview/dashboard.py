"""The manager's dashboard: figures from every app, each read by aggregation in the database, so the number of
queries does not depend on the number of rows."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateRange
from django.db.models import Count, DecimalField, F, Q, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext

from hotelsales.money import round_percent
from receivables.aging import aging
from reservations.models import Booking, Event, Inventory, LostReason, Reservation, RoomType, StayRange
from reservations.reports import revenue

ZERO = Decimal("0.00")


MONEY = DecimalField(max_digits=16, decimal_places=2)


def _percent(part, whole) -> Decimal:
    return round_percent(Decimal(part) * 100 / whole) if whole else Decimal("0.0")


@dataclass(frozen=True)
class Occupancy:
    nights: int
    room_nights_total: int
    room_nights_on_books: int

    @property
    def percent(self) -> Decimal:
        return _percent(self.room_nights_on_books, self.room_nights_total)


def occupancy_on_the_books(today: date, horizons=(30, 60, 90)) -> list[Occupancy]:
    """Rooms sold plus rooms held in group blocks, over the next N nights from today (one query)."""
    last = today + timedelta(days=max(horizons) - 1)
    rows = (
        Inventory.objects.filter(night__gte=today, night__lte=last)
        .values("night")
        .annotate(total=Sum("total"), booked=Sum(F("sold") + F("blocked")))
    )
    by_night = {row["night"]: row for row in rows}
    capacity = RoomType.objects.filter(active=True).aggregate(total=Sum("rooms"))["total"] or 0
    result = []
    for horizon in horizons:
        nights = [today + timedelta(days=n) for n in range(horizon)]
        total = sum(by_night[n]["total"] if n in by_night else capacity for n in nights)
        booked = sum(by_night[n]["booked"] for n in nights if n in by_night)
        result.append(Occupancy(horizon, total, booked))
    return result


# Each booking's first event, for the bookings with an event in the months shown: the events of those months
# (by their start), then all the events of their bookings (by booking) to keep the bookings that began earlier
# out. It reads the months shown and nothing of the years before or after them.
_PIPELINE = """
WITH firsts AS (
    SELECT booking_id, MIN("start") AS first
    FROM reservations_event
    WHERE booking_id IN (SELECT booking_id FROM reservations_event WHERE "start" >= %(start)s AND "start" < %(end)s)
    GROUP BY booking_id
    HAVING MIN("start") >= %(start)s
)
SELECT (date_trunc('month', firsts.first AT TIME ZONE %(zone)s))::date AS month, booking.status,
       COUNT(*) AS count, SUM(booking.estimated_value) AS value
FROM firsts JOIN reservations_booking booking ON booking.id = firsts.booking_id
GROUP BY 1, 2
ORDER BY 1, 2
"""


def pipeline(today: date, months: int = 12) -> list[dict]:
    """Bookings by month of their first event and by status, with count and value, from this month on (one
    query)."""
    first_month = today.replace(day=1)
    params = {
        "start": timezone.make_aware(datetime.combine(first_month, time.min)),
        "end": timezone.make_aware(datetime.combine(_month_bounds(first_month, months - 1)[1], time.min)),
        "zone": timezone.get_current_timezone_name(),
    }
    with connection.cursor() as cursor:
        cursor.execute(_PIPELINE, params)
        found = cursor.fetchall()
    table: dict = defaultdict(dict)
    for month, status, count, value in found:
        table[month][status] = {"count": count, "value": value}
    return [{"month": month, "statuses": statuses} for month, statuses in table.items()]


def _month_bounds(first: date, offset: int) -> tuple[date, date]:
    year, month = divmod(first.month - 1 + offset, 12)
    start = date(first.year + year, month + 1, 1)
    year, month = divmod(start.month, 12)
    return start, date(start.year + year, month + 1, 1)


def room_nights_on_books(months: list[tuple[date, date]], as_of: datetime) -> list[int]:
    """Room-nights staying in each of `months` (consecutive periods, each's end excluded) of the reservations that
    were on the books at `as_of`, the nights counted as the rooms stream counts them (reservations.reports.revenue);
    one query, reading the stays of those months."""
    stays = (
        Reservation.objects.alias(stay=StayRange(F("arrival"), F("departure")))
        .filter(stay__overlap=DateRange(months[0][0], months[-1][1]), created_at__lte=as_of)
        .filter(Q(cancelled_at__isnull=True) | Q(cancelled_at__gt=as_of))
    )
    found = stays.aggregate(
        **{
            f"nights{n}": Coalesce(Sum(F("rooms") * revenue.nights_between(first, end - timedelta(days=1))), 0)
            for n, (first, end) in enumerate(months)
        }
    )
    return [found[f"nights{n}"] for n in range(len(months))]


@dataclass(frozen=True)
class Pace:
    month: date
    this_year: int
    last_year: int

    @property
    def change_percent(self) -> Decimal | None:
        return _percent(self.this_year - self.last_year, self.last_year) if self.last_year else None


def pace(today: date, months: int = 3) -> list[Pace]:
    """Room-nights on the books now for the coming months, against what was on the books a year ago (364 days,
    the same weekday) for the same months of last year (two queries)."""
    now = timezone.make_aware(datetime.combine(today, time.max))
    shown = [_month_bounds(today.replace(day=1), offset) for offset in range(months)]
    last_year = [(start.replace(year=start.year - 1), end.replace(year=end.year - 1)) for start, end in shown]
    this_year_nights = room_nights_on_books(shown, now)
    last_year_nights = room_nights_on_books(last_year, now - timedelta(days=364))
    return [
        Pace(start, nights, last)
        for (start, _end), nights, last in zip(shown, this_year_nights, last_year_nights, strict=True)
    ]


def events_per_week(today: date, weeks: int = 8) -> list[dict]:
    """Events of space-holding bookings per week (Monday first), for the coming weeks."""
    monday = today - timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.combine(monday, time.min))
    end = start + timedelta(weeks=weeks)
    rows = (
        Event.objects.filter(start__gte=start, start__lt=end, booking__status__in=Booking.HOLDING)
        .annotate(week=TruncWeek("start", tzinfo=timezone.get_current_timezone()))
        .values("week")
        .annotate(count=Count("pk"), persons=Sum(Coalesce("guaranteed", "expected")))
    )
    counts = {row["week"].date(): row for row in rows}
    return [
        {
            "week": monday + timedelta(weeks=n),
            "count": counts.get(monday + timedelta(weeks=n), {}).get("count", 0),
            "persons": counts.get(monday + timedelta(weeks=n), {}).get("persons", 0),
        }
        for n in range(weeks)
    ]


def lost_business_by_reason(today: date) -> list[dict]:
    since = today - timedelta(days=365)
    rows = list(
        Booking.objects.filter(status__in=Booking.CLOSED, closed_on__gt=since, closed_on__lte=today)
        .values("lost_reason")
        .annotate(count=Count("pk"), value=Coalesce(Sum("estimated_value"), ZERO))
        .order_by("-value")
    )
    reasons = dict(LostReason.choices)
    return [{**row, "label": reasons.get(row["lost_reason"], row["lost_reason"])} for row in rows]


@dataclass(frozen=True)
class RevenueLine:
    label: str
    month: Decimal
    year: Decimal


def revenue_to_date(today: date) -> list[RevenueLine]:
    """Each revenue stream and the total, this month and this year up to today included (three queries), as
    reservations.reports.revenue counts them: the marketing plan shows the same figures."""
    streams = revenue.by_stream(today.replace(month=1, day=1), today)
    month = today.replace(day=1)
    lines = [RevenueLine(revenue.Stream(key).label, read.of(month=month), read.of()) for key, read in streams.items()]
    total = RevenueLine(gettext("Total"), sum(line.month for line in lines), sum(line.year for line in lines))
    return [*lines, total]


PIPELINE_STATUSES = [Booking.Status.PROSPECT, Booking.Status.TENTATIVE, Booking.Status.DEFINITE, Booking.Status.ACTUAL]


def chart_data(figures: dict) -> dict:
    """What the dashboard's charts draw: the same figures as its tables, as plain numbers."""
    pipeline_rows = figures["pipeline"]
    return {
        "occupancy": {
            "labels": [str(o.nights) for o in figures["occupancy"]],
            "values": [float(o.percent) for o in figures["occupancy"]],
        },
        "pace": {
            "series_labels": [gettext("On the books now"), gettext("A year ago")],
            "labels": [f"{p.month:%Y-%m}" for p in figures["pace"]],
            "this_year": [p.this_year for p in figures["pace"]],
            "last_year": [p.last_year for p in figures["pace"]],
        },
        "events": {
            "label": gettext("Events"),
            "labels": [f"{w['week']:%m-%d}" for w in figures["events_per_week"]],
            "values": [w["count"] for w in figures["events_per_week"]],
        },
        "pipeline": {
            "labels": [f"{row['month']:%Y-%m}" for row in pipeline_rows],
            "series": [
                {
                    "status": status.value,
                    "label": str(status.label),
                    "values": [float((row["statuses"].get(status) or {}).get("value") or 0) for row in pipeline_rows],
                }
                for status in PIPELINE_STATUSES
            ],
        },
    }


def dashboard(today: date) -> dict:
    return {
        "today": today,
        "occupancy": occupancy_on_the_books(today),
        "pipeline": pipeline(today),
        "pace": pace(today),
        "events_per_week": events_per_week(today),
        "aging": aging(today, limit=0).totals,
        "lost": lost_business_by_reason(today),
        "revenue": revenue_to_date(today),
    }
