"""The front-line assistant (弹出辅助页面): the card of the guest in front of the clerk — beside reservation entry
and the guest's profile, or on a page of its own — and the screen-pop a softphone opens with an incoming call's
number."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory.models import Account, Profile
from hotelsales.forms import id_param
from hotelsales.roles import role_required
from marketing import access
from marketing.assist.calls import MOST_SHOWN, callers
from marketing.assist.card import TOUCH_DAYS, account_card, guest_card
from marketing.assist.forms import CallerForm
from marketing.models import Offer, OfferResponse
from marketing.offers.ranking import record_response, top_offers

CARD = "marketing/assist/card.html"
CARD_PAGE = "marketing/assist/card_page.html"


def _guests():
    return Profile.objects.select_related("account", "vip_level")


def _card_context(profile: Profile) -> dict:
    today = timezone.localdate()
    card = guest_card(profile, today=today)
    return {"card": card, "touch_days": TOUCH_DAYS, "offers": top_offers(profile, today=today, stay=card.next_arrival)}


@role_required(*access.ASSIST)
def assist_card(request, profile_pk):
    """The card as a fragment for htmx; opened directly, on a page of its own."""
    profile = get_object_or_404(_guests(), pk=profile_pk)
    if profile.merged_into_id:
        return redirect("marketing:assist-card", profile.merged_into_id)
    return render(request, CARD if request.htmx else CARD_PAGE, _card_context(profile))


@role_required(*access.ASSIST)
def assist_account(request, account_pk):
    """An account's compact card: its guests' stays, its spend, its open complaints (htmx, or a page)."""
    account = get_object_or_404(Account, pk=account_pk)
    context = {"card": account_card(account, today=timezone.localdate())}
    if request.htmx:
        return render(request, "marketing/assist/account_card.html", context)
    return render(request, "marketing/assist/account_card_page.html", context)


@role_required(*access.ASSIST)
def assist_picked(request):
    """The card of the guest a form has picked (?guest=<profile id>); nothing while none is."""
    profile = _guests().filter(pk=id_param(request.GET, "guest"), merged_into=None).first()
    if profile is None:
        return HttpResponse()
    return render(request, CARD, _card_context(profile))


@role_required(*access.ASSIST)
def assist_call(request):
    """The screen-pop of an incoming call (?number=…): the caller's card when one guest has the number, a list to
    choose from when several do, or the way to a new profile when none does. A page, never a fragment: the
    softphone opens it in a window of its own."""
    form = CallerForm(request.GET)
    if not form.is_valid():
        return render(request, "marketing/assist/call.html", {"form": form}, status=400)
    number = form.cleaned_data["number"]
    found = callers(number)
    if len(found) == 1:
        return render(request, CARD_PAGE, {**_card_context(found[0]), "caller": number})
    return render(
        request,
        "marketing/assist/call.html",
        {"form": form, "number": number, "callers": found[:MOST_SHOWN], "more": len(found) > MOST_SHOWN},
    )


@require_POST
@role_required(*access.ASSIST)
def assist_offer(request, profile_pk, offer_pk):
    """One tap on an offer of the card: offered, accepted or declined. An accepted offer goes with the guest's
    next stay when one is booked, else with the reservation or booking made for the guest later that day
    (marketing.offers.extras); the answers feed the ranking."""
    profile = get_object_or_404(_guests(), pk=profile_pk, merged_into=None)
    offer = get_object_or_404(Offer, pk=offer_pk, active=True)
    outcome = request.POST.get("outcome", "")
    if outcome not in OfferResponse.Outcome.values:
        return HttpResponseBadRequest(_("Choose offered, accepted or declined."))
    stay = guest_card(profile, today=timezone.localdate()).next_arrival if outcome == "accepted" else None
    response = record_response(offer, profile, outcome, request.user, reservation=stay)
    ranked = next((row for row in top_offers(profile, today=timezone.localdate(), stay=stay) if row.offer == offer),
                  None)  # fmt: skip
    return render(request, "marketing/assist/offer.html", {"card": {"profile": profile}, "ranked": ranked,
                                                           "offer": offer, "response": response})  # fmt: skip
