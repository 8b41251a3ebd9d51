from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotelsales.forms import add_refusal, id_param
from hotelsales.listing import list_page
from hotelsales.once import answer, submit_once
from hotelsales.roles import has_role, role_required
from receivables import access, queries
from receivables.filters import CreditNoteFilter
from receivables.forms import CreditNoteForm
from receivables.models import CreditNote
from receivables.payments import issue_credit_note
from receivables.views.payments import allocate_source, source_page, source_url

CREDIT_NOTE_SORTS = {
    "number": ("number", "id"),
    "date": ("date", "id"),
    "account": ("account__name", "id"),
    "amount": ("amount", "id"),
}


@role_required(*access.READ)
def credit_note_list(request):
    note_filter = CreditNoteFilter(request.GET, queryset=queries.credit_notes())
    listing = list_page(request, note_filter.qs, sorts=CREDIT_NOTE_SORTS, default="-date")
    return render(
        request,
        "receivables/credit_note_list.html",
        {
            "filter": note_filter,
            "listing": listing,
            "totals": queries.money_totals(note_filter.qs),
            "can_edit": has_role(request.user, *access.EDIT),
        },
    )


@role_required(*access.EDIT)
def credit_note_create(request):
    """A credit note for an account; given an invoice, it is set against what is open on it first."""
    invoice_id = id_param(request.GET, "invoice")
    invoice = queries.invoices().filter(pk=invoice_id).first() if invoice_id else None
    initial = {"date": timezone.localdate(), "account": id_param(request.GET, "account")}
    if invoice is not None:
        initial.update(account=invoice.account_id, invoice=invoice.pk, amount=invoice.open_amount or None)
    form = CreditNoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = submit_once(
                user=request.user, token=data["form_token"], result_url=source_url,
                record=lambda: issue_credit_note(account=data["account"], invoice=data["invoice"],
                                                 amount=data["amount"], reason=data["reason"], date=data["date"],
                                                 by=request.user),
            )  # fmt: skip
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            return answer(request, submission, credit_note_issued)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("New credit note"), "cancel_url": reverse("receivables:credit-note-list"),
         "submit_label": _("Issue the credit note")},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


def credit_note_issued(note: CreditNote) -> str:
    return _("Credit note %(number)s issued.") % {"number": note.number}


@role_required(*access.READ)
def credit_note_detail(request, pk):
    return source_page(request, get_object_or_404(queries.credit_notes(), pk=pk))


@role_required(*access.EDIT)
@require_POST
def credit_note_allocate(request, pk):
    return allocate_source(request, get_object_or_404(queries.credit_notes(), pk=pk))
