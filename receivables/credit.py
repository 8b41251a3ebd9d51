"""R6: the account's credit-hold flag, kept by this app and read by reservations when a booking is confirmed."""

from decimal import Decimal

from django.db.models import Sum

from clienthistory.models import Account
from receivables.models import DunningLetter, DunningNotice, Invoice

ZERO = Decimal("0.00")


def open_balance(account: Account) -> Decimal:
    """What the account owes on issued invoices, less payments and credit notes set against them (their open
    amounts)."""
    return _open_balances([account.pk]).get(account.pk, ZERO)


def _open_balances(account_ids: list[int]) -> dict[int, Decimal]:
    issued = Invoice.objects.filter(account__in=account_ids, state=Invoice.State.ISSUED).order_by()
    return dict(issued.values("account").annotate(total=Sum("open_amount")).values_list("account", "total"))


def refresh_credit_hold(account: Account) -> bool:
    """Put the account on hold when it owes more than its credit limit, or when an invoice still open has had
    a notice of a dunning level that holds credit; lift the hold when neither is true any more."""
    return refresh_credit_holds([account])[account.pk]


def refresh_credit_holds(accounts: list[Account]) -> dict[int, bool]:
    """`refresh_credit_hold` for many accounts in a fixed number of queries; whether each is on hold now."""
    limited = [account.pk for account in accounts if account.credit_limit]
    balances = _open_balances(limited) if limited else {}
    dunned = set(
        DunningNotice.objects.filter(
            invoice__account__in=[account.pk for account in accounts],
            invoice__state=Invoice.State.ISSUED,
            invoice__settled_on__isnull=True,
            level__credit_hold=True,
            skipped=False,
            letter__status=DunningLetter.Status.SENT,
        ).values_list("invoice__account", flat=True)
    )
    changed = []
    for account in accounts:
        reasons = []
        if account.credit_limit and balances.get(account.pk, ZERO) > account.credit_limit:
            reasons.append(Account.HOLD_OVER_LIMIT)
        if account.pk in dunned:
            reasons.append(Account.HOLD_DUNNING)
        hold, reason = bool(reasons), ",".join(reasons)
        if (account.credit_hold, account.credit_hold_reason) != (hold, reason):
            account.credit_hold, account.credit_hold_reason = hold, reason
            changed.append(account)
    if changed:
        Account.objects.bulk_update(changed, ["credit_hold", "credit_hold_reason"])
    return {account.pk: account.credit_hold for account in accounts}
