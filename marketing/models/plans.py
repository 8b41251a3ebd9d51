from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clienthistory.models import Segment
from reservations.reports.revenue import Stream

PLAN_YEARS = range(2000, 2101)  # the years a plan may be made for, as the promotions calendar shows them
MONTHS = range(1, 13)


class MarketingPlan(models.Model):
    """The department's marketing plan (营销计划) for a calendar year: monthly revenue targets (`PlanTarget`) that
    its page sets against the actuals of reservations.reports.revenue, with the budgets of the year's promotions."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(PLAN_YEARS.start), MaxValueValidator(PLAN_YEARS.stop - 1)],
        error_messages={"unique": _("There is already a plan for this year.")},
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="marketing_plans"
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("marketing plan")
        verbose_name_plural = _("marketing plans")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=PLAN_YEARS.start, year__lt=PLAN_YEARS.stop), name="marketing_plan_year_in_range"
            )
        ]

    def __str__(self):
        return _("Marketing plan %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("marketing:plan-detail", args=[self.year])


class PlanTarget(models.Model):
    """A month's target for one revenue stream, for the whole hotel or for one market segment.

    A blank segment is the whole hotel's target, set on its own: the targets of segments are a second, optional
    layer for the segments the department aims at, neither added into the hotel's target nor required to sum to
    it. The plan's page compares the hotel's targets with all revenue and, with a segment chosen, that segment's
    targets with its revenue. The total of a month is the sum of its streams' targets and is not stored."""

    plan = models.ForeignKey(MarketingPlan, on_delete=models.CASCADE, related_name="targets")
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(MONTHS.start), MaxValueValidator(MONTHS.stop - 1)]
    )
    stream = models.CharField(_("revenue stream"), max_length=20, choices=Stream.choices)
    segment = models.CharField(
        _("market segment"),
        max_length=20,
        choices=Segment.choices,
        blank=True,
        help_text=_("Left empty, the target is the whole hotel's."),
    )
    amount = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        verbose_name = _("plan target")
        verbose_name_plural = _("plan targets")
        ordering = ["month", "stream", "segment"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "month", "stream", "segment"],
                name="one_plan_target_per_cell",
                violation_error_message=_("This month already has a target for this stream and segment."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=MONTHS.start, month__lt=MONTHS.stop), name="plan_target_month"
            ),
            models.CheckConstraint(condition=Q(stream__in=Stream.values), name="plan_target_known_stream"),
            models.CheckConstraint(
                condition=Q(segment="") | Q(segment__in=Segment.values), name="plan_target_known_segment"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="plan_target_not_negative"),
        ]

    def __str__(self):
        return f"{self.plan.year}-{self.month:02d} {self.get_stream_display()} {self.amount}"
