"""The activity calendar: a salesperson's week or month, the team's week, and the private iCal feed.

Days are the hotel's local days (settings.TIME_ZONE): a visit at 23:30 in Shanghai belongs to that evening's
date, although it is 15:30 UTC. Weeks start on Monday. Each grid reads its activities in one query.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event
from icalendar.enums import STATUS

from clienthistory import queries
from clienthistory.models import Activity
from hotelsales.punctuation import label

WEEK_DAYS = 7
FEED_PAST = dt.timedelta(days=90)
FEED_AHEAD = dt.timedelta(days=365)


class Span(models.TextChoices):
    WEEK = "week", gettext_lazy("Week")
    MONTH = "month", gettext_lazy("Month")


@dataclass
class Day:
    date: dt.date
    activities: list[Activity]
    today: bool = False
    outside: bool = False  # a day of the month before or after, filling the month grid's first and last weeks


@dataclass
class Grid:
    """One salesperson's activities on whole weeks around `anchor`: one week, or the weeks of its month."""

    span: str
    anchor: dt.date
    start: dt.date
    end: dt.date  # the day after the last day shown
    weeks: list[list[Day]]

    @property
    def last(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def previous(self) -> dt.date:
        if self.span == Span.MONTH:
            return (self.anchor.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return self.start - dt.timedelta(days=WEEK_DAYS)

    @property
    def next(self) -> dt.date:
        if self.span == Span.MONTH:
            return _first_of_next_month(self.anchor)
        return self.start + dt.timedelta(days=WEEK_DAYS)

    @property
    def agenda(self) -> list[Day]:
        """The days a phone lists one under another: each day of a week; of a month, its own days that have
        activities, and today."""
        days = [day for week in self.weeks for day in week]
        if self.span == Span.WEEK:
            return days
        return [day for day in days if not day.outside and (day.activities or day.today)]


@dataclass
class TeamRow:
    person: AbstractBaseUser
    days: list[Day]


@dataclass
class TeamWeek:
    """Every salesperson's activities of one week, a row each."""

    start: dt.date
    today: dt.date
    rows: list[TeamRow]

    @property
    def dates(self) -> list[dt.date]:
        return _dates(self.start, self.start + dt.timedelta(days=WEEK_DAYS))

    @property
    def last(self) -> dt.date:
        return self.start + dt.timedelta(days=WEEK_DAYS - 1)

    @property
    def previous(self) -> dt.date:
        return self.start - dt.timedelta(days=WEEK_DAYS)

    @property
    def next(self) -> dt.date:
        return self.start + dt.timedelta(days=WEEK_DAYS)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _dates(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days)]


def days_shown(span: str, anchor: dt.date) -> tuple[dt.date, dt.date]:
    """The first day shown and the day after the last: whole weeks, Monday to Sunday."""
    if span == Span.MONTH:
        last_of_month = _first_of_next_month(anchor) - dt.timedelta(days=1)
        return monday_of(anchor.replace(day=1)), monday_of(last_of_month) + dt.timedelta(days=WEEK_DAYS)
    start = monday_of(anchor)
    return start, start + dt.timedelta(days=WEEK_DAYS)


def local_midnight(day: dt.date) -> dt.datetime:
    """The moment the hotel's local `day` begins."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _by_local_date(activities: Iterable[Activity]) -> dict[dt.date, list[Activity]]:
    days = defaultdict(list)
    for activity in activities:
        days[timezone.localdate(activity.due_at)].append(activity)
    return days


def build_grid(activities: Iterable[Activity], *, span: str, anchor: dt.date, today: dt.date) -> Grid:
    """Lay activities out on the days shown around `anchor`; each day keeps them in the order given (by time)."""
    start, end = days_shown(span, anchor)
    on = _by_local_date(activities)
    days = [
        Day(day, on.get(day, []), today=day == today, outside=span == Span.MONTH and day.month != anchor.month)
        for day in _dates(start, end)
    ]
    weeks = [days[first : first + WEEK_DAYS] for first in range(0, len(days), WEEK_DAYS)]
    return Grid(span=span, anchor=anchor, start=start, end=end, weeks=weeks)


def activity_calendar(*, owner, span: str, anchor: dt.date, today: dt.date) -> Grid:
    start, end = days_shown(span, anchor)
    activities = queries.activities_between(local_midnight(start), local_midnight(end), owners=[owner])
    return build_grid(activities, span=span, anchor=anchor, today=today)


def build_team_week(people, activities: Iterable[Activity], *, anchor: dt.date, today: dt.date) -> TeamWeek:
    start, end = days_shown(Span.WEEK, anchor)
    by_owner = defaultdict(list)
    for activity in activities:
        by_owner[activity.owner_id].append(activity)
    rows = []
    for person in people:
        on = _by_local_date(by_owner[person.pk])
        rows.append(TeamRow(person, [Day(day, on.get(day, []), today=day == today) for day in _dates(start, end)]))
    return TeamWeek(start=start, today=today, rows=rows)


def team_week(*, people, anchor: dt.date, today: dt.date) -> TeamWeek:
    """The week around `anchor` of each of `people`: one query for all their activities."""
    people = list(people)
    start, end = days_shown(Span.WEEK, anchor)
    activities = queries.activities_between(local_midnight(start), local_midnight(end), owners=people)
    return build_team_week(people, activities, anchor=anchor, today=today)


def _with_whom(activity: Activity) -> str:
    names = [activity.account.name if activity.account else "", activity.contact.name if activity.contact else ""]
    return " · ".join(name for name in names if name)


def _event(activity: Activity, *, stamp: dt.datetime) -> Event:
    # RFC 5545 has no "completed" status for events, so a done activity is marked in its summary.
    summary = f"{'✓ ' if activity.done else ''}{label(activity.get_kind_display())}{activity.purpose}"
    if whom := _with_whom(activity):
        summary = f"{summary} — {whom}"
    notes = []
    if activity.next_step:
        notes.append(_("Next step: %(text)s") % {"text": activity.next_step})
    if activity.outcome:
        notes.append(_("Outcome: %(text)s") % {"text": activity.outcome})
    return Event.new(
        uid=f"activity-{activity.pk}@hotelsales",
        start=activity.due_at.astimezone(dt.UTC),
        end=activity.ends_at.astimezone(dt.UTC),
        stamp=stamp.astimezone(dt.UTC),
        summary=summary,
        description="\n".join(notes) or None,
        location=(activity.account.address if activity.account else "") or None,
        status=STATUS.CONFIRMED,
    )


def activity_feed(owner, *, now: dt.datetime) -> bytes:
    """The owner's activities from FEED_PAST ago to FEED_AHEAD as an iCalendar file, in one query."""
    activities = queries.activities_between(now - FEED_PAST, now + FEED_AHEAD, owners=[owner])
    feed = Calendar.new(
        prodid="-//Hotel Sales//Sales activities//EN",
        uid=f"activities-{owner.pk}@hotelsales",
        name=_("Sales activities of %(name)s") % {"name": owner.get_full_name() or owner.get_username()},
        refresh_interval=dt.timedelta(hours=1),
    )
    for activity in activities:
        feed.add_component(_event(activity, stamp=now))
    return feed.to_ical()
