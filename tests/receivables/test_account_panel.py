from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from receivables.payments import record_payment
from tests.factories import AccountFactory, issued_invoice

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_account_page_shows_what_the_account_owes(client_for):
    account = AccountFactory(credit_limit=Decimal("1000"))
    late = issued_invoice(account, amount="1200", on=timezone.localdate() - timedelta(days=45))
    paid = issued_invoice(account, amount="300")
    record_payment(account=account, date=timezone.localdate(), amount=Decimal("500"),
                   allocations=[(paid, Decimal("300"))])  # fmt: skip
    page = client_for("receivables").get(account.get_absolute_url(), **EN).content.decode()
    panel = page[page.index('data-testid="panel-receivables"') :]
    assert "CN¥1,200.00" in panel  # the open balance
    assert "owes more than its credit limit" in panel
    assert late.number in panel
    assert paid.number not in panel
    assert "CN¥200.00" in panel  # unapplied credit


def test_the_front_desk_sees_no_receivables_tab(client_for):
    account = AccountFactory()
    issued_invoice(account)
    page = client_for("front_desk").get(account.get_absolute_url()).content.decode()
    assert 'data-testid="panel-receivables"' not in page


@pytest.mark.parametrize("invoices", [3, 30])
def test_the_account_page_keeps_its_query_count(invoices, client_for, django_assert_max_num_queries):
    account = AccountFactory()
    for _number in range(invoices):
        record_payment(account=account, date=timezone.localdate(), amount=Decimal("10"),
                       allocations=[(issued_invoice(account, amount="100"), Decimal("5"))])  # fmt: skip
    client = client_for("manager")
    with django_assert_max_num_queries(15):  # with the rate agreements tab
        assert client.get(account.get_absolute_url()).status_code == 200
