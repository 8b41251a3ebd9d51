from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from receivables.aging import aging, open_invoices
from receivables.invoicing import void_invoice
from receivables.payments import allocate, issue_credit_note, record_payment
from tests.factories import AccountFactory, issued_invoice

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 12, 31)


def test_aging_as_of_a_date_against_hand_computed_figures():
    # Account A (30-day terms). Issue dates give due dates: current, 10, 45, 75 and 120 days past due on 12-31.
    a = AccountFactory(name="甲公司", payment_terms_days=30)
    issued_invoice(a, amount="1000", on=AS_OF - timedelta(days=10))  # due 01-20: current
    ten = issued_invoice(a, amount="2000", on=AS_OF - timedelta(days=40))  # 10 days past due
    issued_invoice(a, amount="3000", on=AS_OF - timedelta(days=75))  # 45
    issued_invoice(a, amount="4000", on=AS_OF - timedelta(days=105))  # 75
    old = issued_invoice(a, amount="5000", on=AS_OF - timedelta(days=150))  # 120
    # 500 paid on the 10-day invoice before the date; 1,000 on the old one after the date (does not count yet).
    record_payment(
        account=a, date=AS_OF - timedelta(days=1), amount=Decimal("500"), allocations=[(ten, Decimal("500"))]
    )
    record_payment(account=a, date=AS_OF + timedelta(days=1), amount=Decimal("1000"),
                   allocations=[(old, Decimal("1000"))])  # fmt: skip
    # A credit note of 200 on the old invoice, dated before: counts. Unapplied payment of 300 before the date.
    issue_credit_note(account=a, invoice=old, amount=Decimal("200"), reason="折扣", date=AS_OF - timedelta(days=5))
    record_payment(account=a, date=AS_OF - timedelta(days=2), amount=Decimal("300"))
    # Account B: one invoice voided after the date (open then), one voided before (not open).
    b = AccountFactory(name="乙公司", payment_terms_days=0)
    late_void = issued_invoice(b, amount="700", on=AS_OF - timedelta(days=5))
    void_invoice(invoice=late_void, reason="重开", on_date=AS_OF + timedelta(days=3))
    early_void = issued_invoice(b, amount="900", on=AS_OF - timedelta(days=5))
    void_invoice(invoice=early_void, reason="重开", on_date=AS_OF - timedelta(days=1))
    # An invoice issued after the date does not exist yet.
    issued_invoice(b, amount="999", on=AS_OF + timedelta(days=1))

    report = aging(AS_OF)

    rows = {row.name: row for row in report.rows}
    assert (rows["甲公司"].current, rows["甲公司"].d1_30, rows["甲公司"].d31_60, rows["甲公司"].d61_90,
            rows["甲公司"].over_90) == (Decimal("1000"), Decimal("1500"), Decimal("3000"), Decimal("4000"),
                                          Decimal("4800"))  # fmt: skip
    assert rows["甲公司"].total == Decimal("14300")
    assert rows["甲公司"].unapplied == Decimal("300")
    assert (rows["乙公司"].d1_30, rows["乙公司"].total) == (Decimal("700"), Decimal("700"))
    assert report.totals.total == Decimal("15000")
    assert report.totals.d1_30 == Decimal("2200")
    assert report.totals.invoices == 6
    for account in (a, b):  # the drill-down lists the same invoices and balances
        drill_down = open_invoices(AS_OF, account=account)
        assert sum(invoice.balance for invoice in drill_down) == rows[account.name].total


SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_an_invoice_due_today_is_not_overdue_at_half_past_eleven_at_night_in_shanghai():
    account = AccountFactory(payment_terms_days=0)
    issued_invoice(account, amount="100", on=date(2026, 12, 1))
    with time_machine.travel(datetime.combine(date(2026, 12, 1), time(23, 30), SHANGHAI), tick=False):
        assert timezone.now().date() == date(2026, 12, 1)  # 15:30 UTC
        assert aging(timezone.localdate()).totals.current == Decimal("100")
    with time_machine.travel(datetime.combine(date(2026, 12, 2), time(0, 30), SHANGHAI), tick=False):
        assert timezone.now().date() == date(2026, 12, 1)  # still the 1st in UTC
        assert aging(timezone.localdate()).totals.d1_30 == Decimal("100")


@pytest.mark.parametrize("invoices", [3, 40])
def test_aging_takes_the_same_queries_for_any_number_of_invoices(invoices, django_assert_max_num_queries):
    accounts = [AccountFactory() for _ in range(3)]
    for number in range(invoices):
        issued_invoice(accounts[number % 3], amount="100", on=AS_OF - timedelta(days=number * 5))
    with django_assert_max_num_queries(4):
        aging(AS_OF)


def test_a_settled_invoice_counts_until_the_day_it_was_covered():
    account = AccountFactory(name="丙公司", payment_terms_days=0)
    invoice = issued_invoice(account, amount="100", on=AS_OF - timedelta(days=20))
    record_payment(account=account, date=AS_OF - timedelta(days=10), amount=Decimal("60"),
                   allocations=[(invoice, Decimal("60"))])  # fmt: skip
    invoice.refresh_from_db()
    assert invoice.settled_on is None
    # Money received earlier and left on the account is set against the rest later: dated as the money is.
    early = record_payment(account=account, date=AS_OF - timedelta(days=15), amount=Decimal("50"))
    allocate(source=early, allocations=[(invoice, Decimal("40"))])
    invoice.refresh_from_db()
    early.refresh_from_db()
    assert invoice.settled_on == AS_OF - timedelta(days=10)
    assert early.used_up_on is None  # 10 of it is still unapplied
    assert aging(AS_OF - timedelta(days=11)).totals.d1_30 == Decimal("60")  # 100 − 40 of the early money
    assert aging(AS_OF - timedelta(days=10)).totals.total == 0
    assert aging(AS_OF).totals.unapplied == Decimal("10")
    assert [row.name for row in aging(AS_OF - timedelta(days=11)).rows] == ["丙公司"]
    assert list(open_invoices(AS_OF - timedelta(days=10), account=account)) == []
