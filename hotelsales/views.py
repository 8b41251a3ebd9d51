from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from hotelsales.health import database_problem, redis_problem
from hotelsales.models import Export, JobRun
from hotelsales.roles import ALL_ROLES, Role, role_required
from hotelsales.tabular import XLSX_TYPE

# Even 150,000 rows take well under a minute: an export still queued after this waits for a worker that is not there.
STALLED_AFTER = timedelta(minutes=5)


@role_required(Role.MANAGER)
def job_runs(request):
    runs = JobRun.objects.all()[:100]
    return render(request, "hotelsales/job_runs.html", {"runs": runs})


@role_required(*ALL_ROLES)
def export_list(request):
    """The signed-in person's Excel files written by a worker; while one is being written the list refreshes."""
    since = timezone.now() - timedelta(days=settings.EXPORT_KEEP_DAYS)
    exports = list(
        Export.objects.filter(requested_by=request.user, requested_at__gte=since).defer("content", "query")[:50]
    )
    context = {
        "exports": exports,
        "writing": any(export.state == Export.State.QUEUED for export in exports),
        "keep_days": settings.EXPORT_KEEP_DAYS,
        "stalled_before": timezone.now() - STALLED_AFTER,
    }
    template = "hotelsales/snippets/export_rows.html" if request.htmx else "hotelsales/exports.html"
    return render(request, template, context)


@role_required(*ALL_ROLES)
def export_download(request, pk):
    export = get_object_or_404(Export, pk=pk, requested_by=request.user, state=Export.State.READY)
    response = HttpResponse(bytes(export.content), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=export.filename)
    return response


@never_cache
def healthz(request):
    checks = {"postgresql": database_problem() or "ok", "redis": redis_problem() or "ok"}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)
