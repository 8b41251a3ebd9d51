"""A lead's response limit in working hours: LEAD_RESPONSE_HOURS counted from LEAD_WORKDAY_START to
LEAD_WORKDAY_END in the hotel's time, on the official working days (hotelsales.almanac.is_working_day: Monday to
Friday, less the holidays, plus the adjusted working days 调休上班).

A lead received on Friday at 17:30 with two hours is due on Monday at 10:30; one received on a Saturday, on Monday
at 11:00. The deadline is worked out once, when the lead comes in, and kept on it (`Lead.respond_by`): escalation
and the report compare with it, and a later change of the settings leaves the leads already in alone."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from hotelsales.almanac import is_working_day

# More working days than any holiday arrangement leaves out in a row (the Spring Festival's is about nine days).
MAX_DAYS_AHEAD = 60


def _at(day: date, clock) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock))


def respond_by(received_at: datetime, *, hours: int | None = None) -> datetime:
    """When a lead received at `received_at` must have had its first answer."""
    left = timedelta(hours=settings.LEAD_RESPONSE_HOURS if hours is None else hours)
    moment = timezone.localtime(received_at)
    day = moment.date()
    for _offset in range(MAX_DAYS_AHEAD):
        if is_working_day(day):
            start = max(moment, _at(day, settings.LEAD_WORKDAY_START))
            end = _at(day, settings.LEAD_WORKDAY_END)
            if start < end:
                if start + left <= end:
                    return start + left
                left -= end - start
        day += timedelta(days=1)
        moment = _at(day, datetime.min.time())
    raise ValueError(f"No working hours in the {MAX_DAYS_AHEAD} days after {received_at}.")
