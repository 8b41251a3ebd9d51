"""Importing accounts and guest profiles: upload a file, read the preview and its error report, confirm.

The preview keeps the rows it read (not the file) in the cache under a random token for an hour. Confirming
validates them again before writing: accounts, salespeople or VIP levels may have changed in between. A file of
more than IMPORT_INLINE_ROWS rows is checked and written by a worker instead (clienthistory.import_jobs); its page
waits and then shows the same report.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.http import require_POST

from clienthistory import access, imports
from clienthistory.import_jobs import confirm_import_job, job_errors, start_import_job
from clienthistory.imports import ImportResult
from clienthistory.models import ImportJob
from clienthistory.tasks import check_import_job_task, run_import_job_task
from hotelsales.roles import role_required
from hotelsales.tabular import (
    Column,
    Row,
    Table,
    TableError,
    TableUploadForm,
    download_format,
    export_response,
    read_table,
)

KEEP_SECONDS = 60 * 60
PREVIEW_ROWS = 50
SHOWN_ERRORS = 500
TEMPLATE = "clienthistory/import.html"


@dataclass(frozen=True)
class ImportPage:
    """One kind of import through the flow of this module (upload, preview and report, confirm), which other apps'
    imports use too (marketing's leads): its URLs are <namespace>:<kind>-import, -import-confirm, -import-template
    and <namespace>:<kind>-list."""

    kind: str  # "account", "profile", "lead": names the URLs and the cache keys
    title: Promise
    columns: tuple[Column, ...]
    check: Callable[..., ImportResult]
    run: Callable[..., ImportResult]  # run(rows=..., by=the user)
    example: dict[str, str]
    done: Promise  # the success message, with %(count)s
    namespace: str = "clienthistory"
    # A file of more rows is checked and written by a worker (import jobs); an import without jobs refuses it
    # instead, saying why: refuse(rows) is that message, or "" for a file it takes.
    refuse: Callable[[list[Row]], str] | None = None

    @property
    def upload_url(self) -> str:
        return reverse(f"{self.namespace}:{self.kind}-import")

    @property
    def confirm_url(self) -> str:
        return reverse(f"{self.namespace}:{self.kind}-import-confirm")

    @property
    def template_url(self) -> str:
        return reverse(f"{self.namespace}:{self.kind}-import-template")

    @property
    def list_url(self) -> str:
        return reverse(f"{self.namespace}:{self.kind}-list")


ACCOUNTS = ImportPage(
    kind="account",
    title=gettext_lazy("Import accounts"),
    columns=imports.ACCOUNT_COLUMNS,
    check=imports.check_accounts,
    run=imports.import_accounts,
    example=imports.ACCOUNT_EXAMPLE,
    done=ngettext_lazy("%(count)s account was imported.", "%(count)s accounts were imported.", "count"),
)
PROFILES = ImportPage(
    kind="profile",
    title=gettext_lazy("Import guest profiles"),
    columns=imports.PROFILE_COLUMNS,
    check=imports.check_profiles,
    run=imports.import_profiles,
    example=imports.PROFILE_EXAMPLE,
    done=ngettext_lazy("%(count)s guest profile was imported.", "%(count)s guest profiles were imported.", "count"),
)


PAGES = {page.kind: page for page in (ACCOUNTS, PROFILES)}


@role_required(*access.SELL)
def account_import(request):
    return upload(request, ACCOUNTS)


@role_required(*access.SELL)
@require_POST
def account_import_confirm(request):
    return confirm(request, ACCOUNTS)


@role_required(*access.SELL)
def account_import_template(request):
    return template_file(request, ACCOUNTS)


@role_required(*access.SELL)
def profile_import(request):
    return upload(request, PROFILES)


@role_required(*access.SELL)
@require_POST
def profile_import_confirm(request):
    return confirm(request, PROFILES)


@role_required(*access.SELL)
def profile_import_template(request):
    return template_file(request, PROFILES)


def upload(request, page: ImportPage):
    """GET: the upload form. POST: read and check the file, and show the preview with its report."""
    form = TableUploadForm(request.POST, request.FILES) if request.method == "POST" else TableUploadForm()
    if form.is_bound and form.is_valid():
        try:
            table = read_table(form.cleaned_data["file"], columns=page.columns)
        except TableError as error:
            form.add_error("file", error)
        else:
            if page.refuse is not None and (refusal := page.refuse(table.rows)):
                form.add_error("file", refusal)
                return render(request, TEMPLATE, {"page": page, "form": form}, status=400)
            if page.refuse is None and len(table.rows) > settings.IMPORT_INLINE_ROWS:
                uploaded = form.cleaned_data["file"].name
                job = start_import_job(kind=page.kind, table=table, filename=uploaded, by=request.user)
                transaction.on_commit(partial(check_import_job_task.delay, job.pk))
                return redirect("clienthistory:import-job", job.pk)
            result = page.check(rows=table.rows)
            return _preview(request, page, table, result, token=_keep(request, page, table) if result.ok else "")
    return render(request, TEMPLATE, {"page": page, "form": form}, status=400 if form.errors else 200)


def confirm(request, page: ImportPage):
    key = _cache_key(page, request.POST.get("token", ""))
    kept = cache.get(key)
    # Deleting the kept rows claims them: a second click on Import finds nothing left to import.
    if not kept or kept["user"] != request.user.pk or not cache.delete(key):
        messages.error(request, _("This upload has expired or was already imported. Please upload the file again."))
        return render(request, TEMPLATE, {"page": page, "form": TableUploadForm()}, status=400)
    table = Table(rows=[Row(number, values) for number, values in kept["rows"]], headers=kept["headers"])
    result = page.run(rows=table.rows, by=request.user)
    if not result.ok:
        return _preview(request, page, table, result, token="")
    messages.success(request, page.done % {"count": result.created})
    return redirect(page.list_url)


@role_required(*access.SELL)
def import_job(request, pk):
    """A long import's page: it waits while a worker checks or writes the rows, then shows what came of it."""
    job = get_object_or_404(ImportJob.objects.defer("rows"), pk=pk, requested_by=request.user)
    page = PAGES[job.kind]
    if job.state in (ImportJob.State.READY, ImportJob.State.REJECTED):
        table = Table(rows=[Row(number, values) for number, values in job.preview], headers=job.headers,
                      ignored=job.ignored)  # fmt: skip
        return _preview(request, page, table, ImportResult(rows=job.row_count, errors=job_errors(job)), job=job)
    done = page.done % {"count": job.created} if job.state == ImportJob.State.IMPORTED else ""
    return render(request, TEMPLATE, {"page": page, "form": TableUploadForm(), "job": job, "done": done})


@role_required(*access.SELL)
@require_POST
def import_job_confirm(request, pk):
    job = get_object_or_404(ImportJob.objects.defer("rows"), pk=pk, requested_by=request.user)
    if confirm_import_job(job=job, by=request.user):
        transaction.on_commit(partial(run_import_job_task.delay, job.pk))
    else:
        messages.error(request, _("This import was confirmed already, or it cannot be imported."))
    return redirect("clienthistory:import-job", job.pk)


def template_file(request, page: ImportPage):
    """An empty file with the columns and one example row, to fill in and upload."""
    fmt = download_format(request, default="xlsx")
    if fmt is None:
        return HttpResponseBadRequest(_("Choose the CSV or XLSX format."))
    example = {**page.example, "owner": request.user.get_username()}
    return export_response(
        f"{page.kind}-import-template",
        [capfirst(column.label) for column in page.columns],
        [[example.get(column.key, "") for column in page.columns]],
        fmt,
    )


def _cache_key(page: ImportPage, token: str) -> str:
    return f"{page.namespace}:import:{page.kind}:{token[:64]}"


def _keep(request, page: ImportPage, table: Table) -> str:
    """Keep the rows read from the file until the user confirms (plain data, so any later code can read them)."""
    token = secrets.token_urlsafe(24)
    kept = {"user": request.user.pk, "rows": [(row.number, row.values) for row in table.rows], "headers": table.headers}
    cache.set(_cache_key(page, token), kept, KEEP_SECONDS)
    return token


def _preview(request, page: ImportPage, table: Table, result: ImportResult, *, token: str = "", job=None):
    """The report on the rows read: every error, and the first rows. A long import's page shows it with status 200
    so that the page, which refreshes itself while it waits, takes it in."""
    keys = list(table.headers)
    names = {column.key: table.headers.get(column.key) or str(column.label) for column in page.columns}
    failed = {error.row for error in result.errors}
    context = {
        "page": page,
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
        "job": job,
        "confirm_url": reverse("clienthistory:import-job-confirm", args=[job.pk]) if job else page.confirm_url,
    }
    return render(request, TEMPLATE, context, status=200 if result.ok or job else 400)
