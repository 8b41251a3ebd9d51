"""Aging of receivables as of any date: what each account owed then, by how late it was.

An invoice counts from its issue date until it is paid, credited or voided; money counts from its own date.
Days past due are counted in the hotel's local dates: an invoice due today is current all day long.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from clienthistory.models import Account
from hotelsales.db import DaysBetween
from receivables.models import ZERO, Allocation, CreditNote, Invoice, Payment

BUCKETS = ("current", "d1_30", "d31_60", "d61_90", "over_90")
MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass
class AgingRow:
    account: Account | None
    current: Decimal = ZERO
    d1_30: Decimal = ZERO
    d31_60: Decimal = ZERO
    d61_90: Decimal = ZERO
    over_90: Decimal = ZERO
    unapplied: Decimal = ZERO
    invoices: int = 0

    @property
    def total(self) -> Decimal:
        return self.current + self.d1_30 + self.d31_60 + self.d61_90 + self.over_90

    @property
    def overdue(self) -> Decimal:
        return self.total - self.current


@dataclass
class Aging:
    as_of: date
    rows: list[AgingRow] = field(default_factory=list)
    totals: AgingRow = field(default_factory=lambda: AgingRow(account=None))


def _days_past_due(as_of: date):
    """as_of − due date in days (date minus date is a number of days in PostgreSQL)."""
    return Func(
        Value(as_of), F("due_date"), template="(%(expressions)s)", arg_joiner=" - ", output_field=IntegerField()
    )


def open_invoices(as_of: date, *, account: Account | None = None):
    """Invoices open on `as_of`, each with its balance then and its days past due."""
    paid = (
        Allocation.objects.filter(invoice=OuterRef("pk"), date__lte=as_of)
        .order_by()
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    invoices = Invoice.objects.filter(issue_date__lte=as_of).filter(
        Q(state=Invoice.State.ISSUED) | Q(state=Invoice.State.VOID, voided_on__gt=as_of)
    )
    if account is not None:
        invoices = invoices.filter(account=account)
    return (
        invoices.annotate(
            balance=F("total") - Coalesce(Subquery(paid, output_field=MONEY), Value(ZERO), output_field=MONEY),
            days_past_due=DaysBetween(Value(as_of), F("due_date")),
        )
        .filter(balance__gt=0)
        .annotate(
            bucket=Case(
                When(days_past_due__lte=0, then=Value("current")),
                When(days_past_due__lte=30, then=Value("d1_30")),
                When(days_past_due__lte=60, then=Value("d31_60")),
                When(days_past_due__lte=90, then=Value("d61_90")),
                default=Value("over_90"),
            )
        )
    )


def _unapplied(as_of: date) -> dict[int, Decimal]:
    """Money received (or credited) by `as_of` and not yet set against an invoice by then, per account."""
    result: dict[int, Decimal] = {}
    for model, link in ((Payment, "payment"), (CreditNote, "credit_note")):
        used = (
            Allocation.objects.filter(**{link: OuterRef("pk")}, date__lte=as_of)
            .order_by()
            .values(link)
            .annotate(total=Sum("amount"))
            .values("total")
        )
        rows = (
            model.objects.filter(date__lte=as_of)
            .annotate(left=F("amount") - Coalesce(Subquery(used, output_field=MONEY), Value(ZERO), output_field=MONEY))
            .filter(left__gt=0)
            .values("account")
            .annotate(total=Sum("left"))
        )
        for row in rows:
            result[row["account"]] = result.get(row["account"], ZERO) + row["total"]
    return result


def aging(as_of: date) -> Aging:
    """Per account and in total, in four queries whatever the number of invoices."""
    sums = (
        open_invoices(as_of).order_by().values("account", "bucket").annotate(amount=Sum("balance"), count=Sum(Value(1)))
    )
    by_account: dict[int, AgingRow] = {}
    for row in sums:
        line = by_account.setdefault(row["account"], AgingRow(account=None))
        setattr(line, row["bucket"], getattr(line, row["bucket"]) + row["amount"])
        line.invoices += row["count"]
    unapplied = _unapplied(as_of)
    for account_id, amount in unapplied.items():
        by_account.setdefault(account_id, AgingRow(account=None)).unapplied = amount
    accounts = Account.objects.in_bulk(list(by_account))
    result = Aging(as_of=as_of)
    for account_id, line in by_account.items():
        line.account = accounts[account_id]
        result.rows.append(line)
        for bucket in (*BUCKETS, "unapplied"):
            setattr(result.totals, bucket, getattr(result.totals, bucket) + getattr(line, bucket))
        result.totals.invoices += line.invoices
    result.rows.sort(key=lambda line: (-line.overdue, -line.total, line.account.name))
    return result
