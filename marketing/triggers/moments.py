"""The moments triggers wait for, each a query for the members whose moment has come on a day.

A moment answers `found(trigger, today, now)`: the members it finds — (profile id, the occasion's key, why) — each
read by one query through an index, whatever the size of the guest history. The key names the occasion, so that
each member is reached once for it (marketing.triggers.running): the birthday's date, the stay, the quarter.

Date moments fire on their day and, should the run have missed a night or two, on the CATCH_UP_DAYS after it —
never late for a day that lies ahead: a birthday greeting goes before the birthday, or not at all. A moment about an
account reaches its first contact (the contact entered first). The location moments fire as they happen: the
guest in the house N hours after check-in is looked for by the frequent run; the Wi-Fi sign-in and the pickup by
the hotel's car come from the webhook (marketing.views.hooks) and fire at once (`fire_now`).
"""

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Exists, F, Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clienthistory.models import Account, Profile, Segment, month_day
from hotelsales.money import round_money
from marketing.audiences import rules as segment_rules
from marketing.audiences.rules import ACTIVE, Members, months_before
from marketing.models import Moment, Trigger
from reservations.models import Booking, Complaint, Event, Reservation, Satisfaction
from reservations.reports.revenue import BOOKED, events_held, nights_between, stays_between

CATCH_UP_DAYS = 2
SATISFIED = (Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED)
# Neither merged into another profile nor anonymised: a guest still to be reached.
GUEST_ACTIVE = Q(guest__merged_into=None, guest__anonymised_at=None)
CONTACT_ACTIVE = Q(contact__merged_into=None, contact__anonymised_at=None)
BOOKING_CONTACT_ACTIVE = Q(booking__contact__merged_into=None, booking__contact__anonymised_at=None)


@dataclass(frozen=True)
class Found:
    profile_id: int
    key: str
    why: str


@dataclass(frozen=True)
class Kind:
    """A moment: what its N means, and its bounds."""

    unit: str
    least: int
    most: int
    default: int
    live: bool = False  # looked for by the frequent run, not the daily one
    pushed: bool = False  # fired by the webhook, by no run
    in_stay: bool = False  # an offer to take during the stay: a guest staying in the hotel is not held back for it

    def found(self, trigger: Trigger, today: date, now: datetime) -> Iterator[Found]:
        raise NotImplementedError


def _guests():
    return Profile.objects.filter(ACTIVE)


def _occurrence(month: int, day: int, start: date) -> date:
    """The first date on or after `start` with this month and day (29 February kept on 28 February in a common
    year)."""
    for year in (start.year, start.year + 1):
        kept = 28 if (month, day) == (2, 29) and not calendar.isleap(year) else day
        found = date(year, month, kept)
        if found >= start:
            return found
    raise ValueError


def _window_ahead(today: date, days: int) -> tuple[date, date]:
    """The days whose moment is due today: `days` ahead, and the catch-up days before it (never before today)."""
    return max(today, today + timedelta(days=days - CATCH_UP_DAYS)), today + timedelta(days=days)


def _window_behind(today: date, days: int) -> tuple[date, date]:
    last = today - timedelta(days=days)
    return last - timedelta(days=CATCH_UP_DAYS), last


def _month_days(first: date, last: date) -> list[int]:
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    wanted = {day.month * 100 + day.day for day in days}
    if any((day.month, day.day) == (2, 28) and not calendar.isleap(day.year) for day in days):
        wanted.add(229)
    return sorted(wanted)


def _day(value: date) -> str:
    return value.isoformat()


class Birthday(Kind):
    def found(self, trigger, today, now):
        first, last = _window_ahead(today, trigger.number)
        rows = (
            _guests()
            .alias(day=month_day("birthday"))
            .filter(day__in=_month_days(first, last))
            .values_list("pk", "birthday")
        )
        for pk, birthday in rows:
            on = _occurrence(birthday.month, birthday.day, first)
            if on <= last:
                yield Found(pk, f"birthday:{on.year}", _("Birthday on %(date)s") % {"date": _day(on)})


@dataclass(frozen=True)
class Anniversary(Kind):
    """The anniversary of an event held here — not of a booking cancelled, lost or never confirmed — to its
    booking's contact, once per booking and year."""

    weddings: bool = False

    def found(self, trigger, today, now):
        first, last = _window_ahead(today, trigger.number)
        zone = timezone.get_current_timezone()
        events = Event.objects.filter(
            booking__status__in=BOOKED,
            booking__contact__isnull=False,
            start__lt=timezone.make_aware(datetime(first.year, 1, 1)),
        )
        if self.weddings:
            events = events.filter(booking__kind=Booking.Kind.BANQUET, booking__segment=Segment.WEDDING)
        rows = (
            events.alias(day=month_day("start"))
            .filter(
                BOOKING_CONTACT_ACTIVE,
                day__in=_month_days(first, last),
            )
            .values_list("booking_id", "booking__contact_id", "start")
            .order_by("booking_id", "start")
        )
        seen = set()
        for booking, contact, start in rows:
            held = timezone.localtime(start, zone).date()
            on = _occurrence(held.month, held.day, first)
            if on > last or on.year <= held.year or (booking, on.year) in seen:
                continue
            seen.add((booking, on.year))
            said = _("%(years)s years since the event of %(date)s") % {"years": on.year - held.year, "date": _day(held)}
            yield Found(contact, f"anniversary:{booking}:{on.year}", said)


class AfterCheckOut(Kind):
    def found(self, trigger, today, now):
        first, last = _window_behind(today, trigger.number)
        rows = Reservation.objects.filter(
            GUEST_ACTIVE,
            status=Reservation.Status.CHECKED_OUT,
            departure__range=(first, last),
        ).values_list("pk", "guest_id", "confirmation", "departure")
        for pk, guest, confirmation, departure in rows:
            said = _("Left on %(date)s (%(confirmation)s)") % {"date": _day(departure), "confirmation": confirmation}
            yield Found(guest, f"stay:{pk}", said)


class BeforeArrival(Kind):
    def found(self, trigger, today, now):
        first, last = _window_ahead(today, trigger.number)
        rows = Reservation.objects.filter(
            GUEST_ACTIVE,
            status=Reservation.Status.RESERVED,
            arrival__range=(first, last),
        ).values_list("pk", "guest_id", "confirmation", "arrival")
        for pk, guest, confirmation, arrival in rows:
            said = _("Arrives on %(date)s (%(confirmation)s)") % {"date": _day(arrival), "confirmation": confirmation}
            yield Found(guest, f"stay:{pk}", said)


def _lapsed_window(today: date, months: int) -> tuple[date, date]:
    """The last days whose lapse of `months` months comes today: N months before today, and the catch-up days
    before it — reckoned from the days before today, so that a month's end skips no day (on 1 March, the stays
    that ended on 29, 30 and 31 January lapse a month, as no day of February is their month after)."""
    first = months_before(today - timedelta(days=CATCH_UP_DAYS + 1), months) + timedelta(days=1)
    return first, months_before(today, months)


class LapsedGuest(Kind):
    """A guest whose last stay ended N months ago (to the day) and who has nothing booked since: once per last
    stay — a guest who comes back and lapses again is reached again."""

    def found(self, trigger, today, now):
        first, cutoff = _lapsed_window(today, trigger.number)
        later = Reservation.objects.filter(
            guest=OuterRef("guest"), status__in=Reservation.HOLDING, departure__gt=OuterRef("departure")
        )
        rows = (
            Reservation.objects.filter(
                GUEST_ACTIVE,
                status__in=Reservation.STAYED,
                departure__range=(first, cutoff),
            )
            .exclude(Exists(later))
            .values_list("guest_id", "departure")
            .distinct()
        )
        for guest, departure in rows:
            yield Found(guest, f"lapsed:{departure}", _("Last stay ended on %(date)s") % {"date": _day(departure)})


def _first_contacts(accounts) -> dict[int, int]:
    """Each account's first contact (entered first): who an account's moment reaches."""
    rows = (
        _guests()
        .filter(account__in=accounts)
        .values("account")
        .annotate(first=Min("pk"))
        .values_list("account", "first")
        .order_by()
    )
    return dict(rows)


class LapsedAccount(Kind):
    """An account with no stay of its guests and no event of its bookings for N months (to the day), and nothing
    booked ahead: once per last date.

    Found from the stays and events that ended in the window — the only accounts whose last date can lie there —
    and kept when none of their stays or events comes later: four queries through the departure and start indexes
    and the candidates' own rows, never a scan of every account's history (an account of regulars has thousands of
    stays)."""

    def found(self, trigger, today, now):
        first, cutoff = _lapsed_window(today, trigger.number)
        zone = timezone.get_current_timezone()
        after = timezone.make_aware(datetime.combine(cutoff + timedelta(days=1), datetime.min.time()), zone)
        since = timezone.make_aware(datetime.combine(first, datetime.min.time()), zone)
        stays = Reservation.objects.filter(status__in=Reservation.HOLDING)
        events = Event.objects.filter(booking__status__in=Booking.HOLDING)
        last: dict[int, date] = {}
        ended = stays.filter(departure__range=(first, cutoff), guest__account__isnull=False)
        for account, departure in ended.values_list("guest__account", "departure"):
            last[account] = max(departure, last.get(account, departure))
        held = events.filter(start__gte=since, start__lt=after, booking__account__isnull=False)
        for account, start in held.values_list("booking__account", "start"):
            day = timezone.localtime(start, zone).date()
            last[account] = max(day, last.get(account, day))
        if not last:
            return
        later = set(
            Account.objects.filter(pk__in=list(last))
            .filter(
                Q(Exists(stays.filter(guest__account=OuterRef("pk"), departure__gt=cutoff)))
                | Q(Exists(events.filter(booking__account=OuterRef("pk"), start__gte=after)))
            )
            .values_list("pk", flat=True)
        )
        lapsed = {account: day for account, day in last.items() if account not in later}
        contacts = _first_contacts(list(lapsed))
        for account, day in lapsed.items():
            if account in contacts:
                said = _("The account's last stay or event: %(date)s") % {"date": _day(day)}
                yield Found(contacts[account], f"lapsed:{day}", said)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _year_before(day: date) -> date:
    return day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year - 1)


def account_revenue(first: date, last: date) -> dict[int, object]:
    """Each account's revenue from `first` to `last`: room revenue of its guests' nights and its bookings' events,
    as reservations.reports.revenue defines them (two queries)."""
    amounts: dict[int, object] = {}
    nights = (
        stays_between(first, last)
        .filter(guest__account__isnull=False)
        .values("guest__account")
        .annotate(amount=Sum(F("rooms") * F("rate") * nights_between(first, last)))
        .values_list("guest__account", "amount")
        .order_by()
    )
    held = (
        events_held(first, last)
        .filter(booking__account__isnull=False)
        .values("booking__account")
        .annotate(amount=Sum("estimated_total"))
        .values_list("booking__account", "amount")
        .order_by()
    )
    for rows in (nights, held):
        for account, amount in rows:
            amounts[account] = amounts.get(account, 0) + (amount or 0)
    return {account: round_money(amount) for account, amount in amounts.items()}


# An account's quarter is compared with last year's once a month of it has passed: a week says little.
DECLINE_AFTER_DAYS = 30


class AccountDecline(Kind):
    """An account whose revenue this quarter, to date, is N % or more below the same days of last year: once a
    quarter, from its 30th day."""

    def found(self, trigger, today, now):
        start = quarter_start(today)
        if (today - start).days + 1 < DECLINE_AFTER_DAYS:
            return
        this_year = account_revenue(start, today)
        last_year = account_revenue(_year_before(start), _year_before(today))
        falling = {}
        for account, before in last_year.items():
            if before <= 0:
                continue
            now_amount = this_year.get(account, 0)
            if now_amount * 100 <= before * (100 - trigger.number):
                falling[account] = (now_amount, before)
        contacts = _first_contacts(list(falling))
        quarter = f"{start.year}Q{(start.month - 1) // 3 + 1}"
        for account, (now_amount, before) in falling.items():
            if account in contacts:
                said = _("This quarter %(now)s, last year %(before)s") % {"now": now_amount, "before": before}
                yield Found(contacts[account], f"decline:{quarter}", said)


class OptionUnanswered(Kind):
    def found(self, trigger, today, now):
        first, last = _window_behind(today, trigger.number)
        rows = Booking.objects.filter(
            CONTACT_ACTIVE,
            status=Booking.Status.TENTATIVE,
            option_date__range=(first, last),
            contact__isnull=False,
        ).values_list("pk", "contact_id", "option_date", "name")
        for pk, contact, option_date, name in rows:
            said = _("Option of %(booking)s ended on %(date)s") % {"booking": name, "date": _day(option_date)}
            yield Found(contact, f"option:{pk}:{option_date}", said)


class StayMilestone(Kind):
    """The guest's Nth stay, counted when they check in for it: once per guest and N. Each stay of the days is
    compared with its guest's Nth stay in arrival order, read from the guest's first N entries of the stays index
    (a regular's hundreds of stays are not counted)."""

    def found(self, trigger, today, now):
        nth = (
            Reservation.objects.filter(guest=OuterRef("guest"), status__in=Reservation.STAYED)
            .order_by("arrival", "pk")
            .values("pk")[trigger.number - 1 : trigger.number]
        )
        rows = Reservation.objects.filter(
            GUEST_ACTIVE,
            status__in=Reservation.STAYED,
            arrival__range=(today - timedelta(days=CATCH_UP_DAYS), today),
            pk=Subquery(nth),
        ).values_list("guest_id", "confirmation")
        for guest, confirmation in rows:
            said = _("Stay number %(n)s (%(confirmation)s)") % {"n": trigger.number, "confirmation": confirmation}
            yield Found(guest, f"milestone:{trigger.number}", said)


class ComplaintSatisfied(Kind):
    """A complaint whose callback found the guest satisfied (满意 or 非常满意) N days ago: ask for a review or a
    referral."""

    def found(self, trigger, today, now):
        first, last = _window_behind(today, trigger.number)
        zone = timezone.get_current_timezone()
        since = timezone.make_aware(datetime.combine(first, datetime.min.time()), zone)
        until = timezone.make_aware(datetime.combine(last + timedelta(days=1), datetime.min.time()), zone)
        rows = Complaint.objects.filter(
            GUEST_ACTIVE,
            satisfaction__in=SATISFIED,
            callback_at__gte=since,
            callback_at__lt=until,
            guest__isnull=False,
        ).values_list("pk", "guest_id", "callback_at")
        for pk, guest, callback_at in rows:
            said = _("Satisfied at the callback of %(date)s") % {"date": _day(timezone.localtime(callback_at).date())}
            yield Found(guest, f"complaint:{pk}", said)


class InHouse(Kind):
    """A guest checked in at least N hours ago and still in the house (and not for longer than the catch-up)."""

    def found(self, trigger, today, now):
        latest = now - timedelta(hours=trigger.number)
        rows = Reservation.objects.filter(
            GUEST_ACTIVE,
            status=Reservation.Status.CHECKED_IN,
            checked_in_at__lte=latest,
            checked_in_at__gt=latest - timedelta(days=CATCH_UP_DAYS),
            departure__gt=today,
        ).values_list("pk", "guest_id", "confirmation")
        for pk, guest, confirmation in rows:
            yield Found(guest, f"stay:{pk}", _("In the house (%(confirmation)s)") % {"confirmation": confirmation})


class Pushed(Kind):
    """Fired by the webhook for a stay (`fire_now`), looked for by no run."""

    def found(self, trigger, today, now):
        return iter(())


DAYS, MONTHS, HOURS = gettext_lazy("days"), gettext_lazy("months"), gettext_lazy("hours")
MOMENTS: dict[str, Kind] = {
    Moment.BIRTHDAY: Birthday(DAYS, 0, 60, 7),
    Moment.WEDDING_ANNIVERSARY: Anniversary(DAYS, 0, 60, 30, weddings=True),
    Moment.EVENT_ANNIVERSARY: Anniversary(DAYS, 0, 60, 30, weddings=False),
    Moment.AFTER_CHECK_OUT: AfterCheckOut(DAYS, 0, 90, 1),
    Moment.BEFORE_ARRIVAL: BeforeArrival(DAYS, 0, 60, 3),
    Moment.LAPSED_GUEST: LapsedGuest(MONTHS, 1, 120, 12),
    Moment.LAPSED_ACCOUNT: LapsedAccount(MONTHS, 1, 120, 6),
    Moment.ACCOUNT_DECLINE: AccountDecline(gettext_lazy("per cent"), 1, 100, 30),
    Moment.OPTION_UNANSWERED: OptionUnanswered(DAYS, 0, 60, 2),
    # Counted when the guest checks in: the guest is in the house when the run finds them.
    Moment.STAY_MILESTONE: StayMilestone(gettext_lazy("stays"), 2, 500, 10, in_stay=True),
    Moment.COMPLAINT_SATISFIED: ComplaintSatisfied(DAYS, 0, 60, 3),
    Moment.IN_HOUSE: InHouse(HOURS, 0, 72, 3, live=True, in_stay=True),
    Moment.WIFI_SIGN_IN: Pushed("", 0, 0, 0, pushed=True, in_stay=True),
    Moment.PICKED_UP: Pushed("", 0, 0, 0, pushed=True, in_stay=True),
}


def in_segment(trigger: Trigger, today: date):
    """The guests of the trigger's segment (for a segment of accounts, their contacts), or None for everyone."""
    audience = trigger.audience
    if audience is None:
        return None
    found = segment_rules.members(members=audience.members, rules=audience.rules, today=today)
    if audience.members == Members.ACCOUNTS:
        return _guests().filter(account__in=found.values("pk")).values("pk")
    return found.values("pk")
