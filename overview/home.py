"""The figures each role sees first on its home page: a few counts, one query each."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clienthistory.models import Activity
from hotelsales.roles import Role, has_role
from receivables.aging import open_invoices
from receivables.models import DunningLetter
from reservations.models import Booking, Complaint
from reservations.reports.daily_report import room_figures
from reservations.rooms.frontdesk import arrivals, departures, in_house


@dataclass(frozen=True)
class Tile:
    label: Promise
    value: object
    url: str
    alert: bool = False
    money: bool = False


def tiles_for(user, today: date) -> list[Tile]:
    tiles = []
    if has_role(user, Role.FRONT_DESK, Role.MANAGER):
        desk = reverse("reservations:front-desk")
        tiles += [
            Tile(_("Arrivals today"), arrivals(today).filter(status="reserved").count(), desk),
            Tile(_("Guests in house"), in_house(today).count(), desk),
            Tile(_("Departures today"), departures(today).filter(status="checked_in").count(), desk),
        ]
    if has_role(user, Role.SALES):
        overdue = Activity.objects.filter(owner=user, done=False, due_at__lt=timezone.now()).count()
        options = Booking.objects.filter(
            owner=user, status=Booking.Status.TENTATIVE, option_date__lte=today + timedelta(days=7)
        ).count()
        tiles += [
            Tile(_("My overdue activities"), overdue, reverse("clienthistory:activity-list"), alert=overdue > 0),
            Tile(
                _("My options ending within a week"),
                options,
                reverse("reservations:booking-list") + "?status=tentative",
                alert=options > 0,
            ),
        ]
    if has_role(user, Role.MANAGER):
        tonight = room_figures(today)
        complaints = Complaint.objects.filter(status__in=[Complaint.Status.OPEN, Complaint.Status.IN_PROGRESS]).count()
        tiles += [
            Tile(_("Occupancy tonight"), f"{tonight.occupancy} %", reverse("reservations:daily-report")),
            Tile(_("Open complaints"), complaints, reverse("reservations:daily-report"), alert=complaints > 0),
        ]
    if has_role(user, Role.RECEIVABLES):
        overdue = open_invoices(today).filter(days_past_due__gt=0).aggregate(total=Sum("balance"))["total"] or 0
        stuck = DunningLetter.objects.filter(status=DunningLetter.Status.SENDING).count()
        tiles += [
            Tile(_("Overdue receivables"), overdue, reverse("receivables:collections"), money=True),
            Tile(_("Reminders to check"), stuck, reverse("receivables:collections"), alert=stuck > 0),
        ]
    return tiles
