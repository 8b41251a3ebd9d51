"""Importing leads: upload a file, read the preview and its error report, confirm — as accounts and guest profiles
are imported (clienthistory.views.imports, whose page this one shows), without a worker: a leads file is short
(marketing.leads.imports.MAX_ROWS). The preview keeps the rows read (not the file) in the cache under a random
token for an hour; confirming checks them again before writing."""

import secrets

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from hotelsales.roles import role_required
from hotelsales.tabular import Row, Table, TableError, TableUploadForm, download_format, export_response, read_table
from marketing import access
from marketing.leads import imports

KEEP_SECONDS = 60 * 60
PREVIEW_ROWS = 50
SHOWN_ERRORS = 500
TEMPLATE = "clienthistory/import.html"


class Page:
    """What the import page shows about leads (the page clienthistory's imports share)."""

    title = gettext_lazy("Import leads")
    columns = imports.COLUMNS
    upload_url = reverse_lazy("marketing:lead-import")
    confirm_url = reverse_lazy("marketing:lead-import-confirm")
    template_url = reverse_lazy("marketing:lead-import-template")
    list_url = reverse_lazy("marketing:lead-list")


@role_required(*access.LEADS)
def lead_import(request):
    """GET: the upload form. POST: read and check the file, and show the preview with its report."""
    form = TableUploadForm(request.POST, request.FILES) if request.method == "POST" else TableUploadForm()
    if form.is_bound and form.is_valid():
        try:
            table = read_table(form.cleaned_data["file"], columns=imports.COLUMNS)
        except TableError as error:
            form.add_error("file", error)
        else:
            if refusal := imports.too_many_rows(table.rows):
                form.add_error("file", refusal)
            else:
                result = imports.check_leads(rows=table.rows)
                return _preview(request, table, result, token=_keep(request, table) if result.ok else "")
    return render(request, TEMPLATE, {"page": Page, "form": form}, status=400 if form.errors else 200)


@role_required(*access.LEADS)
@require_POST
def lead_import_confirm(request):
    key = _cache_key(request.POST.get("token", ""))
    kept = cache.get(key)
    # Deleting the kept rows claims them: a second click on Import finds nothing left to import.
    if not kept or kept["user"] != request.user.pk or not cache.delete(key):
        messages.error(request, _("This upload has expired or was already imported. Please upload the file again."))
        return render(request, TEMPLATE, {"page": Page, "form": TableUploadForm()}, status=400)
    table = Table(rows=[Row(number, values) for number, values in kept["rows"]], headers=kept["headers"])
    result = imports.import_leads(rows=table.rows)
    if not result.ok:
        return _preview(request, table, result, token="")
    messages.success(
        request,
        ngettext("%(count)s lead was imported.", "%(count)s leads were imported.", result.created)
        % {"count": result.created},
    )
    return redirect("marketing:lead-list")


@role_required(*access.LEADS)
def lead_import_template(request):
    """An empty file with the columns and one example row, to fill in and upload."""
    fmt = download_format(request, default="xlsx")
    if fmt is None:
        return HttpResponseBadRequest(_("Choose the CSV or XLSX format."))
    return export_response(
        "lead-import-template",
        [capfirst(column.label) for column in imports.COLUMNS],
        [[imports.EXAMPLE.get(column.key, "") for column in imports.COLUMNS]],
        fmt,
    )


def _cache_key(token: str) -> str:
    return f"marketing:lead-import:{token[:64]}"


def _keep(request, table: Table) -> str:
    token = secrets.token_urlsafe(24)
    kept = {"user": request.user.pk, "rows": [(row.number, row.values) for row in table.rows], "headers": table.headers}
    cache.set(_cache_key(token), kept, KEEP_SECONDS)
    return token


def _preview(request, table: Table, result: imports.ImportResult, *, token: str):
    """The report on the rows read: every error, and the first rows."""
    keys = list(table.headers)
    names = {column.key: table.headers.get(column.key) or str(column.label) for column in imports.COLUMNS}
    failed = {error.row for error in result.errors}
    context = {
        "page": Page,
        "form": TableUploadForm(),
        "result": result,
        "token": token,
        "headers": [table.headers[key] for key in keys],
        "rows": [
            (row.number, [row.values.get(key, "") for key in keys], row.number in failed)
            for row in table.rows[:PREVIEW_ROWS]
        ],
        "errors": [(error.row, names.get(error.column, ""), error.message) for error in result.errors[:SHOWN_ERRORS]],
        "more_errors": max(0, len(result.errors) - SHOWN_ERRORS),
        "ignored": table.ignored,
        "confirm_url": Page.confirm_url,
    }
    return render(request, TEMPLATE, context, status=200 if result.ok else 400)
