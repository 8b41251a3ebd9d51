from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from hotelsales.health import database_problem, redis_problem
from hotelsales.models import JobRun
from hotelsales.roles import ALL_ROLES, Role, role_required, user_roles


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
        },
    )


@role_required(Role.MANAGER)
def job_runs(request):
    runs = JobRun.objects.all()[:100]
    return render(request, "hotelsales/job_runs.html", {"runs": runs})


@never_cache
def healthz(request):
    checks = {"postgresql": database_problem() or "ok", "redis": redis_problem() or "ok"}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)
