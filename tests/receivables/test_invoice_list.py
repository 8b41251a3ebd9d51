from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from receivables.invoicing import Line, create_invoice, void_invoice
from receivables.payments import record_payment
from tests.factories import AccountFactory, issued_invoice

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def invoices():
    """One of each: open and overdue, partly paid, paid, draft and void, for two accounts."""
    today = timezone.localdate()
    account, other = AccountFactory(name="华为技术"), AccountFactory(name="平安保险")
    overdue = issued_invoice(account, amount="1000", on=today - timedelta(days=40))
    partly = issued_invoice(account, amount="2000", on=today)
    paid = issued_invoice(other, amount="300", on=today)
    record_payment(account=account, date=today, amount=Decimal("500"), allocations=[(partly, Decimal("500"))])
    record_payment(account=other, date=today, amount=Decimal("300"), allocations=[(paid, Decimal("300"))])
    void = void_invoice(invoice=issued_invoice(other, amount="50", on=today), reason="重复", on_date=today)
    draft = create_invoice(account=other, lines=[Line("场租", Decimal("800"))])
    return {"account": account, "overdue": overdue, "partly": partly, "paid": paid, "void": void, "draft": draft}


def listed(client, **params) -> tuple[list[int], dict]:
    response = client.get(reverse("receivables:invoice-list"), params)
    assert response.status_code == 200
    return [invoice.pk for invoice in response.context["listing"].page], response.context["totals"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"payment_state": "open"}, ["overdue"]),
        ({"payment_state": "partly_paid"}, ["partly"]),
        ({"payment_state": "paid"}, ["paid"]),
        ({"state": "draft"}, ["draft"]),
        ({"state": "void"}, ["void"]),
        ({"overdue": "on"}, ["overdue"]),
        ({"q": "华为"}, ["overdue", "partly"]),
        ({"q": "INV-"}, ["overdue", "partly", "paid", "void"]),
        ({"kind": "manual", "state": "issued", "sort": "open"}, ["paid", "overdue", "partly"]),
    ],
)
def test_the_filters_choose_the_invoices(invoices, params, expected, client_for):
    rows, _totals = listed(client_for("receivables"), **params)
    assert sorted(rows) == sorted(invoices[name].pk for name in expected)
    if "sort" in params:
        assert rows == [invoices[name].pk for name in expected]


def test_the_totals_cover_the_filtered_list(invoices, client_for):
    _rows, totals = listed(client_for("receivables"), account=invoices["account"].pk)
    assert totals == {"total": Decimal("3000.00"), "paid": Decimal("500.00"), "open": Decimal("2500.00")}
    _rows, totals = listed(client_for("receivables"), state="issued")
    assert totals == {"total": Decimal("3300.00"), "paid": Decimal("800.00"), "open": Decimal("2500.00")}


def test_an_issue_date_range_and_bad_filter_values_do_no_harm(invoices, client_for):
    today = timezone.localdate()
    client = client_for("receivables")
    rows, _totals = listed(client, issued_from=(today - timedelta(days=41)).isoformat(),
                           issued_to=(today - timedelta(days=39)).isoformat())  # fmt: skip
    assert rows == [invoices["overdue"].pk]
    response = client.get(reverse("receivables:invoice-list"), {"issued_from": "not a date", "account": "x"})
    assert response.status_code == 200


def test_the_list_exports_what_it_shows(invoices, client_for):
    response = client_for("sales").get(reverse("receivables:invoice-list"), {"payment_state": "partly_paid",
                                                                            "format": "csv"}, **EN)  # fmt: skip
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert invoices["partly"].number in text
    assert invoices["paid"].number not in text
    assert "Partly paid" in text


@pytest.mark.parametrize("rows", [3, 30])
def test_the_lists_keep_their_query_count(rows, client_for, django_assert_max_num_queries):
    account = AccountFactory()
    today = timezone.localdate()
    for _number in range(rows):
        invoice = issued_invoice(account, amount="100")
        record_payment(account=account, date=today, amount=Decimal("60"), allocations=[(invoice, Decimal("40"))])
    client = client_for("receivables")
    for name in ("receivables:invoice-list", "receivables:payment-list"):
        with django_assert_max_num_queries(7):
            assert client.get(reverse(name)).status_code == 200
