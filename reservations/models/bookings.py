from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clienthistory.models import Account, Profile, Segment
from hotelsales.money import round_money
from hotelsales.validators import offer_code_validator


class LostReason(models.TextChoices):
    PRICE = "price", _("Price")
    DATE = "date", _("Date or space not available")
    COMPETITOR = "competitor", _("Chose a competitor")
    BUDGET = "budget", _("Budget cut")
    EVENT_CANCELLED = "event_cancelled", _("Event called off by the client")
    LOCATION = "location", _("Location")
    SERVICE = "service", _("Service or facilities")
    OTHER = "other", _("Other")


def quoted_offer_code() -> models.CharField:
    """The code of a promotion a guest quoted, kept on bookings and reservations alike (marketing attributes them to
    its campaigns by it)."""
    return models.CharField(
        _("offer code"),
        max_length=20,
        blank=True,
        validators=[offer_code_validator],
        help_text=_("The code of a promotion the guest quoted, if any."),
    )


class Booking(models.Model):
    """A piece of group, banquet or conference business (预订) and where it stands in the sales cycle.

    Tentative, definite and actual bookings hold their function space (and, later, their rooms); the
    others hold nothing. Status changes go through `reservations.sales.lifecycle`, which refuses illegal
    transitions (`move_to`) and moves what the status holds in the same transaction.
    """

    class Kind(models.TextChoices):
        BANQUET = "banquet", _("Banquet")
        CONFERENCE = "conference", _("Conference")
        GROUP = "group", _("Group")

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        TENTATIVE = "tentative", _("Tentative")
        DEFINITE = "definite", _("Definite")
        ACTUAL = "actual", _("Actual")
        LOST = "lost", _("Lost")
        TURNED_DOWN = "turned_down", _("Turned down")
        CANCELLED = "cancelled", _("Cancelled")

    HOLDING = (Status.TENTATIVE, Status.DEFINITE, Status.ACTUAL)
    CLOSED = (Status.LOST, Status.TURNED_DOWN, Status.CANCELLED)
    TRANSITIONS = {
        Status.PROSPECT: {Status.TENTATIVE, Status.LOST, Status.TURNED_DOWN},
        Status.TENTATIVE: {Status.DEFINITE, Status.LOST, Status.TURNED_DOWN, Status.CANCELLED},
        Status.DEFINITE: {Status.ACTUAL, Status.CANCELLED},
        Status.ACTUAL: set(),
        Status.LOST: set(),
        Status.TURNED_DOWN: set(),
        Status.CANCELLED: set(),
    }

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.BANQUET)
    name = models.CharField(_("name"), max_length=200)
    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    contact = models.ForeignKey(
        Profile, verbose_name=_("contact"), on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="bookings"
    )
    segment = models.CharField(_("market segment"), max_length=20, choices=Segment.choices, default=Segment.CORPORATE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROSPECT)
    option_date = models.DateField(_("option date"), null=True, blank=True)
    option_notified_on = models.DateField(_("option expiry notified on"), null=True, blank=True, editable=False)
    lost_reason = models.CharField(_("reason"), max_length=20, choices=LostReason.choices, blank=True)
    competitor = models.CharField(_("competitor"), max_length=200, blank=True)
    close_note = models.TextField(_("note on closing"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    definite_on = models.DateField(_("definite on"), null=True, blank=True)
    credit_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("credit hold approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    credit_approved_at = models.DateTimeField(_("credit hold approved at"), null=True, blank=True, editable=False)
    estimated_value = models.DecimalField(
        _("estimated value"), max_digits=14, decimal_places=2, default=Decimal("0"), editable=False
    )
    offer_code = quoted_offer_code()
    terms = models.TextField(_("terms"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "option_date"], name="booking_status_option"),
            models.Index(fields=["owner", "status"], name="booking_owner_status"),
            # Marketing attributes the bookings made with a promotion's code in a period to its campaigns.
            models.Index(fields=["offer_code", "created_at"], condition=~Q(offer_code=""), name="booking_offer_code"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(offer_code=Upper("offer_code")), name="booking_offer_code_upper"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reservations:booking-detail", args=[self.pk])

    @property
    def holds_space(self) -> bool:
        return self.status in self.HOLDING

    def allowed_transitions(self) -> set[str]:
        return self.TRANSITIONS[self.status]

    @classmethod
    def lock(cls, pk: int) -> str:
        """Lock the booking's row and return its status as stored. Every workflow that changes a booking or what
        it holds (status, events, space, group block) takes this lock first, so they never deadlock each other."""
        return cls.objects.select_for_update().values_list("status", flat=True).get(pk=pk)

    def move_to(self, status: str, *, by=None, fields: tuple[str, ...] = ()) -> None:
        """Change this row's status (and `fields`, already set) if the transition is legal. Only the status
        workflows of `reservations.sales.lifecycle` call this: they move the space, rooms and VIP arrangements
        that a status holds in the same transaction."""
        if status not in self.TRANSITIONS[self.status]:
            raise ValidationError(
                _("A %(current)s booking cannot become %(new)s.")
                % {"current": self.get_status_display(), "new": self.Status(status).label}
            )
        self.status = status
        self._history_user = by
        self.save(update_fields=["status", *fields])


class DepositInstalment(models.Model):
    """One instalment of a booking's deposit schedule: a fixed amount or a percentage of the contract value."""

    class Basis(models.TextChoices):
        FIXED = "fixed", _("Fixed amount")
        PERCENT = "percent", _("Percent of contract value")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="instalments")
    due_on = models.DateField(_("due on"))
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices, default=Basis.PERCENT)
    value = models.DecimalField(
        _("amount or percent"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deposit instalment")
        verbose_name_plural = _("deposit instalments")
        ordering = ["due_on", "id"]

    def __str__(self):
        return f"{self.booking} {self.due_on}"

    def amount(self, contract_value: Decimal) -> Decimal:
        if self.basis == self.Basis.FIXED:
            return self.value
        return round_money(contract_value * self.value / 100)
