"""The figures each role sees first on its home page: a few counts, one query each, and per held role a panel
of the day's work lists, each a count and its first few rows (one query a list, whatever the rows)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Sum, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clienthistory.calendar import monday_of
from clienthistory.models import Activity
from clienthistory.queries import activities
from hotelsales.roles import Role, has_role
from marketing.models import Campaign
from receivables.aging import open_invoices
from receivables.models import DunningLetter, DunningLevel, PromiseToPay
from reservations.guestcare.queries import complaints, open_statuses
from reservations.models import Booking, Complaint, Event
from reservations.reports.daily_report import room_figures
from reservations.rooms.frontdesk import arrivals, departures, in_house
from reservations.rooms.rates import RENEWAL_DAYS, agreements_to_renew


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
            Tile(_("Average rate tonight"), tonight.adr, reverse("reservations:daily-report"), money=True),
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


ROWS = 5


@dataclass(frozen=True)
class Row:
    text: str
    url: str
    note: object = ""
    money: bool = False


@dataclass(frozen=True)
class Worklist:
    label: Promise
    url: str
    count: int
    rows: list[Row]


@dataclass(frozen=True)
class Panel:
    title: Promise
    worklists: list[Worklist]


def _worklist(label: Promise, url: str, queryset, row: Callable[[object], Row]) -> Worklist:
    """The list's first rows and its count in one query: each row carries the count of them all."""
    first = list(queryset.annotate(listed=Window(Count("pk")))[:ROWS])
    return Worklist(label, url, first[0].listed if first else 0, [row(item) for item in first])


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _sales_panel(user, today: date) -> Panel:
    start = _day_start(today)
    todays = activities().filter(
        owner=user, done=False, due_at__gte=start, due_at__lt=_day_start(today + timedelta(days=1))
    )
    expiring = Booking.objects.filter(
        owner=user, status=Booking.Status.TENTATIVE, option_date__gte=today, option_date__lte=today + timedelta(days=7)
    ).order_by("option_date", "pk")
    monday = monday_of(today)
    week = (
        Event.objects.filter(
            booking__owner=user,
            booking__status__in=Booking.HOLDING,
            start__gte=_day_start(monday),
            start__lt=_day_start(monday + timedelta(days=7)),
        )
        .select_related("booking", "room")
        .order_by("start", "pk")
    )
    return Panel(
        _("Sales"),
        [
            _worklist(
                _("My visits and follow-ups today"),
                reverse("clienthistory:activity-list"),
                todays.order_by("due_at", "pk"),
                lambda a: Row(
                    a.purpose,
                    reverse("clienthistory:activity-edit", args=[a.pk]),
                    timezone.localtime(a.due_at).strftime("%H:%M"),
                ),
            ),
            _worklist(
                _("My options expiring within a week"),
                reverse("reservations:booking-list") + "?status=tentative",
                expiring,
                lambda b: Row(b.name, b.get_absolute_url(), b.option_date),
            ),
            _worklist(
                _("My events this week"),
                reverse("reservations:booking-list"),
                week,
                lambda e: Row(e.booking.name, e.booking.get_absolute_url(), timezone.localdate(e.start)),
            ),
            _worklist(
                _("Rate agreements to renew (ending within %(days)s days)") % {"days": RENEWAL_DAYS},
                reverse("clienthistory:account-list"),
                agreements_to_renew(today=today, owner=user),
                lambda a: Row(
                    a.account.name,
                    f"{reverse('reservations:agreement-create', args=[a.account_id])}?renew={a.pk}",
                    a.valid_until,
                ),
            ),
        ],
    )


def _front_desk_panel(today: date) -> Panel:
    vips = (
        arrivals(today)
        .filter(status="reserved", guest__vip_level__isnull=False)
        .order_by("guest__vip_level__rank", "guest__name", "pk")
    )
    return Panel(
        _("Front desk"),
        [
            _worklist(
                _("VIPs arriving today"),
                reverse("reservations:front-desk"),
                vips,
                lambda r: Row(r.guest.name, r.guest.get_absolute_url(), r.guest.vip_level.code),
            ),
            _worklist(
                _("Open complaints"),
                reverse("reservations:complaint-list"),
                complaints().filter(status__in=open_statuses()).order_by("first_response_due", "pk"),
                lambda c: Row(str(c), c.get_absolute_url(), c.get_status_display()),
            ),
        ],
    )


def _manager_panel() -> Panel:
    waiting = (
        Booking.objects.filter(
            account__credit_hold=True, status=Booking.Status.TENTATIVE, credit_approved_by__isnull=True
        )
        .select_related("account")
        .order_by("option_date", "pk")
    )
    campaigns = Campaign.objects.filter(status=Campaign.Status.SUBMITTED).order_by("send_at", "pk")
    return Panel(
        _("Manager"),
        [
            _worklist(
                _("Bookings waiting for your credit approval"),
                reverse("reservations:booking-list") + "?status=tentative",
                waiting,
                lambda b: Row(b.name, b.get_absolute_url(), b.account.name),
            ),
            _worklist(
                _("Campaigns waiting for your approval"),
                reverse("marketing:campaign-list") + "?status=submitted",
                campaigns,
                lambda c: Row(c.name, c.get_absolute_url(), c.get_channel_display()),
            ),
        ],
    )


def _receivables_panel(today: date) -> Panel:
    due = open_invoices(today).filter(due_date=today).select_related("account").order_by("account__name", "pk")
    promises = (
        PromiseToPay.objects.filter(promised_on=today, invoice__in=open_invoices(today).values("pk"))
        .select_related("invoice__account")
        .order_by("invoice__account__name", "pk")
    )
    letters = (
        DunningLetter.objects.filter(
            channel=DunningLevel.Channel.LETTER,
            status=DunningLetter.Status.SENT,
            sent_at__gte=_day_start(today),
            sent_at__lt=_day_start(today + timedelta(days=1)),
        )
        .select_related("account")
        .order_by("account__name", "pk")
    )
    return Panel(
        _("Receivables"),
        [
            _worklist(
                _("Invoices due today"),
                reverse("receivables:invoice-list"),
                due,
                lambda i: Row(f"{i.number} {i.account.name}", i.get_absolute_url(), i.balance, money=True),
            ),
            _worklist(
                _("Promises to pay due today"),
                reverse("receivables:collections"),
                promises,
                lambda p: Row(
                    f"{p.invoice.number} {p.invoice.account.name}", p.invoice.get_absolute_url(), p.amount, money=True
                ),
            ),
            _worklist(
                _("Letters to print"),
                reverse("receivables:dunning-runs"),
                letters,
                lambda letter: Row(letter.account.name, reverse("receivables:dunning-letter-pdf", args=[letter.pk])),
            ),
        ],
    )


def panels_for(user, today: date) -> list[Panel]:
    """The day's work of each role the user holds, in the order sales, front desk, manager, receivables."""
    panels = []
    if has_role(user, Role.SALES):
        panels.append(_sales_panel(user, today))
    if has_role(user, Role.FRONT_DESK):
        panels.append(_front_desk_panel(today))
    if has_role(user, Role.MANAGER):
        panels.append(_manager_panel())
    if has_role(user, Role.RECEIVABLES):
        panels.append(_receivables_panel(today))
    return panels
