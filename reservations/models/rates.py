"""Room rates: the public (rack, 门市价) rate per room type, season and day type, and the rates an account has
negotiated (协议价) for a period. reservations/rooms/rates.py picks the rate of a stay from them."""

from datetime import date

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clienthistory.models import Account
from hotelsales.models import BilingualName
from reservations.models.rooms import RoomType


class DateSpan(models.Func):
    """The days from a first to a last date, both included, as a PostgreSQL date range."""

    function = "daterange"
    output_field = DateRangeField()

    def __init__(self, first: str, last: str):
        super().__init__(F(first), F(last), RangeBoundary(inclusive_lower=True, inclusive_upper=True))


class DayType(models.TextChoices):
    """Weekend nights are the nights of Friday and Saturday; the others (Sunday to Thursday) are weekday nights."""

    WEEKDAY = "weekday", _("Weekday (Sun–Thu nights)")
    WEEKEND = "weekend", _("Weekend (Fri–Sat nights)")

    @classmethod
    def of(cls, night: date) -> "DayType":
        return cls.WEEKEND if night.weekday() in (4, 5) else cls.WEEKDAY


# A season or an agreement longer than this is a typing mistake (and the grid of a year is 366 days).
MAX_SEASON_DAYS = 366
MAX_AGREEMENT_DAYS = 2 * 366


class Season(BilingualName):
    """A stretch of dates with public rates of its own (淡季, 旺季, 春节…); seasons never overlap."""

    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="season_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first."),
            ),
            ExclusionConstraint(
                name="seasons_do_not_overlap",
                expressions=[(DateSpan("starts_on", "ends_on"), RangeOperators.OVERLAPS)],
                violation_error_message=_("Another season already covers some of these days."),
            ),
        ]

    def get_absolute_url(self):
        return reverse("reservations:season-edit", args=[self.pk])


class PublicRate(models.Model):
    """The public rate of a room type for one night of a day type, in a season (or outside every season)."""

    room_type = models.ForeignKey(RoomType, verbose_name=_("room type"), on_delete=models.CASCADE, related_name="+")
    season = models.ForeignKey(
        Season, verbose_name=_("season"), on_delete=models.CASCADE, null=True, blank=True, related_name="rates"
    )
    day_type = models.CharField(_("day type"), max_length=10, choices=DayType.choices)
    amount = models.DecimalField(
        _("rate per night"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public rate")
        verbose_name_plural = _("public rates")
        constraints = [
            models.UniqueConstraint(
                fields=["room_type", "season", "day_type"], nulls_distinct=False, name="one_public_rate_per_cell"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="public_rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.room_type.code} {self.season or '—'} {self.day_type} {self.amount}"


class RateAgreement(models.Model):
    """A rate agreement (协议价) of an account for a period, first and last day included; an account's agreements
    never overlap, so each night has at most one. Ended early by moving its last day forward (`end`)."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="rate_agreements"
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    breakfast_included = models.BooleanField(_("breakfast included"), default=True)
    last_room_availability = models.BooleanField(
        _("last room availability"),
        default=False,
        help_text=_("The negotiated rate holds as long as the hotel has a room of the type to sell."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rate agreement")
        verbose_name_plural = _("rate agreements")
        ordering = ["-valid_from", "-id"]
        indexes = [models.Index(fields=["valid_until"], name="rate_agreement_until")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")),
                name="rate_agreement_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first."),
            ),
            ExclusionConstraint(
                name="rate_agreements_do_not_overlap",
                expressions=[
                    ("account", RangeOperators.EQUAL),
                    (DateSpan("valid_from", "valid_until"), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("This account already has an agreement for some of these days."),
            ),
        ]

    def __str__(self):
        return f"{self.account} {self.valid_from}–{self.valid_until}"

    def get_absolute_url(self):
        return reverse("reservations:agreement-edit", args=[self.pk])

    def clean(self):
        if self.valid_from and self.valid_until and (self.valid_until - self.valid_from).days >= MAX_AGREEMENT_DAYS:
            raise ValidationError({"valid_until": agreement_too_long()})

    def end(self, *, on: date, by=None) -> None:
        """End the agreement early: `on` is its new last day."""
        if not self.valid_from <= on < self.valid_until:
            raise ValidationError(
                {"on": _("Give a day from the first day of the agreement to the day before its last.")}
            )
        self.valid_until = on
        self._history_user = by
        self.save(update_fields=["valid_until"])


def agreement_too_long() -> str:
    return _("An agreement runs at most %(days)s days.") % {"days": MAX_AGREEMENT_DAYS}


class AgreementRate(models.Model):
    """One rate of an agreement: a room type's fixed rate, or a discount off its public rate. A line without a room
    type is a discount for every room type that has no line of its own."""

    agreement = models.ForeignKey(RateAgreement, on_delete=models.CASCADE, related_name="lines")
    room_type = models.ForeignKey(
        RoomType,
        verbose_name=_("room type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: every room type without a line of its own."),
    )
    amount = models.DecimalField(
        _("fixed rate"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    discount_percent = models.DecimalField(
        _("discount off the public rate (per cent)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("agreed rate")
        verbose_name_plural = _("agreed rates")
        ordering = ["room_type__sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(amount__isnull=False) & Q(discount_percent__isnull=True))
                | (Q(amount__isnull=True) & Q(discount_percent__isnull=False)),
                name="agreement_rate_fixed_or_discount",
                violation_error_message=_("Give either a fixed rate or a discount, not both."),
            ),
            models.CheckConstraint(
                condition=Q(room_type__isnull=False) | Q(discount_percent__isnull=False),
                name="agreement_rate_all_types_is_a_discount",
                violation_error_message=_("A line for every room type is a discount."),
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0, discount_percent__lte=100) | Q(discount_percent__isnull=True),
                name="agreement_discount_a_percentage",
            ),
            models.UniqueConstraint(
                fields=["agreement", "room_type"], nulls_distinct=False, name="one_agreement_rate_per_room_type"
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.room_type.code if self.room_type_id else '*'}"
