"""Twenty clerks issue invoices at the same moment: twenty numbers, no gap, no duplicate."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from receivables.invoicing import Line, create_invoice, issue_invoice
from receivables.models import Invoice
from tests.factories import AccountFactory


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_issues_get_twenty_consecutive_numbers():
    account = AccountFactory()
    drafts = [create_invoice(account=account, lines=[Line("场租", Decimal("100"))]) for _ in range(20)]
    # One more that cannot be issued (its total is negative): it must take no number.
    broken = create_invoice(account=account, lines=[Line("作废", Decimal("-1"), discount=True)])
    barrier = threading.Barrier(21)
    errors = []

    def issue(draft):
        try:
            barrier.wait()
            issue_invoice(invoice=draft, on_date=date(2026, 7, 1))
        except Exception as error:  # the broken draft's refusal is expected; nothing else is
            errors.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(draft,)) for draft in [*drafts, broken]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == ["ValidationError"]
    numbers = sorted(Invoice.objects.exclude(number=None).values_list("number", flat=True))
    assert numbers == [f"INV-2026-{n:06d}" for n in range(1, 21)]
