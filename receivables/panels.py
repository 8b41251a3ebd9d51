"""The Receivables tab this app adds to account pages: what the account owes, its hold, its open items."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.panels import Panel, add_account_panel
from receivables import access, queries
from receivables.aging import open_invoices
from receivables.credit import open_balance

LIMIT = 50


def account_receivables(account) -> dict:
    """Five queries whatever the number of invoices: the balance (two), the open invoices, the unapplied money
    (two)."""
    today = timezone.localdate()
    invoices = list(open_invoices(today, account=account).order_by("due_date", "pk")[: LIMIT + 1])
    return {
        "balance": open_balance(account),
        "invoices": invoices[:LIMIT],
        "more": len(invoices) > LIMIT,
        "credits": queries.unapplied_credits(account),
        "today": today,
    }


def register() -> None:
    add_account_panel(
        Panel(
            "receivables",
            _("Receivables"),
            "receivables/snippets/account_panel.html",
            account_receivables,
            access.READ,
        )
    )
