from django.shortcuts import render
from django.utils import timezone

from hotelsales.almanac import SEASONS
from hotelsales.listing import month_param, year_param
from hotelsales.roles import has_role, role_required
from marketing import access
from marketing.promotions.calendar import YEARS, month_calendar, year_calendar


@role_required(*access.READ)
def promotion_calendar(request):
    """The promotions calendar (促销日历): ?view=year&year=YYYY, or a month, ?month=YYYY-MM (the default)."""
    today = timezone.localdate()
    context = {"today": today, "seasons": SEASONS.items(), "can_build": has_role(request.user, *access.BUILD)}
    if request.GET.get("view") == "year":
        year = year_calendar(year=year_param(request, years=YEARS), today=today)
        context |= {"year": year, "calendar": year, "shown_year": year.year}
    else:
        grid = month_calendar(month=month_param(request, years=YEARS), today=today)
        context |= {"grid": grid, "calendar": grid, "shown_year": grid.month.year}
    return render(request, "marketing/promotion_calendar.html", context)
