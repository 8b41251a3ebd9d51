"""The marketing plan (营销计划): the plans by year, a year's plan against the actuals with its chart and table, the
Excel download, and for managers the plan's owner and notes and the grid of its targets."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from clienthistory.models import Segment
from hotelsales.roles import has_role, role_required
from hotelsales.tabular import download_format, export_response
from marketing import access
from marketing.models import MarketingPlan
from marketing.plans import queries
from marketing.plans.forms import PlanForm, SegmentForm, TargetGridForm
from marketing.plans.report import PlanMonth, PlanReport, chart_data, plan_report
from marketing.plans.targets import create_plan, set_targets
from reservations.reports.revenue import Stream


def _segment(request) -> tuple[SegmentForm, str]:
    """The ?segment= form and the segment chosen; the whole hotel (blank) when the choice is not a segment."""
    form = SegmentForm(request.GET)
    return form, form.cleaned_data["segment"] if form.is_valid() else ""


def _with_segment(url: str, segment: str) -> str:
    return f"{url}?{urlencode({'segment': segment})}" if segment else url


def _segment_label(segment: str) -> str:
    return Segment(segment).label if segment else _("Whole hotel")


@role_required(*access.READ)
def plan_list(request):
    return render(
        request,
        "marketing/plan_list.html",
        {"plans": queries.plans(), "can_plan": has_role(request.user, *access.PLAN)},
    )


@role_required(*access.READ)
def plan_detail(request, year):
    """Plan vs actual per month with its chart and table; ?segment= shows one market segment's."""
    plan = get_object_or_404(MarketingPlan.objects.select_related("owner"), year=year)
    form, segment = _segment(request)
    report = plan_report(plan, segment=segment, today=timezone.localdate())
    context = {
        "plan": plan,
        "report": report,
        "form": form,
        "charts": chart_data(report),
        "streams": Stream,
        "segment_label": _segment_label(segment),
        "can_plan": has_role(request.user, *access.PLAN),
    }
    return render(request, "marketing/plan_detail.html", context, status=400 if form.errors else 200)


def _export_rows(report: PlanReport):
    """A row per month and one for the year to date: each stream's and the total's target, actual, variance and
    variance %, then the promotions' budget."""

    def row(label: str, month: PlanMonth) -> list:
        cells = [label]
        for figure in month.figures:
            cells += [figure.target, figure.actual, figure.variance, figure.variance_percent]
        return [*cells, month.budget]

    for month in report.months:
        yield row(f"{month.month:%Y-%m}", month)
    yield row(_("Year to date"), report.year_to_date)


@role_required(*access.READ)
def plan_export(request, year):
    """Plan vs actual as an Excel workbook (?format=csv for CSV), for the whole hotel or ?segment=."""
    plan = get_object_or_404(MarketingPlan, year=year)
    _form, segment = _segment(request)
    report = plan_report(plan, segment=segment, today=timezone.localdate())
    headers = [_("Month")]
    for name in [*Stream.labels, _("Total")]:
        headers += [
            _("%(stream)s target") % {"stream": name},
            _("%(stream)s actual") % {"stream": name},
            _("%(stream)s variance") % {"stream": name},
            _("%(stream)s variance %%") % {"stream": name},
        ]
    headers.append(_("Promotion budget"))
    stem = f"marketing-plan-{plan.year}" + (f"-{segment}" if segment else "")
    return export_response(stem, headers, _export_rows(report), download_format(request, default="xlsx") or "xlsx")


def _first_free_year(today) -> int:
    taken = set(MarketingPlan.objects.filter(year__gte=today.year).values_list("year", flat=True))
    year = today.year
    while year in taken:
        year += 1
    return year


@role_required(*access.PLAN)
def plan_create(request):
    form = PlanForm(
        request.POST or None, initial={"year": _first_free_year(timezone.localdate()), "owner": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        plan = create_plan(**form.cleaned_data)
        messages.success(request, _("Plan made: set its targets now."))
        return redirect("marketing:plan-targets", year=plan.year)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("New marketing plan"), "cancel_url": reverse("marketing:plan-list")},
        status=400 if form.errors else 200,
    )


@role_required(*access.PLAN)
def plan_edit(request, year):
    plan = get_object_or_404(MarketingPlan, year=year)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Plan saved."))
        return redirect(plan)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": str(plan), "cancel_url": plan.get_absolute_url()},
        status=400 if form.errors else 200,
    )


@role_required(*access.PLAN)
def plan_targets(request, year):
    """The grid of a year's targets, months × streams, for the whole hotel or ?segment=; saved all at once."""
    plan = get_object_or_404(MarketingPlan, year=year)
    segment_form, segment = _segment(request)
    targets = {(target.month, target.stream): target.amount for target in plan.targets.filter(segment=segment)}
    form = TargetGridForm(request.POST or None, plan=plan, targets=targets)
    if request.method == "POST" and form.is_valid():
        set_targets(plan=plan, segment=segment, amounts=form.amounts())
        messages.success(request, _("Targets saved."))
        return redirect(_with_segment(plan.get_absolute_url(), segment))
    context = {
        "plan": plan,
        "form": form,
        "segment_form": segment_form,
        "segment_label": _segment_label(segment),
        "streams": Stream,
    }
    return render(
        request, "marketing/plan_targets.html", context, status=400 if form.errors or segment_form.errors else 200
    )
