"""Who must not be reached for marketing, by address: a number that answered "TD", an email that unsubscribed.

An opt-out stands for the address, not for a profile: a profile created later with the same mobile is not
contacted either. The profiles holding the address lose their marketing consent at the same time."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")
    CALL = "call", _("Call list")
    LETTER = "letter", _("Printed letter")
    TASK = "task", _("Task for sales")  # a trigger's action: a call, visit or gift for the account owner or a team


# What a campaign is sent through: a task is only a trigger's action.
CAMPAIGN_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.TASK]


class OptOut(models.Model):
    class Source(models.TextChoices):
        REPLY = "reply", _("Reply to a message")
        LINK = "link", _("Unsubscribe link")
        STAFF = "staff", _("Entered by staff")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254, help_text=_("A mobile number or an email address."))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("opted out at"), auto_now_add=True)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        constraints = [models.UniqueConstraint(fields=["channel", "address"], name="optout_once_per_address")]

    def __str__(self):
        return f"{self.get_channel_display()} {self.address}"
