from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import DateRangeField
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clienthistory.models import Profile
from hotelsales.models import BilingualName
from reservations.models.bookings import Booking, quoted_offer_code


class RoomType(BilingualName):
    """A kind of bedroom (deluxe king, executive suite…) and how many of them the hotel has."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    rooms = models.PositiveSmallIntegerField(_("number of rooms"))
    default_rate = models.DecimalField(
        _("default rate"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    overbooking_allowance = models.PositiveSmallIntegerField(
        _("overbooking allowance"), default=0, help_text=_("Rooms a manager may sell beyond the total each night.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("room type")
        verbose_name_plural = _("room types")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Inventory(models.Model):
    """The counts of one room type on one night, which availability reads.

    Changed only in the same transaction as the reservation or block that changes it, with a conditional
    UPDATE, so that two clerks racing for the last room cannot both win (R1). The database refuses counts
    beyond the total plus the overbooking allowance.
    """

    room_type = models.ForeignKey(RoomType, on_delete=models.CASCADE, related_name="inventory")
    night = models.DateField()
    total = models.PositiveSmallIntegerField()
    overbook_limit = models.PositiveSmallIntegerField(default=0)
    sold = models.PositiveIntegerField(default=0, help_text="rooms of reservations outside group blocks")
    blocked = models.PositiveIntegerField(default=0, help_text="rooms held by group blocks, picked up or not")
    picked_up = models.PositiveIntegerField(default=0, help_text="rooms of reservations inside group blocks")

    class Meta:
        verbose_name = _("nightly inventory")
        verbose_name_plural = _("nightly inventory")
        constraints = [
            models.UniqueConstraint(fields=["room_type", "night"], name="one_inventory_row_per_night"),
            models.CheckConstraint(
                condition=Q(sold__lte=F("total") + F("overbook_limit") - F("blocked")), name="inventory_not_oversold"
            ),
            models.CheckConstraint(condition=Q(picked_up__lte=F("blocked")), name="inventory_pickup_within_blocks"),
        ]

    def __str__(self):
        return f"{self.room_type.code} {self.night}"

    @property
    def available(self) -> int:
        return self.total - self.sold - self.blocked


class GroupBlock(models.Model):
    """Rooms held for a group booking, per night and room type, until the cutoff date."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="block", verbose_name=_("booking"))
    rate = models.DecimalField(_("group rate"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    cutoff_date = models.DateField(_("cutoff date"))
    attrition_allowance = models.DecimalField(
        _("attrition allowance %"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("10"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    released_on = models.DateField(_("released on"), null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group block")
        verbose_name_plural = _("group blocks")

    def __str__(self):
        return str(self.booking)

    def get_absolute_url(self):
        return reverse("reservations:block-detail", args=[self.pk])


class BlockNight(models.Model):
    """One cell of a block's grid: a room type on a night."""

    block = models.ForeignKey(GroupBlock, on_delete=models.CASCADE, related_name="nights")
    room_type = models.ForeignKey(RoomType, on_delete=models.PROTECT, related_name="+")
    night = models.DateField()
    contracted = models.PositiveIntegerField(_("contracted"), default=0)
    blocked = models.PositiveIntegerField(_("blocked"), default=0)
    picked_up = models.PositiveIntegerField(_("picked up"), default=0)
    released = models.PositiveIntegerField(_("released at cutoff"), default=0)
    shoulder = models.BooleanField(_("shoulder night"), default=False)

    class Meta:
        ordering = ["night", "room_type__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["block", "room_type", "night"], name="one_block_cell_per_night"),
            models.CheckConstraint(condition=Q(picked_up__lte=F("blocked")), name="block_pickup_within_blocked"),
        ]

    def __str__(self):
        return f"{self.block} {self.room_type.code} {self.night}"

    @property
    def available(self) -> int:
        return self.blocked - self.picked_up


class StayRange(models.Func):
    """The nights of a stay as a PostgreSQL date range [arrival, departure); a GiST index finds who is in
    house on a night without reading every earlier arrival."""

    function = "daterange"
    output_field = DateRangeField()


class Reservation(models.Model):
    """A room reservation (客房预订): a guest, the nights, a room type, how many rooms and at what rate."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Reserved")
        CHECKED_IN = "checked_in", _("Checked in")
        CHECKED_OUT = "checked_out", _("Checked out")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("No-show")

    class Source(models.TextChoices):
        PHONE = "phone", _("Phone")
        WALK_IN = "walk_in", _("Walk-in")
        EMAIL = "email", _("Email")
        WEBSITE = "website", _("Hotel website")
        OTA = "ota", _("Online travel agency")
        TRAVEL_AGENCY = "travel_agency", _("Travel agency")
        CORPORATE = "corporate", _("Corporate account")
        GROUP = "group", _("Group rooming list")

    class RateSource(models.TextChoices):
        PUBLIC = "public", _("Public rate")
        AGREEMENT = "agreement", _("Negotiated rate")
        GROUP = "group", _("Group rate")
        MANUAL = "manual", _("Rate typed in")

    HOLDING = (Status.RESERVED, Status.CHECKED_IN, Status.CHECKED_OUT)
    STAYED = (Status.CHECKED_IN, Status.CHECKED_OUT)  # a stay of the guest's history: the guest came

    confirmation = models.CharField(_("confirmation number"), max_length=20, unique=True)
    guest = models.ForeignKey(Profile, verbose_name=_("guest"), on_delete=models.PROTECT, related_name="reservations")
    sharer = models.ForeignKey(
        Profile,
        verbose_name=_("sharing with"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shared_reservations",
    )
    arrival = models.DateField(_("arrival"))
    departure = models.DateField(_("departure"))
    room_type = models.ForeignKey(RoomType, verbose_name=_("room type"), on_delete=models.PROTECT, related_name="+")
    rooms = models.PositiveSmallIntegerField(_("rooms"), default=1, validators=[MinValueValidator(1)])
    adults = models.PositiveSmallIntegerField(_("adults"), default=1, validators=[MinValueValidator(1)])
    rate = models.DecimalField(_("rate per night"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    rate_source = models.CharField(
        _("rate source"), max_length=10, choices=RateSource.choices, default=RateSource.PUBLIC, editable=False
    )
    rate_agreement = models.ForeignKey(
        "reservations.RateAgreement",
        verbose_name=_("rate agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reservations",
        editable=False,
    )
    rate_override_reason = models.CharField(_("reason for the rate"), max_length=200, blank=True, editable=False)
    rate_overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.PHONE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RESERVED)
    block = models.ForeignKey(
        GroupBlock,
        verbose_name=_("group block"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reservations",
    )
    special_requests = models.TextField(_("special requests"), blank=True)
    offer_code = quoted_offer_code()
    overbooked = models.BooleanField(_("sold beyond availability"), default=False, editable=False)
    overbooking_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    cancel_reason = models.CharField(_("cancellation reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True, editable=False)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True, editable=False)
    # When the reservation stopped holding rooms (cancelled or no-show): pace reads the books as of past dates.
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["arrival", "id"]
        indexes = [
            models.Index(fields=["arrival", "status"], name="reservation_arrival"),
            models.Index(fields=["departure", "status"], name="reservation_departure"),
            models.Index(fields=["status", "arrival", "departure"], name="reservation_inhouse"),
            GistIndex(StayRange(F("arrival"), F("departure")), name="reservation_stay_range"),
            models.Index(fields=["created_at"], name="reservation_created"),
            # Each guest's stays in arrival order with what they cost, read from the index alone: a client segment
            # sums or dates the stays of 150,000 guests at once (marketing.audiences.rules).
            models.Index(
                fields=["guest", "arrival"],
                include=["departure", "rate", "rooms"],
                condition=Q(status__in=["checked_in", "checked_out"]),  # STAYED
                name="reservation_guest_stays",
            ),
            # Marketing attributes the reservations made with a promotion's code in a period to its campaigns.
            models.Index(
                fields=["offer_code", "created_at"], condition=~Q(offer_code=""), name="reservation_offer_code"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(departure__gt=F("arrival")),
                name="reservation_at_least_one_night",
                violation_error_message=_("The departure must be after the arrival."),
            ),
            models.CheckConstraint(condition=Q(offer_code=Upper("offer_code")), name="reservation_offer_code_upper"),
        ]

    def __str__(self):
        return self.confirmation

    def get_absolute_url(self):
        return reverse("reservations:reservation-detail", args=[self.pk])

    def clean(self):
        # Each night is an inventory row: a departure typed as 9999-12-31 would write millions of them.
        if self.arrival and self.departure and self.nights > settings.MAX_STAY_NIGHTS:
            raise ValidationError({"departure": self.too_long()})

    @staticmethod
    def too_long() -> str:
        return _("A stay is at most %(nights)s nights.") % {"nights": settings.MAX_STAY_NIGHTS}

    @property
    def nights(self) -> int:
        return (self.departure - self.arrival).days

    @property
    def stay_nights(self) -> list:
        return [self.arrival + timedelta(days=n) for n in range(self.nights)]

    @property
    def room_nights(self) -> int:
        return self.rooms * self.nights

    @property
    def revenue(self) -> Decimal:
        return self.rate * self.room_nights
