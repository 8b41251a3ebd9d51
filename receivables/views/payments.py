import re

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory.models import Account
from hotelsales.exports import Table, download, exportable
from hotelsales.forms import add_refusal, id_param
from hotelsales.history import history_entries
from hotelsales.listing import list_page
from hotelsales.once import answer, submit_once
from hotelsales.roles import has_role, role_required
from hotelsales.tabular import download_format
from receivables import access, queries
from receivables.filters import PaymentFilter
from receivables.forms import AllocationForm, PaymentForm
from receivables.models import CreditNote, Invoice, Payment
from receivables.payments import allocate, record_payment

PAYMENT_SORTS = {
    "date": ("date", "id"),
    "account": ("account__name", "id"),
    "amount": ("amount", "id"),
    "unallocated": ("unallocated", "id"),
}
ALLOCATION_FIELD = re.compile(r"^allocate_(\d+)$")


@role_required(*access.READ)
def payment_list(request):
    fmt = download_format(request, default="")
    if fmt:
        return download(request, payment_table, fmt)
    payment_filter = PaymentFilter(request.GET, queryset=queries.payments())
    listing = list_page(request, payment_filter.qs, sorts=PAYMENT_SORTS, default="-date")
    return render(
        request,
        "receivables/payment_list.html",
        {
            "filter": payment_filter,
            "listing": listing,
            "totals": queries.money_totals(payment_filter.qs),
            "can_edit": has_role(request.user, *access.EDIT),
        },
    )


@exportable
def payment_table(request) -> Table:
    payments = PaymentFilter(request.GET, queryset=queries.payments()).qs
    return Table(
        f"payments-{timezone.localdate()}",
        [_("Date"), _("Account"), _("Amount"), _("Method"), _("Reference"), _("Not yet allocated")],
        list_page(request, payments, sorts=PAYMENT_SORTS, default="-date").ordered,
        lambda payment: [
            payment.date,
            payment.account.name,
            payment.amount,
            payment.get_method_display(),
            payment.reference,
            payment.unallocated,
        ],
    )


def _account(account_id: int | None) -> Account | None:
    return Account.objects.filter(pk=account_id).first() if account_id else None


def allocatable(account: Account | None, data=None) -> list[Invoice]:
    """The account's open invoices, and any other invoice the posted form names with an amount (an invoice
    paid meanwhile, say), so that the workflow refuses it with a reason instead of the amount being dropped."""
    invoices = list(queries.open_items(account)) if account else []
    named = {int(match[1]) for key, value in (data or {}).items() if value and (match := ALLOCATION_FIELD.match(key))}
    named -= {invoice.pk for invoice in invoices}
    if named:
        invoices += queries.invoices().filter(pk__in=named).order_by("due_date", "pk")
    return invoices


@role_required(*access.EDIT)
def payment_create(request):
    """Money received: its account, date, amount and method, and how much of it pays which open invoice. What
    is not set against an invoice stays on the account as credit."""
    data = request.POST or None
    account = _account(id_param(request.POST if data else request.GET, "account"))
    initial = {"account": account.pk if account else None, "date": timezone.localdate()}
    form = PaymentForm(data, invoices=allocatable(account, data), initial=initial)
    if data and form.is_valid():
        fields = form.cleaned_data
        try:
            submission = submit_once(
                user=request.user, token=fields["form_token"], result_url=Payment.get_absolute_url,
                record=lambda: record_payment(
                    account=fields["account"], date=fields["date"], amount=fields["amount"], method=fields["method"],
                    reference=fields["reference"], allocations=form.allocations(), by=request.user,
                ),
            )  # fmt: skip
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            return answer(request, submission, lambda payment: _("Payment recorded."))
    return render(
        request,
        "receivables/payment_form.html",
        {"form": form, "account": account, "credits": queries.unapplied_credits(account) if account else []},
        status=400 if data else 200,
    )


@role_required(*access.EDIT)
def payment_open_invoices(request):
    """The allocation table for the chosen account (htmx, once the account is chosen)."""
    account = _account(id_param(request.GET, "account"))
    return render(
        request,
        "receivables/snippets/allocation_fields.html",
        {
            "form": AllocationForm(invoices=allocatable(account)),
            "account": account,
            "credits": queries.unapplied_credits(account) if account else [],
        },
    )


@role_required(*access.READ)
def payment_detail(request, pk):
    return source_page(request, get_object_or_404(queries.payments(), pk=pk))


@role_required(*access.EDIT)
@require_POST
def payment_allocate(request, pk):
    return allocate_source(request, get_object_or_404(queries.payments(), pk=pk))


def source_page(request, source: Payment | CreditNote, *, form: AllocationForm | None = None, status: int = 200):
    """A payment or a credit note with what it was set against, and (for those who may) a form to set the
    money still left against the account's open invoices."""
    can_edit = has_role(request.user, *access.EDIT)
    if form is None and can_edit and source.unallocated > 0:
        form = AllocationForm(invoices=queries.open_items(source.account))
    template = (
        "receivables/payment_detail.html" if isinstance(source, Payment) else "receivables/credit_note_detail.html"
    )
    return render(
        request,
        template,
        {
            "source": source,
            "allocations": queries.source_allocations(source),
            "history": history_entries(source),
            "form": form,
            "can_edit": can_edit,
        },
        status=status,
    )


def source_url(source: Payment | CreditNote) -> str:
    if isinstance(source, Payment):
        return source.get_absolute_url()
    return reverse("receivables:credit-note-detail", args=[source.pk])


def allocate_source(request, source: Payment | CreditNote):
    form = AllocationForm(request.POST, invoices=allocatable(source.account, request.POST))
    if form.is_valid():
        wanted = form.allocations()
        if not wanted:
            form.add_error(None, _("Enter an amount against at least one invoice."))
        else:
            try:
                submission = submit_once(
                    user=request.user, token=form.cleaned_data["form_token"],
                    record=lambda: allocate(source=source, allocations=wanted),
                    result_url=lambda allocations: source_url(source),
                )  # fmt: skip
            except ValidationError as refusal:
                add_refusal(form, refusal)
            else:
                return answer(request, submission, lambda allocations: _("The money is set against the invoices."))
    return source_page(request, source, form=form, status=400)
