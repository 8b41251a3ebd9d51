"""The banquet event order (BEO, 宴会通知单): what the sheet of an event says, its prints, and what changed.

The sheet is a list of sections (booking, event, kitchen, service, setup, AV, decoration) of labelled text
fields, each under a stable key. A print stores that text (the snapshot) for the event's BEO version, once
per version; a later version's sheet marks the keys whose text differs from the latest print of an earlier
version, so the kitchen and the banquet team see at a glance what changed since the sheet they hold.

Snapshots are written in the hotel's language (settings.LANGUAGE_CODE), whatever language the person who
prints reads, so that switching the language never makes a field look changed.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Prefetch, QuerySet, prefetch_related_objects
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from clienthistory.models import Preference, Profile
from hotelsales.punctuation import aside, label, word_list
from hotelsales.templatetags.hotelsales import person
from reservations.functionspace.queries import courses
from reservations.models import BeoPrint, Booking, Dish, Event, EventResource, Menu


@dataclass(frozen=True)
class BeoField:
    key: str
    label: str
    value: str
    changed: bool = False


@dataclass(frozen=True)
class BeoSection:
    key: str
    title: str
    fields: tuple[BeoField, ...]

    @property
    def changed(self) -> bool:
        return any(field.changed for field in self.fields)


@dataclass(frozen=True)
class BeoSheet:
    event: Event
    sections: list[BeoSection]
    previous: BeoPrint | None  # the print that changes are marked against

    @property
    def heading(self) -> list[BeoSection]:
        """The booking and the event, printed side by side at the top."""
        return self.sections[:2]

    @property
    def departments(self) -> list[BeoSection]:
        """What each department must do: kitchen, service, setup, AV, decoration."""
        return self.sections[2:]


def beo_events() -> QuerySet[Event]:
    """Events with everything their sheet reads, so a sheet's query count does not grow with its content."""
    return Event.objects.select_related(
        "room", "booking", "booking__account", "booking__contact", "booking__owner", "chosen_menu", "package",
        "package__menu", "beverage_menu",
    ).prefetch_related(
        Prefetch("resource_lines", queryset=EventResource.objects.select_related("resource")),
        "chosen_menu__dishes",
        "package__menu__dishes",
        "beverage_menu__dishes",
    )  # fmt: skip


def beo_guests(event: Event) -> list[Profile]:
    """The people whose allergies and dietary needs the kitchen must know, with their preferences loaded.

    For now that is the booking's contact; this is the one place to add others (e.g. reservation guests).
    """
    guests = [event.booking.contact] if event.booking.contact_id else []
    prefetch_related_objects(guests, "preferences")
    return guests


def _guest_needs(guests: list[Profile], category: str) -> str:
    return "\n".join(
        label(guest.name) + preference.text
        for guest in guests
        for preference in guest.preferences.all()
        if preference.category == category
    )


def _date(event: Event) -> str:
    start = timezone.localtime(event.start)
    return f"{formats.date_format(start, 'DATE_FORMAT')} {formats.date_format(start, 'l')}"


def _time(event: Event) -> str:
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    if end.date() == start.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%H:%M}–{formats.date_format(end, 'SHORT_DATE_FORMAT')} {end:%H:%M}"


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _tables(event: Event) -> str:
    if not event.tables and not event.spare_tables:
        return ""
    tables = _("%(tables)s + %(spare)s spare") % {"tables": event.tables, "spare": event.spare_tables}
    if event.actual is None and event.spare_tables_used is None:
        return tables
    return _("%(tables)s, %(used)s used") % {"tables": tables, "used": event.tables_used}


def _covers(event: Event) -> str:
    covers = _("Set %(set)s covers: %(persons)s guests + %(overset)s %% overset") % {
        "set": event.set_count,
        "persons": event.persons,
        "overset": _percent(event.overset_percent),
    }
    if event.pricing == Event.Pricing.PER_TABLE and _tables(event):
        covers += "\n" + _("Served per table: %(tables)s") % {"tables": _tables(event)}
    return covers


def _dishes(event: Event) -> str:
    """The chosen menu's (or package's menu's) dishes by course, each with what it contains, for the kitchen to
    read next to the guests' allergies."""
    return _by_course(event.chosen_menu or (event.package.menu if event.package else None))


def _by_course(menu: Menu | None) -> str:
    """A menu's name, then its dishes (or a beverage package's drinks) course by course."""
    if menu is None:
        return ""
    lines = [menu.name]
    for course, dishes in courses(menu):
        lines.append(label(course) + word_list(_dish(dish) for dish in dishes))
    return "\n".join(lines)


def _dish(dish: Dish) -> str:
    if not dish.allergens:
        return dish.name
    return dish.name + aside(_("contains %(allergens)s") % {"allergens": dish.allergens})


def _package(event: Event) -> str:
    package = event.package
    if package is None:
        return ""
    return "\n".join(part for part in (package.name, package.includes) if part)


def _contact(event: Event) -> str:
    contact = event.booking.contact
    return " ".join(part for part in (contact.name, contact.mobile) if part) if contact else ""


def _resources(event: Event) -> str:
    return "\n".join(f"{line.resource.name} × {line.quantity}" for line in event.resource_lines.all())


def beo_sections(event: Event) -> list[BeoSection]:
    """The sheet's sections and fields, in the active language (load the event through beo_events())."""
    booking = event.booking
    guests = beo_guests(event)

    def section(key, title, *fields):
        return BeoSection(key, title, tuple(BeoField(*field) for field in fields))

    return [
        section(
            "booking",
            _("Booking"),
            ("booking", _("Booking"), booking.name),
            ("account", _("Account"), booking.account.name if booking.account else ""),
            ("contact", _("Contact"), _contact(event)),
            ("owner", _("Sales manager"), person(booking.owner)),
        ),
        section(
            "event",
            _("Event"),
            ("title", _("Event"), event.title),
            ("package", _("Package"), _package(event)),
            ("room", _("Function room"), event.room.name),
            ("date", _("Date"), _date(event)),
            ("time", _("Time"), _time(event)),
            ("expected", _("Expected attendance"), _count(event.expected)),
            ("guaranteed", _("Guaranteed attendance"), _count(event.guaranteed)),
            ("set_count", _("Set count"), _count(event.set_count)),
        ),
        section(
            "kitchen",
            _("Kitchen"),
            ("menu", _("Menu"), event.menu),
            ("covers", _("Covers"), _covers(event)),
            ("kitchen_notes", _("Kitchen notes"), event.kitchen_notes),
            ("dishes", _("Dishes"), _dishes(event)),
            ("allergies", _("Allergies"), _guest_needs(guests, Preference.Category.ALLERGY)),
            ("dietary", _("Dietary preferences"), _guest_needs(guests, Preference.Category.DIETARY)),
        ),
        section(
            "service",
            _("Service"),
            ("beverage_menu", _("Beverage package"), _by_course(event.beverage_menu)),
            ("beverage_package", _("Other beverages"), event.beverage_package),
            ("service_notes", _("Service notes"), event.service_notes),
        ),
        section(
            "setup",
            _("Setup"),
            ("setup", _("Setup style"), event.get_setup_display()),
            ("tables", _("Tables"), _tables(event)),
            ("setup_notes", _("Setup notes"), event.setup_notes),
            ("signage_notes", _("Signage"), event.signage_notes),
        ),
        section(
            "av",
            _("AV and equipment"),
            ("resources", _("Equipment"), _resources(event)),
            ("av_notes", _("AV notes"), event.av_notes),
        ),
        section(
            "decoration",
            _("Decoration"),
            ("decoration_notes", _("Decoration notes"), event.decoration_notes),
            ("package_decoration", _("Decoration in the package"), event.package.decoration if event.package else ""),
        ),
    ]


def beo_snapshot(event: Event) -> dict[str, str]:
    """The text of each field of the sheet under its key, in the hotel's language: what a print stores."""
    with translation.override(settings.LANGUAGE_CODE):
        return {field.key: field.value for section in beo_sections(event) for field in section.fields}


def previous_print(event: Event) -> BeoPrint | None:
    """The latest print of an earlier version of the event's BEO."""
    return event.beo_prints.filter(version__lt=event.beo_version).order_by("-version").first()


def _changed_keys(snapshot: dict[str, str], printed: BeoPrint | None) -> set[str]:
    if printed is None:
        return set()
    return {key for key, text in snapshot.items() if printed.snapshot.get(key, "") != text}


def changes_since_last_print(event: Event) -> set[str]:
    """The keys whose text differs from the latest print of an earlier version; none if never printed."""
    return _changed_keys(beo_snapshot(event), previous_print(event))


def settle_version(event: Event) -> None:
    """Some of what a BEO says changes without the event being saved: a guest's allergy on their profile.
    After definite, a sheet that no longer says what its printed version said becomes the next version."""
    if event.booking.status not in (Booking.Status.DEFINITE, Booking.Status.ACTUAL):
        return
    printed = event.beo_prints.filter(version=event.beo_version).first()
    if printed is not None and printed.snapshot != beo_snapshot(event):
        Event.objects.filter(pk=event.pk, beo_version=event.beo_version).update(beo_version=F("beo_version") + 1)
        event.refresh_from_db(fields=["beo_version"])


def beo_sheet(event: Event) -> BeoSheet:
    """The sheet in the active language, its changed fields marked."""
    settle_version(event)
    previous = previous_print(event)
    changed = _changed_keys(beo_snapshot(event), previous)
    sections = [
        replace(section, fields=tuple(replace(field, changed=field.key in changed) for field in section.fields))
        for section in beo_sections(event)
    ]
    return BeoSheet(event=event, sections=sections, previous=previous)


def record_print(*, event: Event, by) -> BeoPrint:
    """Record that the current version of the event's BEO was printed, with what it says.

    Idempotent per version: the first print of a version is kept, later ones return it. Two people printing
    at once are settled by the unique constraint one_print_per_beo_version (get_or_create catches the
    IntegrityError of the loser and returns the winner's row). A first print of a definite booking's event has
    a worker make its PDFs after the commit (reservations.sales.beo_pdfs).
    """
    from reservations.tasks import store_beo_pdfs_task  # the tasks module imports this one

    settle_version(event)
    beo_print, created = BeoPrint.objects.get_or_create(
        event=event,
        version=event.beo_version,
        defaults={"printed_by": by, "snapshot": lambda: beo_snapshot(event)},
    )
    if created and event.booking.status == Booking.Status.DEFINITE:
        transaction.on_commit(partial(store_beo_pdfs_task.delay, event.pk))
    return beo_print
