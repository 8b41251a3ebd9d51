"""What campaigns brought: one campaign's results, the overview of a year's campaigns side by side with its charts,
and the overview's Excel download. Every figure comes from marketing.campaigns.results, read for a whole page of
campaigns at once."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelsales.listing import list_page
from hotelsales.roles import role_required
from hotelsales.tabular import download_format, export_response
from marketing import access
from marketing.campaigns import overview
from marketing.campaigns.results import Figures, figures, figures_of
from marketing.models import Campaign

OVERVIEW_SORTS = {"sent": ("started_at", "id"), "name": ("name", "id")}


@role_required(*access.READ)
def campaign_results(request, pk):
    campaign = get_object_or_404(Campaign.objects.select_related("promotion", "audience"), pk=pk)
    return render(request, "marketing/campaign_results.html", {"campaign": campaign, "figures": figures(campaign)})


def _overview_form(request) -> overview.OverviewForm:
    return overview.OverviewForm(request.GET, this_year=timezone.localdate().year)


@role_required(*access.READ)
def campaign_overview(request):
    """The year's campaigns that started sending, a page at a time, with their figures read at once for the page."""
    form = _overview_form(request)
    if not form.is_valid():
        return render(request, "marketing/campaign_overview.html", {"form": form}, status=400)
    listing = list_page(request, overview.campaigns_of(**form.cleaned_data), sorts=OVERVIEW_SORTS, default="-sent")
    found = figures_of(listing.page.object_list)
    rows = [found[campaign.pk] for campaign in listing.page.object_list]
    context = {
        "form": form,
        "year": form.cleaned_data["year"],
        "listing": listing,
        "rows": rows,
        "charts": overview.chart_data(rows),
    }
    return render(request, "marketing/campaign_overview.html", context)


def _significance(figures: Figures) -> str:
    """The significance mark as the table shows it, or why there is no comparison."""
    results = figures.results
    if results.why_not:
        return results.why_not
    if not results.significant:
        return _("Could be chance")
    return _("Significant") if results.uplift > 0 else _("Significantly lower")


def _export_row(figures: Figures) -> list:
    campaign, results = figures.campaign, figures.results
    low, high = results.uplift_interval or (None, None)
    return [
        campaign.name,
        campaign.promotion.name,
        campaign.get_channel_display(),
        timezone.localdate(campaign.started_at),
        figures.members,
        figures.contacted,
        figures.control,
        results.conversion_rate,
        results.control_rate,
        results.uplift,
        low,
        high,
        _significance(figures),
        figures.attributed_revenue,
        results.incremental_revenue,
        figures.cost,
        results.roi,
        figures.opt_outs,
        figures.complaints,
    ]


@role_required(*access.READ)
def campaign_overview_export(request):
    """The overview's rows and columns as an Excel workbook (?format=csv for CSV), filtered and sorted as on screen,
    every page of it."""
    form = _overview_form(request)
    if not form.is_valid():
        return render(request, "marketing/campaign_overview.html", {"form": form}, status=400)
    campaigns = list(list_page(request, overview.campaigns_of(**form.cleaned_data), sorts=OVERVIEW_SORTS,
                               default="-sent").ordered)  # fmt: skip
    found = figures_of(campaigns)
    headers = [
        _("Campaign"), _("Promotion"), _("Channel"), _("Sending started"), _("Members"), _("Contacted"),
        _("Control group"), _("Conversion rate (%)"), _("Control group's rate (%)"), _("Uplift (percentage points)"),
        _("Uplift, 95 percent interval from"), _("Uplift, 95 percent interval to"), _("Significance"),
        _("Attributed revenue"), _("Incremental revenue"), _("Cost"), _("ROI (%)"), _("Opt-outs"),
        _("Complaints after contact"),
    ]  # fmt: skip
    rows = (_export_row(found[campaign.pk]) for campaign in campaigns)
    stem = f"campaign-results-{form.cleaned_data['year']}"
    return export_response(stem, headers, rows, download_format(request, default="xlsx") or "xlsx")
