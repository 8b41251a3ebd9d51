from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reservations.models import Booking


class SalesTarget(models.Model):
    """A salesperson's targets (销售指标) for a calendar month, named by its first day. The sales targets page sets
    them against what the salesperson produced (overview.targets, which says how production is attributed)."""

    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("salesperson"), on_delete=models.CASCADE, related_name="sales_targets"
    )
    month = models.DateField(_("month"))
    room_nights = models.PositiveIntegerField(_("room-nights"), default=0)
    room_revenue = models.DecimalField(
        _("room revenue"), max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    # The banquets and meetings streams of reservations.reports.revenue: the events' estimated totals.
    event_revenue = models.DecimalField(
        _("banquet and meeting revenue"), max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    new_accounts = models.PositiveSmallIntegerField(_("new accounts"), default=0)
    visits = models.PositiveSmallIntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("sales target")
        verbose_name_plural = _("sales targets")
        ordering = ["month", "salesperson"]
        constraints = [
            models.UniqueConstraint(
                fields=["salesperson", "month"],
                name="one_sales_target_per_month",
                violation_error_message=_("This salesperson already has targets for this month."),
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="sales_target_month_first_day"),
            models.CheckConstraint(
                condition=Q(room_revenue__gte=0, event_revenue__gte=0), name="sales_target_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.salesperson} {self.month:%Y-%m}"


class StatusWeight(models.Model):
    """How likely a booking of a status is to turn into revenue, in percent: the weighted forecast counts its value
    at that share. Statuses without a row (lost, turned down, cancelled) count for nothing."""

    PIPELINE = (Booking.Status.PROSPECT, Booking.Status.TENTATIVE, Booking.Status.DEFINITE, Booking.Status.ACTUAL)

    status = models.CharField(
        _("status"),
        max_length=20,
        unique=True,
        choices=[(status.value, status.label) for status in PIPELINE],
    )
    percent = models.PositiveSmallIntegerField(
        _("probability (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("forecast weight")
        verbose_name_plural = _("forecast weights")
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="status_weight_at_most_100"),
        ]

    def __str__(self):
        return f"{self.get_status_display()} {self.percent} %"
