from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header

from clienthistory.models import Account
from hotelsales.listing import date_param
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
            return pdf_response(render_to_string("receivables/statement_pdf.html", context),
                                filename=f"statement-{account.pk}-{as_of.isoformat()}.pdf")  # fmt: skip
        document = render_to_string("receivables/snippets/statement.html", context)
    return render(request, "receivables/statement.html", {**context, "account": account, "document": document})


def pdf_response(html: str, *, filename: str) -> HttpResponse:
    """The HTML printed to PDF by WeasyPrint, shown in the browser. (The shared helper hotelsales/pdf.py did not
    exist yet when this page was written; move to it once it does.)"""
    from weasyprint import HTML  # imported here: loading WeasyPrint costs a second and most requests need none

    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
    return response
