"""Offers (推荐产品): the list with how often guests accept each, the form managers set them up with, and each
offer's page with its acceptance by market segment — the figures the assistant's ranking starts from."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from hotelsales.history import history_entries
from hotelsales.listing import list_page
from hotelsales.punctuation import word_list
from hotelsales.roles import has_role, role_required
from marketing import access
from marketing.models import Offer
from marketing.offers import queries
from marketing.offers.eligibility import in_words
from marketing.offers.forms import OfferFilter, OfferForm
from marketing.triggers import results as trigger_results

OFFER_SORTS = {
    "name": ("name_zh", "id"),
    "price": ("price", "id"),
    "value": ("value", "id"),
}


@role_required(*access.READ_OFFERS)
def offer_list(request):
    offer_filter = OfferFilter(request.GET, queryset=queries.offers())
    listing = list_page(request, offer_filter.qs, sorts=OFFER_SORTS, default="name")
    acceptance = queries.acceptance(listing.page.object_list)
    rows = [(offer, in_words(offer), acceptance.get(offer.pk, queries.Acceptance())) for offer in listing.page]
    return render(
        request,
        "marketing/offer_list.html",
        {
            "filter": offer_filter,
            "listing": listing,
            "rows": rows,
            "can_set": has_role(request.user, *access.SET_OFFERS),
        },
    )


@role_required(*access.READ_OFFERS)
def offer_detail(request, pk):
    offer = get_object_or_404(queries.offers(), pk=pk)
    return render(
        request,
        "marketing/offer_detail.html",
        {
            "offer": offer,
            "conditions": in_words(offer),
            "by_segment": queries.acceptance_by_segment(offer),
            "triggers": _triggers_of(request.user, offer),
            "history": history_entries(offer, shown_as={"months": _month_names}),
            "can_set": has_role(request.user, *access.SET_OFFERS),
        },
    )


def _triggers_of(user, offer: Offer) -> list:
    """What the triggers proposing the offer brought, for those who read the triggers."""
    if not has_role(user, *access.READ_TRIGGERS):
        return []
    triggers = list(offer.triggers.select_related("offer").order_by("name", "pk"))
    found = trigger_results.figures_of(triggers)
    return [found[trigger.pk] for trigger in triggers]


def _month_names(months: list[int]) -> str:
    return word_list(MONTHS[month] for month in months) or "—"


@role_required(*access.SET_OFFERS)
def offer_create(request):
    return _offer_form(request, Offer(owner=request.user))


@role_required(*access.SET_OFFERS)
def offer_edit(request, pk):
    return _offer_form(request, get_object_or_404(Offer, pk=pk))


def _offer_form(request, offer: Offer):
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        offer = form.save()
        messages.success(request, _("Offer saved."))
        return redirect(offer)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit offer %(name)s") % {"name": offer.name} if offer.pk else _("New offer"),
            "cancel_url": offer.get_absolute_url() if offer.pk else reverse("marketing:offer-list"),
        },
        status=400 if form.errors else 200,
    )
