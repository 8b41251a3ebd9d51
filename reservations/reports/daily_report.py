"""The daily guest-status report (当日客情) for a date, in a fixed number of queries whatever the hotel's size.

Room figures for a night count the reservations holding rooms that night (reserved, in house or checked
out; not cancelled or no-show): occupancy = rooms sold / rooms in the hotel, ADR = room revenue / rooms sold,
RevPAR = room revenue / rooms in the hotel. Each is set beside the same weekday last year (364 days before).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Prefetch, Q, Sum
from django.utils import timezone

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


@dataclass
class DailyReport:
    day: date
    figures: RoomFigures
    last_year: RoomFigures
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


def room_figures(night: date) -> RoomFigures:
    """Rooms sold and room revenue of the night, from the reservations holding rooms on it (two queries)."""
    totals = (
        Reservation.objects.alias(stay=StayRange(F("arrival"), F("departure")))
        .filter(stay__contains=night, status__in=HOLDING)
        .aggregate(sold=Sum("rooms"), revenue=Sum(F("rooms") * F("rate")))
    )
    rooms_total = RoomType.objects.filter(active=True).aggregate(total=Sum("rooms"))["total"] or 0
    return RoomFigures(night, rooms_total, totals["sold"] or 0, round_money(totals["revenue"] or ZERO))


def _reservations():
    tasks = Prefetch("vip_arrangement__tasks", queryset=VipTask.objects.order_by("due_at"))
    return Reservation.objects.select_related(
        "guest", "guest__vip_level", "room_type", "block__booking", "vip_arrangement"
    ).prefetch_related(tasks)


def _vip_first(reservations) -> list[Reservation]:
    return sorted(reservations, key=lambda r: (r.guest.vip_level.rank if r.guest.vip_level_id else 999, r.guest.name))


def daily_report(day: date) -> DailyReport:
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = start + timedelta(days=1)
    report = DailyReport(day=day, figures=room_figures(day), last_year=room_figures(day - timedelta(days=364)))
    report.arrivals = _vip_first(_reservations().filter(arrival=day, status__in=[STATUS.RESERVED, STATUS.CHECKED_IN]))
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
    cells = (
        BlockNight.objects.filter(night=day, block__booking__status__in=Booking.HOLDING)
        .values("block")
        .annotate(blocked=Sum("blocked"), picked=Sum("picked_up"))
        .filter(Q(blocked__gt=0) | Q(picked__gt=0))
    )
    blocks = GroupBlock.objects.select_related("booking__account").in_bulk([cell["block"] for cell in cells])
    report.groups = sorted(
        (GroupInHouse(blocks[cell["block"]], cell["blocked"], cell["picked"]) for cell in cells),
        key=lambda group: group.block.booking.name,
    )
    report.events = list(
        Event.objects.alias(span=EventSpan(F("start"), F("end")))
        .filter(span__overlap=(start, end), booking__status__in=Booking.HOLDING)
        .select_related("booking", "booking__account", "room")
        .order_by("start", "room__sort_order")
    )
    report.complaints = list(
        Complaint.objects.filter(status__in=[Complaint.Status.OPEN, Complaint.Status.IN_PROGRESS])
        .select_related("guest", "assigned_to")
        .order_by("first_response_due")[:100]
    )
    return report


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
                queue_email("daily_report", {"report": daily_report(on_date)}, to=managers)
                sent = len(managers)
        run.counts = {"recipients": sent}
    return run
