"""Sorting and paging of list pages, shared by every list so they behave alike."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date

PER_PAGE = 25


@dataclass
class Listing:
    page: Page
    sort: str
    querystring: str  # the request's filters without page and sort, for links that keep them
    ordered: QuerySet | None = None  # every row in the page's order, for exports


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
    page = Paginator(ordered.values_list("pk", flat=True), PER_PAGE).get_page(request.GET.get("page"))
    rows = ordered.in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    return Listing(page=page, sort=sort, querystring=params.urlencode(), ordered=ordered)


def date_param(request, name: str = "date") -> date:
    """A ?date=YYYY-MM-DD parameter; today (in the hotel's time zone) when missing or not a real date."""
    try:
        return parse_date(request.GET.get(name, "") or "") or timezone.localdate()
    except ValueError:
        return timezone.localdate()
