"""Sales production: bookings, room-nights, F&B revenue and activities per salesperson for a period, read by
aggregation in the database."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, DecimalField, F, IntegerField, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from clienthistory.models import Activity
from hotelsales.db import DaysBetween
from hotelsales.money import round_money
from reservations.models import Booking, Event, Reservation

ZERO = Decimal("0.00")


MONEY = DecimalField(max_digits=16, decimal_places=2)


@dataclass
class Production:
    user: object
    bookings: int = 0
    definite: int = 0
    room_nights: int = 0
    fnb_revenue: Decimal = ZERO
    activities_done: int = 0


def _fnb_revenue():
    """Food and beverages of an event, topped up to its F&B minimum, at the guarantee (or expected count)."""
    persons = Coalesce("events__guaranteed", "events__expected")
    food = Case(
        When(events__pricing=Event.Pricing.PER_TABLE, then=F("events__menu_price") * F("events__tables")),
        default=F("events__menu_price") * persons,
        output_field=MONEY,
    )
    return Greatest(F("events__fnb_minimum"), food + F("events__beverage_price") * persons, output_field=MONEY)


def sales_production(first: date, last: date) -> list[Production]:
    """Per salesperson for the period (local dates, inclusive): bookings opened and made definite, group
    room-nights staying in it, F&B revenue of their events held in it, and activities done."""
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
    overlap = Greatest(
        Value(0),
        DaysBetween(Least(F("departure"), Value(last + timedelta(days=1))), Greatest(F("arrival"), Value(first))),
        output_field=IntegerField(),
    )
    add(
        Reservation.objects.filter(
            block__isnull=False, status__in=Reservation.HOLDING, arrival__lte=last, departure__gt=first
        )
        .values(owner=F("block__booking__owner"))
        .annotate(n=Sum(F("rooms") * overlap)),
        "room_nights",
    )
    add(
        Booking.objects.filter(
            status__in=[Booking.Status.DEFINITE, Booking.Status.ACTUAL], events__start__gte=start, events__start__lt=end
        )
        .values("owner")
        .annotate(n=Sum(_fnb_revenue())),
        "fnb_revenue",
    )
    add(Activity.objects.filter(done=True, done_at__gte=start, done_at__lt=end).values("owner").annotate(n=Count("pk")),
        "activities_done")  # fmt: skip
    rows = sorted(people.values(), key=lambda p: (-p.fnb_revenue, -p.room_nights, p.user.get_username()))
    for row in rows:
        row.fnb_revenue = round_money(row.fnb_revenue)
    return rows
