from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from receivables.credit import open_balance
from receivables.invoicing import balance
from receivables.models import CreditNote, Payment
from receivables.payments import record_payment, unallocated
from tests.factories import AccountFactory, issued_invoice
from tests.helpers import with_token

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def payment_data(account, amount, **allocations) -> dict:
    """allocations: allocate_<invoice pk>=amount, as the form names its fields."""
    return with_token({"account": account.pk, "date": timezone.localdate().isoformat(), "amount": amount,
                       "method": "bank_transfer", "reference": "招行回单 0042", **allocations})  # fmt: skip


def test_a_payment_pays_two_invoices_partly_and_the_rest_stays_as_credit(client_for):
    account = AccountFactory()
    first = issued_invoice(account, amount="1000", on=timezone.localdate() - timedelta(days=10))
    second = issued_invoice(account, amount="2500")
    client = client_for("receivables")

    fields = client.get(reverse("receivables:payment-open-invoices"), {"account": account.pk}).content.decode()
    assert fields.index(first.number) < fields.index(second.number)  # the oldest due first

    response = client.post(reverse("receivables:payment-create"), payment_data(
        account, "3000", **{f"allocate_{first.pk}": "1000", f"allocate_{second.pk}": "1500"}))  # fmt: skip
    payment = Payment.objects.get()
    assert response["Location"] == payment.get_absolute_url()
    assert (balance(first), balance(second)) == (Decimal("0.00"), Decimal("1000.00"))
    assert unallocated(payment) == Decimal("500.00")
    assert open_balance(account) == Decimal("1000.00")
    page = client.get(payment.get_absolute_url(), **EN).content.decode()
    assert "CN¥500.00" in page
    assert 'data-testid="allocate-form"' in page  # the rest can still be set against the second invoice


@pytest.mark.parametrize(
    ("amount", "allocated", "message"),
    [("100", "150", "More is set against invoices"), ("5000", "1200", "has only"), ("100", "-5", "greater than")],
)
def test_over_allocation_is_refused_and_nothing_is_saved(amount, allocated, message, client_for):
    invoice = issued_invoice(amount="1000")
    response = client_for("receivables").post(reverse("receivables:payment-create"), payment_data(
        invoice.account, amount, **{f"allocate_{invoice.pk}": allocated}), **EN)  # fmt: skip
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Payment.objects.exists()
    assert balance(invoice) == Decimal("1000.00")


def test_an_invoice_of_another_account_is_refused(client_for):
    invoice = issued_invoice(amount="1000")
    response = client_for("receivables").post(reverse("receivables:payment-create"), payment_data(
        AccountFactory(), "100", **{f"allocate_{invoice.pk}": "100"}), **EN)  # fmt: skip
    assert response.status_code == 400
    assert "belongs to another account" in response.content.decode()
    assert not Payment.objects.exists()


def test_the_rest_of_a_payment_is_set_against_invoices_later(client_for):
    account = AccountFactory()
    payment = record_payment(account=account, date=timezone.localdate(), amount=Decimal("800"))
    invoice = issued_invoice(account, amount="1000")
    client = client_for("manager")
    url = reverse("receivables:payment-allocate", args=[payment.pk])

    response = client.post(url, with_token({f"allocate_{invoice.pk}": "900"}), **EN)
    assert response.status_code == 400
    assert "More is set against invoices" in response.content.decode()
    assert client.post(url, with_token({f"allocate_{invoice.pk}": "800"}))["Location"] == payment.get_absolute_url()
    assert (balance(invoice), unallocated(payment)) == (Decimal("200.00"), Decimal("0.00"))


def test_a_credit_note_credits_the_invoice_it_names(client_for):
    invoice = issued_invoice(amount="1000")
    client = client_for("receivables")
    url = reverse("receivables:credit-note-create")
    assert client.get(url, {"invoice": invoice.pk}).context["form"].initial["account"] == invoice.account_id
    data = with_token({"account": invoice.account_id, "invoice": invoice.pk, "amount": "1200", "reason": "停电补偿",
                       "date": timezone.localdate().isoformat()})  # fmt: skip

    response = client.post(url, {**data, "account": AccountFactory().pk}, **EN)
    assert response.status_code == 400
    assert "belongs to another account" in response.content.decode()

    client.post(url, data)
    note = CreditNote.objects.get()
    assert note.number.startswith("CN-")
    assert (balance(invoice), unallocated(note)) == (Decimal("0.00"), Decimal("200.00"))
    page = client.get(reverse("receivables:credit-note-list"), **EN).content.decode()
    assert note.number in page
    assert "CN¥200.00" in page


def test_the_payment_list_filters_and_totals(client_for):
    account, other = AccountFactory(name="华为技术"), AccountFactory(name="平安保险")
    today = timezone.localdate()
    invoice = issued_invoice(account, amount="1000")
    record_payment(account=account, date=today, amount=Decimal("1500"), allocations=[(invoice, Decimal("1000"))])
    record_payment(account=other, date=today - timedelta(days=30), amount=Decimal("200"), method="cash")
    client = client_for("sales")
    response = client.get(reverse("receivables:payment-list"))
    assert response.context["totals"] == {"amount": Decimal("1700.00"), "unallocated": Decimal("700.00")}
    response = client.get(reverse("receivables:payment-list"), {"q": "华为", "with_credit": "on"})
    assert [payment.account for payment in response.context["listing"].page] == [account]
    assert response.context["totals"] == {"amount": Decimal("1500.00"), "unallocated": Decimal("500.00")}
    response = client.get(reverse("receivables:payment-list"), {"method": "cash"})
    assert [payment.account for payment in response.context["listing"].page] == [other]


def test_sales_see_payments_but_do_not_record_them(client_for):
    payment = record_payment(account=AccountFactory(), date=timezone.localdate(), amount=Decimal("800"))
    invoice = issued_invoice(payment.account, amount="1000")
    client = client_for("sales")
    page = client.get(payment.get_absolute_url()).content.decode()
    assert 'data-testid="allocate-form"' not in page
    assert client.get(reverse("receivables:payment-create")).status_code == 403
    assert client.post(reverse("receivables:payment-allocate", args=[payment.pk]),
                       {f"allocate_{invoice.pk}": "100"}).status_code == 403  # fmt: skip
    assert balance(invoice) == Decimal("1000.00")


def test_invoices_are_looked_up_by_number_or_account(client_for):
    invoice = issued_invoice(AccountFactory(name="华为技术"), amount="1000")
    client = client_for("receivables")
    for text in (invoice.number[-3:], "华为"):
        options = client.get(reverse("receivables:invoice-lookup"), {"q": text}, **EN).content.decode()
        assert f'data-lookup-id="{invoice.pk}"' in options
        assert "华为技术 · CN¥1,000.00" in options
    fields = client.get(reverse("receivables:payment-open-invoices"), {"account": "x"}, **EN).content.decode()
    assert "Choose the account" in fields
