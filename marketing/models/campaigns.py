"""Campaigns (营销活动): a promotion's offer sent to a client segment through one channel, once a manager approved it.

A campaign is drafted by sales, submitted, approved (or sent back) by a manager, and sent at its time by a worker
(marketing.campaigns.sending). Each member's contact — or why it was kept from them — is a `Touch` of the campaign's
occasion, so a member is reached at most once however often sending runs. What the campaign brought is measured
against its control group (marketing.campaigns.results).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from marketing.models.audiences import Audience
from marketing.models.contacts import Channel
from marketing.models.promotions import Promotion
from marketing.models.touches import Touch

MAX_ATTRIBUTION_DAYS = 365
MAX_CONTROL_SHARE = Decimal("50")


class Conversion(models.TextChoices):
    """What counts as a member's conversion (marketing.campaigns.results)."""

    BOOKING = "booking", _("A booking or reservation")
    INVOICE = "invoice", _("An issued invoice")


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    name = models.CharField(_("name"), max_length=200)
    promotion = models.ForeignKey(
        Promotion, verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="campaigns"
    )
    audience = models.ForeignKey(
        Audience, verbose_name=_("client segment"), on_delete=models.PROTECT, related_name="campaigns"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    subject_zh = models.CharField(_("subject (Chinese)"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_zh = models.TextField(_("message (Chinese)"), max_length=4000)
    body_en = models.TextField(_("message (English)"), max_length=4000)
    landing_url = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("Where {link} in an email leads: the offer's page.")
    )
    sms_template = models.CharField(
        _("SMS template code"),
        max_length=50,
        blank=True,
        help_text=_("The code under which the SMS gateway approved this message's template."),
    )
    callers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("callers"), blank=True, related_name="campaign_calls"
    )
    send_at = models.DateTimeField(_("send at"))
    cost_per_contact = models.DecimalField(
        _("cost per contact"), max_digits=8, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    fixed_cost = models.DecimalField(
        _("fixed cost"), max_digits=12, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    control_share = models.DecimalField(
        _("control group (%)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("10"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_CONTROL_SHARE)],
        help_text=_("The share of the segment kept out at random to measure what the campaign brought."),
    )
    attribution_days = models.PositiveSmallIntegerField(
        _("attribution window (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ATTRIBUTION_DAYS)],
        help_text=_("A booking within this many days of the sending counts as the campaign's conversion."),
    )
    converts_on = models.CharField(
        _("a conversion is"), max_length=10, choices=Conversion.choices, default=Conversion.BOOKING
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="campaigns"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True, editable=False)
    planned_at = models.DateTimeField(_("members drawn"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["started_at", "planned_at", "finished_at"])

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-send_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(control_share__gte=0, control_share__lte=MAX_CONTROL_SHARE), name="campaign_control_share"
            ),
            models.CheckConstraint(
                condition=Q(attribution_days__gte=1, attribution_days__lte=MAX_ATTRIBUTION_DAYS),
                name="campaign_attribution_days",
            ),
        ]
        indexes = [models.Index(fields=["status", "send_at"], name="campaign_due")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("marketing:campaign-detail", args=[self.pk])

    @property
    def occasion(self) -> str:
        """The occasion of the campaign's touches: one per member."""
        return f"campaign:{self.pk}"

    @property
    def seed(self) -> str:
        """What draws the control group: fixed for the campaign, so the same members are kept out every time."""
        return f"campaign:{self.pk}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED)

    def touches(self):
        return Touch.objects.filter(occasion=self.occasion)

    # What the messages and senders read of what they send (as of a trigger).
    @property
    def offer_text(self) -> str:
        return self.promotion.offer

    @property
    def offer_code(self) -> str:
        return self.promotion.offer_code


class Call(models.Model):
    """A member of a call-list campaign (外呼), handed to a salesperson as a call activity with the campaign's
    script, and the outcome the salesperson recorded."""

    class Outcome(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        BOOKED = "booked", _("Booked")
        CALL_BACK = "call_back", _("Call back")
        NOT_INTERESTED = "not_interested", _("Not interested")
        DO_NOT_CALL = "do_not_call", _("Do not call")

    touch = models.OneToOneField(Touch, verbose_name=_("touch"), on_delete=models.CASCADE, related_name="call")
    activity = models.OneToOneField(
        "clienthistory.Activity", verbose_name=_("sales activity"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("campaign call")
        verbose_name_plural = _("campaign calls")

    def __str__(self):
        return f"{self.touch} · {self.get_outcome_display()}"


class Letters(models.Model):
    """The printed letters of a letter campaign: one PDF of every member's letter, made once it was sent."""

    campaign = models.OneToOneField(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="letters"
    )
    pdf = models.BinaryField(_("PDF"))
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("printed letters")
        verbose_name_plural = _("printed letters")

    def __str__(self):
        return str(self.campaign)
