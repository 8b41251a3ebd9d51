"""The lead report (线索报表): for the leads received in a period, by source and in total, how many were answered and
how fast, how many became bookings and what those bookings are worth.

A lead's response time runs from `received_at` to `first_response_at` (clock time); the median is over the
answered leads only, while the share within the limit (LEAD_RESPONSE_HOURS working hours: each lead's
`respond_by`) is of all the leads received (one never answered is not within it). A converted lead is worth its
booking's estimated value (reservations.sales.estimates: the events' estimated totals, plus a group's contracted
room-nights), as the booking's page and the revenue reports count it.
Two queries whatever the number of leads: one by source, one for the total (a median does not add up)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from hotelsales.money import round_money, round_percent
from marketing.models import Lead

ZERO = Decimal("0.00")


class Median(Aggregate):
    """PostgreSQL's continuous median; rows whose value is NULL (here: leads not answered) are left out."""

    name = "Median"
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


@dataclass(frozen=True)
class SourceRow:
    source: str
    label: str
    received: int
    answered: int
    median_response: timedelta | None
    within_limit: int
    converted: int
    value: Decimal

    @property
    def median_hours(self) -> Decimal | None:
        if self.median_response is None:
            return None
        return _hours(self.median_response)

    @property
    def within_limit_rate(self) -> Decimal | None:
        return _percent(self.within_limit, self.received)

    @property
    def conversion_rate(self) -> Decimal | None:
        return _percent(self.converted, self.received)


@dataclass(frozen=True)
class LeadReport:
    since: date
    until: date
    limit_hours: int
    rows: list[SourceRow]
    total: SourceRow


def _hours(duration: timedelta) -> Decimal:
    """A duration in hours, to one decimal, half up."""
    return round_percent(Decimal(duration.total_seconds()) / 3600)


def _percent(part: int, whole: int) -> Decimal | None:
    return round_percent(Decimal(100 * part) / whole) if whole else None


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def lead_report(since: date, until: date) -> LeadReport:
    limit = settings.LEAD_RESPONSE_HOURS
    leads = Lead.objects.filter(
        received_at__gte=_local_start(since), received_at__lt=_local_start(until + timedelta(days=1))
    )
    answered = Q(first_response_at__isnull=False)
    converted = Q(status=Lead.Status.CONVERTED)
    figures = {
        "received": Count("pk"),
        "answered": Count("pk", filter=answered),
        "median_response": Median(
            ExpressionWrapper(F("first_response_at") - F("received_at"), output_field=DurationField()),
            output_field=DurationField(),
        ),
        "within_limit": Count("pk", filter=answered & Q(first_response_at__lte=F("respond_by"))),
        "converted": Count("pk", filter=converted),
        "value": Sum("booking__estimated_value", filter=converted),
    }
    labels = dict(Lead.Source.choices)
    by_source = {row["source"]: row for row in leads.order_by().values("source").annotate(**figures)}
    rows = [_row(source, labels[source], by_source[source]) for source in Lead.Source.values if source in by_source]
    total = _row("", "", leads.aggregate(**figures))
    return LeadReport(since=since, until=until, limit_hours=limit, rows=rows, total=total)


def _row(source: str, label: str, figures: dict) -> SourceRow:
    return SourceRow(
        source=source,
        label=label,
        received=figures["received"],
        answered=figures["answered"],
        median_response=figures["median_response"],
        within_limit=figures["within_limit"],
        converted=figures["converted"],
        value=round_money(figures["value"] or ZERO),
    )
