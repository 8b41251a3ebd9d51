"""The function diary: rooms × hours for a day, rooms × days for a week, built from one query of events; each day
with its festivals, official holiday and whether it is an auspicious wedding day (hotelsales.almanac), which
drive banquet demand. The page caches the laid-out grid under `Diary.version`, a digest of the rows read, so a
busy week is laid out once per change instead of once per look."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.utils import timezone

from hotelsales.almanac import DayMarks, marks_between
from hotelsales.listing import addresses
from reservations.functionspace import queries
from reservations.functionspace.queries import DiaryEvent
from reservations.models import FunctionRoom

FIRST_HOUR, LAST_HOUR = 7, 24


@dataclass
class Placed:
    event: DiaryEvent
    blocked_only: bool  # shown on a section (or whole room) that the event blocks without being booked in it
    left: float = 0.0  # percent of the day's width, for the day view
    width: float = 0.0
    starts: str = ""  # the event's start and end, local H:i
    ends: str = ""
    event_url: str = ""
    booking_url: str = ""


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
    """The rooms and the events of the days shown; the grid (`rows`) is laid out when first read, which a page
    whose grid is cached (`version`) does not do."""

    view: str
    days: list[date]
    rooms: list[FunctionRoom]
    sections: dict[int, frozenset[int]]  # a combined room's sections by its id (reservations.functionspace.queries)
    events: list[DiaryEvent]
    hours: list[int]
    marks: list[DayMarks]  # one per day

    @property
    def previous(self) -> date:
        return self.days[0] - timedelta(days=len(self.days))

    @property
    def next(self) -> date:
        return self.days[0] + timedelta(days=len(self.days))

    @cached_property
    def version(self) -> str:
        """A digest of everything the grid shows: the days, the rooms with their names and sections, and each
        event's room, times, title and booking. It is taken of the very rows the grid is laid out from, so a
        grid cached under it cannot show anything older than what its key was read from, however events,
        bookings or rooms were changed (forms, status changes, bulk updates, the admin, deletions)."""
        shown = (
            self.view,
            self.days[0],
            [(room.pk, room.code, room.name_zh, room.name_en, room.floor) for room in self.rooms],
            sorted((room_id, sorted(ids)) for room_id, ids in self.sections.items()),
            self.events,
        )
        return hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()

    @cached_property
    def rows(self) -> list[DiaryRow]:
        event_url, booking_url = addresses("reservations:event-edit"), addresses("reservations:booking-detail")
        rows = [DiaryRow(room=room, cells=[DiaryCell(day) for day in self.days]) for room in self.rooms]
        # The rows that show an event booked in a room: that room's, and those of the rooms sharing a section.
        showing: dict[int, list[tuple[DiaryRow, bool]]] = {}
        for event in self.events:
            if event.room_id not in showing:
                booked = self._sections_of(event.room_id)
                showing[event.room_id] = [
                    (row, row.room.pk != event.room_id)
                    for row in rows
                    if row.room.pk == event.room_id or booked & self._sections_of(row.room.pk)
                ]
            start, end = timezone.localtime(event.start), timezone.localtime(event.end)
            first, last = start.date(), (end - timedelta(microseconds=1)).date()
            links = {"event_url": event_url(event.pk), "booking_url": booking_url(event.booking_id)}
            for row, blocked_only in showing[event.room_id]:
                for cell in row.cells:
                    if first <= cell.day <= last:
                        cell.placed.append(_placed(event, cell.day, start, end, blocked_only=blocked_only, **links))
        return rows

    def _sections_of(self, room_id: int) -> frozenset[int]:
        return self.sections.get(room_id) or frozenset({room_id})


def build_diary(*, view: str, on: date) -> Diary:
    """The diary of the day `on`, or of the week (Monday to Sunday) that holds it."""
    days = [on] if view == "day" else [on - timedelta(days=on.weekday()) + timedelta(days=n) for n in range(7)]
    window_start = timezone.make_aware(datetime.combine(days[0], time.min))
    window_end = timezone.make_aware(datetime.combine(days[-1] + timedelta(days=1), time.min))
    return Diary(
        view=view,
        days=days,
        rooms=queries.diary_rooms(),
        sections=queries.room_sections(),
        events=queries.events_between(window_start, window_end),
        hours=list(range(FIRST_HOUR, LAST_HOUR)),
        marks=marks_between(days[0], days[-1]),
    )


def _placed(
    event: DiaryEvent, day: date, start: datetime, end: datetime, *, blocked_only: bool, **links: str
) -> Placed:
    span_minutes = (LAST_HOUR - FIRST_HOUR) * 60
    day_start = start if start.date() == day else timezone.make_aware(datetime.combine(day, time.min))
    first = max((day_start.hour - FIRST_HOUR) * 60 + day_start.minute, 0)
    last = min(((end - day_start).total_seconds() // 60) + first, span_minutes)
    return Placed(
        event=event,
        blocked_only=blocked_only,
        left=round(first / span_minutes * 100, 2),
        width=round(max(last - first, 15) / span_minutes * 100, 2),
        starts=f"{start:%H:%M}",
        ends=f"{end:%H:%M}",
        **links,
    )
