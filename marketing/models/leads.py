"""Leads (线索): inquiries from the public form, the phone, an email or an import, each routed to an owner who must
answer within LEAD_RESPONSE_HOURS (marketing.leads.escalation), then converted into a booking or lost with a reason.

The reference (L2612-00042: the month received and the row's id) is what the enquirer is told on the thank-you page
and in the receipt; the submitter's address is kept only as a keyed hash, for auditing the form's rate limit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reservations.models import Booking

MAX_MESSAGE = 4000


class Lead(models.Model):
    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        IMPORT = "import", _("Import")
        OTHER = "other", _("Other")

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

    class RoutedBy(models.TextChoices):
        ACCOUNT_OWNER = "account_owner", _("account owner")
        RULE = "rule", _("routing rule")
        TURN = "turn", _("in turn")
        TAKEN = "taken", _("taken by who entered it")
        NO_ONE = "no_one", _("no one sells")

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
    routed_by = models.CharField(
        _("routed by"), max_length=20, choices=RoutedBy.choices, default=RoutedBy.TURN, editable=False
    )
    route = models.ForeignKey(
        "LeadRoute",
        verbose_name=_("routing rule"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="leads",
    )
    lost_reason = models.CharField(_("reason lost"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    respond_by = models.DateTimeField(_("answer by"), editable=False)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.SET_NULL, null=True, blank=True, related_name="leads"
    )
    address_hash = models.CharField(max_length=64, blank=True, editable=False)
    receipt_sms_at = models.DateTimeField(_("receipt sent by text message"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "received_at"], name="lead_status_received"),
            models.Index(fields=["respond_by"], name="lead_respond_by", condition=Q(status="new")),
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

    @property
    def overdue(self) -> bool:
        return self.status == self.Status.NEW and self.respond_by < timezone.now()

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


class LeadRoute(models.Model):
    """A routing rule (分配规则): a new lead of this kind, size and date goes to one person, or round a team in
    turn. Rules are tried in their order; the first active one that matches decides (marketing.leads.routing)."""

    class Measure(models.TextChoices):
        GUESTS = "guests", _("guests")
        TABLES = "tables", _("tables")
        ROOMS = "rooms", _("rooms")

    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(
        _("order"), default=10, help_text=_("Rules are tried from the lowest number up; the first that matches wins.")
    )
    active = models.BooleanField(_("active"), default=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=Lead.Kind.choices, blank=True, help_text=_("Empty: any type.")
    )
    measure = models.CharField(
        _("size in"), max_length=10, choices=Measure.choices, blank=True, help_text=_("Empty: any size.")
    )
    min_size = models.PositiveIntegerField(
        pgettext_lazy("lower bound of a size", "from"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
    )
    max_size = models.PositiveIntegerField(
        pgettext_lazy("upper bound of a size", "up to"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
    )
    date_from = models.DateField(_("event date from"), null=True, blank=True)
    date_until = models.DateField(_("event date until"), null=True, blank=True, help_text=_("Empty: any date."))
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assign to"),
        related_name="lead_routes",
        help_text=_("One person, or several who take the leads in turn."),
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_size__isnull=True) | Q(max_size__isnull=True) | Q(min_size__lte=F("max_size")),
                name="lead_route_size_order",
            ),
            models.CheckConstraint(
                condition=Q(date_from__isnull=True) | Q(date_until__isnull=True) | Q(date_from__lte=F("date_until")),
                name="lead_route_date_order",
            ),
            models.CheckConstraint(
                condition=~Q(measure="") | (Q(min_size__isnull=True) & Q(max_size__isnull=True)),
                name="lead_route_size_measured",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.min_size is not None and self.max_size is not None and self.min_size > self.max_size:
            errors["max_size"] = _("The upper bound is below the lower one.")
        if self.date_from and self.date_until and self.date_from > self.date_until:
            errors["date_until"] = _("The period ends before it starts.")
        if not self.measure and (self.min_size is not None or self.max_size is not None):
            errors["measure"] = _("Say what the size counts: guests, tables or rooms.")
        if self.measure and self.min_size is None and self.max_size is None:
            errors["min_size"] = _("Give a lower or an upper bound, or leave the size empty.")
        if errors:
            raise ValidationError(errors)

    def matches(self, lead: Lead) -> bool:
        """Whether the lead is of the rule's kind, size and event date; a lead that does not say its size or its
        date matches only rules that ask for neither."""
        if self.kind and lead.kind != self.kind:
            return False
        if self.measure:
            size = getattr(lead, self.measure)
            if size is None:
                return False
            if self.min_size is not None and size < self.min_size:
                return False
            if self.max_size is not None and size > self.max_size:
                return False
        if self.date_from or self.date_until:
            day = lead.preferred_date
            if day is None:
                return False
            if self.date_from and day < self.date_from:
                return False
            if self.date_until and day > self.date_until:
                return False
        return True
