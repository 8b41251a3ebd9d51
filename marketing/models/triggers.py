"""Triggers (触发规则): a moment in a guest's life with the hotel, a condition, an action and a control share.

A trigger fires for a member when its moment comes — a birthday in N days, N days after check-out, a corporate
account that stopped booking, the guest signing in to the Wi-Fi — and the member is in its segment, when one is
set. Each firing is a `Touch` of the trigger with the occasion `trigger:<id>:<key>`, the key naming the occasion
(the birthday's year, the stay, the quarter …): the touch is unique per (member, occasion), so a member is reached
at most once for an occasion however often the run is made (marketing.triggers.running). The action is a message
through a channel of the campaigns (email, text message) or a task for sales (a call, a visit, a gift) given to the
account owner or a team. A share of the members is kept out at random, and what the touched did beyond the
control group is measured (marketing.triggers.results).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clienthistory.models import Activity
from hotelsales.roles import Role
from marketing.models.audiences import Audience
from marketing.models.campaigns import MAX_ATTRIBUTION_DAYS, MAX_CONTROL_SHARE
from marketing.models.contacts import Channel
from marketing.models.offers import Offer
from marketing.models.touches import Touch

# How a trigger acts: a message to the guest, or a task for sales.
TRIGGER_CHANNELS = [(Channel.EMAIL.value, Channel.EMAIL.label), (Channel.SMS.value, Channel.SMS.label),
                    (Channel.TASK.value, Channel.TASK.label)]  # fmt: skip


class Moment(models.TextChoices):
    """When a trigger fires; `number` is the moment's N (see marketing.triggers.moments for each one's unit)."""

    BIRTHDAY = "birthday", _("Birthday in N days")
    WEDDING_ANNIVERSARY = "wedding_anniversary", _("Anniversary of a wedding held here, in N days")
    EVENT_ANNIVERSARY = "event_anniversary", _("Anniversary of an event held here, in N days")
    AFTER_CHECK_OUT = "after_check_out", _("N days after check-out")
    BEFORE_ARRIVAL = "before_arrival", _("N days before arrival")
    LAPSED_GUEST = "lapsed_guest", _("Guest lapsed: no stay for N months")
    LAPSED_ACCOUNT = "lapsed_account", _("Account lapsed: no stay or event for N months")
    ACCOUNT_DECLINE = "account_decline", _("Account's revenue this quarter N % below last year's")
    OPTION_UNANSWERED = "option_unanswered", _("Option date passed N days ago, unanswered")
    STAY_MILESTONE = "stay_milestone", _("The guest's Nth stay")
    COMPLAINT_SATISFIED = "complaint_satisfied", _("Complaint closed satisfied, N days ago")
    IN_HOUSE = "in_house", _("In the house: N hours after check-in")
    WIFI_SIGN_IN = "wifi_sign_in", _("Signs in to the guest Wi-Fi")
    PICKED_UP = "picked_up", _("Met by the hotel's car at the airport or station")


class Trigger(models.Model):
    name = models.CharField(_("name"), max_length=200)
    moment = models.CharField(_("moment"), max_length=30, choices=Moment.choices)
    number = models.PositiveSmallIntegerField(
        _("N"), default=0, help_text=_("The moment's number: days, months, hours, per cent or stays.")
    )
    audience = models.ForeignKey(
        Audience,
        verbose_name=_("only members of the segment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="triggers",
        help_text=_("Leave empty to reach everyone the moment finds."),
    )
    channel = models.CharField(_("action"), max_length=10, choices=TRIGGER_CHANNELS, default=Channel.EMAIL)
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="triggers",
        help_text=_("What the message or the task proposes: {offer} in the texts, and an accepted offer counts."),
    )
    subject_zh = models.CharField(_("subject (Chinese)"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_zh = models.TextField(_("message (Chinese)"), max_length=4000)
    body_en = models.TextField(_("message (English)"), max_length=4000)
    landing_url = models.URLField(_("link"), max_length=500, blank=True)
    sms_template = models.CharField(_("SMS template code"), max_length=50, blank=True)
    task_kind = models.CharField(
        _("task"), max_length=20, choices=Activity.Kind.choices, default=Activity.Kind.CALL, blank=True
    )
    team = models.CharField(
        _("team"),
        max_length=20,
        choices=[(Role.SALES.value, Role.SALES.label), (Role.FRONT_DESK.value, Role.FRONT_DESK.label)],
        blank=True,
        help_text=_("Who gets the task, in turn; empty: the account owner (the trigger's owner for a guest "
                    "without one)."),
    )  # fmt: skip
    cost_per_contact = models.DecimalField(
        _("cost per contact"), max_digits=8, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    control_share = models.DecimalField(
        _("control group (%)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("10"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_CONTROL_SHARE)],
        help_text=_("The share of the members kept out at random to measure what the trigger brings."),
    )
    attribution_days = models.PositiveSmallIntegerField(
        _("attribution window (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ATTRIBUTION_DAYS)],
        help_text=_("A booking, or the offer accepted, within this many days of the touch counts as a conversion."),
    )
    active = models.BooleanField(_("active"), default=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="triggers"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trigger")
        verbose_name_plural = _("triggers")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(control_share__gte=0, control_share__lte=MAX_CONTROL_SHARE), name="trigger_control_share"
            ),
            models.CheckConstraint(
                condition=Q(attribution_days__gte=1, attribution_days__lte=MAX_ATTRIBUTION_DAYS),
                name="trigger_attribution_days",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("marketing:trigger-detail", args=[self.pk])

    def occasion(self, key: str) -> str:
        """The occasion of a member's touch for the moment named by `key`: one per member and key."""
        return f"trigger:{self.pk}:{key}"

    @property
    def seed(self) -> str:
        """What draws the control group: the trigger, so a member is kept out of all its occasions alike."""
        return f"trigger:{self.pk}"

    # What the messages and senders read of what they send (as of a campaign).
    @property
    def offer_text(self) -> str:
        return str(self.offer) if self.offer_id else ""

    @property
    def offer_code(self) -> str:
        return ""

    def touches(self):
        return Touch.objects.filter(trigger=self)
