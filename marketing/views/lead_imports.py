"""Importing leads: upload a file, read the preview and its error report, confirm — through the import flow of
accounts and guest profiles (clienthistory.views.imports), without a worker: a leads file is short
(marketing.leads.imports.MAX_ROWS), and a longer one is refused."""

from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.http import require_POST

from clienthistory.views.imports import ImportPage, confirm, template_file, upload
from hotelsales.roles import role_required
from marketing import access
from marketing.leads import imports

LEADS = ImportPage(
    kind="lead",
    namespace="marketing",
    title=gettext_lazy("Import leads"),
    columns=imports.COLUMNS,
    check=imports.check_leads,
    run=imports.import_leads,
    example=imports.EXAMPLE,
    done=ngettext_lazy("%(count)s lead was imported.", "%(count)s leads were imported.", "count"),
    refuse=imports.too_many_rows,
)


@role_required(*access.LEADS)
def lead_import(request):
    return upload(request, LEADS)


@role_required(*access.LEADS)
@require_POST
def lead_import_confirm(request):
    return confirm(request, LEADS)


@role_required(*access.LEADS)
def lead_import_template(request):
    return template_file(request, LEADS)
