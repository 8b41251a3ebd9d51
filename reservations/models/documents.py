"""Documents sent to the client for acceptance: a booking's proposal, or an event's BEO for sign-off.

What was sent is frozen when it is sent (its HTML and PDF), so the client accepts exactly that version, whatever
the booking becomes afterwards. The client reaches it through a link whose secret (256 random bits) is never
stored: the row keeps its SHA-256, so neither a database copy nor a log of this table opens a document. The link
answers for that one document only, until it expires, is answered (accepted, or changes asked for), or a newer
version of the same document is sent (reservations.sales.sending)."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reservations.models.bookings import Booking
from reservations.models.functionspace import Event


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SentDocument(models.Model):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal")
        BEO = "beo", _("BEO for sign-off")

    class State(models.TextChoices):
        SENT = "sent", _("Waiting for the client")
        ACCEPTED = "accepted", _("Accepted")
        CHANGES = "changes", _("Changes asked for")
        SUPERSEDED = "superseded", _("Replaced by a newer version")

    booking = models.ForeignKey(Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="sent")
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, null=True, blank=True, related_name="sent"
    )
    kind = models.CharField(_("document"), max_length=10, choices=Kind.choices)
    beo_version = models.PositiveIntegerField(_("BEO version"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    sent_to = models.EmailField(_("sent to"))
    note = models.TextField(_("message"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    html = models.TextField(editable=False)
    pdf = models.BinaryField(editable=False)
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.SENT)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_from = models.GenericIPAddressField(_("answered from"), null=True, blank=True)
    accepted_name = models.CharField(_("accepted by"), max_length=100, blank=True)
    accepted_pdf = models.BinaryField(null=True, editable=False)
    changes_asked = models.TextField(_("changes asked for"), blank=True)

    class Meta:
        verbose_name = _("document sent to the client")
        verbose_name_plural = _("documents sent to the client")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["booking", "-sent_at"], name="sentdocument_booking")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="proposal", event__isnull=True) | Q(kind="beo", event__isnull=False),
                name="sentdocument_beo_has_event",
            ),
            models.CheckConstraint(
                condition=~Q(state="accepted") | (~Q(accepted_name="") & Q(answered_at__isnull=False)),
                name="sentdocument_accepted_by_name",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.booking} {self.sent_at:%Y-%m-%d}"

    @property
    def filename(self) -> str:
        if self.kind == self.Kind.BEO:
            return f"BEO-{self.event_id}-v{self.beo_version}.pdf"
        return f"proposal-{self.booking_id}-{self.pk}.pdf"

    def expired(self, now) -> bool:
        return self.state == self.State.SENT and self.expires_at <= now


class BeoPdf(models.Model):
    """The PDF of a settled BEO version in one language, made once (reservations.functionspace.beo_pdf).

    An event's row is its BEO at `version`; a row without an event is the booking's BEO of all its events, whose
    `version` is a digest of its events and their versions."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, null=True, related_name="+")
    version = models.CharField(max_length=64)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    pdf = models.BinaryField()
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "event", "version", "language"], nulls_distinct=False, name="one_pdf_per_beo_version"
            )
        ]

    def __str__(self):
        return f"BEO {self.event_id or self.booking_id} v{self.version} {self.language}"
