"""Touches (触达): each marketing contact made with a guest — or kept from them, and why.

A touch is recorded for every member a campaign or a trigger reaches for: sent, held back by a contact rule, kept
out as the control group, or failed. The frequency cap counts the sent ones; measurement compares the contacted
with the control group; and the unique (profile, occasion) row makes each contact happen at most once, however
often a job runs.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clienthistory.models import Profile
from marketing.models.contacts import Channel


class Refusal(models.TextChoices):
    """The contact rules (规避投诉), in the order they are checked: a member is held back by the first that applies."""

    NO_ADDRESS = "no_address", _("No address for the channel")
    NO_CONSENT = "no_consent", _("No marketing consent")
    OPTED_OUT = "opted_out", _("Opted out")
    OPEN_COMPLAINT = "open_complaint", _("Open complaint")
    DISSATISFIED = "dissatisfied", _("Dissatisfied at a recent callback")
    IN_HOUSE = "in_house", _("Staying in the hotel")
    FREQUENCY_CAP = "frequency_cap", _("Contacted often enough lately")
    QUIET_HOURS = "quiet_hours", _("Quiet hours")


class Touch(models.Model):
    class Outcome(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        HELD_BACK = "held_back", _("Held back by a contact rule")
        CONTROL = "control", _("Control group")
        FAILED = "failed", _("Failed")
        UNCONFIRMED = "unconfirmed", _("Interrupted, not sent again")

    profile = models.ForeignKey(Profile, verbose_name=_("guest"), on_delete=models.PROTECT, related_name="touches")
    occasion = models.CharField(
        _("occasion"), max_length=100, help_text=_("What reached for the guest, e.g. a campaign or a trigger's day.")
    )
    trigger = models.ForeignKey(
        "marketing.Trigger", verbose_name=_("trigger"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    refusal = models.CharField(_("contact rule"), max_length=20, choices=Refusal.choices, blank=True)
    message_id = models.CharField(_("message id"), max_length=100, blank=True)
    error = models.CharField(_("error"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("touch")
        verbose_name_plural = _("touches")
        constraints = [models.UniqueConstraint(fields=["profile", "occasion"], name="touch_once_per_occasion")]
        indexes = [
            models.Index(fields=["profile", "outcome", "at"], name="touch_profile_outcome"),
            models.Index(fields=["occasion", "outcome"], name="touch_occasion_outcome"),
            models.Index(fields=["trigger", "outcome"], condition=Q(trigger__isnull=False), name="touch_trigger"),
        ]

    def __str__(self):
        return f"{self.profile} · {self.occasion} · {self.get_outcome_display()}"


# The touches that reached the guest, or may have: they count towards the frequency cap.
REACHING = (Touch.Outcome.QUEUED, Touch.Outcome.SENDING, Touch.Outcome.SENT, Touch.Outcome.UNCONFIRMED)


class Click(models.Model):
    """The first time a guest followed a link of a marketing email (the app's own redirect links count it)."""

    touch = models.ForeignKey(Touch, verbose_name=_("touch"), on_delete=models.CASCADE, related_name="clicks")
    url = models.URLField(_("link"), max_length=500)
    at = models.DateTimeField(_("first clicked at"))

    class Meta:
        verbose_name = _("click")
        verbose_name_plural = _("clicks")
        constraints = [models.UniqueConstraint(fields=["touch", "url"], name="click_once_per_link")]

    def __str__(self):
        return self.url
