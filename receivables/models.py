from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clienthistory.models import Account
from hotelsales.money import round_money
from hotelsales.punctuation import aside, label
from reservations.models import Booking, Reservation

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")
CENT = Decimal("0.01")


class NumberCounter(models.Model):
    """The last number used per series and year; issuing locks its row, so numbers have no gaps (a
    rolled-back issue gives its number back with the rest of the transaction)."""

    series = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="one_counter_per_series_year")]

    def __str__(self):
        return f"{self.series}-{self.year}: {self.last}"


class Invoice(models.Model):
    """An invoice (账单). Drafts can be edited; an issued invoice never changes — it is voided or credited."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        VOID = "void", _("Void")

    class Kind(models.TextChoices):
        MANUAL = "manual", _("Manual")
        DEPOSIT = "deposit", _("Deposit")
        FINAL = "final", _("Final bill")
        ROOMS = "rooms", _("Room charges")
        FEE = "fee", _("Dunning fee")

    account = models.ForeignKey(Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="invoices")
    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    reservation = models.ForeignKey(
        Reservation,
        verbose_name=_("reservation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.MANUAL)
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False)
    issue_date = models.DateField(_("issue date"), null=True, blank=True, editable=False)
    due_date = models.DateField(_("due date"), null=True, blank=True, editable=False)
    total = models.DecimalField(_("total"), **MONEY, default=ZERO, editable=False)
    tax = models.DecimalField(_("tax"), **MONEY, default=ZERO, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    void_reason = models.CharField(_("reason for voiding"), max_length=200, blank=True, editable=False)
    voided_on = models.DateField(_("voided on"), null=True, blank=True, editable=False)
    settled_on = models.DateField(
        _("settled on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The date by which payments and credits had covered the total; empty while money is open."),
    )
    open_amount = models.DecimalField(
        _("open amount"),
        **MONEY,
        default=ZERO,
        editable=False,
        help_text=_(
            "The total less all payments and credits set against it, whatever their dates; zero unless issued."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["settled_on", "open_amount"])

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issue_date", "-id"]
        indexes = [
            models.Index(fields=["account", "state", "due_date"], name="invoice_account_due"),
            models.Index(fields=["state", "due_date"], name="invoice_state_due"),
            models.Index(fields=["settled_on"], name="invoice_settled_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="draft") | Q(number__isnull=False, issue_date__isnull=False, due_date__isnull=False),
                name="issued_invoice_has_number_and_dates",
            ),
            models.CheckConstraint(
                condition=Q(state="issued", open_amount__gte=0, open_amount__lte=F("total"))
                | (~Q(state="issued") & Q(open_amount=0)),
                name="open_amount_within_issued_total",
            ),
        ]

    def __str__(self):
        return self.number or str(_("Draft invoice #%(pk)s") % {"pk": self.pk})

    def get_absolute_url(self):
        return reverse("receivables:invoice-detail", args=[self.pk])


def check_line_price(unit_price: Decimal, discount: bool) -> None:
    """A price below zero takes money off the bill: only a line that says it is a discount may have one (and a
    discount has one), so that no mistyped sign lowers an invoice unnoticed."""
    if unit_price < 0 and not discount:
        raise ValidationError({"unit_price": _("A price below zero is only for a discount: mark the line as one.")})
    if unit_price > 0 and discount:
        raise ValidationError({"unit_price": _("A discount takes money off: enter its price below zero.")})


class InvoiceLine(models.Model):
    """A line at a tax-inclusive price (as hotels in China quote); the tax inside it is shown apart. A discount (a
    deduction, the deposits already invoiced) is a line of its own at a price below zero."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("description"), max_length=300)
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(CENT)]
    )
    unit_price = models.DecimalField(_("unit price incl. tax"), **MONEY)
    discount = models.BooleanField(_("discount"), default=False)
    tax_rate = models.DecimalField(
        _("tax rate %"), max_digits=5, decimal_places=2, default=Decimal("6"), validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(discount=False, unit_price__gte=0) | Q(discount=True, unit_price__lte=0),
                name="negative_price_only_on_discount_line",
            )
        ]

    def __str__(self):
        return self.description

    def clean(self):
        if self.unit_price is not None:
            check_line_price(self.unit_price, self.discount)

    @property
    def amount(self) -> Decimal:
        return round_money(self.quantity * self.unit_price)

    @property
    def tax(self) -> Decimal:
        return round_money(self.amount * self.tax_rate / (100 + self.tax_rate))


class MoneySource(models.Model):
    """What payments and credit notes share: an amount on a date that allocations set against invoices, and the
    date by which all of it had been set against them (kept by `receivables.payments.record_settlement`)."""

    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    used_up_on = models.DateField(
        _("used up on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The date by which all of the money had been set against invoices; empty while some is left."),
    )
    unapplied = models.DecimalField(
        _("unapplied"),
        **MONEY,
        default=ZERO,
        editable=False,
        help_text=_("The money not yet set against invoices, whatever the dates of the allocations."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["used_up_on", "unapplied"], inherit=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-id"]
        # Aging reads only the money not used up by its date, so its cost does not follow the years of payments.
        indexes = [models.Index(fields=["used_up_on"], name="%(class)s_used_up_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(unapplied__gte=0, unapplied__lte=F("amount")), name="%(class)s_unapplied_within_amount"
            )
        ]


class Payment(MoneySource):
    class Method(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("Bank transfer")
        CASH = "cash", _("Cash")
        CARD = "card", _("Card")
        WECHAT = "wechat", _("WeChat Pay")
        ALIPAY = "alipay", _("Alipay")
        CHEQUE = "cheque", _("Cheque")

    account = models.ForeignKey(Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="payments")
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.BANK_TRANSFER)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta(MoneySource.Meta):
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self):
        return f"{self.date} {self.amount}"

    def get_absolute_url(self):
        return reverse("receivables:payment-detail", args=[self.pk])


class CreditNote(MoneySource):
    """A credit against an account (e.g. a goodwill reduction); it is allocated to invoices like a payment."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="credit_notes"
    )
    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("credits invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
    )
    number = models.CharField(_("number"), max_length=20, unique=True)
    reason = models.CharField(_("reason"), max_length=300)

    class Meta(MoneySource.Meta):
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")

    def __str__(self):
        return self.number


class Allocation(models.Model):
    """Money from a payment or a credit note set against an invoice, dated as the money is."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="allocations")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations")
    credit_note = models.ForeignKey(
        CreditNote, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations"
    )
    date = models.DateField()
    amount = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["invoice", "date"], name="allocation_invoice_date"),
            # Aging as of an earlier date adds back the money dated after it to the invoices' open amounts.
            models.Index(fields=["date"], name="allocation_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(payment__isnull=False, credit_note__isnull=True)
                | Q(payment__isnull=True, credit_note__isnull=False),
                name="allocation_from_payment_or_credit_note",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_positive"),
        ]

    def __str__(self):
        return f"{self.invoice} ← {self.amount}"


class Dispute(models.Model):
    """A client disputes an invoice; it is not dunned until the dispute is resolved or expires."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="disputes")
    reason = models.CharField(_("reason"), max_length=300)
    until = models.DateField(_("until"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-created_at"]

    def __str__(self):
        return self.reason


class PromiseToPay(models.Model):
    """The client promised to pay by a date; the invoice is not dunned until that date has passed."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="promises")
    promised_on = models.DateField(_("promised payment date"))
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("promise to pay")
        verbose_name_plural = _("promises to pay")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.promised_on} {self.amount}"


class DunningLevel(models.Model):
    """One step of the dunning policy (催款): how late, by which channel, what it says, what it costs."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        LETTER = "letter", _("Letter (PDF)")
        CALL = "call", _("Call task for the account owner")

    level = models.PositiveSmallIntegerField(_("level"), unique=True)
    days_past_due = models.PositiveSmallIntegerField(_("days past due"), unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    subject_zh = models.CharField(_("subject (Chinese)"), max_length=200)
    body_zh = models.TextField(_("text (Chinese)"))
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_en = models.TextField(_("text (English)"))
    fee = models.DecimalField(_("fee"), **MONEY, default=ZERO, validators=[MinValueValidator(0)])
    credit_hold = models.BooleanField(_("puts the account on credit hold"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dunning level")
        verbose_name_plural = _("dunning levels")
        ordering = ["level"]

    def __str__(self):
        return label(self.level) + f"{self.days_past_due}+" + aside(self.get_channel_display())


class DunningRun(models.Model):
    on_date = models.DateField(_("for date"))
    dry_run = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.on_date} {self.counts}"


class DunningLetter(models.Model):
    """What one account receives from one run through one channel: its invoices at their due levels.

    pending → sending (committed before anything goes out) → sent; skipped when nothing is left to dun at the
    moment of sending; failed when sending raised an error (retried by the next run); a letter left in
    'sending' was interrupted mid-send and is never sent again automatically (see the collections worklist).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Interrupted while sending — check before resending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped: nothing left to dun")
        FAILED = "failed", _("Failed")

    run = models.ForeignKey(DunningRun, on_delete=models.PROTECT, related_name="letters")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="dunning_letters")
    channel = models.CharField(max_length=10, choices=DunningLevel.Channel.choices)
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient = models.CharField(max_length=254, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"], name="letter_status")]

    def __str__(self):
        return f"{self.account} {self.get_channel_display()} {self.get_status_display()}"


class DunningNotice(models.Model):
    """An (invoice, level) notice. The unique constraint is what makes each one happen at most once."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="notices")
    level = models.ForeignKey(DunningLevel, on_delete=models.PROTECT, related_name="notices")
    letter = models.ForeignKey(DunningLetter, on_delete=models.PROTECT, related_name="notices")
    balance = models.DecimalField(**MONEY)
    days_past_due = models.PositiveIntegerField()
    skipped = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["invoice", "level"], name="one_notice_per_invoice_level")]

    def __str__(self):
        return f"{self.invoice} L{self.level.level}"


class CollectionNote(models.Model):
    """What the receivables clerk noted about chasing an account, and the next action."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="collection_notes")
    text = models.TextField(_("note"))
    next_action_on = models.DateField(_("next action on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("collection note")
        verbose_name_plural = _("collection notes")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:50]
