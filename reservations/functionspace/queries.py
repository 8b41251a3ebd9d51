"""Reads of function rooms, equipment and events that pages share, so that page query counts stay flat."""

from datetime import datetime
from typing import NamedTuple

from django.db.models import Count, F, QuerySet

from reservations.models import Booking, Dish, Event, EventSpan, FunctionRoom, Menu, Package, Resource


def diary_rooms() -> list[FunctionRoom]:
    """The active function rooms in diary order, with what the diary shows of them."""
    return list(FunctionRoom.objects.filter(active=True).only("code", "name_zh", "name_en", "floor", "sort_order"))


def room_sections() -> dict[int, frozenset[int]]:
    """The atomic sections of every function room, active or not, by the room's id (one query; a room without
    sections is its own section and is left out)."""
    sections: dict[int, set[int]] = {}
    for room_id, section_id in FunctionRoom.sections.through.objects.values_list(
        "from_functionroom_id", "to_functionroom_id"
    ):
        sections.setdefault(room_id, set()).add(section_id)
    return {room_id: frozenset(ids) for room_id, ids in sections.items()}


class DiaryEvent(NamedTuple):
    """What the diary shows of an event: read as plain rows, as a busy week holds hundreds."""

    pk: int
    room_id: int
    start: datetime
    end: datetime
    title: str
    booking_id: int
    booking_name: str
    status: str

    @property
    def status_label(self) -> str:
        return Booking.Status(self.status).label


def events_between(start, end) -> list[DiaryEvent]:
    """Events of any status that overlap [start, end), with their booking's name and status."""
    rows = (
        Event.objects.alias(span=EventSpan(F("start"), F("end")))
        .filter(span__overlap=(start, end))
        .order_by("start", "id")
        .values_list(*DiaryEvent._fields[:-2], "booking__name", "booking__status")
    )
    return [DiaryEvent(*row) for row in rows]


def function_rooms() -> list[FunctionRoom]:
    """Every function room, active or not, with its sections and setups (the configuration list)."""
    return list(FunctionRoom.objects.prefetch_related("sections", "setups"))


def resources() -> QuerySet[Resource]:
    return Resource.objects.order_by("-active", "name_zh")


def menus() -> QuerySet[Menu]:
    """The menu library with the number of dishes of each menu."""
    return Menu.objects.annotate(dish_count=Count("dishes")).order_by("-active", "kind", "name_zh")


def packages() -> QuerySet[Package]:
    return Package.objects.select_related("menu").order_by("-active", "kind", "name_zh")


def courses(menu: Menu | None) -> list[tuple[str, list[Dish]]]:
    """A menu's dishes grouped by course in serving order: [(course label, dishes)]."""
    if menu is None:
        return []
    grouped: dict[int, list[Dish]] = {}
    for dish in menu.dishes.all():
        grouped.setdefault(dish.course, []).append(dish)
    return [(Dish.Course(course).label, dishes) for course, dishes in sorted(grouped.items())]
