from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelsales.roles import role_required
from hotelsales.tabular import download_format, export_response
from reservations import access
from reservations.reports import lost_business as report_of
from reservations.reports.forms import LostBusinessForm


def _lost_rows(report: report_of.LostBusiness):
    """The report's tables as one table (section, item, counts, value) for the CSV and XLSX downloads."""
    for section, figures in (
        (_("By reason"), report.by_reason),
        (_("By competitor"), report.by_competitor),
        (_("By month"), report.by_month),
    ):
        for row in [*figures, report.total]:
            yield [section, row.label, row.lost, row.turned_down, row.cancelled, row.count, row.value]


@role_required(*access.SELL)
def lost_business(request):
    """Lost, turned-down and cancelled business of a period by reason, competitor and month (?format= downloads)."""
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("from", LostBusinessForm.default_first(today).isoformat())
    data.setdefault("to", today.isoformat())
    form = LostBusinessForm(data, today=today)
    if not form.is_valid():
        return render(request, "reservations/lost_business.html", {"form": form, "report": None}, status=400)
    chosen = form.cleaned_data
    report = report_of.lost_business(
        first=chosen["from"], last=chosen["to"], kind=chosen["kind"], owner=chosen["owner"]
    )
    fmt = download_format(request, default="")
    if fmt:
        headers = [_("Section"), _("Item"), _("Lost"), _("Turned down"), _("Cancelled"), _("Bookings"), _("Value")]
        return export_response(f"lost-business-{report.first}-{report.last}", headers, _lost_rows(report), fmt)
    query = data.copy()
    query.pop("format", None)
    return render(
        request,
        "reservations/lost_business.html",
        {"form": form, "report": report, "querystring": query.urlencode()},
    )
