"""The function diary: rooms × hours for a day, rooms × days for a week, built from one query of events; each day
with its festivals, official holiday and whether it is an auspicious wedding day (hotelsales.almanac), which
drive banquet demand."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from hotelsales.almanac import DayMarks, marks_between
from reservations.functionspace import queries
from reservations.models import Event, FunctionRoom

FIRST_HOUR, LAST_HOUR = 7, 24


@dataclass
class Placed:
    event: Event
    blocked_only: bool  # shown on a section (or whole room) that the event blocks without being booked in it
    left: float = 0.0  # percent of the day's width, for the day view
    width: float = 0.0


@dataclass
class DiaryCell:
    day: date
    placed: list[Placed] = field(default_factory=list)


@dataclass
class DiaryRow:
    room: FunctionRoom
    cells: list[DiaryCell]


@dataclass
class Diary:
    view: str
    days: list[date]
    rows: list[DiaryRow]
    hours: list[int]
    marks: list[DayMarks]  # one per day

    @property
    def previous(self) -> date:
        return self.days[0] - timedelta(days=len(self.days))

    @property
    def next(self) -> date:
        return self.days[0] + timedelta(days=len(self.days))


def _sections(room: FunctionRoom) -> set[int]:
    return {section.pk for section in room.sections.all()} or {room.pk}


def build_diary(*, view: str, on: date) -> Diary:
    """The diary of the day `on`, or of the week (Monday to Sunday) that holds it."""
    days = [on] if view == "day" else [on - timedelta(days=on.weekday()) + timedelta(days=n) for n in range(7)]
    window_start = timezone.make_aware(datetime.combine(days[0], time.min))
    window_end = timezone.make_aware(datetime.combine(days[-1] + timedelta(days=1), time.min))
    rooms = queries.rooms_with_sections()
    events = queries.events_between(window_start, window_end)
    sections = {room.pk: _sections(room) for room in rooms}
    rooms_by_id = {room.pk: room for room in rooms}

    rows = []
    for room in rooms:
        row = DiaryRow(room=room, cells=[DiaryCell(day) for day in days])
        for event in events:
            booked_sections = sections.get(event.room_id) or _sections(rooms_by_id.get(event.room_id, event.room))
            if event.room_id != room.pk and not booked_sections & sections[room.pk]:
                continue
            start, end = timezone.localtime(event.start), timezone.localtime(event.end)
            for cell in row.cells:
                if start.date() <= cell.day <= (end - timedelta(microseconds=1)).date():
                    cell.placed.append(_placed(event, cell.day, start, end, blocked_only=event.room_id != room.pk))
        rows.append(row)
    return Diary(
        view=view,
        days=days,
        rows=rows,
        hours=list(range(FIRST_HOUR, LAST_HOUR)),
        marks=marks_between(days[0], days[-1]),
    )


def _placed(event: Event, day: date, start: datetime, end: datetime, *, blocked_only: bool) -> Placed:
    span_minutes = (LAST_HOUR - FIRST_HOUR) * 60
    day_start = start if start.date() == day else timezone.make_aware(datetime.combine(day, time.min))
    first = max((day_start.hour - FIRST_HOUR) * 60 + day_start.minute, 0)
    last = min(((end - day_start).total_seconds() // 60) + first, span_minutes)
    return Placed(
        event=event,
        blocked_only=blocked_only,
        left=round(first / span_minutes * 100, 2),
        width=round(max(last - first, 15) / span_minutes * 100, 2),
    )
