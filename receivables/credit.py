"""R6: the account's credit-hold flag, kept by this app and read by reservations when a booking is confirmed."""

from decimal import Decimal

from django.db.models import Sum

from clienthistory.models import Account
from receivables.models import Allocation, DunningLetter, DunningNotice, Invoice

ZERO = Decimal("0.00")


def open_balance(account: Account) -> Decimal:
    """What the account owes on issued invoices, less payments and credit notes set against them."""
    issued = Invoice.objects.filter(account=account, state=Invoice.State.ISSUED)
    invoiced = issued.aggregate(total=Sum("total"))["total"] or ZERO
    paid = Allocation.objects.filter(invoice__in=issued).aggregate(total=Sum("amount"))["total"] or ZERO
    return invoiced - paid


def refresh_credit_hold(account: Account) -> bool:
    """Put the account on hold when it owes more than its credit limit, or when an invoice still open has had
    a notice of a dunning level that holds credit; lift the hold when neither is true any more."""
    reasons = []
    if account.credit_limit and open_balance(account) > account.credit_limit:
        reasons.append(Account.HOLD_OVER_LIMIT)
    dunned_and_open = DunningNotice.objects.filter(
        invoice__account=account,
        invoice__state=Invoice.State.ISSUED,
        invoice__settled_on__isnull=True,
        level__credit_hold=True,
        skipped=False,
        letter__status=DunningLetter.Status.SENT,
    )
    if dunned_and_open.exists():
        reasons.append(Account.HOLD_DUNNING)
    hold, reason = bool(reasons), ",".join(reasons)
    if (account.credit_hold, account.credit_hold_reason) != (hold, reason):
        Account.objects.filter(pk=account.pk).update(credit_hold=hold, credit_hold_reason=reason)
        account.credit_hold, account.credit_hold_reason = hold, reason
    return hold
