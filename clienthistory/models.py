import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Cast, Concat, ExtractDay, ExtractMonth, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from hotelsales.models import PINYIN, BilingualName
from hotelsales.punctuation import label
from hotelsales.search import search_indexes


class Segment(models.TextChoices):
    """Market segments, shared by accounts and bookings."""

    CORPORATE = "corporate", _("Corporate")
    GOVERNMENT = "government", _("Government")
    TRAVEL_AGENCY = "travel_agency", _("Travel agency / wholesale")
    MICE = "mice", _("Meetings and conferences")
    WEDDING = "wedding", _("Wedding")
    SOCIAL = "social", _("Social and association")
    LEISURE = "leisure", _("Leisure / individual")


class CreditRating(models.TextChoices):
    A = "A", _("A — excellent")
    B = "B", _("B — good")
    C = "C", _("C — watch")
    D = "D", _("D — prepayment only")


LANGUAGE_CHOICES = [("zh-hans", _("Chinese")), ("en", _("English"))]

mobile_validator = RegexValidator(r"^\+?\d{5,20}$", _("Enter digits only, optionally starting with +."))


def _search_text(*fields):
    parts = []
    for name in fields:
        parts += [Cast(F(name), models.TextField()), Value(" ", output_field=models.TextField())]
    return Lower(Concat(*parts[:-1]))


def month_day(field: str):
    """A date's month and day as one number, 229 for 29 February: who has a birthday or an anniversary in the
    coming days is found through an index on it, whatever the year they were born or married."""
    return ExtractMonth(field) * 100 + ExtractDay(field)


class Account(models.Model):
    """A client organisation (客户单位): company, agency, government office, association or private party."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        TRAVEL_AGENCY = "travel_agency", _("Travel agency")
        GOVERNMENT = "government", _("Government")
        ASSOCIATION = "association", _("Association")
        PRIVATE = "private", _("Private (e.g. a wedding couple)")

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    name = models.CharField(_("name"), max_length=200, db_collation=PINYIN)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_accounts",
    )
    segment = models.CharField(_("market segment"), max_length=20, choices=Segment.choices, default=Segment.CORPORATE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROSPECT)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    letter_language = models.CharField(
        _("language for letters"), max_length=10, choices=LANGUAGE_CHOICES, default="zh-hans"
    )
    payment_terms_days = models.PositiveSmallIntegerField(_("payment terms (days)"), default=30)
    credit_rating = models.CharField(_("credit rating"), max_length=1, choices=CreditRating.choices, blank=True)
    credit_limit = models.DecimalField(
        _("credit limit"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    # Kept up to date by the receivables app whenever a balance or a dunning level changes (R6); the reason
    # holds codes, shown translated.
    HOLD_OVER_LIMIT, HOLD_DUNNING = "over_limit", "dunning_level"
    HOLD_REASONS = {
        HOLD_OVER_LIMIT: _("owes more than its credit limit"),
        HOLD_DUNNING: _("has reached a dunning level that holds credit"),
    }
    credit_hold = models.BooleanField(_("on credit hold"), default=False, editable=False)
    credit_hold_reason = models.CharField(_("credit hold reason"), max_length=200, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.GeneratedField(
        expression=_search_text("name", "phone", "email"), output_field=models.TextField(), db_persist=True
    )
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["name", "id"]
        indexes = [
            *search_indexes("account"),
            models.Index(fields=["name", "id"], name="account_name"),
            models.Index(fields=["owner", "status"], name="account_owner_status"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clienthistory:account-detail", args=[self.pk])

    @property
    def credit_hold_reasons(self) -> list[str]:
        return [
            str(self.HOLD_REASONS[code]) for code in self.credit_hold_reason.split(",") if code in self.HOLD_REASONS
        ]


class VipLevel(BilingualName):
    """A configurable VIP level (e.g. VIP1 for the chairman of a key account), with what it means."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True, help_text=_("1 is the highest level."))
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("VIP level")
        verbose_name_plural = _("VIP levels")
        ordering = ["rank"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Profile(models.Model):
    """A person: a guest, or a contact of an account. Chinese names are kept whole in one field."""

    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100, db_collation=PINYIN)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    mobile = models.CharField(_("mobile"), max_length=24, blank=True, validators=[mobile_validator])
    email = models.EmailField(_("email"), blank=True)
    birthday = models.DateField(_("birthday"), null=True, blank=True)
    anniversary = models.DateField(_("anniversary"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="zh-hans")
    vip_level = models.ForeignKey(
        VipLevel, verbose_name=_("VIP level"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    marketing_consent = models.BooleanField(_("agrees to marketing"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_profiles",
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.GeneratedField(
        expression=_search_text("name", "mobile", "email"), output_field=models.TextField(), db_persist=True
    )
    # The rank of the VIP level, for sorting by it through an index; PostgreSQL triggers keep it (migration 0004).
    vip_rank = models.PositiveSmallIntegerField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "vip_rank"])

    class Meta:
        verbose_name = _("guest profile")
        verbose_name_plural = _("guest profiles")
        ordering = ["name", "id"]
        indexes = [
            *search_indexes("profile"),
            models.Index(fields=["name", "id"], name="profile_name"),
            models.Index(fields=["vip_rank", "name", "id"], name="profile_vip_rank"),
            models.Index(fields=["mobile"], name="profile_mobile", condition=~models.Q(mobile="")),
            models.Index(fields=["email"], name="profile_email", condition=~models.Q(email="")),
            GinIndex(OpClass(F("name"), name="gin_trgm_ops"), name="profile_name_trgm"),
            models.Index(month_day("birthday"), name="profile_birthday_day"),
            models.Index(month_day("anniversary"), name="profile_anniversary_day"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clienthistory:profile-detail", args=[self.pk])

    @property
    def lookup_hint(self) -> str:
        """What tells two people of the same name apart in a list of suggestions."""
        return " · ".join(part for part in (self.mobile, self.account.name if self.account_id else "") if part)

    @property
    def is_active(self) -> bool:
        return self.merged_into_id is None


class DuplicateCandidate(models.Model):
    """Two active profiles that look like one person, found when either is written (migration 0006: PostgreSQL
    triggers keep the pairs, so every way a profile is written, bulk imports and the demo included, keeps them
    right). `profile_a` has the lower id; `reason` is the strongest thing they share."""

    class Reason(models.IntegerChoices):
        MOBILE = 1, _("Same mobile")
        EMAIL = 2, _("Same email")
        NAME = 3, _("Near-identical name under one account")

    # No reverse accessors: the pairs are derived data, so a merge does not move them and a privacy export does
    # not list them (both walk Profile's related objects); deleting a profile still deletes its pairs.
    profile_a = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    profile_b = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    reason = models.PositiveSmallIntegerField(choices=Reason.choices)

    class Meta:
        ordering = ["reason", "profile_a_id", "profile_b_id"]
        indexes = [models.Index(fields=["reason", "profile_a", "profile_b"], name="duplicate_candidate_order")]
        constraints = [
            models.UniqueConstraint(fields=["profile_a", "profile_b"], name="duplicate_candidate_pair"),
            models.CheckConstraint(
                condition=models.Q(profile_a__lt=F("profile_b")), name="duplicate_candidate_order_ab"
            ),
        ]

    def __str__(self):
        return f"{self.profile_a} / {self.profile_b}"

    @property
    def profiles(self) -> list[Profile]:
        return [self.profile_a, self.profile_b]


class Preference(models.Model):
    """One thing a guest likes or must avoid. Allergies and dietary needs flow into the kitchen's BEO."""

    class Category(models.TextChoices):
        ROOM = "room", pgettext_lazy("guest room", "Room")
        DIETARY = "dietary", _("Dietary")
        ALLERGY = "allergy", _("Allergy")
        OTHER = "other", _("Other")

    profile = models.ForeignKey(
        Profile, verbose_name=_("guest profile"), on_delete=models.CASCADE, related_name="preferences"
    )
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    text = models.CharField(_("preference"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        ordering = ["category", "id"]

    def __str__(self):
        return label(self.get_category_display()) + self.text


class CreditAssessment(models.Model):
    """A dated credit review (资信评估) of an account; the newest one is the account's current rating."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="credit_assessments"
    )
    assessed_on = models.DateField(_("assessed on"))
    rating = models.CharField(_("credit rating"), max_length=1, choices=CreditRating.choices)
    limit = models.DecimalField(_("credit limit"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("credit assessment")
        verbose_name_plural = _("credit assessments")
        ordering = ["-assessed_on", "-id"]

    def __str__(self):
        return f"{self.account} {self.assessed_on} {self.rating}"


class Activity(models.Model):
    """A planned or done sales activity (走访): a visit, a call, a site inspection, an entertainment, an email."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")
        SITE_INSPECTION = "site_inspection", _("Site inspection")
        ENTERTAINMENT = "entertainment", _("Entertainment")
        EMAIL = "email", _("Email")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.VISIT)
    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    contact = models.ForeignKey(
        Profile, verbose_name=_("contact"), on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="activities"
    )
    due_at = models.DateTimeField(_("due"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(5)]
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    outcome = models.TextField(_("outcome"), blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sales activity")
        verbose_name_plural = _("sales activities")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["owner", "due_at"], name="activity_owner_due")]

    def __str__(self):
        return label(self.get_kind_display()) + self.purpose

    @property
    def ends_at(self):
        return self.due_at + timedelta(minutes=self.duration_minutes)

    @property
    def overdue(self) -> bool:
        """Open after its scheduled day: a visit at 10:00 is not late at 10:01, as its owner logs it later that
        day (the agenda lists it under today until then)."""
        return not self.done and timezone.localdate(self.due_at) < timezone.localdate()

    def mark_done(self, *, outcome: str = "", next_step: str = "", at=None) -> None:
        self.done = True
        self.done_at = at or timezone.now()
        if outcome:
            self.outcome = outcome
        if next_step:
            self.next_step = next_step
        self.save(update_fields=["done", "done_at", "outcome", "next_step"])


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a user's iCal feed of activities; rotating it cuts off old subscriptions."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    def rotate(self) -> None:
        self.token = _new_token()
        self.save(update_fields=["token"])


class ImportJob(models.Model):
    """An import of more rows than are checked while the browser waits: a worker checks the rows, and after the
    person confirms, writes them. The state changes in the same transaction as the import, so a retried task
    never imports twice."""

    class Kind(models.TextChoices):
        ACCOUNTS = "account", _("Accounts")
        PROFILES = "profile", _("Guest profiles")

    class State(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        READY = "ready", _("Ready to import")
        REJECTED = "rejected", _("Rejected")
        IMPORTING = "importing", _("Being imported")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    language = models.CharField(_("language"), max_length=10)
    filename = models.CharField(_("file name"), max_length=200)
    # The file's rows as [row number, {column key: text}], emptied when the job is done; the first rows stay.
    headers = models.JSONField(_("columns"), default=dict)
    ignored = models.JSONField(_("ignored columns"), default=list)
    rows = models.JSONField(_("rows"), default=list)
    preview = models.JSONField(_("first rows"), default=list)
    row_count = models.PositiveIntegerField(_("number of rows"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.CHECKING)
    errors = models.JSONField(_("errors"), default=list)  # [row number, column key, message]
    created = models.PositiveIntegerField(_("created"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return self.filename

    @property
    def working(self) -> bool:
        """A worker is checking or writing the rows: the job's page waits."""
        return self.state in (self.State.CHECKING, self.State.IMPORTING)
