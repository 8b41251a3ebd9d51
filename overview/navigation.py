"""The navigation: one list of sections in menus, each shown only to the roles that may open it."""

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hotelsales.roles import ALL_ROLES, Role, has_role

CLIENTS = _("Clients")
CATERING = _("Sales & catering")
ROOMS = _("Rooms")
RECEIVABLES_MENU = _("Receivables")
CLERKS = (Role.RECEIVABLES, Role.MANAGER)
READ_RECEIVABLES = (Role.RECEIVABLES, Role.MANAGER, Role.SALES)
DESK = (Role.FRONT_DESK, Role.SALES, Role.MANAGER)
SYSTEM = _("System")
REPORTS = _("Reports")
GUEST_CARE = _("Guest care")
MARKETING = _("Marketing")

READ_CLIENTS = (Role.SALES, Role.FRONT_DESK, Role.MANAGER, Role.RECEIVABLES)


@dataclass(frozen=True)
class Section:
    label: Promise
    url_name: str
    roles: tuple[str, ...]
    icon: str
    description: Promise
    menu: Promise | None = None

    @cached_property
    def url(self) -> str:
        """Reversed once per process: every page's menus link each section, some twice."""
        return reverse(self.url_name)


SECTIONS: tuple[Section, ...] = (
    Section(_("Home"), "overview:home", ALL_ROLES, "house", _("Your day at a glance.")),
    Section(
        _("Accounts"),
        "clienthistory:account-list",
        READ_CLIENTS,
        "buildings",
        _("Companies, agencies, government offices and private clients."),
        CLIENTS,
    ),
    Section(
        _("Guest profiles"),
        "clienthistory:profile-list",
        READ_CLIENTS,
        "person-vcard",
        _("Guests and contacts with their preferences and VIP levels."),
        CLIENTS,
    ),
    Section(
        _("Likely duplicates"),
        "clienthistory:duplicate-list",
        (Role.SALES, Role.MANAGER),
        "people",
        _("Profiles that look like the same person, to merge."),
        CLIENTS,
    ),
    Section(
        _("My activities"),
        "clienthistory:activity-list",
        (Role.SALES, Role.MANAGER),
        "list-check",
        _("Your planned visits and calls, the overdue ones first."),
        CLIENTS,
    ),
    Section(
        _("Activity calendar"),
        "clienthistory:activity-calendar",
        (Role.SALES, Role.MANAGER),
        "calendar-week",
        _("Your activities by week or month."),
        CLIENTS,
    ),
    Section(
        _("Team week"),
        "clienthistory:activity-team-week",
        (Role.MANAGER,),
        "calendar3-week",
        _("What each salesperson has planned this week."),
        CLIENTS,
    ),
    Section(
        _("VIP levels"),
        "clienthistory:vip-level-list",
        (Role.MANAGER,),
        "star",
        _("The VIP levels and what each one means."),
        CLIENTS,
    ),
    Section(
        _("Bookings"),
        "reservations:booking-list",
        READ_CLIENTS,
        "journal-bookmark",
        _("Group, banquet and conference business from inquiry to actual."),
        CATERING,
    ),
    Section(
        _("Function diary"),
        "reservations:diary",
        READ_CLIENTS,
        "calendar-week",
        _("Who holds which function room when; book a free slot."),
        CATERING,
    ),
    Section(
        _("Lost business"),
        "reservations:lost-business",
        (Role.SALES, Role.MANAGER),
        "graph-down-arrow",
        _("Lost, turned-down and cancelled bookings by reason, competitor and month."),
        CATERING,
    ),
    Section(
        _("Menus"),
        "reservations:menu-list",
        (Role.SALES, Role.MANAGER),
        "card-list",
        _("Banquet menus with their dishes by course, and beverage packages, with their prices."),
        CATERING,
    ),
    Section(
        _("Packages"),
        "reservations:package-list",
        (Role.SALES, Role.MANAGER),
        "gift",
        _("Wedding packages priced per table and meeting packages at a day delegate rate."),
        CATERING,
    ),
    Section(
        _("Function rooms"),
        "reservations:function-room-list",
        (Role.MANAGER,),
        "door-closed",
        _("Banquet halls and meeting rooms: sections, setups, capacities and buffers."),
        CATERING,
    ),
    Section(
        _("Equipment"),
        "reservations:resource-list",
        (Role.MANAGER,),
        "projector",
        _("Projectors, microphones, stages and other equipment: pieces owned and prices."),
        CATERING,
    ),
    Section(
        _("New reservation"),
        "reservations:reservation-create",
        DESK,
        "plus-square",
        _("Enter a room reservation, keyboard only if you like."),
        ROOMS,
    ),
    Section(
        _("Arrivals and departures"),
        "reservations:front-desk",
        READ_CLIENTS,
        "door-open",
        _("Today's arrivals, guests in house and departures, with check-in and check-out."),
        ROOMS,
    ),
    Section(
        _("Room availability"),
        "reservations:availability",
        READ_CLIENTS,
        "grid-3x3",
        _("Free, sold and blocked rooms per type and night, with occupancy."),
        ROOMS,
    ),
    Section(
        _("Seasons and public rates"),
        "reservations:rate-grid",
        READ_CLIENTS,
        "tags",
        _("Public rates per room type, season and weekday or weekend; accounts' negotiated rates are on the accounts."),
        ROOMS,
    ),
    Section(
        _("New complaint"),
        "reservations:complaint-create",
        DESK,
        "exclamation-octagon",
        _("Log a guest's complaint in under a minute."),
        GUEST_CARE,
    ),
    Section(
        _("Complaints"),
        "reservations:complaint-list",
        DESK,
        "chat-left-dots",
        _("Complaints from logging to the callback; the overdue ones stand out."),
        GUEST_CARE,
    ),
    Section(
        _("VIP board"),
        "reservations:vip-board",
        DESK,
        "star",
        _("Each department's VIP tasks of the day, to tick off or print."),
        GUEST_CARE,
    ),
    Section(
        _("Complaint analysis"),
        "reservations:complaint-analysis",
        (Role.MANAGER,),
        "pie-chart",
        _("Complaints of a month by category, department and severity, response times and satisfaction."),
        GUEST_CARE,
    ),
    Section(
        _("VIP templates"),
        "reservations:vip-templates",
        (Role.MANAGER,),
        "list-stars",
        _("The tasks each VIP level's reception gives the departments."),
        GUEST_CARE,
    ),
    Section(
        _("Invoices"),
        "receivables:invoice-list",
        READ_RECEIVABLES,
        "receipt",
        _("Invoices with what is paid and open; new invoices, issuing, voiding and credits."),
        RECEIVABLES_MENU,
    ),
    Section(
        _("Payments"),
        "receivables:payment-list",
        READ_RECEIVABLES,
        "cash-stack",
        _("Money received and the invoices it pays; what is left stays as account credit."),
        RECEIVABLES_MENU,
    ),
    Section(
        _("Credit notes"),
        "receivables:credit-note-list",
        READ_RECEIVABLES,
        "file-earmark-minus",
        _("Credits against accounts and invoices."),
        RECEIVABLES_MENU,
    ),
    Section(
        _("Collections"),
        "receivables:collections",
        CLERKS,
        "cash-coin",
        _("Accounts with money overdue, the last reminder and the next action."),
        RECEIVABLES_MENU,
    ),
    Section(
        _("Aging"),
        "receivables:aging",
        CLERKS,
        "hourglass-split",
        _("What each account owes, by how late, as of any date."),
        RECEIVABLES_MENU,
    ),
    Section(
        _("Dunning"),
        "receivables:dunning-policy",
        CLERKS,
        "envelope-exclamation",
        _("The reminder levels, the preview of today's run and past runs."),
        RECEIVABLES_MENU,
    ),
    Section(
        _("Leads"),
        "marketing:lead-list",
        (Role.SALES, Role.MANAGER),
        "inbox",
        _("Inquiries from the website form, the phone and imports, routed to an owner who answers in time."),
        MARKETING,
    ),
    Section(
        _("Marketing plan"),
        "marketing:plan-list",
        (Role.SALES, Role.MANAGER),
        "graph-up-arrow",
        _("Monthly revenue targets by stream and segment against the actuals, with the promotions' budgets."),
        MARKETING,
    ),
    Section(
        _("Promotions calendar"),
        "marketing:promotion-calendar",
        (Role.SALES, Role.MANAGER),
        "calendar-heart",
        _("Festivals, the hotel's seasons, holidays and wedding days, with the promotions running."),
        MARKETING,
    ),
    Section(
        _("Promotions"),
        "marketing:promotion-list",
        (Role.SALES, Role.MANAGER),
        "megaphone",
        _("Offers to market segments for a period, with their budget and owner."),
        MARKETING,
    ),
    Section(
        _("Client segments"),
        "marketing:audience-list",
        (Role.SALES, Role.MANAGER),
        "people",
        _("Guests or accounts picked by rules over their history, counted live, for campaigns."),
        MARKETING,
    ),
    Section(
        _("Campaigns"),
        "marketing:campaign-list",
        (Role.SALES, Role.MANAGER),
        "send",
        _("A promotion's offer sent to a client segment by email, text message, call or letter, once approved."),
        MARKETING,
    ),
    Section(
        _("Campaign results"),
        "marketing:campaign-overview",
        (Role.SALES, Role.MANAGER),
        "bar-chart-line",
        _("What each campaign brought beyond its control group, what it cost, and the complaints after it."),
        MARKETING,
    ),
    Section(
        _("Triggers"),
        "marketing:trigger-list",
        (Role.SALES, Role.MANAGER),
        "lightning-charge",
        _("A message or a task when a guest's moment comes: a birthday, a check-out, an account gone quiet."),
        MARKETING,
    ),
    Section(
        _("Triggered vs blanket"),
        "marketing:trigger-compare",
        (Role.SALES, Role.MANAGER),
        "columns-gap",
        _("Whether reacting to guests' moments beats the campaigns sent to whole segments here, measured."),
        MARKETING,
    ),
    Section(
        _("Offers"),
        "marketing:offer-list",
        (Role.SALES, Role.MANAGER, Role.FRONT_DESK),
        "gift",
        _("Upgrades, breakfast, the airport car, the spa: what to offer a guest, and how often guests accept it."),
        MARKETING,
    ),
    Section(
        _("Guest status"),
        "reservations:daily-report",
        (Role.MANAGER, Role.FRONT_DESK, Role.SALES),
        "clipboard-data",
        _("Today's arrivals, in house, departures, groups, events and complaints, with occupancy, ADR and RevPAR."),
        REPORTS,
    ),
    Section(
        _("Dashboard"),
        "overview:dashboard",
        (Role.MANAGER,),
        "speedometer2",
        _("Occupancy on the books, pipeline, pace, events, receivables and lost business."),
        REPORTS,
    ),
    Section(
        _("Sales production"),
        "overview:sales-production",
        (Role.MANAGER, Role.SALES),
        "bar-chart",
        _("Bookings, room-nights, F&B revenue and activities per salesperson."),
        REPORTS,
    ),
    Section(
        _("Sales targets"),
        "overview:targets",
        (Role.MANAGER, Role.SALES),
        "bullseye",
        _("Each salesperson's monthly targets against what they produced, and the pace of the month on the books."),
        REPORTS,
    ),
    Section(
        _("Forecast"),
        "overview:forecast",
        (Role.MANAGER, Role.SALES),
        "graph-up",
        _("Expected revenue of the next twelve months: the pipeline weighted by each status's probability."),
        REPORTS,
    ),
    Section(
        _("Scheduled jobs"),
        "hotelsales:job-runs",
        (Role.MANAGER,),
        "clock-history",
        _("When the nightly jobs last ran and what they did."),
        SYSTEM,
    ),
    Section(
        _("Email templates"),
        "hotelsales:email-templates",
        (Role.MANAGER,),
        "envelope-paper",
        _("The wording of the emails guests and clients receive, in each language."),
        SYSTEM,
    ),
)


def sections_for(user) -> list[Section]:
    return [section for section in SECTIONS if has_role(user, *section.roles)]


def menus_of(sections: list[Section]) -> list[tuple[Promise | None, list[Section]]]:
    """Sections grouped by menu, in the order the menus first appear; None holds top-level links."""
    menus: dict = {}
    for section in sections:
        menus.setdefault(section.menu, []).append(section)
    return list(menus.items())
