"""Leads (线索): inquiries from the public form, the phone, an email or an import, each routed to an owner who must
answer within LEAD_RESPONSE_HOURS (marketing.leads.escalation), then converted into a booking or lost with a reason.

The reference (L2612-00042: the month received and the row's id) is what the enquirer is told on the thank-you page
and in the receipt; the submitter's address is kept only as a keyed hash, for auditing the form's rate limit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reservations.models import Booking

MAX_MESSAGE = 4000


class Lead(models.Model):
    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        IMPORT = "import", _("Import")

    class Kind(models.TextChoices):
        WEDDING = "wedding", _("Wedding")
        BANQUET = "banquet", _("Banquet")
        MEETING = "meeting", _("Meeting")
        GROUP_ROOMS = "group_rooms", _("Group rooms")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        CONVERTED = "converted", _("Converted")
        LOST = "lost", _("Lost")

    OPEN = (Status.NEW, Status.CONTACTED)

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    preferred_date = models.DateField(_("preferred date"), null=True, blank=True)
    alternative_date = models.DateField(_("alternative date"), null=True, blank=True)
    second_alternative_date = models.DateField(_("second alternative date"), null=True, blank=True)
    guests = models.PositiveIntegerField(
        _("guests"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )
    tables = models.PositiveSmallIntegerField(
        _("tables"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    rooms = models.PositiveSmallIntegerField(
        _("rooms"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    budget = models.DecimalField(
        _("budget"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    contact_name = models.CharField(_("name"), max_length=100)
    mobile = models.CharField(_("mobile"), max_length=24, blank=True)
    email = models.EmailField(_("email"), blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=MAX_MESSAGE, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
    )
    lost_reason = models.CharField(_("reason lost"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.SET_NULL, null=True, blank=True, related_name="leads"
    )
    address_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "received_at"], name="lead_status_received"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(mobile="") | ~Q(email=""), name="lead_reachable"),
            models.CheckConstraint(condition=~Q(status="lost") | ~Q(lost_reason=""), name="lead_lost_with_reason"),
        ]

    def __str__(self):
        return f"{self.reference} {self.contact_name}"

    def get_absolute_url(self):
        return reverse("marketing:lead-detail", args=[self.pk])

    @property
    def dates(self) -> list:
        return [d for d in (self.preferred_date, self.alternative_date, self.second_alternative_date) if d]

    def clean(self):
        if not (self.mobile or self.email):
            raise ValidationError({"mobile": _("Give a mobile or an email, so that we can answer.")})

    def mark_contacted(self, *, at) -> None:
        """The owner has answered the enquirer: the first response is kept (the response time is measured to it)."""
        if self.status not in self.OPEN:
            raise ValidationError(_("This lead is closed."))
        self.status = self.Status.CONTACTED
        self.first_response_at = self.first_response_at or at
        self.save(update_fields=["status", "first_response_at"])

    def mark_lost(self, *, reason: str, at) -> None:
        if self.status not in self.OPEN:
            raise ValidationError(_("This lead is closed."))
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the lead was lost.")})
        self.status = self.Status.LOST
        self.lost_reason = reason.strip()
        self.first_response_at = self.first_response_at or at
        self.save(update_fields=["status", "lost_reason", "first_response_at"])
