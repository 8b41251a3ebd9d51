from django.shortcuts import render
from django.utils.translation import gettext as _

from hotelsales.listing import date_param
from hotelsales.pdf import pdf_response
from hotelsales.roles import Role, role_required
from hotelsales.tabular import download_format, export_response
from reservations.reports.daily_report import daily_report

REPORT_ROLES = (Role.MANAGER, Role.FRONT_DESK, Role.SALES)


def _rows(report):
    """The report as rows of one table (section, item, details) for the CSV and XLSX downloads."""
    figures = [(kpi.label, kpi.today, kpi.last_year) for kpi in report.kpis] + [
        (_("Rooms sold"), report.figures.rooms_sold, report.last_year.rooms_sold),
        (_("Room revenue"), report.figures.revenue, report.last_year.revenue),
    ]
    for label, today, last_year in figures:
        yield [_("Figures"), label, today, last_year]
    for section, reservations in (
        (_("Arrivals"), report.arrivals),
        (_("In house"), report.in_house),
        (_("Departures"), report.departures),
        (_("No-shows"), report.no_shows),
    ):
        for r in reservations:
            vip = r.guest.vip_level.code if r.guest.vip_level_id else ""
            yield [section, r.guest.name, f"{r.confirmation} {r.room_type.code} ×{r.rooms} {vip}".strip(),
                   f"{r.arrival}–{r.departure}"]  # fmt: skip
    for vip in report.vips:
        for task in vip.arrangement.tasks.all() if vip.arrangement else []:
            yield [_("VIP tasks"), vip.reservation.guest.name,
                   f"{task.due_at:%Y-%m-%d %H:%M} {task.get_department_display()} {task.description}",
                   _("Done") if task.done_at else ""]  # fmt: skip
    for group in report.groups:
        yield [
            _("Groups in house"),
            group.block.booking.name,
            f"{group.picked_up}/{group.blocked}",
            group.pickup_percent,
        ]
    for event in report.events:
        yield [_("Events"), event.booking.name, f"{event.room.name} {event.title}", event.persons]
    for complaint in report.complaints:
        yield [_("Open complaints"), complaint.guest.name if complaint.guest else "", complaint.get_category_display(),
               complaint.description]  # fmt: skip


@role_required(*REPORT_ROLES)
def daily_report_view(request):
    """The guest status of a date on one page: on screen, and as the summary PDF; every list in the CSV or XLSX
    (?format=)."""
    day = date_param(request)
    report = daily_report(day, full=bool(download_format(request, default="")))
    fmt = request.GET.get("format", "")
    if fmt == "pdf":
        return pdf_response(request, "reservations/daily_report_print.html", {"report": report},
                            filename=f"guest-status-{day}.pdf", download=True)  # fmt: skip
    if download_format(request, default=""):
        headers = [_("Section"), _("Item"), _("Details"), _("More")]
        return export_response(f"guest-status-{day}", headers, _rows(report), download_format(request))
    return render(request, "reservations/daily_report.html", {"report": report, "day": day})


@role_required(*REPORT_ROLES)
def daily_report_full_view(request):
    """Every list of the date's guest status: all arrivals with every VIP task, in house, departures, no-shows."""
    day = date_param(request)
    return render(request, "reservations/daily_report_full.html", {"report": daily_report(day), "day": day})
