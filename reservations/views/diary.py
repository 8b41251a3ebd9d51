from django.shortcuts import render

from hotelsales.listing import date_param
from hotelsales.roles import has_role, role_required
from reservations import access
from reservations.functionspace.diary import build_diary


@role_required(*access.READ)
def diary(request):
    view = "day" if request.GET.get("view") == "day" else "week"
    on = date_param(request)
    return render(
        request,
        "reservations/diary.html",
        {"diary": build_diary(view=view, on=on), "on": on, "can_sell": has_role(request.user, *access.SELL)},
    )
