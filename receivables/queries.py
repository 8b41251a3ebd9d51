"""Reads that the receivables pages share: rows with what has been set against them, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from clienthistory.models import Account
from receivables.aging import open_invoices
from receivables.models import ZERO, Allocation, CreditNote, DunningNotice, Invoice, Payment

MONEY = DecimalField(max_digits=14, decimal_places=2)


class PaymentState:
    """How far an issued invoice is paid, from its allocations (payments and credit notes)."""

    OPEN = "open"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"


def _allocated(link: str, *, as_of: date | None = None) -> Coalesce:
    """The sum of allocations per `link` (invoice, payment or credit note) of the outer row, 0 when none."""
    rows = Allocation.objects.filter(**{link: OuterRef("pk")})
    if as_of is not None:
        rows = rows.filter(date__lte=as_of)
    total = rows.order_by().values(link).annotate(total=Sum("amount")).values("total")
    return Coalesce(Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY)


def invoices() -> QuerySet[Invoice]:
    """Invoices with their account and booking, what has been paid or credited (`paid`: the total less what is
    still open, zero unless issued) and their `payment_state` (empty unless issued)."""
    issued = Q(state=Invoice.State.ISSUED)
    return (
        Invoice.objects.select_related("account", "booking")
        .annotate(paid=Case(When(issued, then=F("total") - F("open_amount")), default=Value(ZERO), output_field=MONEY))
        .annotate(
            payment_state=Case(
                When(~issued, then=Value("")),
                When(paid__lte=0, then=Value(PaymentState.OPEN)),
                When(paid__lt=F("total"), then=Value(PaymentState.PARTLY_PAID)),
                default=Value(PaymentState.PAID),
            ),
        )
    )


def open_items(account: Account) -> QuerySet[Invoice]:
    """The account's issued invoices with money still open today, oldest due first (the order to pay them in)."""
    return invoices().filter(account=account, state=Invoice.State.ISSUED, open_amount__gt=0).order_by("due_date", "pk")


def invoice_totals(queryset: QuerySet[Invoice]) -> dict[str, Decimal]:
    """The totals of a (filtered) invoice list in one query: invoiced, paid or credited, open."""
    return _sums(queryset, total="total", paid="paid", open="open_amount")


def payments() -> QuerySet[Payment]:
    """Payments with their account and the money not yet set against an invoice (`unallocated`)."""
    return (
        Payment.objects.select_related("account", "created_by")
        .annotate(allocated=_allocated("payment"))
        .annotate(unallocated=F("amount") - F("allocated"))
    )


def credit_notes() -> QuerySet[CreditNote]:
    """Credit notes with their account and invoice and the credit not yet set against an invoice."""
    return (
        CreditNote.objects.select_related("account", "invoice", "created_by")
        .annotate(allocated=_allocated("credit_note"))
        .annotate(unallocated=F("amount") - F("allocated"))
    )


def money_totals(queryset: QuerySet) -> dict[str, Decimal]:
    """The totals of a (filtered) payment or credit-note list in one query."""
    return _sums(queryset, amount="amount", unallocated="unallocated")


def _sums(queryset: QuerySet, **fields: str) -> dict[str, Decimal]:
    """Sum each field or annotation in one query, zero when there are no rows. (The aggregates get aliases of
    their own: Django cannot aggregate an annotation under the annotation's own name.)"""
    sums = queryset.order_by().aggregate(**{f"sum_{key}": Sum(field) for key, field in fields.items()})
    return {key: sums[f"sum_{key}"] or ZERO for key in fields}


def unapplied_credits(account: Account, as_of: date | None = None) -> list[Payment | CreditNote]:
    """The account's payments and credit notes with money left over (`left`), as of a date when given, in two
    queries; the oldest first."""
    found: list[Payment | CreditNote] = []
    for model, link in ((Payment, "payment"), (CreditNote, "credit_note")):
        rows = model.objects.filter(account=account)
        if as_of is not None:
            rows = rows.filter(date__lte=as_of)
        found += rows.annotate(left=F("amount") - _allocated(link, as_of=as_of)).filter(left__gt=0)
    return sorted(found, key=lambda source: (source.date, source.created_at))


def invoice_allocations(invoice: Invoice) -> list[Allocation]:
    return list(invoice.allocations.select_related("payment", "credit_note").order_by("date", "pk"))


def invoice_notices(invoice: Invoice) -> list[DunningNotice]:
    return list(invoice.notices.select_related("level", "letter").order_by("level__level", "pk"))


def source_allocations(source: Payment | CreditNote) -> list[Allocation]:
    return list(source.allocations.select_related("invoice").order_by("date", "pk"))


@dataclass
class Statement:
    """The statement of open items of an account as of a date: open invoices, unapplied money, and what is due."""

    account: Account
    as_of: date
    invoices: list[Invoice]  # annotated with balance and days_past_due as of the date
    credits: list[Payment | CreditNote]  # annotated with what was left of them then

    @property
    def owed(self) -> Decimal:
        return sum((invoice.balance for invoice in self.invoices), ZERO)

    @property
    def credit(self) -> Decimal:
        return sum((source.left for source in self.credits), ZERO)

    @property
    def due(self) -> Decimal:
        return self.owed - self.credit


def statement(account: Account, as_of: date) -> Statement:
    return Statement(
        account=account,
        as_of=as_of,
        invoices=list(open_invoices(as_of, account=account).order_by("due_date", "pk")),
        credits=unapplied_credits(account, as_of),
    )
