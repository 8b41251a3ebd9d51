"""Lost business: closed bookings by reason, competitor and month, with their value."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import Coalesce, Lower, Trim, TruncMonth
from django.utils.translation import gettext as _

from reservations.models import Booking, LostReason

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
