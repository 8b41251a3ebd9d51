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
    link: str = ""  # the drill-down's address, given by the page

    @property
    def total(self) -> Decimal:
        return self.current + self.d1_30 + self.d31_60 + self.d61_90 + self.over_90

    @property
    def overdue(self) -> Decimal:
        return self.total - self.current


@dataclass
class Aging:
    as_of: date
    accounts: int = 0  # accounts with money open or unapplied, whether or not `rows` holds them all
    rows: list[AgingRow] = field(default_factory=list)
    totals: AgingRow = field(default_factory=lambda: AgingRow(account=None))


def open_invoices(as_of: date, *, account: Account | None = None):
    """Invoices open on `as_of`, each with its balance then and its days past due: its open amount now and the
    money set against it after the date (a void invoice had nothing set against it)."""
    later = (
        Allocation.objects.filter(invoice=OuterRef("pk"), date__gt=as_of)
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
            balance=Case(
                When(state=Invoice.State.VOID, then=F("total")),
                default=F("open_amount")
                + Coalesce(Subquery(later, output_field=MONEY), Value(ZERO), output_field=MONEY),
                output_field=MONEY,
            ),
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


# What each account owed on the date, by bucket, and its unapplied money; the accounts most overdue first, one
# page of them, each row also carrying the count and the totals of all accounts. Only invoices, payments and
# credit notes not yet settled by the date are read (the rules of `open_invoices`), each with the open amount it
# keeps, plus the allocations dated after the date (none, as of today), so the cost follows what was open then,
# not the years of history nor the payments made.
_AGING = """
WITH later AS MATERIALIZED (
    SELECT invoice_id, payment_id, credit_note_id, amount FROM receivables_allocation WHERE date > %(as_of)s
), open AS MATERIALIZED (
    SELECT invoice.account_id, %(as_of)s - invoice.due_date AS late,
           CASE WHEN invoice.state = %(void)s THEN invoice.total
                ELSE invoice.open_amount + COALESCE(later.amount, 0) END AS balance
    FROM receivables_invoice invoice
    LEFT JOIN (SELECT invoice_id, SUM(amount) AS amount FROM later GROUP BY invoice_id) later
           ON later.invoice_id = invoice.id
    WHERE invoice.issue_date <= %(as_of)s
      AND (invoice.settled_on IS NULL OR invoice.settled_on > %(as_of)s)
      AND (invoice.state = %(issued)s OR (invoice.state = %(void)s AND invoice.voided_on > %(as_of)s))
), owed AS (
    SELECT account_id,
           COALESCE(SUM(balance) FILTER (WHERE late <= 0), 0) AS current,
           COALESCE(SUM(balance) FILTER (WHERE late BETWEEN 1 AND 30), 0) AS d1_30,
           COALESCE(SUM(balance) FILTER (WHERE late BETWEEN 31 AND 60), 0) AS d31_60,
           COALESCE(SUM(balance) FILTER (WHERE late BETWEEN 61 AND 90), 0) AS d61_90,
           COALESCE(SUM(balance) FILTER (WHERE late > 90), 0) AS over_90,
           COUNT(*) AS invoices
    FROM open WHERE balance > 0 GROUP BY account_id
), money AS MATERIALIZED (
    SELECT payment.account_id, payment.unapplied + COALESCE(later.amount, 0) AS left_over
    FROM receivables_payment payment
    LEFT JOIN (SELECT payment_id, SUM(amount) AS amount FROM later GROUP BY payment_id) later
           ON later.payment_id = payment.id
    WHERE payment.date <= %(as_of)s AND (payment.used_up_on IS NULL OR payment.used_up_on > %(as_of)s)
    UNION ALL
    SELECT note.account_id, note.unapplied + COALESCE(later.amount, 0)
    FROM receivables_creditnote note
    LEFT JOIN (SELECT credit_note_id, SUM(amount) AS amount FROM later GROUP BY credit_note_id) later
           ON later.credit_note_id = note.id
    WHERE note.date <= %(as_of)s AND (note.used_up_on IS NULL OR note.used_up_on > %(as_of)s)
), unapplied AS (    SELECT account_id, SUM(left_over) AS unapplied FROM money WHERE left_over > 0 GROUP BY account_id
), lines AS MATERIALIZED (
    SELECT account_id, account.name,
           COALESCE(current, 0) AS current, COALESCE(d1_30, 0) AS d1_30, COALESCE(d31_60, 0) AS d31_60,
           COALESCE(d61_90, 0) AS d61_90, COALESCE(over_90, 0) AS over_90,
           COALESCE(unapplied, 0) AS unapplied, COALESCE(invoices, 0) AS invoices
    FROM owed FULL JOIN unapplied USING (account_id)
    JOIN clienthistory_account account ON account.id = account_id
), totals AS (
    SELECT COUNT(*) AS accounts, COALESCE(SUM(current), 0), COALESCE(SUM(d1_30), 0), COALESCE(SUM(d31_60), 0),
           COALESCE(SUM(d61_90), 0), COALESCE(SUM(over_90), 0), COALESCE(SUM(unapplied), 0),
           COALESCE(SUM(invoices), 0)::integer
    FROM lines
), page AS (
    SELECT *, d1_30 + d31_60 + d61_90 + over_90 AS overdue, current + d1_30 + d31_60 + d61_90 + over_90 AS total
    FROM lines ORDER BY overdue DESC, total DESC, name, account_id LIMIT %(limit)s OFFSET %(offset)s
)
SELECT totals.*, page.account_id, page.name, page.current, page.d1_30, page.d31_60, page.d61_90, page.over_90,
       page.unapplied, page.invoices
FROM totals LEFT JOIN page ON TRUE
ORDER BY page.overdue DESC, page.total DESC, page.name, page.account_id
"""
_AMOUNTS = (*BUCKETS, "unapplied", "invoices")


def aging(as_of: date, *, limit: int | None = None, offset: int = 0) -> Aging:
    """Per account and in total, in one query whatever the number of invoices: the totals and the number of
    accounts of all, the rows (most overdue first) from `offset`, `limit` of them or all. The rows carry their
    accounts' names; `with_accounts` loads the accounts themselves."""
    params = {"as_of": as_of, "issued": Invoice.State.ISSUED, "void": Invoice.State.VOID, "limit": limit,
              "offset": offset}  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(_AGING, params)
        found = cursor.fetchall()
    width = len(_AMOUNTS)
    result = Aging(as_of=as_of, accounts=found[0][0])
    result.totals = AgingRow(account=None, **dict(zip(_AMOUNTS, found[0][1 : 1 + width], strict=True)))
    for account_id, name, *amounts in (row[1 + width :] for row in found):
        if account_id is not None:
            line = AgingRow(account=None, account_id=account_id, name=name, **dict(zip(_AMOUNTS, amounts, strict=True)))
            result.rows.append(line)
    return result


def with_accounts(rows: list[AgingRow]) -> list[AgingRow]:
    """Attach their accounts (and owners) to aging rows, in one query."""
    accounts = Account.objects.select_related("owner").in_bulk([row.account_id for row in rows])
    for row in rows:
        row.account = accounts[row.account_id]
    return rows
