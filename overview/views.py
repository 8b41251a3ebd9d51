from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelsales.forms import PeriodForm
from hotelsales.roles import ALL_ROLES, Role, has_role, role_required, user_roles
from overview.dashboard import chart_data, dashboard
from overview.home import panels_for, tiles_for
from overview.production import sales_production


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
        "overview/home.html",
        {
            "greeting": _greeting(timezone.localtime().hour),
            "today": timezone.localdate(),
            "role_labels": [Role(name).label for name in sorted(user_roles(request.user))],
            "tiles": tiles_for(request.user, timezone.localdate()),
            "panels": panels_for(request.user, timezone.localdate()),
        },
    )


@role_required(Role.MANAGER)
def dashboard_view(request):
    """Occupancy on the books, pipeline, pace, events, receivables and lost business: charts with their tables."""
    figures = dashboard(timezone.localdate())
    return render(request, "overview/dashboard.html", {**figures, "charts": chart_data(figures)})


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
    return render(request, "overview/sales_production.html", context, status=400 if form.errors else 200)
