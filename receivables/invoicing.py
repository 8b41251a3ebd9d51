"""Invoices: drafts, issuing with a gapless number per year, voiding, and the invoices a booking or a stay
produces. Every change to what an account owes ends with refresh_credit_hold (R6).

Locking order: the invoice's row first (editing, issuing, voiding, deleting a draft); when issuing, then the number
counter row of the series and year, held to the end of the transaction; the account row last, when
refresh_credit_hold changes its hold. issue_invoices (the dunning run's fees) locks only the counter row.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from clienthistory.models import Account
from hotelsales.punctuation import label
from receivables.credit import refresh_credit_hold
from receivables.models import ZERO, Invoice, InvoiceLine, NumberCounter
from reservations.models import Booking, DepositInstalment, GroupBlock, Reservation
from reservations.rooms.blocks import attrition, stay_is_over
from reservations.sales.deposits import scheduled_amounts
from reservations.sales.estimates import estimate


def next_number(series: str, year: int) -> str:
    """The next number of a series in a year, e.g. INV-2026-000123."""
    [number] = next_numbers(series, year, 1)
    return number


def next_numbers(series: str, year: int, count: int) -> list[str]:
    """The next `count` numbers of a series in a year, in order. The counter row stays locked until the
    caller's transaction ends, so concurrent issues queue up and a rolled-back issue leaves no gap."""
    NumberCounter.objects.bulk_create([NumberCounter(series=series, year=year)], ignore_conflicts=True)
    counter = NumberCounter.objects.select_for_update().get(series=series, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return [f"{series}-{year}-{number:06d}" for number in range(first, counter.last + 1)]


@dataclass(frozen=True)
class Line:
    description: str
    unit_price: Decimal
    quantity: Decimal = Decimal("1")
    tax_rate: Decimal | None = None
    discount: bool = False  # a price below zero is only for a discount (InvoiceLine)


@transaction.atomic
def create_invoice(
    *, account, lines: list[Line], kind: str = Invoice.Kind.MANUAL, booking=None, reservation=None, notes="", by=None
) -> Invoice:
    """A draft invoice; it can still be changed until it is issued."""
    if not lines:
        raise ValidationError(_("An invoice needs at least one line."))
    invoice = Invoice(account=account, kind=kind, booking=booking, reservation=reservation, notes=notes, created_by=by)
    invoice.full_clean()
    invoice._history_user = by
    invoice.save()
    _write_lines(invoice, lines)
    return invoice


def _invoice_line(invoice: Invoice, line: Line) -> InvoiceLine:
    return InvoiceLine(
        invoice=invoice,
        description=line.description,
        quantity=line.quantity,
        unit_price=line.unit_price,
        discount=line.discount,
        tax_rate=settings.HOTEL_TAX_RATE if line.tax_rate is None else line.tax_rate,
    )


def _write_lines(invoice: Invoice, lines: list[Line]) -> None:
    for line in lines:
        row = _invoice_line(invoice, line)
        row.full_clean(exclude=["invoice"])
        row.save()


@transaction.atomic
def update_draft(*, invoice: Invoice, account, notes: str, lines: list[Line], by=None) -> Invoice:
    """Give a draft another account, notes and lines. Only a draft: an issued invoice never changes."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.state != Invoice.State.DRAFT:
        raise ValidationError(_("An issued invoice is never edited; void it or credit it."))
    if not lines:
        raise ValidationError(_("An invoice needs at least one line."))
    invoice.account, invoice.notes = account, notes
    invoice.full_clean()
    invoice._history_user = by
    invoice.save(update_fields=["account", "notes"])
    invoice.lines.all().delete()
    _write_lines(invoice, lines)
    return invoice


@transaction.atomic
def issue_invoice(*, invoice: Invoice, on_date: date, by=None) -> Invoice:
    """Give the draft its number, issue date and due date (the account's payment terms); it is final now."""
    invoice = Invoice.objects.select_for_update(of=("self",)).select_related("account").get(pk=invoice.pk)
    if invoice.state != Invoice.State.DRAFT:
        raise ValidationError(_("Only a draft invoice can be issued."))
    lines = list(invoice.lines.all())
    total = sum((line.amount for line in lines), ZERO)
    if total <= 0:
        raise ValidationError(_("The invoice total must be more than zero; issue a credit note instead."))
    invoice.total = invoice.open_amount = total
    invoice.tax = sum((line.tax for line in lines), ZERO)
    invoice.number = next_number("INV", on_date.year)
    invoice.issue_date = on_date
    invoice.due_date = on_date + timedelta(days=invoice.account.payment_terms_days)
    invoice.state = Invoice.State.ISSUED
    invoice._history_user = by
    invoice.save()
    refresh_credit_hold(invoice.account)
    return invoice


@transaction.atomic
def issue_invoices(bills: list[tuple[Account, list[Line]]], *, kind: str, on_date: date) -> list[Invoice]:
    """Issue many invoices at once (the dunning run's fees), numbered, dated and totalled as `issue_invoice` does
    one by one, in a fixed number of queries. The caller refreshes the accounts' credit holds."""
    invoices, rows = [], []
    for (account, lines), number in zip(bills, next_numbers("INV", on_date.year, len(bills)), strict=True):
        invoice = Invoice(account=account, kind=kind, number=number, state=Invoice.State.ISSUED, issue_date=on_date,
                          due_date=on_date + timedelta(days=account.payment_terms_days))  # fmt: skip
        items = [_invoice_line(invoice, line) for line in lines]
        invoice.total = invoice.open_amount = sum((item.amount for item in items), ZERO)
        invoice.tax = sum((item.tax for item in items), ZERO)
        invoices.append(invoice)
        rows += items
    bulk_create_with_history(invoices, Invoice)
    InvoiceLine.objects.bulk_create(rows)  # each line takes its invoice's new id
    return invoices


@transaction.atomic
def delete_draft(*, invoice: Invoice) -> None:
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.state != Invoice.State.DRAFT:
        raise ValidationError(_("An issued invoice is never deleted; void it or credit it."))
    invoice.delete()


@transaction.atomic
def void_invoice(*, invoice: Invoice, reason: str, on_date: date, by=None) -> Invoice:
    """Cancel an issued invoice that nothing has been paid or credited against."""
    invoice = Invoice.objects.select_for_update(of=("self",)).select_related("account").get(pk=invoice.pk)
    if invoice.state != Invoice.State.ISSUED:
        raise ValidationError(_("Only an issued invoice can be voided."))
    if invoice.allocations.exists():
        raise ValidationError(_("Money has been set against this invoice; issue a credit note instead."))
    if not reason.strip():
        raise ValidationError({"void_reason": _("Give the reason for voiding.")})
    invoice.state = Invoice.State.VOID
    invoice.open_amount = ZERO
    invoice.void_reason = reason.strip()
    invoice.voided_on = on_date
    invoice._history_user = by
    invoice.save(update_fields=["state", "open_amount", "void_reason", "voided_on"])
    refresh_credit_hold(invoice.account)
    return invoice


def balance(invoice: Invoice) -> Decimal:
    if invoice.state != Invoice.State.ISSUED:
        return ZERO
    paid = invoice.allocations.aggregate(total=Sum("amount"))["total"] or ZERO
    return invoice.total - paid


def _require_account(booking: Booking):
    if booking.account_id is None:
        raise ValidationError(_("Give the booking an account before invoicing it."))
    return booking.account


def deposit_invoice(*, booking: Booking, instalment: DepositInstalment, by=None) -> Invoice:
    """A draft for one deposit instalment, at its amount in the schedule."""
    account = _require_account(booking)
    amounts = {
        row.instalment.pk: row.amount for row in scheduled_amounts(booking.instalments.all(), booking.estimated_value)
    }
    description = _("Deposit for %(booking)s, due %(date)s") % {"booking": booking.name, "date": instalment.due_on}
    if instalment.description:
        description = label(description) + instalment.description
    return create_invoice(
        account=account, booking=booking, kind=Invoice.Kind.DEPOSIT, by=by,
        lines=[Line(description, amounts[instalment.pk])],
    )  # fmt: skip


def final_lines(booking: Booking, *, today: date) -> list[Line]:
    """The final bill: each event at max(guaranteed, actual) (R4), its room rental, equipment and F&B-minimum
    shortfall; a group's attrition charge once the stay is over; less the deposits already invoiced."""
    lines = []
    for event in booking.events.select_related("room").prefetch_related("resource_lines__resource"):
        prices = estimate(event, persons=event.billable_persons, resource_lines=event.resource_lines.all())
        day = timezone.localtime(event.start).date()
        label = f"{event.title} {day} {event.room.name}"
        if prices.food:
            if event.pricing == event.Pricing.PER_TABLE:
                lines.append(
                    Line(
                        _("%(event)s: menu, per table") % {"event": label}, event.menu_price, Decimal(event.tables_used)
                    )
                )
            else:
                lines.append(
                    Line(
                        _("%(event)s: menu, per person") % {"event": label},
                        event.menu_price,
                        Decimal(event.billable_persons),
                    )
                )
        if prices.beverage and event.beverage_pricing == event.Pricing.PER_TABLE:
            lines.append(
                Line(
                    _("%(event)s: beverages, per table") % {"event": label},
                    event.beverage_price,
                    Decimal(event.tables_used),
                )
            )
        elif prices.beverage:
            lines.append(
                Line(
                    _("%(event)s: beverages") % {"event": label}, event.beverage_price, Decimal(event.billable_persons)
                )
            )
        if prices.rental:
            lines.append(Line(_("%(event)s: room rental") % {"event": label}, prices.rental))
        if prices.resources:
            lines.append(Line(_("%(event)s: equipment") % {"event": label}, prices.resources))
        if prices.fnb_shortfall:
            lines.append(Line(_("%(event)s: F&B minimum shortfall") % {"event": label}, prices.fnb_shortfall))
    block = GroupBlock.objects.filter(booking=booking).first()
    if block is not None and stay_is_over(block, today):
        charge = attrition(block).charge
        if charge:
            lines.append(Line(_("Attrition charge for unused group rooms"), charge))
    deposits = (
        booking.invoices.filter(kind=Invoice.Kind.DEPOSIT, state=Invoice.State.ISSUED).aggregate(total=Sum("total"))[
            "total"
        ]
        or ZERO
    )
    if deposits:
        lines.append(Line(_("Less deposits invoiced"), -deposits, discount=True))
    return lines


def final_invoice(*, booking: Booking, today: date, by=None) -> Invoice:
    account = _require_account(booking)
    return create_invoice(
        account=account, booking=booking, kind=Invoice.Kind.FINAL, by=by, lines=final_lines(booking, today=today)
    )


def reservation_invoice(*, reservation: Reservation, account, by=None) -> Invoice:
    """Room charges of a stay billed to an account (a company paying for its guest)."""
    description = _("%(guest)s, %(type)s, %(arrival)s – %(departure)s, %(rooms)s room(s)") % {
        "guest": reservation.guest.name,
        "type": reservation.room_type.name,
        "arrival": reservation.arrival,
        "departure": reservation.departure,
        "rooms": reservation.rooms,
    }
    return create_invoice(
        account=account, reservation=reservation, kind=Invoice.Kind.ROOMS, by=by,
        lines=[Line(description, reservation.rate, Decimal(reservation.room_nights))],
    )  # fmt: skip
