from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from hotelsales.dashboard import chart_data, dashboard, sales_production
from hotelsales.forms import PeriodForm
from hotelsales.health import database_problem, redis_problem
from hotelsales.home import tiles_for
from hotelsales.models import Export, JobRun
from hotelsales.roles import ALL_ROLES, Role, has_role, role_required, user_roles
from hotelsales.tabular import XLSX_TYPE

# Even 150,000 rows take well under a minute: an export still queued after this waits for a worker that is not there.
STALLED_AFTER = timedelta(minutes=5)


def _greeting(hour: int) -> str:
    if hour < 11:
        return _("Good morning")
    if hour < 18:
        return _("Good afternoon")
    return _("Good evening")


@role_required(*ALL_ROLES)
def home(request):
    return render(
        request,
        "hotelsales/home.html",
        {
            "greeting": _greeting(timezone.localtime().hour),
            "today": timezone.localdate(),
            "role_labels": [Role(name).label for name in sorted(user_roles(request.user))],
            "tiles": tiles_for(request.user, timezone.localdate()),
        },
    )


@role_required(Role.MANAGER)
def job_runs(request):
    runs = JobRun.objects.all()[:100]
    return render(request, "hotelsales/job_runs.html", {"runs": runs})


@role_required(Role.MANAGER)
def dashboard_view(request):
    """Occupancy on the books, pipeline, pace, events, receivables and lost business: charts with their tables."""
    figures = dashboard(timezone.localdate())
    return render(request, "hotelsales/dashboard.html", {**figures, "charts": chart_data(figures)})


@role_required(Role.MANAGER, Role.SALES)
def sales_production_view(request):
    """Bookings, room-nights, F&B revenue and activities per salesperson for a period (default this month)."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"first": today.replace(day=1), "last": today})
    first, last = today.replace(day=1), today
    if form.is_valid():
        first, last = form.cleaned_data["first"], form.cleaned_data["last"]
    rows = sales_production(first, last)
    if not has_role(request.user, Role.MANAGER):
        rows = [row for row in rows if row.user == request.user]
    context = {"form": form, "rows": rows, "first": first, "last": last}
    return render(request, "hotelsales/sales_production.html", context, status=400 if form.errors else 200)


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
