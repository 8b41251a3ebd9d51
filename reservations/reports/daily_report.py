"""The daily guest-status report (当日客情) for a date, in a fixed number of queries whatever the hotel's size.

Room figures for a night count the reservations holding rooms that night (reserved, in house or checked
out; not cancelled or no-show): occupancy = rooms sold / rooms in the hotel, ADR = room revenue / rooms sold,
RevPAR = room revenue / rooms in the hotel. Each is set beside the same weekday last year (364 days before),
so a Saturday is read against a Saturday. The day's counts are compared the same way and counted alike on both
dates: arrivals and departures are the reservations holding rooms that arrive or leave that day, in house the
reservations holding rooms that night, groups the group blocks with rooms that night, covers the persons of the
day's events (the actual count once recorded).

The summary (the KPIs, VIP arrivals with how far their arrangements are, groups with pickup, the events, the
escalated and open complaints) fits one page; the full lists are on the full report and in the CSV.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from clienthistory.models import Profile
from hotelsales.emails import queue_email
from hotelsales.jobs import recorded_run
from hotelsales.models import JobRun
from hotelsales.money import round_money, round_percent
from hotelsales.roles import Role
from reservations.models import (
    BlockNight,
    Booking,
    Complaint,
    DailyReportMail,
    Event,
    EventSpan,
    GroupBlock,
    Reservation,
    RoomType,
    StayRange,
    VipTask,
)

STATUS = Reservation.Status
HOLDING = [STATUS.RESERVED, STATUS.CHECKED_IN, STATUS.CHECKED_OUT]
ZERO = Decimal("0.00")
LAST_YEAR = timedelta(days=364)


@dataclass(frozen=True)
class RoomFigures:
    night: date
    rooms_total: int
    rooms_sold: int
    revenue: Decimal

    @property
    def occupancy(self) -> Decimal:
        return round_percent(Decimal(self.rooms_sold) * 100 / self.rooms_total) if self.rooms_total else ZERO

    @property
    def adr(self) -> Decimal:
        return round_money(self.revenue / self.rooms_sold) if self.rooms_sold else ZERO

    @property
    def revpar(self) -> Decimal:
        return round_money(self.revenue / self.rooms_total) if self.rooms_total else ZERO


@dataclass
class GroupInHouse:
    block: GroupBlock
    blocked: int
    picked_up: int

    @property
    def pickup_percent(self) -> Decimal:
        return round_percent(Decimal(self.picked_up) * 100 / self.blocked) if self.blocked else ZERO


@dataclass(frozen=True)
class DayCounts:
    arrivals: int = 0
    departures: int = 0
    in_house: int = 0
    groups: int = 0
    covers: int = 0


@dataclass(frozen=True)
class Kpi:
    """One line of the summary: the day's figure beside last year's; `kind` says how to show it."""

    label: str
    today: Decimal | int
    last_year: Decimal | int
    kind: str = "count"  # "percent", "money" or "count"

    @property
    def change(self) -> Decimal | int:
        return self.today - self.last_year


@dataclass(frozen=True)
class VipArrival:
    """A VIP arriving, with how far the arrangement's tasks are: the summary shows the count, not every task."""

    reservation: Reservation

    @property
    def arrangement(self):
        return getattr(self.reservation, "vip_arrangement", None)

    @property
    def tasks_done(self) -> int:
        return sum(1 for task in self.arrangement.tasks.all() if task.done_at) if self.arrangement else 0

    @property
    def tasks_total(self) -> int:
        return len(self.arrangement.tasks.all()) if self.arrangement else 0


@dataclass
class DailyReport:
    day: date
    figures: RoomFigures
    last_year: RoomFigures
    counts: DayCounts = field(default_factory=DayCounts)
    last_year_counts: DayCounts = field(default_factory=DayCounts)
    open_complaints: int = 0
    escalated_complaints: int = 0
    arrivals: list[Reservation] = field(default_factory=list)
    in_house: list[Reservation] = field(default_factory=list)
    departures: list[Reservation] = field(default_factory=list)
    no_shows: list[Reservation] = field(default_factory=list)
    groups: list[GroupInHouse] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    complaints: list[Complaint] = field(default_factory=list)

    @property
    def vip_arrivals(self) -> list[Reservation]:
        return [r for r in self.arrivals if r.guest.vip_level_id]

    @property
    def kpis(self) -> list[Kpi]:
        today, last_year = self.figures, self.last_year
        counts, before = self.counts, self.last_year_counts
        return [
            Kpi(_("Occupancy"), today.occupancy, last_year.occupancy, "percent"),
            Kpi(_("ADR"), today.adr, last_year.adr, "money"),
            Kpi(_("RevPAR"), today.revpar, last_year.revpar, "money"),
            Kpi(_("Arrivals"), counts.arrivals, before.arrivals),
            Kpi(_("Departures"), counts.departures, before.departures),
            Kpi(_("In house"), counts.in_house, before.in_house),
            Kpi(_("Groups in house"), counts.groups, before.groups),
            Kpi(_("Covers of the day's events"), counts.covers, before.covers),
        ]

    @property
    def vips(self) -> list[VipArrival]:
        return [VipArrival(r) for r in self.vip_arrivals]


def _rooms_total() -> int:
    return RoomType.objects.filter(active=True).aggregate(total=Sum("rooms"))["total"] or 0


def room_figures(night: date) -> RoomFigures:
    """Rooms sold and room revenue of the night, from the reservations holding rooms on it (two queries)."""
    totals = _night_totals([night])[0]
    return RoomFigures(night, _rooms_total(), totals["sold"], round_money(totals["revenue"]))


def _reservations():
    tasks = Prefetch("vip_arrangement__tasks", queryset=VipTask.objects.order_by("due_at"))
    return Reservation.objects.select_related(
        "guest", "guest__vip_level", "room_type", "block__booking", "vip_arrangement"
    ).prefetch_related(tasks)


def _vips(reservations):
    """The reservations whose guest has a VIP level, looked up guest by guest: joined on the VIP level instead,
    PostgreSQL reads and hashes every VIP profile of the files to keep the day's few, a cost that grows with the
    files while the day's arrivals do not."""
    level = Subquery(Profile.objects.filter(pk=OuterRef("guest_id")).order_by().values("vip_level_id"))
    return reservations.alias(guest_level=level).filter(guest_level__isnull=False)


def _vip_first(reservations) -> list[Reservation]:
    return sorted(reservations, key=lambda r: (r.guest.vip_level.rank if r.guest.vip_level_id else 999, r.guest.name))


def _day_span(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def _night_totals(days: list[date]) -> list[dict]:
    """Rooms sold, room revenue, arrivals, departures and in house of each day, from the reservations holding
    rooms, counted alike whatever the day (one query for all the days, reading through the indexes only the
    reservations that touch one of them)."""
    aggregates, concerned = {}, Q(pk__in=[])
    for index, day in enumerate(days):
        staying = Q(stay__contains=day)
        concerned |= staying | Q(arrival=day) | Q(departure=day)
        aggregates[f"sold{index}"] = Sum("rooms", filter=staying, default=0)
        aggregates[f"revenue{index}"] = Sum(F("rooms") * F("rate"), filter=staying, default=ZERO)
        aggregates[f"arrivals{index}"] = Count("pk", filter=Q(arrival=day))
        aggregates[f"departures{index}"] = Count("pk", filter=Q(departure=day))
        aggregates[f"in_house{index}"] = Count("pk", filter=staying)
    totals = (
        Reservation.objects.alias(stay=StayRange(F("arrival"), F("departure")))
        .filter(concerned, status__in=HOLDING)
        .aggregate(**aggregates)
    )
    names = ("sold", "revenue", "arrivals", "departures", "in_house")
    return [{name: totals[f"{name}{index}"] for name in names} for index in range(len(days))]


def _events(day: date):
    return Event.objects.alias(span=EventSpan(F("start"), F("end"))).filter(
        span__overlap=_day_span(day), booking__status__in=Booking.HOLDING
    )


def _covers(event: Event) -> int:
    return event.actual if event.actual is not None else event.persons


def daily_report(day: date, *, full: bool = True) -> DailyReport:
    """The guest status of `day`. The one-page summary (`full=False`) reads of the day's reservations only the VIP
    arrivals it lists, its counts coming from the night's totals; the full report reads every list."""
    last_year = day - LAST_YEAR
    this_year, before = _night_totals([day, last_year])
    rooms_total = _rooms_total()
    report = DailyReport(
        day=day,
        figures=RoomFigures(day, rooms_total, this_year.pop("sold"), round_money(this_year.pop("revenue"))),
        last_year=RoomFigures(last_year, rooms_total, before.pop("sold"), round_money(before.pop("revenue"))),
    )
    arriving = _reservations().filter(arrival=day, status__in=[STATUS.RESERVED, STATUS.CHECKED_IN])
    report.arrivals = _vip_first(arriving if full else _vips(arriving))
    if full:
        _read_lists(report, day)
    nights = list(
        BlockNight.objects.filter(night__in=[day, last_year], block__booking__status__in=Booking.HOLDING)
        .values("night", "block")
        .annotate(blocked=Sum("blocked"), picked=Sum("picked_up"))
        .filter(Q(blocked__gt=0) | Q(picked__gt=0))
    )
    cells = [cell for cell in nights if cell["night"] == day]
    blocks = GroupBlock.objects.select_related("booking__account").in_bulk([cell["block"] for cell in cells])
    report.groups = sorted(
        (GroupInHouse(blocks[cell["block"]], cell["blocked"], cell["picked"]) for cell in cells),
        key=lambda group: group.block.booking.name,
    )
    report.events = list(
        _events(day).select_related("booking", "booking__account", "room").order_by("start", "room__sort_order")
    )
    last_year_covers = _events(last_year).aggregate(covers=Sum(Coalesce("actual", "guaranteed", "expected")))["covers"]
    report.counts = DayCounts(**this_year, groups=len(cells), covers=sum(_covers(event) for event in report.events))
    report.last_year_counts = DayCounts(**before, groups=len(nights) - len(cells), covers=last_year_covers or 0)
    unresolved = Complaint.objects.filter(status__in=[Complaint.Status.OPEN, Complaint.Status.IN_PROGRESS])
    report.complaints = list(
        unresolved.select_related("guest", "assigned_to").order_by(
            F("escalated_at").asc(nulls_last=True), "first_response_due"
        )[:100]
    )
    complaint_counts = unresolved.aggregate(
        all=Count("pk"), escalated=Count("pk", filter=Q(escalated_at__isnull=False))
    )
    report.open_complaints, report.escalated_complaints = complaint_counts["all"], complaint_counts["escalated"]
    return report


def _read_lists(report: DailyReport, day: date) -> None:
    """The full report's lists: everyone in house, every departure and no-show of the day."""
    report.in_house = list(
        _reservations()
        .alias(stay=StayRange(F("arrival"), F("departure")))
        .filter(stay__contains=day, status=STATUS.CHECKED_IN)
        .order_by("guest__name", "pk")
    )
    report.departures = list(
        _reservations()
        .filter(departure=day, status__in=[STATUS.CHECKED_IN, STATUS.CHECKED_OUT])
        .order_by("status", "guest__name")
    )
    report.no_shows = list(_reservations().filter(arrival=day, status=STATUS.NO_SHOW).order_by("guest__name"))


def send_daily_report(*, on_date: date) -> JobRun:
    """Email the day's report to the managers, once per date: the DailyReportMail row is claimed first, so a
    second run (a repeated beat, a retry) finds it and sends nothing."""
    with recorded_run("send_daily_report", on_date=on_date) as run:
        managers = list(
            get_user_model()
            .objects.filter(groups__name=Role.MANAGER, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        sent = 0
        with transaction.atomic():
            _mail, created = DailyReportMail.objects.get_or_create(
                on_date=on_date, defaults={"recipients": len(managers)}
            )
            if created and managers:
                queue_email("daily_report", {"report": daily_report(on_date, full=False)}, to=managers)
                sent = len(managers)
        run.counts = {"recipients": sent}
    return run
