"""Reads of function rooms, equipment and events that pages share, so that page query counts stay flat."""

from django.db.models import Count, F, QuerySet

from reservations.models import Dish, Event, EventSpan, FunctionRoom, Menu, Package, Resource


def rooms_with_sections() -> list[FunctionRoom]:
    return list(FunctionRoom.objects.filter(active=True).prefetch_related("sections", "setups"))


def events_between(start, end) -> list[Event]:
    """Events of any status that overlap [start, end), with their booking's name and status and their room:
    what the diary shows of them, and no more (a busy week holds hundreds)."""
    return list(
        Event.objects.alias(span=EventSpan(F("start"), F("end")))
        .filter(span__overlap=(start, end))
        .select_related("booking", "room")
        .only("title", "start", "end", "room", "booking__name", "booking__status")
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
