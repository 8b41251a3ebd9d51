"""The front desk's lists of a day: arrivals, guests in house and departures, each in one query, VIPs first."""

from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from hotelsales.db import DaysBetween
from hotelsales.search import normalise_query
from reservations.models import Reservation

STATUS = Reservation.Status
VIPS_FIRST = F("guest__vip_rank").asc(nulls_last=True)
# What a list can be narrowed to (?only=…); "repeat" reads the previous_stays every list carries.
FILTERS = {
    "vip": Q(guest__vip_level__isnull=False) | Q(vip_arrangement__isnull=False),
    "group": Q(block__isnull=False),
    "repeat": Q(previous_stays__gt=0),
}


def _with_guest(queryset: QuerySet) -> QuerySet:
    previous = (
        Reservation.objects.filter(guest=OuterRef("guest"), status=STATUS.CHECKED_OUT)
        .order_by()
        .values("guest")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # The arrangement's pk rather than the arrangement: the lists only link to it, and the missing one of a
    # reservation without would raise (and cost) an exception per row in the template.
    return queryset.select_related("guest", "guest__vip_level", "room_type", "block__booking").annotate(
        previous_stays=Coalesce(Subquery(previous), 0), arrangement_pk=F("vip_arrangement__pk")
    )


def arrivals(day: date) -> QuerySet[Reservation]:
    """Due to arrive on `day` (still reserved) or already arrived that day."""
    return _with_guest(
        Reservation.objects.filter(arrival=day, status__in=[STATUS.RESERVED, STATUS.CHECKED_IN, STATUS.NO_SHOW])
    ).order_by(VIPS_FIRST, "status", "guest__name", "pk")


def in_house(day: date) -> QuerySet[Reservation]:
    return _with_guest(
        Reservation.objects.filter(status=STATUS.CHECKED_IN, arrival__lte=day, departure__gt=day)
    ).order_by(VIPS_FIRST, "guest__name", "pk")


def departures(day: date) -> QuerySet[Reservation]:
    """Due to leave on `day`, in house or already checked out."""
    return _with_guest(
        Reservation.objects.filter(departure=day, status__in=[STATUS.CHECKED_IN, STATUS.CHECKED_OUT])
    ).order_by(VIPS_FIRST, "status", "guest__name", "pk")


LISTS = {"arrivals": arrivals, "in-house": in_house, "departures": departures}


def narrowed(reservations: QuerySet, search: str = "", only=()) -> QuerySet:
    """The reservations whose guest's name, mobile or email or whose confirmation number holds `search`, cut to
    the FILTERS named in `only`."""
    query = normalise_query(search)
    if query:
        reservations = reservations.filter(Q(guest__search_text__contains=query) | Q(confirmation__icontains=query))
    for name in only:
        reservations = reservations.filter(FILTERS[name])
    return reservations


def day_counts(day: date, search: str = "", only=()) -> dict[str, int]:
    """How many are in house and how many leave on `day` (narrowed as the lists are), in one query, for the tabs
    not yet opened."""
    staying = Q(status=STATUS.CHECKED_IN, arrival__lte=day, departure__gt=day)
    leaving = Q(departure=day, status__in=[STATUS.CHECKED_IN, STATUS.CHECKED_OUT])
    return narrowed(_with_guest(Reservation.objects.filter(staying | leaving)), search, only).aggregate(
        **{"in-house": Count("pk", filter=staying), "departures": Count("pk", filter=leaving)}
    )


def stay_history(profile) -> dict:
    """A guest's latest stays, and the totals of all completed ones: stays, room-nights, room revenue."""
    stays = list(
        Reservation.objects.filter(Q(guest=profile) | Q(sharer=profile))
        .select_related("room_type")
        .order_by("-arrival", "-pk")[:50]
    )
    room_nights = ExpressionWrapper(F("rooms") * DaysBetween(F("departure"), F("arrival")), output_field=IntegerField())
    completed = Reservation.objects.filter(guest=profile, status=STATUS.CHECKED_OUT).aggregate(
        stays=Count("pk"),
        room_nights=Coalesce(Sum(room_nights), 0),
        revenue=Coalesce(
            Sum(ExpressionWrapper(F("rate") * room_nights, output_field=DecimalField(max_digits=14, decimal_places=2))),
            Decimal("0"),
            output_field=DecimalField(max_digits=14, decimal_places=2),
        ),
    )
    return {"stay_list": stays, **completed}
