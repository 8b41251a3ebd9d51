"""Sorting and paging of list pages, and the dates and months pages take from their address, shared by every
page so they behave alike: a value that is missing, malformed or out of range gets the page's default, never a
server error."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

PER_PAGE = 25
# Far past any real list's end, yet small enough that its offset stays a small number in SQL.
MAX_PAGE = 100_000
# Pages show dates this many years either side of today: enough for any history or plan, and far from the
# calendar's ends (years 1 and 9999), where a week or month grid around the date could not be built.
DATE_WINDOW_YEARS = 100
# Long lists reverse each of their rows' URL patterns once, with this (no row's id) in the pk's place for |with_pk or
# addresses() to fill in: a reverse costs tens of microseconds, and a day's arrivals are hundreds of rows with several
# links each.
ROW_PK = "2147483647"


@dataclass
class Listing:
    page: Page
    sort: str
    querystring: str  # the request's filters without page and sort, for links that keep them
    ordered: QuerySet | None = None  # every row in the page's order, for exports


def addresses(viewname: str) -> Callable[[int], str]:
    """The address of `viewname` for any row's id, reversed once for a list instead of once a row (for lists built
    in Python; templates use row_url and |with_pk)."""
    head, tail = row_url(viewname).split(ROW_PK)
    return lambda pk: f"{head}{pk}{tail}"


def list_page(request, queryset: QuerySet, *, sorts: dict[str, tuple[str, ...]], default: str) -> Listing:
    """Sort by the whitelisted `?sort=` key (a leading '-' reverses it) and cut out the `?page=`."""
    sort = request.GET.get("sort", default)
    key = sort.removeprefix("-")
    if key not in sorts:
        sort, key = default, default.removeprefix("-")
    order = sorts[key]
    if sort.startswith("-"):
        order = tuple(field[1:] if field.startswith("-") else f"-{field}" for field in order)
    ordered = queryset.order_by(*order)
    # Sort and cut on the ids alone, then read the page's rows: sorting wide joined rows of a large table
    # (a profile with its account, say) costs several times as much as sorting their ids.
    page = Paginator(ordered.values_list("pk", flat=True), PER_PAGE).get_page(page_param(request))
    rows = ordered.in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    return Listing(page=page, sort=sort, querystring=params.urlencode(), ordered=ordered)


def page_param(request) -> int:
    """The ?page= number: 1 when missing or not a positive number, at most MAX_PAGE."""
    value = request.GET.get("page", "")
    number = int(value) if value.isascii() and value.isdigit() else 1
    return min(max(number, 1), MAX_PAGE)


def date_window(today: date) -> tuple[date, date]:
    """The first and last date a page shows (see DATE_WINDOW_YEARS)."""
    return date(today.year - DATE_WINDOW_YEARS, 1, 1), date(today.year + DATE_WINDOW_YEARS, 12, 31)


def date_param(request, name: str = "date") -> date:
    """A ?date=YYYY-MM-DD parameter; today (in the hotel's time zone) when missing, not a real date, or outside
    the date window (said in a message)."""
    today = timezone.localdate()
    try:
        day = parse_date(request.GET.get(name, "") or "")
    except ValueError:
        day = None
    return today if day is None else _in_window(request, day, today)


def datetime_param(request, name: str) -> datetime | None:
    """A ?name=YYYY-MM-DDTHH:MM parameter as an aware datetime (in the hotel's time zone unless it says another);
    None when missing, not a real time, or outside the date window."""
    try:
        at = parse_datetime(request.GET.get(name, "") or "")
    except ValueError:
        return None
    if at is None or not _within(at.date(), timezone.localdate()):
        return None
    return timezone.make_aware(at) if timezone.is_naive(at) else at


def month_param(request, name: str = "month", *, years: range | None = None) -> date:
    """A ?month=YYYY-MM parameter as the first day of that month; the current month when missing, not a real
    month, or outside the date window or the given `years` (said in a message)."""
    today = timezone.localdate()
    year, _dash, month = request.GET.get(name, "").partition("-")
    try:
        first = date(int(year), int(month), 1)
    except (ValueError, OverflowError):
        return today.replace(day=1)
    return _in_window(request, first, today.replace(day=1), years)


def year_param(request, name: str = "year", *, years: range) -> int:
    """A ?year=YYYY parameter; the current year when missing or not a year's number, or when not one of `years`
    (said in a message)."""
    today = timezone.localdate()
    value = request.GET.get(name, "")
    if not (value.isascii() and value.isdigit() and len(value) <= 4):
        return today.year
    if int(value) in years:
        return int(value)
    _say_out_of_window(request, date(years.start, 1, 1), date(years.stop - 1, 12, 31))
    return today.year


def _within(day: date, today: date) -> bool:
    first, last = date_window(today)
    return first <= day <= last


def _in_window(request, day: date, default: date, years: range | None = None) -> date:
    first, last = date_window(default)
    if years is not None:
        first, last = max(first, date(years.start, 1, 1)), min(last, date(years.stop - 1, 12, 31))
    if first <= day <= last:
        return day
    _say_out_of_window(request, first, last)
    return default


def _say_out_of_window(request, first: date, last: date) -> None:
    if not getattr(request, "htmx", False):  # a fragment would leave the message for the next whole page
        messages.warning(
            request,
            _("Only dates from %(first)s to %(last)s can be shown; showing the current one instead.")
            % {"first": first, "last": last},
            fail_silently=True,
        )


def row_url(viewname: str) -> str:
    """The URL of `viewname` for every row of a list: {{ url|with_pk:row.pk }} puts each row's pk in."""
    return reverse(viewname, args=[ROW_PK])
