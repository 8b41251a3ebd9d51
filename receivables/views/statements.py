from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation

from clienthistory.models import Account
from hotelsales.listing import date_param
from hotelsales.pdf import pdf_response
from hotelsales.roles import role_required
from receivables import access, queries


@role_required(*access.READ)
def account_statement(request, pk):
    """The statement of open items as of ?date= (today by default), in the account's language for letters; on
    screen, or as a PDF with ?format=pdf."""
    account = get_object_or_404(Account, pk=pk)
    as_of = date_param(request)
    context = {"statement": queries.statement(account, as_of), "hotel_name": settings.HOTEL_NAME}
    with translation.override(account.letter_language):
        if request.GET.get("format") == "pdf":
            filename = f"statement-{account.pk}-{as_of.isoformat()}.pdf"
            return pdf_response(request, "receivables/statement_pdf.html", context, filename=filename)
        document = render_to_string("receivables/snippets/statement.html", context)
    return render(request, "receivables/statement.html", {**context, "account": account, "document": document})
