"""Reads of the guest-care pages (VIP receptions, complaints, feedback), each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.utils import timezone

from clienthistory.models import VipLevel
from hotelsales.money import round_half_up
from reservations.models import (
    Booking,
    Complaint,
    Department,
    FeedbackRequest,
    Reservation,
    Satisfaction,
    VipArrangement,
    VipTask,
    VipTemplateTask,
)

HOUR = Decimal("0.1")


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(day, time.min)),
        timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)),
    )


def template_levels() -> list[tuple[VipLevel, list[VipTemplateTask]]]:
    """Every VIP level with its template tasks in the order they fall due."""
    tasks: dict[int, list[VipTemplateTask]] = {}
    for task in VipTemplateTask.objects.order_by("offset_minutes", "id"):
        tasks.setdefault(task.level_id, []).append(task)
    return [(level, tasks.get(level.pk, [])) for level in VipLevel.objects.order_by("rank")]


def arrangements() -> QuerySet[VipArrangement]:
    return VipArrangement.objects.select_related(
        "guest", "level", "owner", "reservation__room_type", "event__room", "event__booking"
    )


def arrangement_tasks(arrangement: VipArrangement) -> list[VipTask]:
    return list(arrangement.tasks.select_related("done_by").order_by("due_at", "id"))


def _live_arrangements(day_start: datetime, day: date) -> Q:
    """Tasks of stays that still hold rooms and have not left before `day`, and of events of space-holding
    bookings that have not ended before `day`: a past stay's forgotten task is no longer anyone's work."""
    stay = Q(
        arrangement__reservation__status__in=Reservation.HOLDING,
        arrangement__reservation__departure__gte=day,
    )
    event = Q(arrangement__event__booking__status__in=Booking.HOLDING, arrangement__event__end__gte=day_start)
    return stay | event


@dataclass
class BoardDepartment:
    department: str
    label: str
    tasks: list[VipTask] = field(default_factory=list)


def vip_board(day: date) -> list[BoardDepartment]:
    """Per department, the VIP tasks due on `day` and those still open from before (overdue), in one query."""
    start, end = _day_bounds(day)
    tasks = (
        VipTask.objects.filter(_live_arrangements(start, day))
        .filter(Q(due_at__gte=start, due_at__lt=end) | Q(due_at__lt=start, done_at__isnull=True))
        .select_related(
            "done_by",
            "arrangement__guest",
            "arrangement__level",
            "arrangement__reservation__room_type",
            "arrangement__event__room",
            "arrangement__event__booking",
        )
        .order_by("due_at", "id")
    )
    board = {value: BoardDepartment(value, label) for value, label in Department.choices}
    for task in tasks:
        task.overdue = task.done_at is None and task.due_at < start
        board[task.department].tasks.append(task)
    return [department for department in board.values() if department.tasks]


def complaints() -> QuerySet[Complaint]:
    return Complaint.objects.select_related(
        "guest", "reservation", "event", "booking", "received_by", "assigned_to", "compensation_approved_by",
        "callback_by",
    )  # fmt: skip


def open_statuses() -> list[str]:
    return [Complaint.Status.OPEN, Complaint.Status.IN_PROGRESS]


def overdue_response(now: datetime) -> Q:
    """A complaint still waiting for its first response after the SLA."""
    return Q(first_response_at__isnull=True, first_response_due__lt=now, status__in=open_statuses())


def guest_care(profile) -> dict:
    """A guest's complaints and the feedback they gave, newest first."""
    return {
        "profile": profile,
        "complaints": list(complaints().filter(guest=profile)[:50]),
        "feedback": list(
            FeedbackRequest.objects.filter(guest=profile, answered_at__isnull=False)
            .select_related("reservation", "event")
            .order_by("-answered_at", "-id")[:50]
        ),
    }


def booking_care(booking: Booking) -> dict:
    """A booking's complaints, its events (to log a complaint about one) and the VIP receptions of its events."""
    return {
        "booking": booking,
        "events": list(booking.events.order_by("start", "id")),
        "complaints": list(complaints().filter(booking=booking)),
        "arrangements": list(arrangements().filter(event__booking=booking).order_by("anchor", "id")),
    }


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The hotel's local month holding `month`, as aware datetimes [first day 00:00, next month's first day)."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return _day_bounds(first)[0], _day_bounds(following)[0]


@dataclass(frozen=True)
class Row:
    value: str
    label: str
    count: int


@dataclass
class ComplaintAnalysis:
    month: date
    total: int
    by_category: list[Row]
    by_department: list[Row]
    by_severity: list[Row]
    satisfaction: list[Row]
    callbacks: int
    responded: int
    resolved: int
    average_response_hours: Decimal | None
    average_resolution_hours: Decimal | None
    compensation: Decimal


def _hours(duration: timedelta | None) -> Decimal | None:
    if duration is None:
        return None
    return round_half_up(Decimal(duration.total_seconds()) / 3600, HOUR)


BREAKDOWNS = {
    "category": Complaint.Category,
    "department": Department,
    "severity": Complaint.Severity,
    "satisfaction": Satisfaction,
}


def complaint_analysis(month: date) -> ComplaintAnalysis:
    """The complaints received in a local month, counted by category, department and severity, with the
    average hours from receipt to first response and to resolution, and how satisfied the guests called back
    were — all in one aggregate query."""
    start, end = month_bounds(month)
    counts = {
        f"{name}__{value}": Count("pk", filter=Q(**{name: value}))
        for name, choices in BREAKDOWNS.items()
        for value in choices.values
    }
    figures = Complaint.objects.filter(received_at__gte=start, received_at__lt=end).aggregate(
        total=Count("pk"),
        responded=Count("pk", filter=Q(first_response_at__isnull=False)),
        resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        callbacks=Count("pk", filter=~Q(satisfaction="")),
        response=Avg(F("first_response_at") - F("received_at")),
        resolution=Avg(F("resolved_at") - F("received_at")),
        compensation=Sum("compensation"),
        **counts,
    )

    def rows(name: str) -> list[Row]:
        return [Row(value, str(label), figures[f"{name}__{value}"]) for value, label in BREAKDOWNS[name].choices]

    return ComplaintAnalysis(
        month=month.replace(day=1),
        total=figures["total"],
        by_category=rows("category"),
        by_department=rows("department"),
        by_severity=rows("severity"),
        satisfaction=rows("satisfaction"),
        callbacks=figures["callbacks"],
        responded=figures["responded"],
        resolved=figures["resolved"],
        average_response_hours=_hours(figures["response"]),
        average_resolution_hours=_hours(figures["resolution"]),
        compensation=figures["compensation"] or Decimal("0.00"),
    )
