"""Time one dunning run over 10,000 overdue invoices of 2,000 accounts (called by bench/run.py, inside Django
settings pointing at a scratch database). Prints JSON: seconds, counts."""

import json
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotelsales.startup import load_settings

load_settings()
import django

django.setup()

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from clienthistory.models import Account
from hotelsales.db import analyze
from receivables.demo import seed_policy
from receivables.dunning import run_dunning
from receivables.models import Invoice, InvoiceLine

ACCOUNTS, PER_ACCOUNT = 2000, 5


def seed(today):
    seed_policy()
    clerk = get_user_model().objects.create_user("bench-receivables")
    clerk.groups.add(Group.objects.get(name="receivables"))  # takes the calls: these accounts have no owner
    accounts = Account.objects.bulk_create(
        Account(name=f"催款测试公司{n}", email=f"ap{n}@example.cn", payment_terms_days=30) for n in range(ACCOUNTS)
    )
    invoices = []
    for number, account in enumerate(accounts):
        for k in range(PER_ACCOUNT):
            issued = today - timedelta(days=40 + 20 * k + number % 7)
            invoices.append(Invoice(account=account, state="issued", number=f"INV-B-{number:05d}-{k}",
                                    issue_date=issued, due_date=issued + timedelta(days=30), total=Decimal("1060.00"),
                                    open_amount=Decimal("1060.00"), tax=Decimal("60.00")))  # fmt: skip
    Invoice.objects.bulk_create(invoices, batch_size=5000)
    InvoiceLine.objects.bulk_create(
        (InvoiceLine(invoice=i, description="会议室租金", unit_price=i.total) for i in invoices), batch_size=5000
    )
    analyze(Account, Invoice, InvoiceLine)


def main():
    today = timezone.localdate()
    if not Invoice.objects.exists():
        seed(today)
    started = time.perf_counter()
    run = run_dunning(on_date=today)
    print(json.dumps({"seconds": round(time.perf_counter() - started, 2), "counts": run.counts}))


if __name__ == "__main__":
    main()
