from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from receivables.invoicing import (
    Line,
    create_invoice,
    deposit_invoice,
    final_invoice,
    issue_invoice,
    void_invoice,
)
from receivables.models import Invoice
from receivables.payments import record_payment
from reservations.sales.deposits import set_deposit_schedule
from tests.factories import AccountFactory, BookingFactory, FunctionRoomFactory, issued_invoice, make_event

pytestmark = pytest.mark.django_db


def test_numbers_run_without_gaps_per_year_and_start_again_each_year():
    account = AccountFactory()
    numbers = [issued_invoice(account, on=date(2026, 12, 30)).number for _ in range(3)]
    numbers.append(issued_invoice(account, on=date(2027, 1, 2)).number)
    assert numbers == ["INV-2026-000001", "INV-2026-000002", "INV-2026-000003", "INV-2027-000001"]


def test_a_refused_issue_uses_no_number():
    account = AccountFactory()
    issued_invoice(account, on=date(2026, 5, 1))
    empty = create_invoice(account=account, lines=[Line("调整", Decimal("-10"), discount=True)])
    with pytest.raises(ValidationError, match="credit note"):
        issue_invoice(invoice=empty, on_date=date(2026, 5, 1))
    assert issued_invoice(account, on=date(2026, 5, 2)).number == "INV-2026-000002"


def test_issuing_totals_the_lines_with_the_tax_inside_and_sets_the_due_date():
    # 2 × 1,060.00 = 2,120.00 incl. 6 % VAT: tax = 2,120 × 6 / 106 = 120.00; plus 530.00 (30.00 tax) = 2,650.00.
    account = AccountFactory(payment_terms_days=45)
    invoice = issued_invoice(account, on=date(2026, 3, 1), lines=[
        Line("客房", Decimal("1060"), Decimal("2")), Line("洗衣", Decimal("530")),
    ])  # fmt: skip
    assert (invoice.total, invoice.tax) == (Decimal("2650.00"), Decimal("150.00"))
    assert invoice.due_date == date(2026, 4, 15)
    with pytest.raises(ValidationError):
        issue_invoice(invoice=invoice, on_date=date(2026, 3, 2))


def test_an_issued_invoice_is_voided_only_with_a_reason_and_before_money_is_set_against_it():
    invoice = issued_invoice()
    with pytest.raises(ValidationError):
        void_invoice(invoice=invoice, reason=" ", on_date=timezone.localdate())
    void_invoice(invoice=invoice, reason="开错抬头", on_date=timezone.localdate())
    assert Invoice.objects.get(pk=invoice.pk).state == "void"
    paid = issued_invoice()
    record_payment(
        account=paid.account, date=timezone.localdate(), amount=Decimal("10"), allocations=[(paid, Decimal("10"))]
    )
    with pytest.raises(ValidationError, match="credit note"):
        void_invoice(invoice=paid, reason="x", on_date=timezone.localdate())


def test_the_final_bill_uses_max_of_guarantee_and_actual_and_deducts_deposits():
    booking = BookingFactory(status="definite", account=AccountFactory())
    start = timezone.make_aware(datetime.combine(date(2026, 10, 10), time(18)))
    event = make_event(booking, FunctionRoomFactory(capacity=200), start=start, expected=100, guaranteed=100,
                       menu_price=Decimal("300"), beverage_price=Decimal("50"), room_rental=Decimal("2000"),
                       fnb_minimum=Decimal("40000"))  # fmt: skip
    booking.refresh_from_db()
    # At the guarantee: 30,000 menu + 5,000 beverages + 2,000 rental + 5,000 shortfall (40,000 − 35,000).
    assert booking.estimated_value == Decimal("42000.00")
    first, _second = set_deposit_schedule(booking=booking, instalments=[
        {"due_on": date(2026, 9, 1), "basis": "percent", "value": Decimal("30")},
        {"due_on": date(2026, 10, 1), "basis": "percent", "value": Decimal("70")},
    ])  # fmt: skip
    deposit = issue_invoice(invoice=deposit_invoice(booking=booking, instalment=first), on_date=date(2026, 8, 20))
    assert deposit.total == Decimal("12600.00")

    event.actual = 108
    event.save()
    final = issue_invoice(invoice=final_invoice(booking=booking, today=date(2026, 10, 11)), on_date=date(2026, 10, 11))

    # 108 × 300 = 32,400; 108 × 50 = 5,400; rental 2,000; shortfall 40,000 − 37,800 = 2,200; less 12,600.
    amounts = [line.amount for line in final.lines.all()]
    assert amounts == [Decimal("32400.00"), Decimal("5400.00"), Decimal("2000.00"), Decimal("2200.00"),
                       Decimal("-12600.00")]  # fmt: skip
    assert [line.discount for line in final.lines.all()] == [False] * 4 + [True]
    assert final.total == Decimal("29400.00")


def test_a_price_below_zero_is_refused_on_a_line_that_is_not_a_discount():
    account = AccountFactory()
    with pytest.raises(ValidationError, match="only for a discount"):
        create_invoice(account=account, lines=[Line("会议室租金", Decimal("-500"))])
    with pytest.raises(ValidationError, match="below zero"):
        create_invoice(account=account, lines=[Line("协议价折让", Decimal("500"), discount=True)])
    with pytest.raises(ValidationError, match="greater than or equal to"):
        create_invoice(account=account, lines=[Line("会议室租金", Decimal("500"), Decimal("-1"))])
    assert not Invoice.objects.exists()


def test_the_database_holds_the_rule_too():
    draft = create_invoice(account=AccountFactory(), lines=[Line("会议室租金", Decimal("500"))])
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.lines.update(unit_price=Decimal("-500"))
    draft.lines.update(unit_price=Decimal("-500"), discount=True)
