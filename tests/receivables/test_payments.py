from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from receivables.credit import open_balance
from receivables.invoicing import balance
from receivables.payments import allocate, issue_credit_note, record_payment, unallocated
from tests.factories import AccountFactory, issued_invoice

pytestmark = pytest.mark.django_db

D = date(2026, 11, 1)


def test_one_payment_pays_two_invoices_partly_and_the_rest_stays_as_credit():
    account = AccountFactory()
    first, second = issued_invoice(account, amount="1000", on=D), issued_invoice(account, amount="2500", on=D)
    payment = record_payment(account=account, date=D, amount=Decimal("3000"),
                             allocations=[(first, Decimal("1000")), (second, Decimal("1500"))])  # fmt: skip
    assert (balance(first), balance(second)) == (Decimal("0.00"), Decimal("1000.00"))
    assert unallocated(payment) == Decimal("500.00")
    assert open_balance(account) == Decimal("1000.00")

    allocate(source=payment, allocations=[(second, Decimal("500"))])
    assert balance(second) == Decimal("500.00")
    assert unallocated(payment) == Decimal("0.00")


@pytest.mark.parametrize(
    ("amount", "allocated", "message"),
    [
        ("100", "150", "More is set against invoices"),
        ("5000", "1200", "has only"),
        ("100", "-5", "negative"),
    ],
)
def test_bad_allocations_are_refused_and_nothing_is_recorded(amount, allocated, message):
    invoice = issued_invoice(amount="1000", on=D)
    with pytest.raises(ValidationError, match=message):
        record_payment(
            account=invoice.account, date=D, amount=Decimal(amount), allocations=[(invoice, Decimal(allocated))]
        )
    assert not invoice.account.payments.exists()
    assert balance(invoice) == Decimal("1000.00")


def test_money_is_not_set_against_another_accounts_invoice():
    invoice = issued_invoice(amount="1000", on=D)
    with pytest.raises(ValidationError, match="another account"):
        record_payment(account=AccountFactory(), date=D, amount=Decimal("100"), allocations=[(invoice, Decimal("100"))])


def test_a_credit_note_has_its_own_gapless_number_and_credits_the_invoice():
    invoice = issued_invoice(amount="1000", on=D)
    note = issue_credit_note(account=invoice.account, invoice=invoice, amount=Decimal("300"), reason="服务补偿", date=D)
    assert note.number == "CN-2026-000001"
    assert balance(invoice) == Decimal("700.00")
    bigger = issue_credit_note(
        account=invoice.account, invoice=invoice, amount=Decimal("900"), reason="全部减免", date=D
    )
    assert bigger.number == "CN-2026-000002"
    assert balance(invoice) == Decimal("0.00")
    assert unallocated(bigger) == Decimal("200.00")
