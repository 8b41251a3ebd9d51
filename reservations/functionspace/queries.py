"""Reads of function rooms, equipment and events that pages share, so that page query counts stay flat."""

from django.db.models import Count, F, QuerySet

from reservations.models import Dish, Event, EventSpan, FunctionRoom, Menu, Package, Resource


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


def events_between(start, end) -> list[Event]:
    """Events of any status that overlap [start, end), with their booking's name and status: what the diary
    shows of them, and no more (a busy week holds hundreds)."""
    return list(
        Event.objects.alias(span=EventSpan(F("start"), F("end")))
        .filter(span__overlap=(start, end))
        .select_related("booking")
        .only("title", "start", "end", "room_id", "booking__name", "booking__status")
        .order_by("start", "id")
    )


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
