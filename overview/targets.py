"""Sales targets (销售指标) against what each salesperson produced, and their pace, for a calendar month.

Attribution — whose production a figure is: a salesperson produces
- the room-nights and room revenue of the stays they own (`revenue.stay_owner`): the rooms of their group bookings'
  blocks, and the reservations of guests whose account they own;
- the banquet and meeting revenue (the banquets and meetings streams: the events' estimated totals) of the events
  of the bookings they own;
- the new accounts they own that were created in the month, and the visits they did in it (activities of the
  visit kind, marked done in the month).
Every amount and night is counted as reservations.reports.revenue counts it, so the team's figures are the hotel's
streams split by owner (stays and events nobody owns are in the hotel's figures, in nobody's).

Figures of a month:
- actual: to today included (the whole month once it is over; nothing before it begins);
- target to date = target × the part of the month gone by (days up to today ÷ days of the month);
- achieved = actual ÷ target;
- on the books: the whole month's stays and events booked now (reservations holding rooms, events of definite and
  actual bookings), against the target (on the books ÷ target) and against last year: last year's same month as it
  stood 364 days ago (the same weekday), reservations made by then and not cancelled by then, events of bookings
  definite by then and not closed by then. Events are valued at today's estimate: they keep no history of it.
  New accounts and visits are only counted, not booked ahead.
The whole page is read in a fixed number of queries, whatever the team or the business.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.models import Account, Activity, Segment
from hotelsales.money import CENT, round_money, round_percent
from hotelsales.roles import Role
from marketing.models import PlanTarget, SalesTarget
from reservations.models import Reservation
from reservations.reports import revenue
from reservations.reports.revenue import OWNER, SEGMENT, SOURCE, Stream

ZERO = Decimal("0.00")
YEAR_AGO = timedelta(days=364)
ROOM_NIGHTS, ROOM_REVENUE, EVENT_REVENUE, NEW_ACCOUNTS, VISITS = (
    "room_nights", "room_revenue", "event_revenue", "new_accounts", "visits",
)  # fmt: skip
METRICS = {
    ROOM_NIGHTS: _("Room-nights"),
    ROOM_REVENUE: _("Room revenue"),
    EVENT_REVENUE: _("Banquet and meeting revenue"),
    NEW_ACCOUNTS: _("New accounts"),
    VISITS: _("Visits"),
}
MONEY_METRICS = (ROOM_REVENUE, EVENT_REVENUE)
BOOKED_AHEAD = (ROOM_NIGHTS, ROOM_REVENUE, EVENT_REVENUE)


def _percent(part, whole) -> Decimal | None:
    return round_percent(Decimal(part) * 100 / whole) if whole else None


def last_day(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1)


def elapsed_share(month: date, today: date) -> Decimal:
    """The part of the month gone by, today included: 0 before it begins, 1 once it is over."""
    if month > today:
        return Decimal(0)
    end = last_day(month)
    return Decimal(1) if end <= today else Decimal(today.day) / end.day


@dataclass(frozen=True)
class Metric:
    """One metric of a month: target (None when none is set), actual to date, on the books (None for counts not
    booked ahead) and last year's on the books at the same point."""

    key: str
    target: Decimal | int | None
    actual: Decimal | int
    share: Decimal
    on_books: Decimal | int | None = None
    last_year: Decimal | int | None = None

    @property
    def label(self):
        return METRICS[self.key]

    @property
    def money(self) -> bool:
        return self.key in MONEY_METRICS

    @property
    def target_to_date(self) -> Decimal | None:
        if self.target is None:
            return None
        return round_money(self.target * self.share, CENT if self.money else Decimal(1))

    @property
    def achieved_percent(self) -> Decimal | None:
        return None if self.target is None else _percent(self.actual, self.target)

    @property
    def on_books_percent(self) -> Decimal | None:
        return None if self.target is None or self.on_books is None else _percent(self.on_books, self.target)

    @property
    def change_percent(self) -> Decimal | None:
        if self.on_books is None or self.last_year is None:
            return None
        return _percent(self.on_books - self.last_year, self.last_year)

    @property
    def behind(self) -> bool:
        """Short of the target to date."""
        return self.target_to_date is not None and self.actual < self.target_to_date


@dataclass
class SalesMonth:
    """A salesperson's month (`user`), or the team's (`user` None): a `Metric` per key of METRICS."""

    user: object
    metrics: dict[str, Metric]

    @property
    def rows(self) -> list[Metric]:
        return [self.metrics[key] for key in METRICS]


def _add(one, other):
    return other if one is None else one if other is None else one + other


def _team_total(months: list[SalesMonth]) -> SalesMonth:
    metrics = {}
    for key in METRICS:
        shown = [month.metrics[key] for month in months]
        total = Metric(key, None, 0, shown[0].share if shown else Decimal(0))
        for metric in shown:
            total = Metric(
                key,
                _add(total.target, metric.target),
                total.actual + metric.actual,
                total.share,
                _add(total.on_books, metric.on_books),
                _add(total.last_year, metric.last_year),
            )
        metrics[key] = total
    return SalesMonth(None, metrics)


def team(month: date):
    """The sales team of a month: active sales staff, and anyone else given targets for it (a manager who sells)."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=Role.SALES, is_active=True) | Q(sales_targets__month=month))
        .distinct()
        .order_by("first_name", "username")
    )


def _booked(first: date, last: date, *, as_of: datetime | None = None) -> dict[str, revenue.Revenue]:
    """Room-nights, room revenue and banquet and meeting revenue per owner (two queries)."""
    amounts, nights = revenue.stays(first, last, by=OWNER, as_of=as_of)
    return {
        ROOM_NIGHTS: nights,
        ROOM_REVENUE: amounts,
        EVENT_REVENUE: revenue.events(first, last, by=OWNER, as_of=as_of),
    }


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _counts(first: date, last: date) -> dict[str, dict[int, int]]:
    """New accounts and visits done per owner, from `first` to `last` (two queries)."""
    start, end = _local_start(first), _local_start(last + timedelta(days=1))
    accounts = Account.objects.filter(created_at__gte=start, created_at__lt=end, owner__isnull=False)
    visits = Activity.objects.filter(kind=Activity.Kind.VISIT, done=True, done_at__gte=start, done_at__lt=end)
    return {
        NEW_ACCOUNTS: dict(accounts.values_list("owner").annotate(n=Count("pk")).order_by()),
        VISITS: dict(visits.values_list("owner").annotate(n=Count("pk")).order_by()),
    }


@dataclass
class TeamMonth:
    month: date
    today: date
    people: list[SalesMonth] = field(default_factory=list)
    total: SalesMonth | None = None


def team_month(month: date, today: date, *, users=None) -> TeamMonth:
    """Targets, actuals to date and pace of each member of the team (or of `users`) for `month` (its first day),
    with the team's total."""
    first, last = month, last_day(month)
    users = list(team(month) if users is None else users)
    share = elapsed_share(month, today)
    targets = {
        target.salesperson_id: target for target in SalesTarget.objects.filter(month=month, salesperson__in=users)
    }
    to_date = min(last, today)
    begun = first <= today
    actual = _booked(first, to_date) if begun else {}
    counts = _counts(first, to_date) if begun else {}
    on_books = _booked(first, last)
    last_first = first.replace(year=first.year - 1)
    year_ago = timezone.make_aware(datetime.combine(today, time.max)) - YEAR_AGO
    last_year = _booked(last_first, last_day(last_first), as_of=year_ago)
    result = TeamMonth(month, today)
    for user in users:
        target = targets.get(user.pk)
        metrics = {}
        for key in METRICS:
            if key in BOOKED_AHEAD:
                done = actual[key].of(owner=user.pk) if begun else on_books[key].zero
                metrics[key] = Metric(
                    key,
                    getattr(target, key) if target else None,
                    done,
                    share,
                    on_books[key].of(owner=user.pk),
                    last_year[key].of(owner=user.pk),
                )
            else:
                done = counts[key].get(user.pk, 0) if begun else 0
                metrics[key] = Metric(key, getattr(target, key) if target else None, done, share)
        result.people.append(SalesMonth(user, metrics))
    result.total = _team_total(result.people)
    return result


@dataclass(frozen=True)
class Production:
    """A market segment's (or source's) production of the month to date beside the marketing plan's target."""

    label: object
    rooms: Decimal
    events: Decimal
    target: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return self.rooms + self.events

    @property
    def achieved_percent(self) -> Decimal | None:
        return None if self.target is None else _percent(self.total, self.target)


def production_by_segment(month: date, today: date) -> list[Production]:
    """Each market segment's rooms and events revenue of the month to date (revenue.by_stream), beside the targets
    of the marketing plan's segment layers for that month (the sum of its streams); the last row is the whole
    hotel against the plan's hotel targets. Four queries."""
    targets: dict[str, Decimal] = {}
    for segment, amount in PlanTarget.objects.filter(plan__year=month.year, month=month.month).values_list(
        "segment", "amount"
    ):
        targets[segment] = targets.get(segment, ZERO) + amount
    streams = revenue.by_stream(month, min(last_day(month), today), by=SEGMENT) if month <= today else {}

    def of(stream, segment=None):
        return streams[stream].of(segment=segment) if streams else ZERO

    rows = [
        Production(
            label,
            of(Stream.ROOMS, segment),
            of(Stream.BANQUETS, segment) + of(Stream.MEETINGS, segment),
            targets.get(segment),
        )
        for segment, label in Segment.choices
    ]
    hotel = Production(_("Whole hotel"), of(Stream.ROOMS), of(Stream.BANQUETS) + of(Stream.MEETINGS), targets.get(""))
    return [*rows, hotel]


def production_by_source(month: date, today: date) -> list[tuple[object, int, Decimal]]:
    """Room-nights and room revenue of the month to date by the reservation's source (events have none): one
    query."""
    if month > today:
        return [(label, 0, ZERO) for _value, label in Reservation.Source.choices]
    amounts, nights = revenue.stays(month, min(last_day(month), today), by=SOURCE)
    return [(label, nights.of(source=value), amounts.of(source=value)) for value, label in Reservation.Source.choices]
