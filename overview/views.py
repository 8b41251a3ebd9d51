from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotelsales.forms import PeriodForm
from hotelsales.listing import month_param
from hotelsales.roles import ALL_ROLES, Role, has_role, role_required, user_roles
from marketing.models import SalesTarget
from marketing.plans.sales_targets import set_sales_targets, set_status_weights
from overview.dashboard import chart_data, dashboard
from overview.forecast import forecast, weights
from overview.forms import TeamTargetsForm, WeightsForm
from overview.home import panels_for, tiles_for
from overview.production import sales_production
from overview.targets import METRICS, production_by_segment, production_by_source, team, team_month

TARGET_YEARS = 3  # the targets page shows months from three years back to three years ahead


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
            "my_month": _my_month(request.user, timezone.localdate()),
        },
    )


def _my_month(user, today):
    """A salesperson's month against their targets, on their home page."""
    if not has_role(user, Role.SALES):
        return None
    return team_month(today.replace(day=1), today, users=[user]).people[0]


@role_required(Role.MANAGER)
def dashboard_view(request):
    """Occupancy on the books, pipeline, pace, events, receivables and lost business: charts with their tables."""
    today = timezone.localdate()
    figures = dashboard(today)
    team = team_month(today.replace(day=1), today).total
    return render(request, "overview/dashboard.html", {**figures, "charts": chart_data(figures), "team": team})


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


def _shown_month(request):
    """?month=YYYY-MM, from three years back to three years ahead."""
    today = timezone.localdate()
    return month_param(request, years=range(today.year - TARGET_YEARS, today.year + TARGET_YEARS + 1))


@role_required(Role.MANAGER, Role.SALES)
def targets_view(request):
    """The team's targets of a month against what each salesperson produced, and pace; sales see their own row."""
    today = timezone.localdate()
    month = _shown_month(request)
    manager = has_role(request.user, Role.MANAGER)
    figures = team_month(month, today, users=None if manager else [request.user])
    context = {
        "figures": figures,
        "month": month,
        "today": today,
        "can_edit": manager,
        "segments": production_by_segment(month, today),
        "sources": production_by_source(month, today),
        "metrics": METRICS.values(),
    }
    return render(request, "overview/targets.html", context)


@role_required(Role.MANAGER)
def targets_edit(request):
    """Set the targets of a month (?month=YYYY-MM) for each member of the team."""
    month = _shown_month(request)
    users = list(team(month))
    current = {target.salesperson_id: target for target in SalesTarget.objects.filter(month=month)}
    form = TeamTargetsForm(request.POST if request.method == "POST" else None, users=users, targets=current)
    if request.method == "POST" and form.is_valid():
        set_sales_targets(month=month, targets=form.targets())
        messages.success(request, _("Targets saved."))
        return redirect(reverse("overview:targets") + f"?month={month:%Y-%m}")
    context = {"form": form, "month": month, "metrics": METRICS.values()}
    return render(request, "overview/targets_edit.html", context, status=400 if form.errors else 200)


def _forecast_page(request, weights_form=None, status=200):
    figures = forecast(timezone.localdate())
    if not has_role(request.user, Role.MANAGER):
        figures.people = [line for line in figures.people if line.label == request.user]
    if weights_form is None and has_role(request.user, Role.MANAGER):
        weights_form = WeightsForm(weights=figures.weights)
    context = {"forecast": figures, "weights_form": weights_form}
    return render(request, "overview/forecast.html", context, status=status)


@role_required(Role.MANAGER, Role.SALES)
def forecast_view(request):
    """Expected revenue of the next twelve months: the pipeline weighted by status, beside targets and last year."""
    return _forecast_page(request)


@role_required(Role.MANAGER)
@require_POST
def forecast_weights(request):
    """Set the forecast's probability of each booking status."""
    form = WeightsForm(request.POST, weights=weights())
    if not form.is_valid():
        return _forecast_page(request, form, status=400)
    set_status_weights(percents=form.cleaned_data)
    messages.success(request, _("Forecast weights saved."))
    return redirect("overview:forecast")
