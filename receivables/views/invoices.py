from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotelsales.exports import Table, download, exportable
from hotelsales.forms import add_refusal, id_param
from hotelsales.history import history_entries
from hotelsales.listing import list_page
from hotelsales.money import format_money
from hotelsales.once import OnceForm, answer, submit_once
from hotelsales.roles import has_role, role_required
from hotelsales.search import query_param
from hotelsales.tabular import download_format
from receivables import access, queries
from receivables.filters import PAYMENT_STATES, InvoiceFilter
from receivables.forms import (
    CreditForm,
    DisputeForm,
    InvoiceForm,
    LineFormSet,
    PromiseForm,
    VoidForm,
)
from receivables.invoicing import create_invoice, delete_draft, issue_invoice, update_draft, void_invoice
from receivables.models import ZERO, Dispute, Invoice, PromiseToPay
from receivables.payments import issue_credit_note
from receivables.views.credit_notes import credit_note_issued

INVOICE_SORTS = {
    "number": ("number", "id"),
    "account": ("account__name", "id"),
    "issued": ("issue_date", "id"),
    "due": ("due_date", "id"),
    "total": ("total", "id"),
    "open": ("open_amount", "id"),
}


@role_required(*access.READ)
def invoice_list(request):
    """Invoices filtered and sorted, with the totals of the whole filtered list; ?format=csv|xlsx exports it."""
    fmt = download_format(request, default="")
    if fmt:
        return download(request, invoice_table, fmt)
    invoice_filter = InvoiceFilter(request.GET, queryset=queries.invoices())
    listing = list_page(request, invoice_filter.qs, sorts=INVOICE_SORTS, default="-issued")
    return render(
        request,
        "receivables/invoice_list.html",
        {
            "filter": invoice_filter,
            "listing": listing,
            "totals": queries.invoice_totals(invoice_filter.qs),
            "can_edit": has_role(request.user, *access.EDIT),
        },
    )


@exportable
def invoice_table(request) -> Table:
    invoices = InvoiceFilter(request.GET, queryset=queries.invoices()).qs
    states = dict(PAYMENT_STATES)
    headers = [_("Number"), _("Account"), _("Type"), _("State"), _("Payment"), _("Issued"), _("Due"), _("Total"),
               _("Tax"), _("Paid or credited"), _("Open")]  # fmt: skip
    return Table(
        f"invoices-{timezone.localdate()}",
        headers,
        list_page(request, invoices, sorts=INVOICE_SORTS, default="-issued").ordered,
        lambda invoice: [
            invoice.number or "",
            invoice.account.name,
            invoice.get_kind_display(),
            invoice.get_state_display(),
            states.get(invoice.payment_state, ""),
            invoice.issue_date,
            invoice.due_date,
            invoice.total,
            invoice.tax,
            invoice.paid,
            invoice.open_amount,
        ],
    )


@role_required(*access.READ)
def invoice_detail(request, pk):
    return _invoice_page(request, pk)


def _invoice_page(request, pk, *, status: int = 200, errors=(), **forms):
    """The invoice with its lines, money set against it, disputes, promises and notices. An action that was
    refused shows the page again with its form (or its `errors`) and status 400."""
    invoice = get_object_or_404(queries.invoices().select_related("reservation", "created_by"), pk=pk)
    lines = list(invoice.lines.all())
    today = timezone.localdate()
    can_edit = has_role(request.user, *access.EDIT)
    context = {
        "invoice": invoice,
        "lines": lines,
        "line_total": sum((line.amount for line in lines), ZERO),
        "line_tax": sum((line.tax for line in lines), ZERO),
        "allocations": queries.invoice_allocations(invoice),
        "disputes": list(invoice.disputes.select_related("created_by")),
        "promises": list(invoice.promises.select_related("created_by")),
        "notices": queries.invoice_notices(invoice),
        "history": history_entries(invoice),
        "can_edit": can_edit,
        "errors": errors,
        "tab": "collection" if {"dispute_form", "promise_form"} & forms.keys() else "allocations",
    }
    if can_edit:
        context.update(
            void_form=VoidForm(),
            credit_form=CreditForm(initial={"amount": invoice.open_amount or None, "date": today}),
            dispute_form=DisputeForm(),
            promise_form=PromiseForm(initial={"amount": invoice.open_amount or None}),
        )
        context.update(forms)
    return render(request, "receivables/invoice_detail.html", context, status=status)


@role_required(*access.EDIT)
def invoice_create(request):
    form = InvoiceForm(request.POST or None, initial={"account": id_param(request.GET, "account")})
    formset = LineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            invoice = create_invoice(
                account=form.cleaned_data["account"], notes=form.cleaned_data["notes"], lines=formset.lines(),
                by=request.user,
            )  # fmt: skip
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Draft invoice saved. Check it, then issue it."))
            return redirect(invoice)
    return _invoice_form(request, form, formset, None)


@role_required(*access.EDIT)
def invoice_edit(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    if invoice.state != Invoice.State.DRAFT:
        messages.error(request, _("An issued invoice is never edited; void it or credit it."))
        return redirect(invoice)
    initial_lines = [
        {name: getattr(line, name) for name in ("description", "quantity", "unit_price", "discount", "tax_rate")}
        for line in invoice.lines.all()
    ]
    form = InvoiceForm(request.POST or None, initial={"account": invoice.account_id, "notes": invoice.notes})
    formset = LineFormSet(request.POST or None, prefix="lines", initial=initial_lines)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            update_draft(
                invoice=invoice, account=form.cleaned_data["account"], notes=form.cleaned_data["notes"],
                lines=formset.lines(), by=request.user,
            )  # fmt: skip
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Draft invoice saved. Check it, then issue it."))
            return redirect(invoice)
    return _invoice_form(request, form, formset, invoice)


def _invoice_form(request, form, formset, invoice):
    return render(
        request,
        "receivables/invoice_form.html",
        {
            "form": form,
            "formset": formset,
            "invoice": invoice,
            "cancel_url": invoice.get_absolute_url() if invoice else reverse("receivables:invoice-list"),
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(*access.EDIT)
@require_POST
def invoice_issue(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    form = OnceForm(request.POST)
    if not form.is_valid():
        return _invoice_page(request, pk, errors=form.non_field_errors(), status=400)
    try:
        submission = submit_once(
            user=request.user, token=form.cleaned_data["form_token"], result_url=Invoice.get_absolute_url,
            record=lambda: issue_invoice(invoice=invoice, on_date=timezone.localdate(), by=request.user),
        )  # fmt: skip
    except ValidationError as refusal:
        return _invoice_page(request, pk, errors=refusal.messages, status=400)
    return answer(request, submission, _issued)


def _issued(invoice: Invoice) -> str:
    return _("Invoice %(number)s issued, due %(date)s.") % {
        "number": invoice.number,
        "date": date_format(invoice.due_date, "SHORT_DATE_FORMAT"),
    }


@role_required(*access.EDIT)
@require_POST
def invoice_delete(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    try:
        delete_draft(invoice=invoice)
    except ValidationError as refusal:
        return _invoice_page(request, pk, errors=refusal.messages, status=400)
    messages.success(request, _("Draft invoice deleted."))
    return redirect("receivables:invoice-list")


@role_required(*access.EDIT)
@require_POST
def invoice_void(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            void_invoice(invoice=invoice, reason=form.cleaned_data["reason"], on_date=timezone.localdate(),
                         by=request.user)  # fmt: skip
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Invoice %(number)s voided.") % {"number": invoice.number})
            return redirect(invoice)
    return _invoice_page(request, pk, void_form=form, status=400)


@role_required(*access.EDIT)
@require_POST
def invoice_credit(request, pk):
    """A credit note against this invoice, set against what is open on it; any rest stays as account credit."""
    invoice = get_object_or_404(Invoice, pk=pk, state=Invoice.State.ISSUED)
    form = CreditForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            submission = submit_once(
                user=request.user, token=data["form_token"], result_url=lambda note: invoice.get_absolute_url(),
                record=lambda: issue_credit_note(account=invoice.account, invoice=invoice, amount=data["amount"],
                                                 reason=data["reason"], date=data["date"], by=request.user),
            )  # fmt: skip
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            return answer(request, submission, credit_note_issued)
    return _invoice_page(request, pk, credit_form=form, status=400)


@role_required(*access.EDIT)
@require_POST
def invoice_dispute(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk, state=Invoice.State.ISSUED)
    form = DisputeForm(request.POST, instance=Dispute(invoice=invoice, created_by=request.user))
    if form.is_valid():
        form.save()
        messages.success(request, _("Dispute recorded; the invoice is not dunned until it is resolved or expires."))
        return redirect(invoice)
    return _invoice_page(request, pk, dispute_form=form, status=400)


@role_required(*access.EDIT)
@require_POST
def dispute_resolve(request, pk):
    dispute = get_object_or_404(Dispute, pk=pk)
    if Dispute.objects.filter(pk=pk, resolved_on__isnull=True).update(resolved_on=timezone.localdate()):
        messages.success(request, _("Dispute resolved; the invoice is dunned again when it is overdue."))
    return redirect(dispute.invoice)


@role_required(*access.EDIT)
@require_POST
def invoice_promise(request, pk):
    invoice = get_object_or_404(queries.invoices(), pk=pk, state=Invoice.State.ISSUED)
    form = PromiseForm(
        request.POST, instance=PromiseToPay(invoice=invoice, created_by=request.user), open_amount=invoice.open_amount
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("Promise to pay recorded; the invoice is not dunned before that date."))
        return redirect(invoice)
    return _invoice_page(request, pk, promise_form=form, status=400)


@role_required(*access.READ)
def invoice_lookup(request):
    """Issued invoices by number or account, for the Lookup widget (htmx)."""
    text = query_param(request)
    options = []
    if text:
        found = InvoiceFilter({"q": text}, queryset=queries.invoices().filter(state=Invoice.State.ISSUED)).qs
        options = list(found.order_by("-issue_date", "-id")[:10])
        for invoice in options:
            invoice.lookup_hint = f"{invoice.account.name} · {format_money(invoice.open_amount)}"
    return render(request, "snippets/lookup_options.html", {"options": options, "query": text})
