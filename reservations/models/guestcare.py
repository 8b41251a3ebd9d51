import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clienthistory.models import Profile, VipLevel
from hotelsales.punctuation import label
from reservations.models.bookings import Booking
from reservations.models.functionspace import Event
from reservations.models.rooms import Reservation


class Department(models.TextChoices):
    FRONT_OFFICE = "front_office", _("Front office")
    HOUSEKEEPING = "housekeeping", _("Housekeeping")
    FNB = "fnb", _("Food and beverage")
    SECURITY = "security", _("Security")
    GM_OFFICE = "gm_office", _("GM office")
    ENGINEERING = "engineering", _("Engineering")
    SALES = "sales", pgettext_lazy("department", "Sales")


class VipTemplateTask(models.Model):
    """One task of a VIP level's reception plan, timed relative to the arrival or the event's start."""

    level = models.ForeignKey(VipLevel, verbose_name=_("VIP level"), on_delete=models.CASCADE, related_name="+")
    department = models.CharField(_("department"), max_length=20, choices=Department.choices)
    offset_minutes = models.IntegerField(
        _("minutes from arrival"), help_text=_("Negative: before the arrival or the start; positive: after.")
    )
    description = models.CharField(_("task"), max_length=300)

    class Meta:
        verbose_name = _("VIP template task")
        verbose_name_plural = _("VIP template tasks")
        ordering = ["level", "offset_minutes", "id"]

    def __str__(self):
        return self.description


class VipArrangement(models.Model):
    """The reception of a VIP guest (贵宾接待安排) for one stay or one event, made from the level's template."""

    guest = models.ForeignKey(
        Profile, verbose_name=_("guest"), on_delete=models.PROTECT, related_name="vip_arrangements"
    )
    level = models.ForeignKey(VipLevel, verbose_name=_("VIP level"), on_delete=models.PROTECT, related_name="+")
    reservation = models.OneToOneField(
        Reservation, on_delete=models.CASCADE, null=True, blank=True, related_name="vip_arrangement"
    )
    event = models.OneToOneField(Event, on_delete=models.CASCADE, null=True, blank=True, related_name="vip_arrangement")
    anchor = models.DateTimeField(_("arrival or start"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    fruit = models.BooleanField(_("fruit"), default=False)
    flowers = models.BooleanField(_("flowers"), default=False)
    wine = models.BooleanField(_("wine"), default=False)
    welcome_card = models.BooleanField(_("welcome card"), default=False)
    greeter = models.CharField(_("greeter"), max_length=100, blank=True)
    upgrade_note = models.CharField(_("upgrade"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("VIP arrangement")
        verbose_name_plural = _("VIP arrangements")
        ordering = ["anchor", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reservation__isnull=False, event__isnull=True)
                | Q(reservation__isnull=True, event__isnull=False),
                name="arrangement_for_a_stay_or_an_event",
            )
        ]

    def __str__(self):
        return f"{self.guest} {self.anchor:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("reservations:vip-arrangement", args=[self.pk])


class VipTask(models.Model):
    arrangement = models.ForeignKey(VipArrangement, on_delete=models.CASCADE, related_name="tasks")
    department = models.CharField(_("department"), max_length=20, choices=Department.choices)
    offset_minutes = models.IntegerField(_("minutes from arrival"))
    due_at = models.DateTimeField(_("due"))
    description = models.CharField(_("task"), max_length=300)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("VIP task")
        verbose_name_plural = _("VIP tasks")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["department", "due_at"], name="viptask_department_due")]

    def __str__(self):
        return self.description


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied (非常满意)")
    SATISFIED = "satisfied", _("Satisfied (满意)")
    FAIRLY_SATISFIED = "fairly_satisfied", _("Fairly satisfied (基本满意)")
    DISSATISFIED = "dissatisfied", _("Dissatisfied (不满意)")


class Complaint(models.Model):
    """A guest complaint (投诉), from logging to the callback that asks whether the guest is satisfied."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("complaint", "Open")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    class Category(models.TextChoices):
        ROOM = "room", pgettext_lazy("guest room", "Room")
        CLEANLINESS = "cleanliness", _("Cleanliness")
        NOISE = "noise", _("Noise")
        FNB = "fnb", pgettext_lazy("complaint category", "Food and beverage")
        SERVICE = "service", _("Staff and service")
        BILLING = "billing", _("Billing")
        FACILITIES = "facilities", _("Facilities and equipment")
        EVENT = "event", _("Banquet or meeting")
        OTHER = "other", _("Other")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    class Source(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        ONLINE_REVIEW = "online_review", _("Online review")
        FEEDBACK = "feedback", _("Feedback form")

    guest = models.ForeignKey(
        Profile, verbose_name=_("guest"), on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    reservation = models.ForeignKey(
        Reservation, verbose_name=_("stay"), on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.IN_PERSON)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    department = models.CharField(_("department responsible"), max_length=20, choices=Department.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    description = models.TextField(_("what happened"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="assigned_complaints",
    )  # fmt: skip
    first_response_due = models.DateTimeField(_("first response due"))
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    first_response = models.TextField(_("first response"), blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    compensation = models.DecimalField(
        _("compensation"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    compensation_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("compensation approved by"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    callback_at = models.DateTimeField(_("callback at"), null=True, blank=True)
    callback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("callback by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    satisfaction = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True)
    callback_note = models.TextField(_("callback note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "first_response_due"], name="complaint_sla"),
            models.Index(fields=["received_at"], name="complaint_received"),
        ]

    def __str__(self):
        return label(self.get_category_display()) + self.description[:40]

    def get_absolute_url(self):
        return reverse("reservations:complaint-detail", args=[self.pk])

    @property
    def response_overdue(self) -> bool:
        return self.first_response_at is None and self.first_response_due < timezone.now()


def _feedback_token() -> str:
    return secrets.token_urlsafe(24)


FEEDBACK_VALID = timedelta(days=30)


def _feedback_expiry():
    return timezone.now() + FEEDBACK_VALID


class FeedbackRequest(models.Model):
    """A single-use link (no sign-in) asking a guest about a stay or an event."""

    guest = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="feedback")
    reservation = models.ForeignKey(Reservation, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=_feedback_token)
    expires_at = models.DateTimeField(default=_feedback_expiry)
    answered_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reservation"], condition=Q(reservation__isnull=False), name="one_feedback_per_stay"
            ),
            models.UniqueConstraint(
                fields=["event", "guest"], condition=Q(event__isnull=False), name="one_feedback_per_event_guest"
            ),
        ]

    def __str__(self):
        return f"{self.guest} {self.rating or '—'}"

    def get_absolute_url(self):
        return reverse("reservations:feedback", args=[self.token])


class DailyReportMail(models.Model):
    """The morning email of the daily report: one row per date, so a second run of the job sends nothing."""

    on_date = models.DateField(unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-on_date"]

    def __str__(self):
        return str(self.on_date)
