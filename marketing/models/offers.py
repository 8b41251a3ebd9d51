"""Offers (推荐产品): what the front-line assistant and the triggers propose to a guest — an upgrade, breakfast, the
airport car, the spa — with the words the clerk says, who may be offered it, and each guest's answer.

An `OfferResponse` is one guest's answer to one offer on one day: "offered" when the offer is shown to them,
turned into accepted or declined by the clerk's tap; a second tap that day changes the answer (a mistaken tap is
put right, not counted twice), and showing the offer again that day does not undo an answer. The acceptance rate
is accepted ÷ answered (accepted + declined): an offer shown and never answered says nothing of what the guest
wanted — the clerk may never have said it — so it counts on neither side.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clienthistory.models import Profile, Segment
from hotelsales.models import PINYIN, BilingualName
from reservations.models import Booking, Reservation, RoomType

MONTHS = range(1, 13)


class Offer(BilingualName):
    """Something the hotel proposes to a guest in front of the clerk or at a trigger's moment, and to whom: an
    empty list of segments, months or room types, and an empty night limit or validity date, leave no one out."""

    class Kind(models.TextChoices):
        UPGRADE = "upgrade", _("Room upgrade")
        BREAKFAST = "breakfast", _("Breakfast")
        AIRPORT_CAR = "airport_car", _("Airport car")
        SPA = "spa", _("Spa")
        DINNER = "dinner", pgettext_lazy("kind of offer", "Dinner")
        LATE_CHECKOUT = "late_checkout", _("Late check-out")
        PACKAGE = "package", _("Package")
        OTHER = "other", _("Other")

    # Sorted as Chinese readers look names up: by pinyin.
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, db_collation=PINYIN)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    script_zh = models.CharField(
        _("script (Chinese)"), max_length=300, help_text=_("What the clerk says to the guest, in a sentence or two.")
    )
    script_en = models.CharField(_("script (English)"), max_length=300)
    price = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("What the guest pays; 0 for a gift."),
    )
    value = models.DecimalField(
        _("value"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("What it is worth to the hotel: the revenue counted when a guest accepts it."),
    )
    segments = ArrayField(
        models.CharField(max_length=20, choices=Segment.choices),
        verbose_name=_("market segments"),
        blank=True,
        default=list,
    )
    months = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)]),
        verbose_name=_("months"),
        blank=True,
        default=list,
    )
    min_nights = models.PositiveSmallIntegerField(
        _("minimum nights"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    max_nights = models.PositiveSmallIntegerField(
        _("maximum nights"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    room_types = models.ManyToManyField(RoomType, verbose_name=_("room types"), blank=True, related_name="+")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="offers"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = pgettext_lazy("a product proposed to a guest", "offer")
        verbose_name_plural = _("offers")
        ordering = ["name_zh", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="offer_price_not_negative"),
            models.CheckConstraint(condition=Q(value__gte=0), name="offer_value_not_negative"),
            models.CheckConstraint(condition=Q(segments__contained_by=Segment.values), name="offer_known_segments"),
            models.CheckConstraint(condition=Q(months__contained_by=list(MONTHS)), name="offer_months_of_the_year"),
            models.CheckConstraint(
                condition=Q(min_nights__isnull=True) | Q(max_nights__isnull=True) | Q(max_nights__gte=F("min_nights")),
                name="offer_nights_in_order",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="offer_validity_in_order",
            ),
        ]

    def get_absolute_url(self):
        return reverse("marketing:offer-detail", args=[self.pk])

    def clean(self):
        if self.min_nights and self.max_nights and self.max_nights < self.min_nights:
            raise ValidationError({"max_nights": _("The maximum cannot be below the minimum.")})
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The offer cannot end before it starts.")})

    @property
    def segment_labels(self) -> list[str]:
        return [Segment(value).label for value in self.segments]

    @property
    def script(self) -> str:
        """What the clerk says, in the active language (as `name`)."""
        return self.script_en if (translation.get_language() or "").startswith("en") else self.script_zh


class OfferResponse(models.Model):
    """A guest's answer to an offer on a day (see the module's docstring), kept with the guest's market segment of
    that moment: the ranking compares offers among guests of one segment, and a guest who later joins another
    account does not move the answers of the past."""

    class Outcome(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    offer = models.ForeignKey(
        Offer,
        verbose_name=pgettext_lazy("a product proposed to a guest", "offer"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    profile = models.ForeignKey(
        Profile, verbose_name=_("guest"), on_delete=models.PROTECT, related_name="offer_responses"
    )
    segment = models.CharField(_("market segment"), max_length=20, choices=Segment.choices)
    day = models.DateField(_("day"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"))
    reservation = models.ForeignKey(
        Reservation,
        verbose_name=_("reservation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("offer response")
        verbose_name_plural = _("offer responses")
        constraints = [
            models.UniqueConstraint(fields=["offer", "profile", "day"], name="offer_response_once_a_day"),
            models.CheckConstraint(condition=Q(segment__in=Segment.values), name="offer_response_known_segment"),
        ]
        indexes = [models.Index(fields=["offer", "segment", "outcome"], name="offer_response_ranking")]

    def __str__(self):
        return f"{self.offer} · {self.profile} · {self.get_outcome_display()}"


# The answers a rate is made of: accepted ÷ (accepted + declined).
ANSWERED = (OfferResponse.Outcome.ACCEPTED, OfferResponse.Outcome.DECLINED)
