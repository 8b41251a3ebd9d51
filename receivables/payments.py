"""Payments and credit notes, and how they are set against invoices (allocations).

Locking order: allocating an earlier payment or credit note locks its row first. Invoices are locked in id order
before their balance is checked, the same order the dunning run locks them in, so a payment and a dunning letter
for the same invoice take turns and never deadlock; a new credit note takes its number (the CN counter row of its
year) before that. The account row comes last, when refresh_credit_hold changes its hold.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from hotelsales.money import round_money
from receivables.credit import refresh_credit_hold
from receivables.invoicing import next_number
from receivables.models import ZERO, Allocation, CreditNote, Invoice, Payment

# Per model: the date field to keep, the field keeping what is still open, the allocation's link to it, and the
# money its allocations fill up.
_SETTLEMENT = {
    Invoice: ("settled_on", "open_amount", "invoice_id", "total"),
    Payment: ("used_up_on", "unapplied", "payment_id", "amount"),
    CreditNote: ("used_up_on", "unapplied", "credit_note_id", "amount"),
}


def record_settlement(model: type[Invoice | Payment | CreditNote], ids) -> None:
    """Keep what allocations leave of each row (of invoices, only issued ones have any): the money still open
    whatever the allocations' dates, and the day they, taken in date order, first covered all its money (empty
    while some is open). Aging as of any date so reads only the items still open then, and adds back to them only
    the money dated after it. Allocations may be dated back, so both are worked out again from all of them."""
    field, open_field, link, money = _SETTLEMENT[model]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} AS row SET {open_field} = row.{money} - COALESCE((
                SELECT SUM(amount) FROM receivables_allocation WHERE {link} = row.id
            ), 0), {field} = (
                SELECT MIN(running.date) FROM (
                    SELECT date, SUM(amount) OVER (ORDER BY date) AS covered
                    FROM receivables_allocation WHERE {link} = row.id
                ) AS running
                WHERE running.covered >= row.{money}
            )
            WHERE row.id = ANY(%s)
            """,
            [list(ids)],
        )


def unallocated(source: Payment | CreditNote) -> Decimal:
    return source.amount - (source.allocations.aggregate(total=Sum("amount"))["total"] or ZERO)


def _allocate(source: Payment | CreditNote, wanted: list[tuple[Invoice, Decimal]]) -> list[Allocation]:
    wanted = [(invoice, amount) for invoice, amount in wanted if amount]
    if any(amount < 0 for _invoice, amount in wanted):
        raise ValidationError(_("Amounts set against invoices cannot be negative."))
    if sum((amount for _invoice, amount in wanted), ZERO) > unallocated(source):
        raise ValidationError(_("More is set against invoices than the payment or credit note holds."))
    ids = sorted({invoice.pk for invoice, _amount in wanted})
    # Locked, the invoices' open amounts are what is open: every allocation changes them under this lock.
    locked = {invoice.pk: invoice for invoice in Invoice.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    errors, allocations = [], []
    for invoice, amount in wanted:
        invoice = locked[invoice.pk]
        if invoice.account_id != source.account_id:
            errors.append(_("%(invoice)s belongs to another account.") % {"invoice": invoice})
        elif invoice.state != Invoice.State.ISSUED:
            errors.append(_("%(invoice)s is not an issued invoice.") % {"invoice": invoice})
        elif amount > invoice.open_amount:
            errors.append(
                _("%(invoice)s has only %(open)s open.")
                % {"invoice": invoice, "open": round_money(invoice.open_amount)}
            )
        else:
            invoice.open_amount -= amount
            allocations.append(
                Allocation(
                    invoice=invoice,
                    payment=source if isinstance(source, Payment) else None,
                    credit_note=source if isinstance(source, CreditNote) else None,
                    date=source.date,
                    amount=amount,
                )
            )
    if errors:
        raise ValidationError(errors)
    created = Allocation.objects.bulk_create(allocations)
    record_settlement(Invoice, ids)
    record_settlement(type(source), [source.pk])
    return created


@transaction.atomic
def record_payment(
    *,
    account,
    date: date,
    amount: Decimal,
    method: str = Payment.Method.BANK_TRANSFER,
    reference: str = "",
    allocations: list[tuple[Invoice, Decimal]] = (),
    by=None,
) -> Payment:
    """Record money received and set it against one or more invoices, partly if need be. What is not set
    against an invoice stays on the account as credit for later."""
    payment = Payment(
        account=account, date=date, amount=amount, unapplied=amount, method=method, reference=reference, created_by=by
    )
    payment.full_clean()
    payment._history_user = by
    payment.save()
    _allocate(payment, list(allocations))
    refresh_credit_hold(account)
    return payment


@transaction.atomic
def allocate(*, source: Payment | CreditNote, allocations: list[tuple[Invoice, Decimal]]) -> list[Allocation]:
    """Set an earlier payment's or credit note's remaining money against invoices."""
    source = type(source).objects.select_for_update().get(pk=source.pk)
    created = _allocate(source, allocations)
    refresh_credit_hold(source.account)
    return created


@transaction.atomic
def issue_credit_note(
    *, account, amount: Decimal, reason: str, date: date, invoice: Invoice | None = None, by=None
) -> CreditNote:
    """A credit note with a gapless number (CN-2026-000001); credited to `invoice` as far as it is open."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the credit.")})
    note = CreditNote(
        account=account,
        invoice=invoice,
        amount=amount,
        unapplied=amount,
        reason=reason.strip(),
        date=date,
        created_by=by,
    )
    note.full_clean(exclude=["number"])
    note.number = next_number("CN", date.year)
    note._history_user = by
    note.save()
    if invoice is not None:
        open_amount = invoice.total - (invoice.allocations.aggregate(total=Sum("amount"))["total"] or ZERO)
        if open_amount > 0:
            _allocate(note, [(invoice, min(amount, open_amount))])
    refresh_credit_hold(account)
    return note
