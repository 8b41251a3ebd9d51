"""The client's page of a document sent for acceptance (no sign-in): the link's secret is the only key.

It shows that one document — what was sent, the proposal's deposit schedule as it stands — and takes one answer.
The answers are never cached, never indexed, and the page's links to other sites carry no Referer, so the link
does not leak through the client's browser. (Not `no-referrer`: with it the browser posts the answer with an Origin
of "null", which the CSRF check must refuse.)"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from hotelsales.forms import add_refusal
from hotelsales.proxies import client_address
from reservations.models import SentDocument
from reservations.sales.forms import AcceptForm, ChangesForm
from reservations.sales.sending import accept_document, ask_for_changes, deposit_schedule, open_document

State = SentDocument.State


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _document(token: str) -> SentDocument:
    document = open_document(token, now=timezone.now())
    if document is None:
        raise Http404
    return document


@never_cache
def client_document(request, token):
    document = _document(token)
    now = timezone.now()
    accept_form = AcceptForm(request.POST if request.POST.get("answer") == "accept" else None, prefix="accept")
    changes_form = ChangesForm(request.POST if request.POST.get("answer") == "changes" else None, prefix="changes")
    closed = ""
    if document.state == State.SUPERSEDED or document.expired(now):
        closed = "superseded" if document.state == State.SUPERSEDED else "expired"
    elif request.method == "POST" and document.state == State.SENT:
        form = accept_form if request.POST.get("answer") == "accept" else changes_form
        if form.is_valid():
            answer = accept_document if form is accept_form else ask_for_changes
            try:
                answer(document, address=client_address(request), now=now, **_answer_fields(form))
            except ValidationError as refusal:  # closed meanwhile (another tab answered), or a bad name
                add_refusal(form, refusal)
            else:
                return _private(redirect("reservations:client-document", token=token))
    status = 410 if closed else 400 if accept_form.errors or changes_form.errors else 200
    context = {
        "document": document,
        "token": token,
        "closed": closed,
        "schedule": [] if closed else deposit_schedule(document),
        "accept_form": accept_form,
        "changes_form": changes_form,
    }
    return _private(render(request, "reservations/client_document.html", context, status=status))


def _answer_fields(form) -> dict:
    if isinstance(form, AcceptForm):
        return {"name": form.cleaned_data["name"]}
    return {"message": form.cleaned_data["message"]}


@never_cache
def client_document_pdf(request, token):
    """The PDF the link stands for: as accepted once accepted, else as sent (while the link is open)."""
    document = _document(token)
    if document.state == State.SUPERSEDED or document.expired(timezone.now()):
        raise Http404
    stored = SentDocument.objects.values_list("accepted_pdf" if document.state == State.ACCEPTED else "pdf", flat=True)
    response = HttpResponse(bytes(stored.get(pk=document.pk)), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=document.filename)
    return _private(response)
