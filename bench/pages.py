"""The pages `make bench` measures. Issues that add pages register them here.

`path` is a URL, or a function that looks one up in the benchmark database (it runs inside Django).
`data` builds the form of a POST; each call should give a request that succeeds. `headers_of` adds headers of a
request's own (by its number), such as the address a proxy forwards.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from django.urls import reverse


@dataclass(frozen=True)
class Page:
    name: str
    path: str | Callable[[], str]
    role: str | None = "manager"
    method: str = "GET"
    data: Callable[[int], dict] | None = None
    ok: tuple[int, ...] = field(default=(200,))
    headers: dict = field(default_factory=dict)
    headers_of: Callable[[int], dict] | None = None  # a request's own headers, by its number

    def url(self) -> str:
        return self.path() if callable(self.path) else self.path


def _middle(model_path: str) -> Callable[[], str]:
    """The page of the row in the middle of a table, so that no benchmark reads an unusually small record."""

    def url() -> str:
        from django.apps import apps

        model = apps.get_model(model_path)
        ids = model._default_manager.order_by("pk").values_list("pk", flat=True)
        middle = ids[ids.count() // 2]
        return model._default_manager.get(pk=middle).get_absolute_url()

    return url


HTMX = {"HX-Request": "true"}

PAGES: list[Page] = [
    Page("sign-in page", lambda: reverse("login"), role=None),
    Page("health check", lambda: reverse("healthz"), role=None),
    Page("home", lambda: reverse("overview:home")),
    Page("scheduled jobs", lambda: reverse("hotelsales:job-runs")),
    Page("search suggestions: 王芳", lambda: reverse("clienthistory:search") + "?q=%E7%8E%8B%E8%8A%B3", headers=HTMX),
    Page("search suggestions: 王", lambda: reverse("clienthistory:search") + "?q=%E7%8E%8B", headers=HTMX),
    Page("search suggestions: mobile 1380001", lambda: reverse("clienthistory:search") + "?q=1380001", headers=HTMX),
    Page("account list", lambda: reverse("clienthistory:account-list")),
    Page("account list, searched", lambda: reverse("clienthistory:account-list") + "?q=%E7%A7%91%E6%8A%80"),
    Page("profile list", lambda: reverse("clienthistory:profile-list")),
    Page("profile list, sorted by VIP, page 50", lambda: reverse("clienthistory:profile-list") + "?sort=-vip&page=50"),
    Page("account detail", _middle("clienthistory.Account")),
    Page("profile detail", _middle("clienthistory.Profile")),
    Page("likely duplicates", lambda: reverse("clienthistory:duplicate-list")),
]


def _busiest_day() -> str:
    """The date of the night with the most guests in house, so the day reports read their heaviest day."""
    from django.db.models import F

    from reservations.models import Inventory

    row = (
        Inventory.objects.values("night").annotate(rooms=F("sold") + F("picked_up")).order_by("-rooms", "night").first()
    )
    return str(row["night"]) if row else ""


def _busiest_arrival_day() -> str:
    """The date with the most arrivals still to come or in house, so the guest status lists its longest VIP and
    arrival lists (the busiest night of all is often past, every guest checked out)."""
    from django.db.models import Count

    from reservations.models import Reservation

    active = [Reservation.Status.RESERVED, Reservation.Status.CHECKED_IN]
    row = (
        Reservation.objects.filter(status__in=active)
        .values("arrival")
        .annotate(n=Count("pk"))
        .order_by("-n", "arrival")
        .first()
    )
    return str(row["arrival"]) if row else ""


def _busiest_event_week() -> str:
    from django.db.models import Count
    from django.db.models.functions import TruncWeek

    from reservations.models import Event

    row = Event.objects.annotate(week=TruncWeek("start")).values("week").annotate(n=Count("pk")).order_by("-n").first()
    return str(row["week"].date()) if row else ""


def _booking_with_most_events(suffix: str) -> Callable[[], str]:
    def url() -> str:
        from django.db.models import Count

        from reservations.models import Booking

        booking = Booking.objects.annotate(n=Count("events")).order_by("-n", "pk").first()
        return reverse("reservations:booking-detail", args=[booking.pk]) + suffix

    return url


def _reservation_form(index: int) -> dict:
    """A new reservation for a guest in a different night of the coming year each time."""
    from datetime import timedelta

    from django.utils import timezone

    from clienthistory.models import Profile
    from reservations.models import RoomType

    guest = Profile.objects.order_by("pk").values_list("pk", flat=True)[index % 1000]
    room_type = RoomType.objects.order_by("-rooms").first()
    arrival = timezone.localdate() + timedelta(days=30 + index % 300)
    return {"guest": guest, "arrival": str(arrival), "nights": "1", "room_type": room_type.pk, "rooms": "1",
            "adults": "1", "source": "phone"}  # fmt: skip


def _agreement_guest_stay(index: int) -> dict:
    """A stay of a guest whose account has a rate agreement (demo), on a different night of the coming months."""
    from datetime import timedelta

    from django.utils import timezone

    from clienthistory.models import Profile
    from reservations.models import RoomType
    from reservations.rooms.availability import availability

    today = timezone.localdate()
    guests = Profile.objects.filter(account__rate_agreements__valid_until__gte=today + timedelta(days=60))
    pool = list(guests.order_by("pk").values_list("pk", flat=True).distinct()[:50])
    guest = pool[index % len(pool)]
    room_type = RoomType.objects.order_by("-rooms").first()
    # Two nights running with rooms to spare, so that the stays the benchmark has already saved (it reuses its
    # databases) never leave a request without a room.
    nights = availability(first_night=today + timedelta(days=10), nights=46, types=[room_type])[0].nights
    free = [first.night for first, second in pairwise(nights) if min(first.available, second.available) >= 5]
    arrival = free[index % len(free)] if free else today + timedelta(days=10 + index % 40)
    return {"guest": guest, "arrival": str(arrival), "nights": "2", "room_type": room_type.pk, "rooms": "1",
            "adults": "1", "source": "corporate", "rate": ""}  # fmt: skip


def _rate_lookup() -> str:
    from django.utils.http import urlencode

    return reverse("reservations:rate-quote") + "?" + urlencode(_agreement_guest_stay(0))


PAGES += [
    Page("function diary, week", lambda: reverse("reservations:diary") + f"?view=week&date={_busiest_event_week()}"),
    Page("function diary, day", lambda: reverse("reservations:diary") + f"?view=day&date={_busiest_event_week()}"),
    Page("booking list", lambda: reverse("reservations:booking-list")),
    Page("booking detail (most events)", _booking_with_most_events("")),
    Page(
        "arrivals of the busiest day",
        lambda: reverse("reservations:front-desk") + f"?date={_busiest_day()}",
        role="front_desk",
    ),
    Page(
        "availability grid, 30 nights", lambda: reverse("reservations:availability") + "?nights=30", role="front_desk"
    ),
    Page(
        "save a reservation",
        lambda: reverse("reservations:reservation-create"),
        role="front_desk",
        method="POST",
        data=_reservation_form,
        ok=(302,),
    ),
    Page(
        "reservation entry: rate lookup, guest of an agreement account", _rate_lookup, role="front_desk", headers=HTMX
    ),
    Page(
        "reservation entry: save with the negotiated rate",
        lambda: reverse("reservations:reservation-create"),
        role="front_desk",
        method="POST",
        data=_agreement_guest_stay,
        ok=(302,),
    ),
    Page("aging as of today", lambda: reverse("receivables:aging"), role="receivables"),
    Page("collections worklist", lambda: reverse("receivables:collections"), role="receivables"),
    Page("guest status of the busiest day", lambda: reverse("reservations:daily-report") + f"?date={_busiest_day()}"),
    Page(
        "guest status of the busiest arrival day",
        lambda: reverse("reservations:daily-report") + f"?date={_busiest_arrival_day()}",
    ),
    Page(
        "guest status summary PDF of the busiest arrival day",
        lambda: reverse("reservations:daily-report") + f"?date={_busiest_arrival_day()}&format=pdf",
    ),
    Page(
        "guest status full report of the busiest arrival day",
        lambda: reverse("reservations:daily-report-full") + f"?date={_busiest_arrival_day()}",
    ),
    Page("dashboard", lambda: reverse("overview:dashboard")),
]


def _booking_with_five_events() -> str:
    from django.db.models import Count

    from reservations.models import Booking

    booking = Booking.objects.annotate(n=Count("events")).filter(n__gte=5).order_by("n", "pk").first()
    booking = booking or Booking.objects.annotate(n=Count("events")).order_by("-n", "pk").first()
    return reverse("reservations:booking-beo-pdf", args=[booking.pk])


def _coming_event_of_a_definite_booking() -> str:
    """An event still to come of a definite booking: its printed BEO version is settled, its PDF kept after the first
    opening (the warm-up's)."""
    from django.utils import timezone

    from reservations.models import Booking, Event

    event = (
        Event.objects.filter(booking__status=Booking.Status.DEFINITE, start__date__gte=timezone.localdate())
        .order_by("start", "pk")
        .first()
    )
    return reverse("reservations:event-beo-pdf", args=[event.pk])


# Issue 19: an opened BEO PDF of a settled version ≤ 50 ms.
PAGES += [
    Page("BEO PDF of a 5-event booking", _booking_with_five_events),
    Page("BEO PDF of a settled event version", _coming_event_of_a_definite_booking),
]


def _segment(name: str, suffix: str = "") -> Callable[[], str]:
    """A page of one of the demo's client segments (marketing/demo/audiences.py), by its name."""

    def url() -> str:
        from marketing.models import Audience

        return Audience.objects.get(name=name).get_absolute_url() + suffix

    return url


def _birthdays_preview() -> str:
    """The builder's live count and preview of the guests with a birthday in the next 30 days."""
    from urllib.parse import urlencode

    rules = {"rules-TOTAL_FORMS": "1", "rules-INITIAL_FORMS": "0", "rules-0-kind": "birthday", "rules-0-days": "30"}
    return reverse("marketing:audience-preview") + "?" + urlencode({"members": "profiles", **rules})


# Issue 15: counting a segment over five years of history answers in well under a second (≤ 500 ms p95 at scale 100).
PAGES += [
    Page("segment count: lapsed corporate guests", _segment("流失的企业客户", "count/"), headers=HTMX),
    Page("segment count: VIPs with a birthday in 30 days", _segment("本月生日的贵宾", "count/"), headers=HTMX),
    Page("segment page: lapsed corporate guests", _segment("流失的企业客户")),
    Page("segment preview: birthdays in the next 30 days", _birthdays_preview, headers=HTMX),
]


def _campaign(channel: str, suffix: str = "") -> Callable[[], str]:
    """A page of the demo's sent campaign of a channel (marketing/demo/campaigns.py)."""

    def url() -> str:
        from marketing.models import Campaign

        campaign = Campaign.objects.get(channel=channel, status=Campaign.Status.SENT)
        return campaign.get_absolute_url() + suffix

    return url


def _campaign_forecast() -> str:
    """The contact rules' forecast of the demo's campaign awaiting approval: it reads every member of its segment."""
    from marketing.models import Campaign

    return reverse("marketing:campaign-forecast", args=[Campaign.objects.get(status=Campaign.Status.SUBMITTED).pk])


# Issue 15: a campaign's results ≤ 300 ms p95 at scale 100.
PAGES += [
    Page("campaign page with results: email", _campaign("email")),
    Page("campaign results page: email", _campaign("email", "results/")),
    Page("campaign overview of the year", lambda: reverse("marketing:campaign-overview")),
    Page("campaign forecast before approval", _campaign_forecast, headers=HTMX),
]


def _most_returning_guest() -> int:
    """The demo guest with the most stays, counted in one aggregate: the heaviest card to read."""
    from django.db.models import Count, Q

    from clienthistory.models import Profile
    from reservations.models import Reservation

    stayed = Q(reservations__status__in=Reservation.STAYED)
    return (
        Profile.objects.exclude(mobile="")
        .annotate(stays=Count("reservations", filter=stayed))
        .order_by("-stays", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def _caller_lookup() -> str:
    from urllib.parse import urlencode

    from clienthistory.models import Profile

    mobile = Profile.objects.get(pk=_most_returning_guest()).mobile
    return reverse("marketing:assist-call") + "?" + urlencode({"number": f"+86 {mobile}"})


# Issue 16: the assistant's card of a guest with 200 stays ≤ 100 ms p95; a caller lookup by number ≤ 50 ms p95.
PAGES += [
    Page(
        "guest card of the guest with the most stays",
        lambda: reverse("marketing:assist-card", args=[_most_returning_guest()]),
        role="front_desk",
        headers=HTMX,
    ),
    Page("caller lookup by that guest's mobile", _caller_lookup, role="front_desk"),
]


def _inquiry(index: int) -> dict:
    """A web inquiry as a visitor sends it, a minute after the form was shown (its signed time), so that it passes
    the fill-time defence."""
    import time
    from datetime import timedelta

    from django.core import signing
    from django.utils import timezone

    from marketing.leads.forms import SHOWN_SALT

    return {
        "kind": "banquet", "preferred_date": str(timezone.localdate() + timedelta(days=60 + index % 200)),
        "guests": "120", "tables": "12", "contact_name": "张伟", "mobile": f"139{index:08d}", "website": "",
        "message": "公司答谢宴，十二桌左右。", "shown": signing.dumps(time.time() - 60, salt=SHOWN_SALT),
    }  # fmt: skip


def _forwarded_for(index: int) -> dict:
    """Each post from an address of its own, as the hotel's proxy forwards it (bench/run.py trusts one proxy), so
    that none is cut off by the per-address rate limit."""
    return {"X-Forwarded-For": f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"}


# Issue 17: the inquiry form and its POST ≤ 100 ms p95 and ≤ 10 queries (the thousand-post flood from one address is
# tests/marketing/test_leads_inquiry.py's).
PAGES += [
    Page("inquiry form", lambda: reverse("inquiry:form"), role=None),
    Page(
        "send an inquiry",
        lambda: reverse("inquiry:form"),
        role=None,
        method="POST",
        data=_inquiry,
        ok=(302,),
        headers_of=_forwarded_for,
    ),
]


def _largest_coming_group() -> str:
    """The group still to come with the most contracted room nights: the longest displacement sheet."""
    from django.db.models import Sum
    from django.utils import timezone

    from reservations.models import GroupBlock

    block = (
        GroupBlock.objects.filter(nights__night__gte=timezone.localdate())
        .annotate(room_nights=Sum("nights__contracted"))
        .order_by("-room_nights", "pk")
        .first()
    )
    return reverse("reservations:booking-group-value", args=[block.booking_id])


# Issue 18: the group evaluation ≤ 200 ms.
PAGES += [Page("value of a group, night by night", _largest_coming_group)]


# Issue 18: the team's sales targets and the weighted forecast ≤ 300 ms p95.
PAGES += [
    Page("sales targets of the team", lambda: reverse("overview:targets")),
    Page("weighted forecast", lambda: reverse("overview:forecast")),
]


def _busiest_coming_event_week() -> str:
    """The coming week (of the next eight) with the most events: the diary as the sales office opens it."""
    from datetime import timedelta

    from django.db.models import Count
    from django.db.models.functions import TruncWeek
    from django.utils import timezone

    from reservations.models import Event

    today = timezone.localdate()
    row = (
        Event.objects.filter(start__date__gte=today, start__date__lt=today + timedelta(weeks=8))
        .annotate(week=TruncWeek("start"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("-n", "week")
        .first()
    )
    return str(row["week"].date() if row else today)


def _today() -> str:
    from django.utils import timezone

    return str(timezone.localdate())


# Issue 19: days with real work — today's arrivals (with their check-in, no-show and cancel actions) and departures,
# a coming week of events, today's guest status — the pages the mixed load (MIX) runs over.
PAGES += [
    Page("arrivals of today", lambda: reverse("reservations:front-desk") + f"?date={_today()}", role="front_desk"),
    Page(
        "departures of today",
        lambda: reverse("reservations:front-desk-list", args=["departures"]) + f"?date={_today()}",
        role="front_desk",
        headers=HTMX,
    ),
    Page(
        "function diary, the busiest coming week",
        lambda: reverse("reservations:diary") + f"?view=week&date={_busiest_coming_event_week()}",
        role="sales",
    ),
    Page("guest status of today", lambda: reverse("reservations:daily-report") + f"?date={_today()}"),
    Page("sales home", lambda: reverse("overview:home"), role="sales"),
]

# The mixed load (bench/load.py): the main pages of a working day, each with its weight — how often the department's
# clerks, salespeople and managers open it relative to the others.
MIX: dict[str, int] = {
    "sales home": 4,
    "home": 2,
    "search suggestions: 王芳": 4,
    "search suggestions: mobile 1380001": 2,
    "arrivals of today": 4,
    "departures of today": 2,
    "reservation entry: rate lookup, guest of an agreement account": 3,
    "save a reservation": 1,
    "availability grid, 30 nights": 2,
    "profile detail": 3,
    "account detail": 2,
    "profile list": 1,
    "account list, searched": 1,
    "booking list": 2,
    "booking detail (most events)": 2,
    "function diary, the busiest coming week": 2,
    "guest status of today": 1,
    "aging as of today": 1,
    "collections worklist": 1,
    "dashboard": 1,
    "likely duplicates": 1,
    "sales targets of the team": 1,
}
