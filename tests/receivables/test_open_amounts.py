"""The open amounts invoices keep and the unapplied money payments and credit notes keep (what aging reads) equal
what their allocations leave, after every kind of operation and when clerks allocate at the same moment."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.db.models import F

from receivables.dunning import run_dunning
from receivables.invoicing import Line, balance, create_invoice, void_invoice
from receivables.models import CreditNote, Invoice, Payment
from receivables.payments import allocate, issue_credit_note, record_payment, unallocated
from tests.factories import AccountFactory, dunning_policy, issued_invoice

DAY = date(2026, 6, 1)


def assert_stored_figures_are_computed_ones():
    for invoice in Invoice.objects.all():
        assert invoice.open_amount == balance(invoice), invoice
    for source in [*Payment.objects.all(), *CreditNote.objects.all()]:
        assert source.unapplied == unallocated(source), source


@pytest.mark.django_db
def test_every_operation_keeps_the_stored_figures(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    account = AccountFactory(payment_terms_days=0, email="ap@example.cn")
    draft = create_invoice(account=account, lines=[Line("场租", Decimal("500"))])
    first = issued_invoice(account, amount="1000", on=DAY)
    second = issued_invoice(account, amount="800", on=DAY)
    assert_stored_figures_are_computed_ones()
    assert (draft.open_amount, first.open_amount) == (Decimal("0"), Decimal("1000"))

    payment = record_payment(account=account, date=DAY, amount=Decimal("1500"),
                             allocations=[(first, Decimal("1000")), (second, Decimal("300"))])  # fmt: skip
    assert_stored_figures_are_computed_ones()
    allocate(source=payment, allocations=[(second, Decimal("200"))])  # the rest of the payment, later
    assert_stored_figures_are_computed_ones()
    issue_credit_note(account=account, invoice=second, amount=Decimal("100"), reason="折扣", date=DAY)
    assert_stored_figures_are_computed_ones()
    loose = issue_credit_note(account=account, amount=Decimal("400"), reason="补偿", date=DAY)
    assert loose.unapplied == Decimal("400")
    third = issued_invoice(account, amount="900", on=DAY)
    allocate(source=loose, allocations=[(third, Decimal("150"))])
    assert_stored_figures_are_computed_ones()
    void_invoice(invoice=issued_invoice(account, amount="70", on=DAY), reason="重开", on_date=DAY)
    assert_stored_figures_are_computed_ones()

    dunning_policy()
    run_dunning(on_date=DAY + timedelta(days=40))  # issues the fee invoices of the second level
    assert Invoice.objects.filter(kind=Invoice.Kind.FEE).exists()
    assert_stored_figures_are_computed_ones()


@pytest.mark.django_db
def test_a_refused_allocation_leaves_the_stored_figures():
    account = AccountFactory()
    invoice = issued_invoice(account, amount="100", on=DAY)
    payment = record_payment(account=account, date=DAY, amount=Decimal("300"))
    with pytest.raises(ValidationError):
        allocate(source=payment, allocations=[(invoice, Decimal("60")), (invoice, Decimal("60"))])
    invoice.refresh_from_db()
    payment.refresh_from_db()
    assert (invoice.open_amount, payment.unapplied) == (Decimal("100"), Decimal("300"))


@pytest.mark.django_db(transaction=True)
def test_clerks_allocating_to_one_invoice_at_once_never_overpay_it():
    account = AccountFactory()
    invoice = issued_invoice(account, amount="1000", on=DAY)
    payments = [record_payment(account=account, date=DAY, amount=Decimal("400")) for _ in range(4)]
    barrier = threading.Barrier(len(payments))
    refused = []

    def pay(payment):
        try:
            barrier.wait()
            allocate(source=payment, allocations=[(invoice, Decimal("400"))])
        except ValidationError:
            refused.append(payment)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay, args=(payment,)) for payment in payments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    invoice.refresh_from_db()
    assert len(refused) == 2  # two payments of 400 fit into 1,000, the third finds only 200 open
    assert invoice.open_amount == Decimal("200")
    assert_stored_figures_are_computed_ones()


@pytest.mark.django_db
def test_the_database_refuses_an_open_amount_beyond_the_total():
    invoice = issued_invoice(amount="100", on=DAY)
    with pytest.raises(IntegrityError):
        Invoice.objects.filter(pk=invoice.pk).update(open_amount=F("total") + 1)
