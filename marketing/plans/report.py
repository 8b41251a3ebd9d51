"""Plan vs actual (计划与实际): a plan's monthly targets beside the revenue the hotel made, as
reservations.reports.revenue counts it for every report, with the budgets of the promotions starting each month.

Actuals run up to today, included: a month not yet over shows its revenue to date, set against its target pro
rata to today (`Figure.share`), and a month not begun shows none. The year to date adds up the months begun, the
one under way at its target to date. With a market segment chosen, the targets are that segment's, the actuals its
revenue and the budgets those of the promotions aimed at it (each promotion's whole budget, whatever the other
segments it is aimed at). The whole page is read in a fixed number of queries: the plan's targets, one query per
revenue stream for the year, and the budgets.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.utils import formats
from django.utils.translation import gettext

from hotelsales.money import round_money, round_percent
from marketing.models import MarketingPlan, Promotion
from marketing.models.plans import MONTHS
from reservations.reports import revenue
from reservations.reports.revenue import Stream

ZERO = Decimal("0.00")
ONE = Decimal(1)
OVER, TO_DATE, AHEAD = "over", "to_date", "ahead"


def _plus(one: Decimal | None, other: Decimal | None) -> Decimal | None:
    """A sum where nothing (None: no target set, or no actual yet) stays nothing only if both are nothing."""
    if one is None:
        return other
    return one if other is None else one + other


@dataclass(frozen=True)
class Figure:
    """A target beside its actual; either may be missing (no target set, a month not begun).

    `share` is the part of the target's period gone by: a month under way sets its actual to date against its
    target pro rata (the days up to today over the month's days): the days still to come are no shortfall."""

    target: Decimal | None = None
    actual: Decimal | None = None
    share: Decimal = ONE

    @property
    def target_to_date(self) -> Decimal | None:
        return None if self.target is None else round_money(self.target * self.share)

    @property
    def variance(self) -> Decimal | None:
        """Actual − target to date: above the target is positive."""
        return None if self.target is None or self.actual is None else self.actual - self.target_to_date

    @property
    def variance_percent(self) -> Decimal | None:
        """The variance as a percentage of the target to date; none against a target of zero."""
        if self.variance is None or not self.target_to_date:
            return None
        percent = round_percent(self.variance * 100 / self.target_to_date)
        return percent if percent else abs(percent)  # a variance of −0.04 % reads 0.0 %, not −0.0 %


def _sum(figures, share: Decimal = ONE) -> Figure:
    target = actual = None
    for figure in figures:
        target, actual = _plus(target, figure.target), _plus(actual, figure.actual)
    return Figure(target, actual, share)


@dataclass(frozen=True)
class PlanMonth:
    month: date
    state: str  # OVER, TO_DATE (the current month) or AHEAD (not begun)
    streams: dict[str, Figure]
    budget: Decimal = ZERO
    share: Decimal = ONE  # the part of the month gone by

    @property
    def total(self) -> Figure:
        return _sum(self.streams.values(), self.share)

    @property
    def figures(self) -> list[Figure]:
        """The streams' figures in the order of revenue.Stream, then the total: a table row's cells."""
        return [*(self.streams[stream] for stream in Stream), self.total]


@dataclass
class PlanReport:
    plan: MarketingPlan
    segment: str  # blank: the whole hotel
    today: date
    months: list[PlanMonth] = field(default_factory=list)

    @property
    def year_to_date(self) -> PlanMonth:
        """The months begun: their actuals, their targets to date (the month under way pro rata) and budgets."""
        begun = [month for month in self.months if month.state != AHEAD]
        streams = {
            stream: _sum(Figure(month.streams[stream].target_to_date, month.streams[stream].actual) for month in begun)
            for stream in Stream
        }
        state = TO_DATE if any(month.state == TO_DATE for month in begun) else OVER
        return PlanMonth(date(self.plan.year, 1, 1), state, streams, sum((month.budget for month in begun), ZERO))

    @property
    def year_target(self) -> Decimal | None:
        return _sum(month.total for month in self.months).target

    @property
    def year_budget(self) -> Decimal:
        return sum((month.budget for month in self.months), ZERO)

    @property
    def achieved_percent(self) -> Decimal | None:
        """The actual to date as a percentage of the whole year's target."""
        actual = self.year_to_date.total.actual
        target = self.year_target
        return round_percent(actual * 100 / target) if actual is not None and target else None


def _state(month: date, today: date) -> tuple[str, Decimal]:
    """Whether the month is over, under way or ahead, and the part of it gone by (today included)."""
    if month > today:
        return AHEAD, Decimal(0)
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    if following <= today:
        return OVER, ONE
    return TO_DATE, Decimal(today.day) / (following - month).days


def _budgets(year: int, segment: str) -> dict[int, Decimal]:
    promotions = Promotion.objects.filter(starts_on__year=year)
    if segment:
        promotions = promotions.filter(segments__contains=[segment])
    rows = promotions.annotate(month=ExtractMonth("starts_on")).values("month").annotate(budget=Sum("budget"))
    return {row["month"]: row["budget"] for row in rows}


def plan_report(plan: MarketingPlan, *, segment: str = "", today: date) -> PlanReport:
    """Plan vs actual of `plan` for the whole hotel or one `segment`, month by month, up to `today`."""
    targets = {
        (target.month, target.stream): target.amount for target in plan.targets.filter(segment=segment).order_by()
    }
    first = date(plan.year, 1, 1)
    actuals = revenue.by_stream(first, min(date(plan.year, 12, 31), today)) if first <= today else {}
    budgets = _budgets(plan.year, segment)
    report = PlanReport(plan, segment, today)
    for number in MONTHS:
        month = date(plan.year, number, 1)
        state, share = _state(month, today)
        streams = {
            stream: Figure(
                targets.get((number, stream)),
                None if state == AHEAD else actuals[stream].of(month=month, segment=segment or None),
                share,
            )
            for stream in Stream
        }
        report.months.append(PlanMonth(month, state, streams, budgets.get(number, ZERO), share))
    return report


def _number(amount: Decimal | None) -> float | None:
    return None if amount is None else float(amount)


def chart_data(report: PlanReport) -> dict:
    """What the plan's chart draws: each stream's actual as stacked bars and the total target as a line, per month;
    the same figures as the table."""
    return {
        "labels": [formats.date_format(month.month, "M") for month in report.months],
        "streams": [
            {
                "stream": stream.value,
                "label": str(stream.label),
                "values": [_number(month.streams[stream].actual) for month in report.months],
            }
            for stream in Stream
        ],
        "target": {"label": gettext("Target"), "values": [_number(month.total.target) for month in report.months]},
    }
