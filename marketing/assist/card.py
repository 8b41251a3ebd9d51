"""The front-line assistant's card (弹出辅助页面): who the guest in front of the clerk is, read in a fixed number of
queries however long their history — a guest of 200 stays costs the queries of a guest of two, since every figure
is an aggregate in SQL and every list is cut short in SQL.

The card reads the guest history as client segments do (marketing.audiences.rules), so that a guest the card
shows as a big spender is one the segment of big spenders holds:

- a **stay** is a reservation of the guest (not of a sharer) checked in or checked out; its **nights** are
  departure − arrival, whatever the number of rooms;
- **room spend** is each stay's rate × rooms × nights; **F&B spend** is `fnb_revenue` of each event of a
  definite or actual booking the guest is the contact of, counted from the day the event is held (one on a
  later day is not spent yet);
- an **open complaint** is one open or in progress; a resolved one waits only for its callback;
- a **birthday or anniversary soon** falls within DAYS_SOON days, today included, across the year's end; a
  29 February one is kept on 28 February in a common year, as `days_ahead` keeps it for segments;
- the **marketing touches** are those that reached the guest, or may have (`REACHING`), in the last TOUCH_DAYS
  days, so that the clerk does not offer what was just sent.

An account's compact card adds up the stays of its guest profiles and the events of its own bookings, as a
segment of accounts does.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Case, CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When, Window
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clienthistory.models import Account, Preference, Profile
from hotelsales.db import DaysBetween
from hotelsales.money import round_money
from marketing.audiences.rules import HELD, MONEY, STAYED, fnb_revenue
from marketing.models import Campaign, Touch
from marketing.models.touches import REACHING
from reservations.guestcare.queries import open_statuses
from reservations.models import Complaint, Event, Reservation

DAYS_SOON = 30
TOUCH_DAYS = 90
TOUCHES_SHOWN = 10
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class History:
    """What a guest — or an account's guests — stayed and spent, and what is still open with them."""

    stays: int
    nights: int
    room_spend: Decimal
    fnb_spend: Decimal
    last_stay: Reservation | None
    open_complaints: int
    latest_complaint: Complaint | None

    @property
    def spend(self) -> Decimal:
        return self.room_spend + self.fnb_spend


@dataclass(frozen=True)
class DaySoon:
    what: Promise
    on: date
    days: int


@dataclass(frozen=True)
class GuestCard:
    profile: Profile
    history: History
    next_arrival: Reservation | None
    preferences: list[Preference]
    days_soon: list[DaySoon]
    touches: list[Touch]


@dataclass(frozen=True)
class AccountCard:
    account: Account
    history: History


def guest_card(profile: Profile, *, today: date) -> GuestCard:
    """The card of `profile` (read with its account and VIP level) as of `today`: seven queries."""
    return GuestCard(
        profile=profile,
        history=_history(
            stays=Reservation.objects.filter(guest=profile),
            events=Event.objects.filter(booking__contact=profile),
            complaints=Complaint.objects.filter(guest=profile),
            today=today,
        ),
        next_arrival=(
            Reservation.objects.filter(guest=profile, status=Reservation.Status.RESERVED, arrival__gte=today)
            .select_related("room_type")
            .order_by("arrival", "pk")
            .first()
        ),
        preferences=list(profile.preferences.order_by(_allergies_first(), "pk")),
        days_soon=days_soon(profile, today=today),
        touches=recent_touches(profile, today=today),
    )


def account_card(account: Account, *, today: date) -> AccountCard:
    """The compact card of `account`: its guests' stays, its bookings' events, its open complaints (four queries)."""
    return AccountCard(
        account=account,
        history=_history(
            stays=Reservation.objects.filter(guest__account=account),
            events=Event.objects.filter(booking__account=account),
            complaints=Complaint.objects.filter(Q(guest__account=account) | Q(booking__account=account)),
            today=today,
        ),
    )


def _history(*, stays: QuerySet, events: QuerySet, complaints: QuerySet, today: date) -> History:
    stays = stays.filter(status__in=STAYED)
    nights = DaysBetween("departure", "arrival")
    figures = stays.aggregate(
        stays=Count("pk"),
        nights=Coalesce(Sum(nights), 0),
        room_spend=Coalesce(Sum(F("rate") * F("rooms") * nights, output_field=MONEY), ZERO, output_field=MONEY),
    )
    tomorrow = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    fnb = events.filter(booking__status__in=HELD, start__lt=tomorrow).aggregate(
        spend=Coalesce(Sum(fnb_revenue(), output_field=MONEY), ZERO, output_field=MONEY)
    )["spend"]
    # The latest open complaint carries the count of all of them: one query, whatever their number.
    latest = (
        complaints.filter(status__in=open_statuses())
        .annotate(open_count=Window(Count("pk")))
        .order_by("-received_at", "-pk")
        .first()
    )
    return History(
        stays=figures["stays"],
        nights=figures["nights"],
        room_spend=round_money(figures["room_spend"]),
        fnb_spend=round_money(fnb),
        last_stay=stays.select_related("room_type", "guest").order_by("-arrival", "-pk").first(),
        open_complaints=latest.open_count if latest else 0,
        latest_complaint=latest,
    )


def _allergies_first():
    return Case(
        When(category=Preference.Category.ALLERGY, then=0),
        When(category=Preference.Category.DIETARY, then=1),
        default=2,
    )


def next_occurrence(day: date, today: date) -> date:
    """The next time, today included, that the yearly `day` comes round."""
    this_year = _in_year(day, today.year)
    return this_year if this_year >= today else _in_year(day, today.year + 1)


def _in_year(day: date, year: int) -> date:
    """`day` in `year`; 29 February is kept on 28 February in a common year."""
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def days_soon(profile: Profile, *, today: date) -> list[DaySoon]:
    """The guest's birthday and anniversary when they fall within DAYS_SOON days, the nearest first."""
    coming = []
    for what, day in ((_("Birthday"), profile.birthday), (_("Anniversary"), profile.anniversary)):
        if day is not None:
            on = next_occurrence(day, today)
            if (on - today).days <= DAYS_SOON:
                coming.append(DaySoon(what=what, on=on, days=(on - today).days))
    return sorted(coming, key=lambda soon: soon.on)


def recent_touches(profile: Profile, *, today: date) -> list[Touch]:
    """The latest marketing touches that reached the guest in the last TOUCH_DAYS days, each with the name of its
    campaign (`campaign_name`; None for a touch of no campaign) or its trigger (`trigger`)."""
    since = timezone.make_aware(datetime.combine(today - timedelta(days=TOUCH_DAYS), time.min))
    campaigns = Campaign.objects.annotate(
        touch_occasion=Concat(Value("campaign:"), Cast("pk", CharField()), output_field=CharField())
    ).filter(touch_occasion=OuterRef("occasion"))
    return list(
        Touch.objects.filter(profile=profile, outcome__in=REACHING, at__gte=since)
        .annotate(campaign_name=Subquery(campaigns.values("name")[:1]))
        .select_related("trigger")
        .order_by("-at", "-pk")[:TOUCHES_SHOWN]
    )
