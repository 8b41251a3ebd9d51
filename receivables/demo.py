"""Demo receivables: a dunning policy, invoices for the demo bookings and stays, payments for most of them, and
some invoices overdue at each dunning level. Bulk-inserted with numbers exactly as issuing would give them."""

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings

from clienthistory.models import Account
from hotelsales.money import round_money
from receivables.credit import refresh_credit_hold
from receivables.models import Allocation, DunningLevel, Invoice, InvoiceLine, NumberCounter, Payment
from receivables.payments import record_settlement
from reservations.models import Booking

LEVELS = [
    {"level": 1, "days_past_due": 7, "channel": "email", "fee": "0", "credit_hold": False,
     "subject_zh": "付款提醒：{account}",
     "body_zh": "尊敬的{account}：\n贵单位在我店的账款 {amount} 元已逾期，请安排付款。如已付款，请忽略本函。",
     "subject_en": "Payment reminder: {account}",
     "body_en": "Dear {account},\n{amount} is overdue. Please arrange payment, or disregard this if you have paid."},
    {"level": 2, "days_past_due": 30, "channel": "email", "fee": "0", "credit_hold": False,
     "subject_zh": "第二次付款提醒：{account}",
     "body_zh": "尊敬的{account}：\n账款 {amount} 元已逾期30天，请于7日内付款。",
     "subject_en": "Second reminder: {account}",
     "body_en": "Dear {account},\n{amount} is 30 days overdue. Please pay within 7 days."},
    {"level": 3, "days_past_due": 60, "channel": "call", "fee": "0", "credit_hold": True,
     "subject_zh": "电话催款：{account}",
     "body_zh": "请致电客户财务，确认付款日期并记录承诺付款。",
     "subject_en": "Collection call: {account}",
     "body_en": "Call the client's accounts department, agree a payment date and record the promise."},
    {"level": 4, "days_past_due": 90, "channel": "letter", "fee": "100", "credit_hold": True,
     "subject_zh": "最后催款函：{account}",
     "body_zh": "尊敬的{account}：\n账款 {amount} 元已逾期90天。请立即付款，否则我店将暂停挂账。",
     "subject_en": "Final notice: {account}",
     "body_en": "Dear {account},\n{amount} is 90 days overdue. Please pay at once; credit is suspended until then."},
]  # fmt: skip


LATE_PAYERS = 0.04  # the share of invoiced accounts that leave invoices open


def seed_policy() -> None:
    for fields in LEVELS:
        defaults = {key: value for key, value in fields.items() if key != "level"}
        DunningLevel.objects.get_or_create(level=fields["level"], defaults={**defaults, "fee": Decimal(fields["fee"])})


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    """About 600 invoices per scale unit (60,000 at scale 100), most paid, the rest spread over the buckets."""
    seed_policy()
    tax = settings.HOTEL_TAX_RATE
    bookings = list(
        Booking.objects.filter(status__in=[Booking.Status.DEFINITE, Booking.Status.ACTUAL], account__isnull=False)
        .exclude(estimated_value=0)
        .values_list("pk", "account_id", "estimated_value", "name")
    )
    accounts = list(Account.objects.exclude(kind=Account.Kind.PRIVATE).values_list("pk", "payment_terms_days"))
    if not accounts:
        return {"invoices": 0}
    terms = dict(Account.objects.values_list("pk", "payment_terms_days"))
    wanted = 600 * scale
    invoices, lines, plans = [], [], []
    for number in range(wanted):
        if bookings and number < len(bookings) * 2:
            booking_id, account_id, value, name = bookings[number // 2]
            kind = Invoice.Kind.DEPOSIT if number % 2 == 0 else Invoice.Kind.FINAL
            share = Decimal("0.3") if kind == Invoice.Kind.DEPOSIT else Decimal("0.7")
            amount = round_money(value * share)
            description = f"{name} {'定金' if kind == Invoice.Kind.DEPOSIT else '结账'}"
        else:
            booking_id, kind = None, Invoice.Kind.MANUAL
            account_id, _terms = rng.choice(accounts)
            amount = round_money(rng.randrange(800, 60000))
            description = rng.choice(["会议室租金", "团队房费", "餐饮消费", "年会场地费", "客房挂账"])
        issued = today - timedelta(days=rng.randint(1, 365 * max(1, min(scale, 5))))
        invoices.append(
            Invoice(
                account_id=account_id,
                booking_id=booking_id,
                kind=kind,
                state=Invoice.State.ISSUED,
                issue_date=issued,
                due_date=issued + timedelta(days=terms[account_id]),
                total=amount,
                tax=round_money(amount * tax / (100 + tax)),
            )
        )
        lines.append(description)
    invoices.sort(key=lambda invoice: invoice.issue_date)
    counters: dict[int, int] = defaultdict(int)
    for invoice in invoices:
        counters[invoice.issue_date.year] += 1
        invoice.number = f"INV-{invoice.issue_date.year}-{counters[invoice.issue_date.year]:06d}"
    Invoice.objects.bulk_create(invoices, batch_size=5000)
    NumberCounter.objects.bulk_create(
        [NumberCounter(series="INV", year=year, last=last) for year, last in counters.items()], ignore_conflicts=True
    )
    InvoiceLine.objects.bulk_create(
        [
            InvoiceLine(
                invoice=invoice, description=text, quantity=Decimal("1"), unit_price=invoice.total, tax_rate=tax
            )
            for invoice, text in zip(invoices, lines, strict=True)
        ],
        batch_size=5000,
    )

    # A few accounts pay badly (they fill the aging's late buckets and may end on credit hold); the others pay
    # each invoice in full, some days either side of its due date, as most of a hotel's clients do.
    invoiced = sorted({invoice.account_id for invoice in invoices})
    late_payers = set(rng.sample(invoiced, k=max(1, round(len(invoiced) * LATE_PAYERS))))
    # And one has stopped paying: the account with the smallest credit line leaves every invoice open, so the
    # demo holds at least the one credit hold a hotel always has, whatever day it is loaded on.
    limits = dict(Account.objects.filter(pk__in=invoiced).exclude(credit_limit=0).values_list("pk", "credit_limit"))
    stopped = min(limits, key=lambda pk: (limits[pk], pk), default=None)
    payments, allocations = [], []
    for invoice in invoices:
        days_past_due = (today - invoice.due_date).days
        paid_on = invoice.due_date + timedelta(days=rng.randint(-10, 25))
        late = invoice.account_id in late_payers
        if days_past_due <= 0 or (late and rng.random() < 0.3) or invoice.account_id == stopped:
            continue  # not yet due, or left open: the overdue ones spread over the dunning levels
        if paid_on >= today:
            continue
        part = invoice.total if not late or rng.random() < 0.7 else round_money(invoice.total / 2)
        payment = Payment(
            account_id=invoice.account_id,
            date=paid_on,
            amount=part,
            method=rng.choice(list(Payment.Method)),
            reference=f"{paid_on:%Y%m%d}{invoice.pk}",
        )
        payments.append(payment)
        plans.append((payment, invoice, part))
    Payment.objects.bulk_create(payments, batch_size=5000)
    allocations = [
        Allocation(invoice=invoice, payment=payment, date=payment.date, amount=part) for payment, invoice, part in plans
    ]
    Allocation.objects.bulk_create(allocations, batch_size=5000)
    record_settlement(Invoice, [invoice.pk for invoice in invoices])
    record_settlement(Payment, [payment.pk for payment in payments])
    for account in Account.objects.filter(pk__in={invoice.account_id for invoice in invoices}).exclude(credit_limit=0):
        refresh_credit_hold(account)
    return {"invoices": len(invoices), "payments": len(payments)}
