"""Reads that pages share, with their joins, so that page query counts stay flat."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Lower, Trim, TruncMonth
from django.utils.translation import gettext as _

from reservations.models import Booking, Event, EventResource, EventSpan, FunctionRoom, LostReason, Resource


def bookings() -> QuerySet[Booking]:
    first_event = Event.objects.filter(booking=OuterRef("pk")).order_by("start").values("start")[:1]
    return Booking.objects.select_related("account", "owner").annotate(first_start=Subquery(first_event))


def booking_events(booking: Booking) -> list[Event]:
    return list(
        booking.events.select_related("room").prefetch_related(
            Prefetch("resource_lines", queryset=EventResource.objects.select_related("resource"))
        )
    )


def rooms_with_sections() -> list[FunctionRoom]:
    return list(FunctionRoom.objects.filter(active=True).prefetch_related("sections", "setups"))


def events_between(start, end) -> list[Event]:
    """Events of any status that overlap [start, end), with their booking's name and status and their room:
    what the diary shows of them, and no more (a busy week holds hundreds)."""
    return list(
        Event.objects.alias(span=EventSpan(F("start"), F("end")))
        .filter(span__overlap=(start, end))
        .select_related("booking", "room")
        .only("title", "start", "end", "room", "booking__name", "booking__status")
        .order_by("start", "id")
    )


def function_rooms() -> list[FunctionRoom]:
    """Every function room, active or not, with its sections and setups (the configuration list)."""
    return list(FunctionRoom.objects.prefetch_related("sections", "setups"))


def resources() -> QuerySet[Resource]:
    return Resource.objects.order_by("-active", "name_zh")


ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LostFigure:
    """One row of the lost-business report: how many bookings closed without business, and their value."""

    key: object
    label: str
    lost: int
    turned_down: int
    cancelled: int
    value: Decimal

    @property
    def count(self) -> int:
        return self.lost + self.turned_down + self.cancelled


@dataclass(frozen=True)
class LostBusiness:
    first: date
    last: date
    by_reason: list[LostFigure]
    by_competitor: list[LostFigure]
    by_month: list[LostFigure]
    total: LostFigure


def _months(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def lost_business(*, first: date, last: date, kind: str = "", owner=None) -> LostBusiness:
    """Lost, turned-down and cancelled bookings closed from `first` to `last` (both included), by reason, by
    competitor and by month of closing, each with its counts and estimated value: three GROUP BY queries."""
    closed = Booking.objects.filter(status__in=Booking.CLOSED, closed_on__gte=first, closed_on__lte=last)
    if kind:
        closed = closed.filter(kind=kind)
    if owner is not None:
        closed = closed.filter(owner=owner)
    figures = {
        "lost": Count("pk", filter=Q(status=Booking.Status.LOST)),
        "turned_down": Count("pk", filter=Q(status=Booking.Status.TURNED_DOWN)),
        "cancelled": Count("pk", filter=Q(status=Booking.Status.CANCELLED)),
        "value": Coalesce(Sum("estimated_value"), ZERO),
    }

    def figure(row, key, label) -> LostFigure:
        return LostFigure(key, label, row["lost"], row["turned_down"], row["cancelled"], row["value"])

    reasons = closed.values("lost_reason").annotate(**figures).order_by("-value", "lost_reason")
    by_reason = [
        figure(row, row["lost_reason"], LostReason(row["lost_reason"]).label if row["lost_reason"] else _("No reason"))
        for row in reasons
    ]
    competitors = (
        closed.annotate(key=Lower(Trim("competitor")))
        .values("key")
        .annotate(name=Min(Trim("competitor")), **figures)
        .order_by("-value", "key")
    )
    by_competitor = [figure(row, row["key"], row["name"] or _("No competitor named")) for row in competitors]
    months = {
        row["month"]: row
        for row in closed.annotate(month=TruncMonth("closed_on")).values("month").annotate(**figures).order_by()
    }
    empty = {"lost": 0, "turned_down": 0, "cancelled": 0, "value": ZERO}
    by_month = [figure(months.get(month, empty), month, f"{month:%Y-%m}") for month in _months(first, last)]
    total = LostFigure(
        None,
        _("Total"),
        sum(row.lost for row in by_reason),
        sum(row.turned_down for row in by_reason),
        sum(row.cancelled for row in by_reason),
        sum((row.value for row in by_reason), ZERO),
    )
    return LostBusiness(first, last, by_reason, by_competitor, by_month, total)
