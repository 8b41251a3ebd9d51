from django.core.paginator import Page, Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from clienthistory.models import Account
from hotelsales.listing import Listing, addresses, page_param
from hotelsales.roles import Role, role_required
from hotelsales.tabular import download_format, export_response
from receivables.aging import Aging, aging, open_invoices, with_accounts
from receivables.forms_dunning import AsOfForm

AGING_ROLES = (Role.RECEIVABLES, Role.MANAGER)
AGING_PER_PAGE = 100


def _as_of(request):
    """The date asked for, else today; the date box shows the date the page is as of (a bad entry keeps its
    error next to it)."""
    form = AsOfForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["date"]:
        return form, form.cleaned_data["date"]
    today = timezone.localdate()
    return (form if form.errors else AsOfForm(initial={"date": today})), today


def _aging_page(as_of, wanted: int) -> tuple[Aging, Page]:
    """One page of the aging; a page past the end shows the last (read a second time, as only then is it known)."""
    report = aging(as_of, limit=AGING_PER_PAGE, offset=(wanted - 1) * AGING_PER_PAGE)
    paginator = Paginator(range(report.accounts), AGING_PER_PAGE)
    number = min(wanted, paginator.num_pages)
    if number != wanted:
        report = aging(as_of, limit=AGING_PER_PAGE, offset=(number - 1) * AGING_PER_PAGE)
    return report, Page(with_accounts(report.rows), number, paginator)


@role_required(*AGING_ROLES)
def aging_report(request):
    """Aging as of any date, per account and in total; ?format=csv|xlsx exports the same table."""
    form, as_of = _as_of(request)
    fmt = download_format(request, default="")
    if fmt:
        report = aging(as_of)
        headers = [_("Account"), _("Current"), _("1–30 days"), _("31–60 days"), _("61–90 days"), _("Over 90 days"),
                   _("Total"), _("Unapplied credit")]  # fmt: skip
        rows = [
            [row.name or _("Total"), row.current, row.d1_30, row.d31_60, row.d61_90,
             row.over_90, row.total, row.unapplied]
            for row in [*report.rows, report.totals]
        ]  # fmt: skip
        return export_response(f"aging-{as_of}", headers, rows, fmt)
    report, page = _aging_page(as_of, page_param(request))
    drill_down = addresses("receivables:aging-account")
    for row in page:
        row.link = f"{drill_down(row.account_id)}?date={as_of:%Y-%m-%d}"
    listing = Listing(page=page, sort="", querystring=f"date={as_of:%Y-%m-%d}")
    context = {"form": form, "report": report, "as_of": as_of, "listing": listing}
    return render(request, "receivables/aging.html", context)


@role_required(*AGING_ROLES)
def aging_account(request, pk):
    """The drill-down: the open invoices of one account as of the date, with their buckets."""
    account = get_object_or_404(Account, pk=pk)
    form, as_of = _as_of(request)
    invoices = list(open_invoices(as_of, account=account).order_by("due_date", "pk"))
    return render(
        request,
        "receivables/aging_account.html",
        {
            "account": account,
            "invoices": invoices,
            "as_of": as_of,
            "form": form,
            "total": sum(invoice.balance for invoice in invoices),
        },
    )
