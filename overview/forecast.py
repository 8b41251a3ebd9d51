"""The weighted forecast: the bookings in play over the next twelve months, each counted at the probability of its
status (marketing.StatusWeight: a prospect 10 %, a tentative booking 50 %, definite and actual 100 % unless the
managers say otherwise), by month, by salesperson and by segment, beside the targets and last year.

expected = Σ value × weight ÷ 100, the value being a booking's as reservations.reports.revenue.pipeline counts it
(events' estimated totals by the day they start, a group's contracted room-nights at the group rate by night),
rounded half up to the fen once summed. Beside it:
- per month and per salesperson, the target: the sum of the salespeople's room revenue and banquet and meeting
  revenue targets (marketing.SalesTarget);
- per segment, the marketing plan's segment targets for those months (the sum of their streams);
- last year: the revenue the hotel made in the same months a year before (revenue.by_stream: rooms, banquets and
  meetings, every stay — not only the groups' — so that this column matches every other page), per salesperson
  as overview.targets attributes it.
The forecast counts group, banquet and meeting business only; rooms sold to individual guests are in last year's
figure and in the targets but have no pipeline. A fixed number of queries, whatever the business.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Q

from clienthistory.models import Segment
from hotelsales.money import round_money
from marketing.models import PlanTarget, SalesTarget, StatusWeight
from overview.targets import last_day, team
from reservations.models import Booking
from reservations.reports import revenue
from reservations.reports.revenue import OWNER, SEGMENT

ZERO = Decimal("0.00")
MONTHS = 12


def weights() -> dict[str, int]:
    """Each pipeline status's probability in percent; a status without a weight counts for nothing."""
    return dict(StatusWeight.objects.values_list("status", "percent"))


@dataclass(frozen=True)
class Line:
    """A row of the forecast: the pipeline's value by status, the expected revenue, the target and last year."""

    label: object
    by_status: dict[str, Decimal]
    expected: Decimal
    target: Decimal | None
    last_year: Decimal

    @property
    def pipeline(self) -> Decimal:
        return sum(self.by_status.values(), ZERO)


@dataclass
class Forecast:
    first: date
    last: date
    weights: dict[str, int]
    months: list[Line]
    people: list[Line]
    segments: list[Line]

    @property
    def statuses(self) -> list:
        return [Booking.Status(status) for status in revenue.PIPELINE]

    @property
    def total(self) -> Line:
        by_status = {status: sum((line.by_status.get(status, ZERO) for line in self.months), ZERO) for status in
                     revenue.PIPELINE}  # fmt: skip
        targets = [line.target for line in self.months if line.target is not None]
        return Line(
            None,
            by_status,
            sum((line.expected for line in self.months), ZERO),
            sum(targets, ZERO) if targets else None,
            sum((line.last_year for line in self.months), ZERO),
        )


def _a_year_before(month: date) -> date:
    return month.replace(year=month.year - 1)


def _lines(values, key, labels: dict, targets: dict, last_year: dict, percents: dict[str, int]) -> list[Line]:
    by_status: dict = defaultdict(lambda: defaultdict(lambda: ZERO))
    expected: dict = defaultdict(lambda: ZERO)
    for value in values:
        by_status[key(value)][value.status] += value.amount
        expected[key(value)] += value.amount * percents.get(value.status, 0) / 100
    return [
        Line(
            label,
            {status: round_money(amount) for status, amount in by_status[group].items()},
            round_money(expected[group]),
            targets.get(group),
            last_year.get(group, ZERO),
        )
        for group, label in labels.items()
    ]


def forecast(today: date) -> Forecast:
    """The weighted forecast of the twelve months from today's."""
    first = today.replace(day=1)
    months = [date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1) for n in range(MONTHS)]
    last = last_day(months[-1])
    percents = weights()
    values = revenue.pipeline(first, last)
    people = list(team(first))

    target_rows = SalesTarget.objects.filter(month__gte=first, month__lte=last).values_list(
        "month", "salesperson", "room_revenue", "event_revenue"
    )
    month_targets: dict = defaultdict(lambda: ZERO)
    person_targets: dict = defaultdict(lambda: ZERO)
    for month, salesperson, rooms, events in target_rows:
        month_targets[month] += rooms + events
        person_targets[salesperson] += rooms + events

    cells = reduce(or_, (Q(plan__year=month.year, month=month.month) for month in months))
    segment_targets: dict = defaultdict(lambda: ZERO)
    for segment, amount in PlanTarget.objects.filter(cells).exclude(segment="").values_list("segment", "amount"):
        segment_targets[segment] += amount

    last_first, last_last = _a_year_before(first), last_day(_a_year_before(months[-1]))
    by_segment = revenue.total(last_first, last_last, by=SEGMENT)
    by_owner = revenue.total(last_first, last_last, by=OWNER)
    month_last_year = {month: by_segment.of(month=_a_year_before(month)) for month in months}

    return Forecast(
        first,
        last,
        percents,
        _lines(values, lambda v: v.month, {m: m for m in months}, dict(month_targets), month_last_year, percents),
        _lines(
            values,
            lambda v: v.owner,
            {person.pk: person for person in people},
            dict(person_targets),
            {person.pk: by_owner.of(owner=person.pk) for person in people},
            percents,
        ),
        _lines(
            values,
            lambda v: v.segment,
            dict(Segment.choices),
            dict(segment_targets),
            {segment: by_segment.of(segment=segment) for segment in Segment.values},
            percents,
        ),
    )
