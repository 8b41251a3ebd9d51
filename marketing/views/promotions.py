"""Promotions (促销): the list, the form sales build them with, and each promotion with what the calendar says
of its period."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hotelsales.almanac import DayMarks, marks_between, year_of
from hotelsales.history import history_entries
from hotelsales.listing import list_page
from hotelsales.roles import has_role, role_required
from marketing import access
from marketing.models import Promotion
from marketing.promotions import queries
from marketing.promotions.forms import PromotionFilter, PromotionForm

PROMOTION_SORTS = {
    "start": ("starts_on", "id"),
    "name": ("name", "id"),
    "budget": ("budget", "id"),
}


@role_required(*access.READ)
def promotion_list(request):
    promotion_filter = PromotionFilter(request.GET, queryset=queries.promotions())
    listing = list_page(request, promotion_filter.qs, sorts=PROMOTION_SORTS, default="-start")
    return render(
        request,
        "marketing/promotion_list.html",
        {"filter": promotion_filter, "listing": listing, "can_build": has_role(request.user, *access.BUILD)},
    )


@role_required(*access.READ)
def promotion_detail(request, pk):
    promotion = get_object_or_404(queries.promotions(), pk=pk)
    days = marks_between(promotion.starts_on, promotion.ends_on)
    return render(
        request,
        "marketing/promotion_detail.html",
        {
            "promotion": promotion,
            "festivals": list(dict.fromkeys(festival for day in days for festival in day.festivals)),
            "seasons": list(dict.fromkeys(season for day in days for season in day.seasons)),
            "days_off": _days_off(promotion, days),
            "wedding_days": sum(day.wedding_day for day in days),
            "history": history_entries(promotion),
            "can_build": has_role(request.user, *access.BUILD),
        },
    )


def _days_off(promotion: Promotion, days: list[DayMarks]) -> int | None:
    """The official days off in the promotion's period; None while a year of it has no published holidays."""
    years = range(promotion.starts_on.year, promotion.ends_on.year + 1)
    if any(year_of(year).official_days is None for year in years):
        return None
    return sum(1 for day in days if day.official and not day.official.working)


@role_required(*access.BUILD)
def promotion_create(request):
    return _promotion_form(request, Promotion(owner=request.user))


@role_required(*access.BUILD)
def promotion_edit(request, pk):
    return _promotion_form(request, get_object_or_404(Promotion, pk=pk))


def _promotion_form(request, promotion: Promotion):
    form = PromotionForm(request.POST or None, instance=promotion)
    if request.method == "POST" and form.is_valid():
        promotion = form.save()
        messages.success(request, _("Promotion saved."))
        return redirect(promotion)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit promotion %(name)s") % {"name": promotion.name} if promotion.pk else _("New promotion"),
            "cancel_url": promotion.get_absolute_url() if promotion.pk else reverse("marketing:promotion-list"),
        },
        status=400 if form.errors else 200,
    )
