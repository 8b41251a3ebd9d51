"""Aging of receivables as of any date: what each account owed then, by how late it was.

An invoice counts from its issue date until it is paid, credited or voided; money counts from its own date.
Days past due are counted in the hotel's local dates: an invoice due today is current all day long.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Case,
    DecimalField,
    F,
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
from receivables.models import ZERO, Allocation, Invoice

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
    account_id: int | None = None
    name: str = ""

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


def open_invoices(as_of: date, *, account: Account | None = None):
    """Invoices open on `as_of`, each with its balance then and its days past due."""
    paid = (
        Allocation.objects.filter(invoice=OuterRef("pk"), date__lte=as_of)
        .order_by()
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    invoices = Invoice.objects.filter(
        Q(settled_on__isnull=True) | Q(settled_on__gt=as_of),
        Q(state=Invoice.State.ISSUED) | Q(state=Invoice.State.VOID, voided_on__gt=as_of),
        issue_date__lte=as_of,
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


# Per account and bucket, the balances of the invoices open on the date, by the rules of `open_invoices`. Only
# invoices not yet settled by the date are read, so the cost follows what is open, not the years of history.
_BALANCES = """
WITH open AS MATERIALIZED (
    SELECT invoice.account_id, %(as_of)s - invoice.due_date AS late, invoice.total - COALESCE((
        SELECT SUM(amount) FROM receivables_allocation
        WHERE invoice_id = invoice.id AND date <= %(as_of)s
    ), 0) AS balance
    FROM receivables_invoice invoice
    WHERE invoice.issue_date <= %(as_of)s
      AND (invoice.settled_on IS NULL OR invoice.settled_on > %(as_of)s)
      AND (invoice.state = %(issued)s OR (invoice.state = %(void)s AND invoice.voided_on > %(as_of)s))
)
SELECT account_id, account.name,
       SUM(balance) FILTER (WHERE late <= 0),
       SUM(balance) FILTER (WHERE late BETWEEN 1 AND 30),
       SUM(balance) FILTER (WHERE late BETWEEN 31 AND 60),
       SUM(balance) FILTER (WHERE late BETWEEN 61 AND 90),
       SUM(balance) FILTER (WHERE late > 90),
       COUNT(*)
FROM open JOIN clienthistory_account account ON account.id = open.account_id
WHERE balance > 0 GROUP BY account_id, account.name
"""

# Per account, the money received or credited by the date and not yet set against an invoice by then.
_UNAPPLIED = """
WITH money AS MATERIALIZED (
    SELECT payment.account_id, payment.amount - COALESCE((
        SELECT SUM(amount) FROM receivables_allocation WHERE payment_id = payment.id AND date <= %(as_of)s
    ), 0) AS left_over
    FROM receivables_payment payment
    WHERE payment.date <= %(as_of)s AND (payment.used_up_on IS NULL OR payment.used_up_on > %(as_of)s)
    UNION ALL
    SELECT note.account_id, note.amount - COALESCE((
        SELECT SUM(amount) FROM receivables_allocation WHERE credit_note_id = note.id AND date <= %(as_of)s
    ), 0)
    FROM receivables_creditnote note
    WHERE note.date <= %(as_of)s AND (note.used_up_on IS NULL OR note.used_up_on > %(as_of)s)
)
SELECT account_id, account.name, SUM(left_over)
FROM money JOIN clienthistory_account account ON account.id = money.account_id
WHERE left_over > 0 GROUP BY account_id, account.name
"""


def aging(as_of: date) -> Aging:
    """Per account and in total, in two queries whatever the number of invoices, the most overdue first.
    The rows carry their accounts' names; `with_accounts` loads the accounts of the rows a page shows."""
    params = {"as_of": as_of, "issued": Invoice.State.ISSUED, "void": Invoice.State.VOID}
    by_account: dict[int, AgingRow] = {}
    with connection.cursor() as cursor:
        cursor.execute(_BALANCES, params)
        for account_id, name, *amounts, count in cursor.fetchall():
            buckets = {bucket: amount or ZERO for bucket, amount in zip(BUCKETS, amounts, strict=True)}
            by_account[account_id] = AgingRow(account=None, account_id=account_id, name=name, invoices=count, **buckets)
        cursor.execute(_UNAPPLIED, params)
        for account_id, name, amount in cursor.fetchall():
            line = by_account.setdefault(account_id, AgingRow(account=None, account_id=account_id, name=name))
            line.unapplied = amount
    result = Aging(as_of=as_of)
    for line in by_account.values():
        result.rows.append(line)
        for bucket in (*BUCKETS, "unapplied"):
            setattr(result.totals, bucket, getattr(result.totals, bucket) + getattr(line, bucket))
        result.totals.invoices += line.invoices
    result.rows.sort(key=lambda line: (-line.overdue, -line.total, line.name))
    return result


def with_accounts(rows: list[AgingRow]) -> list[AgingRow]:
    """Attach their accounts (and owners) to aging rows, in one query."""
    accounts = Account.objects.select_related("owner").in_bulk([row.account_id for row in rows])
    for row in rows:
        row.account = accounts[row.account_id]
    return rows
