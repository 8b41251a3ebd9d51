from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clienthistory.models import Segment
from hotelsales.validators import offer_code_validator

MAX_DAYS = 366  # a promotion runs at most a (leap) year


class Promotion(models.Model):
    """A promotion (促销): an offer to some market segments for a period, with its budget and owner, planned
    around the festivals and seasons of the calendar (hotelsales.almanac)."""

    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    segments = ArrayField(models.CharField(max_length=20, choices=Segment.choices), verbose_name=_("market segments"))
    offer = models.TextField(_("offer"))
    offer_code = models.CharField(
        _("offer code"),
        max_length=20,
        blank=True,
        validators=[offer_code_validator],
        help_text=_("Optional: the code guests quote to get the offer; no two promotions share one."),
    )
    budget = models.DecimalField(
        _("budget"), max_digits=12, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="promotions"
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="promotion_ends_after_start"),
            models.CheckConstraint(
                condition=Q(ends_on__lt=F("starts_on") + timedelta(days=MAX_DAYS)), name="promotion_at_most_a_year"
            ),
            models.CheckConstraint(condition=Q(segments__len__gt=0), name="promotion_has_segments"),
            models.CheckConstraint(condition=Q(segments__contained_by=Segment.values), name="promotion_known_segments"),
            models.CheckConstraint(condition=Q(offer_code=Upper("offer_code")), name="promotion_offer_code_upper"),
            models.UniqueConstraint(
                fields=["offer_code"],
                condition=~Q(offer_code=""),
                name="promotion_unique_offer_code",
                violation_error_code="unique",
                violation_error_message=_("Another promotion already uses this offer code."),
            ),
        ]
        indexes = [models.Index(fields=["ends_on", "starts_on"], name="promotion_period")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("marketing:promotion-detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": _("The end cannot be before the start.")})
            if (self.ends_on - self.starts_on).days >= MAX_DAYS:
                raise ValidationError(
                    {"ends_on": _("A promotion runs for at most %(days)s days.") % {"days": MAX_DAYS}}
                )

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def segment_labels(self) -> list[str]:
        return [Segment(value).label for value in self.segments]
