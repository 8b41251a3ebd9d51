import math
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hotelsales.models import BilingualName
from reservations.models.bookings import Booking

MONEY = {"max_digits": 12, "decimal_places": 2, "default": Decimal("0"), "validators": [MinValueValidator(0)]}
TABLE_SEATS = 10  # a banquet round seats 10 ("per table of 10")


class SetupStyle(models.TextChoices):
    THEATRE = "theatre", _("Theatre")
    CLASSROOM = "classroom", _("Classroom")
    BANQUET = "banquet", _("Banquet rounds of 10")
    U_SHAPE = "u_shape", _("U-shape")
    BOARDROOM = "boardroom", _("Boardroom")
    COCKTAIL = "cocktail", _("Cocktail")


class FunctionRoom(BilingualName):
    """A banquet hall or meeting room (宴会厅/会议室). A combined room (a grand ballroom) is made of sections;
    booking it blocks each section, and booking a section blocks it."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    area_sqm = models.DecimalField(_("area (m²)"), max_digits=7, decimal_places=1, default=Decimal("0"))
    floor = models.CharField(_("floor"), max_length=20, blank=True)
    setup_buffer_minutes = models.PositiveSmallIntegerField(_("setup buffer (minutes)"), default=60)
    teardown_buffer_minutes = models.PositiveSmallIntegerField(_("teardown buffer (minutes)"), default=60)
    sections = models.ManyToManyField(
        "self", verbose_name=_("made of sections"), symmetrical=False, blank=True, related_name="combinations"
    )
    sort_order = models.PositiveSmallIntegerField(_("order in the diary"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("function room")
        verbose_name_plural = _("function rooms")
        ordering = ["sort_order", "code"]

    def get_absolute_url(self):
        return reverse("reservations:function-room-edit", args=[self.pk])


class RoomSetup(models.Model):
    room = models.ForeignKey(FunctionRoom, on_delete=models.CASCADE, related_name="setups")
    style = models.CharField(_("setup"), max_length=20, choices=SetupStyle.choices)
    min_capacity = models.PositiveIntegerField(_("minimum"), default=1)
    max_capacity = models.PositiveIntegerField(_("maximum"))

    class Meta:
        verbose_name = _("setup")
        verbose_name_plural = _("setups")
        ordering = ["room", "style"]
        constraints = [
            models.UniqueConstraint(fields=["room", "style"], name="one_capacity_per_room_setup"),
            models.CheckConstraint(condition=Q(min_capacity__lte=models.F("max_capacity")), name="setup_min_le_max"),
        ]

    def __str__(self):
        return f"{self.room} {self.get_style_display()} {self.min_capacity}–{self.max_capacity}"


class Resource(BilingualName):
    """Equipment the hotel owns in a number of pieces (projectors, a stage, microphones)."""

    quantity = models.PositiveSmallIntegerField(_("pieces owned"), default=1)
    unit_price = models.DecimalField(_("price per piece and event"), **MONEY)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["name_zh"]


class EventSpan(models.Func):
    """An event's time as a PostgreSQL range [start, end); a GiST index finds the events overlapping a day or a
    week without reading every earlier event."""

    function = "tstzrange"
    output_field = DateTimeRangeField()


class Event(models.Model):
    """A function inside a booking (活动): a room, a time, a setup, the counts, the menu and the notes the
    banquet event order (BEO) carries to the kitchen and the service team."""

    class Pricing(models.TextChoices):
        PER_PERSON = "per_person", _("Per person")
        PER_TABLE = "per_table", _("Per table of 10")

    booking = models.ForeignKey(Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    room = models.ForeignKey(FunctionRoom, verbose_name=_("function room"), on_delete=models.PROTECT, related_name="+")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    setup = models.CharField(_("setup"), max_length=20, choices=SetupStyle.choices)
    expected = models.PositiveIntegerField(_("expected attendance"))
    guaranteed = models.PositiveIntegerField(_("guaranteed attendance"), null=True, blank=True)
    actual = models.PositiveIntegerField(_("actual attendance"), null=True, blank=True)
    overset_percent = models.DecimalField(
        _("overset %"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("3"),
        validators=[MinValueValidator(0), MaxValueValidator(50)],
    )
    guarantee_due_on = models.DateField(_("guarantee due on"))
    guarantee_applied = models.BooleanField(_("guarantee set from expected count"), default=False, editable=False)
    pricing = models.CharField(_("menu priced"), max_length=20, choices=Pricing.choices, default=Pricing.PER_PERSON)
    chosen_menu = models.ForeignKey(
        "reservations.Menu",
        verbose_name=_("banquet menu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Choosing one sets the pricing and the price; change the price after if the client got another."),
    )
    package = models.ForeignKey(
        "reservations.Package",
        verbose_name=_("package"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    menu = models.TextField(_("menu"), blank=True)
    menu_price = models.DecimalField(_("menu price"), **MONEY)
    tables = models.PositiveSmallIntegerField(_("tables"), default=0)
    spare_tables = models.PositiveSmallIntegerField(_("spare tables"), default=0)
    spare_tables_used = models.PositiveSmallIntegerField(
        _("spare tables used"),
        null=True,
        blank=True,
        help_text=_("After the event; left empty, the spares the actual attendance needed are billed."),
    )
    beverage_menu = models.ForeignKey(
        "reservations.Menu",
        verbose_name=_("beverage package"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "beverage"},
        help_text=_("Choosing one sets how beverages are priced and their price."),
    )
    beverage_pricing = models.CharField(
        _("beverages priced"), max_length=20, choices=Pricing.choices, default=Pricing.PER_PERSON
    )
    beverage_package = models.CharField(
        _("other beverages"),
        max_length=200,
        blank=True,
        help_text=_("What the library has no package for, such as spirits charged as consumed."),
    )
    beverage_price = models.DecimalField(_("beverage price"), **MONEY)
    room_rental = models.DecimalField(_("room rental"), **MONEY)
    fnb_minimum = models.DecimalField(_("F&B minimum"), **MONEY)
    kitchen_notes = models.TextField(_("kitchen notes"), blank=True)
    service_notes = models.TextField(_("service notes"), blank=True)
    setup_notes = models.TextField(_("setup notes"), blank=True)
    av_notes = models.TextField(_("AV notes"), blank=True)
    decoration_notes = models.TextField(_("decoration notes"), blank=True)
    signage_notes = models.TextField(_("signage notes"), blank=True)
    estimated_total = models.DecimalField(
        _("estimated total"), max_digits=12, decimal_places=2, default=Decimal("0"), editable=False
    )
    beo_version = models.PositiveIntegerField(_("BEO version"), default=1, editable=False)
    resources = models.ManyToManyField(Resource, through="EventResource", blank=True, related_name="events")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["start"], name="event_start"),
            models.Index(fields=["end"], name="event_end"),
            GistIndex(EventSpan(models.F("start"), models.F("end")), name="event_span"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="event_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reservations:event-edit", args=[self.pk])

    def clean(self):
        self._check_package()
        if self.spare_tables_used is not None and self.spare_tables_used > self.spare_tables:
            raise ValidationError(
                {"spare_tables_used": _("More spare tables were used than were set: raise the spare tables first.")}
            )
        if self.start and self.end and self.end - self.start > timedelta(days=settings.MAX_EVENT_DAYS):
            raise ValidationError(
                {
                    "end": _("An event lasts at most %(days)s days; enter a longer function as one event a day.")
                    % {"days": settings.MAX_EVENT_DAYS}
                }
            )

    def _check_package(self) -> None:
        """A menu or a package, not both; a package sets how the event is priced, and a wedding package its
        fewest tables."""
        if self.chosen_menu_id and self.package_id:
            raise ValidationError({"package": _("Choose a menu or a package, not both.")})
        if not self.package_id:
            return
        if self.pricing != self.package.pricing:
            wedding = self.package.kind == self.package.Kind.WEDDING
            raise ValidationError(
                {
                    "pricing": _("A wedding package is priced per table.")
                    if wedding
                    else _("A meeting package is priced per person.")
                }
            )
        if self.tables < self.package.min_tables:
            raise ValidationError(
                {"tables": _("%(package)s is sold for at least %(count)s tables.")
                 % {"package": self.package.name, "count": self.package.min_tables}}
            )  # fmt: skip

    @property
    def persons(self) -> int:
        """The count to cook and charge for before the function: the guarantee, or the expected count."""
        return self.guaranteed if self.guaranteed is not None else self.expected

    @property
    def billable_persons(self) -> int:
        """R4: billing uses max(guaranteed, actual)."""
        return max(self.persons, self.actual or 0)

    @property
    def tables_used(self) -> int:
        """Tables to bill for a menu priced per table: the tables booked plus the spares used, as the banquet
        manager entered them after the event or, failing that, as many spares as the actual attendance needed
        at 10 a table. Spares stay free until used, so before the event this is the tables booked."""
        if self.spare_tables_used is not None:
            return self.tables + self.spare_tables_used
        needed = math.ceil((self.actual or 0) / TABLE_SEATS) - self.tables
        return self.tables + min(self.spare_tables, max(0, needed))

    @property
    def set_count(self) -> int:
        """Covers to set: the guarantee plus the overset percentage, rounded up."""
        return math.ceil(self.persons * (1 + self.overset_percent / 100))

    @property
    def span(self) -> tuple:
        """The time the room is taken, its setup and teardown buffers included."""
        return (
            self.start - timedelta(minutes=self.room.setup_buffer_minutes),
            self.end + timedelta(minutes=self.room.teardown_buffer_minutes),
        )


class EventResource(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="resource_lines")
    resource = models.ForeignKey(Resource, verbose_name=_("resource"), on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("resource of an event")
        verbose_name_plural = _("resources of events")
        constraints = [models.UniqueConstraint(fields=["event", "resource"], name="one_line_per_event_resource")]

    def __str__(self):
        return f"{self.resource} × {self.quantity}"


class SpaceClaim(models.Model):
    """R2 in the database: an event claims each atomic section of its room for its span, buffers included.

    Claims of space-holding bookings may not overlap on a section (exclusion constraint); claims of
    prospects are kept with holds=false and show in the diary as second options.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="claims")
    section = models.ForeignKey(FunctionRoom, on_delete=models.PROTECT, related_name="claims")
    span = DateTimeRangeField()
    holds = models.BooleanField(default=False)

    class Meta:
        constraints = [
            ExclusionConstraint(
                name="no_double_booking",
                expressions=[("section", RangeOperators.EQUAL), ("span", RangeOperators.OVERLAPS)],
                condition=Q(holds=True),
            )
        ]
        indexes = [models.Index(fields=["event"], name="claim_event")]

    def __str__(self):
        return f"{self.event} @ {self.section}"


class BeoPrint(models.Model):
    """A printed (or PDF) version of an event's BEO, with what it said, so later sheets can mark changes."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="beo_prints")
    version = models.PositiveIntegerField()
    printed_at = models.DateTimeField(auto_now_add=True)
    printed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["-printed_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["event", "version"], name="one_print_per_beo_version")]

    def __str__(self):
        return f"{self.event} v{self.version}"
