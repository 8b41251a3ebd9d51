"""Sales production: bookings, room-nights, F&B revenue and activities per salesperson for a period, read by
aggregation in the database. Room-nights and F&B revenue are counted as reservations.reports.revenue defines them."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Sum
from django.utils import timezone

from clienthistory.models import Activity
from hotelsales.money import round_money
from reservations.models import Booking
from reservations.reports import revenue

ZERO = Decimal("0.00")


@dataclass
class Production:
    user: object
    bookings: int = 0
    definite: int = 0
    room_nights: int = 0
    fnb_revenue: Decimal = ZERO
    activities_done: int = 0


def sales_production(first: date, last: date) -> list[Production]:
    """Per salesperson for the period (local dates, inclusive): bookings opened and made definite, group
    room-nights staying in it (of reservations holding rooms in their group blocks), F&B revenue of their bookings'
    events held in it (`revenue.event_fnb` of `revenue.events_held`), and activities done."""
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    people = {
        user.pk: Production(user)
        for user in get_user_model().objects.filter(groups__name__in=["sales", "manager"], is_active=True).distinct()
    }

    def add(rows, attribute, key="owner"):
        for row in rows:
            if row[key] in people:
                setattr(people[row[key]], attribute, row["n"] or 0)

    add(Booking.objects.filter(created_at__gte=start, created_at__lt=end).values("owner").annotate(n=Count("pk")),
        "bookings")  # fmt: skip
    add(Booking.objects.filter(definite_on__gte=first, definite_on__lte=last).values("owner").annotate(n=Count("pk")),
        "definite")  # fmt: skip
    add(
        revenue.stays_between(first, last)
        .filter(block__isnull=False)
        .values(owner=F("block__booking__owner"))
        .annotate(n=Sum(F("rooms") * revenue.nights_between(first, last))),
        "room_nights",
    )
    add(
        revenue.events_held(first, last).values(owner=F("booking__owner")).annotate(n=Sum(revenue.event_fnb())),
        "fnb_revenue",
    )
    add(Activity.objects.filter(done=True, done_at__gte=start, done_at__lt=end).values("owner").annotate(n=Count("pk")),
        "activities_done")  # fmt: skip
    rows = sorted(people.values(), key=lambda p: (-p.fnb_revenue, -p.room_nights, p.user.get_username()))
    for row in rows:
        row.fnb_revenue = round_money(row.fnb_revenue)
    return rows
