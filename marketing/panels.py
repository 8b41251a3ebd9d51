"""Where the front-line assistant shows outside marketing: its card beside a guest profile's details, beside an
account's (a compact card of its guests), and beside reservation entry once the clerk picks a guest; the offers a
guest accepted, as the extras of a reservation or a booking (marketing.offers.extras); and the triggers that fire as
a guest checks out or a complaint closes (marketing.triggers.hooks). The cards load by htmx, so the profile and
account pages keep their query counts; the extras cost their pages one query each."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clienthistory.panels import (
    ACCOUNT_CARDS,
    PROFILE_CARDS,
    GuestCard,
    Panel,
    add_card,
    add_guest_card,
)
from marketing import access
from marketing.offers.extras import booking_extras, booking_takes_offers, reservation_extras, reservation_takes_offers
from marketing.triggers import hooks as moment_hooks
from reservations.extras import (
    BOOKING_EXTRAS,
    BOOKING_MADE,
    CHECKED_OUT,
    COMPLAINT_CLOSED,
    RESERVATION_EXTRAS,
    RESERVATION_MADE,
    add_extra,
    add_hook,
)

EXTRAS = "marketing/snippets/offer_extras.html"


def guest_card_loader(profile) -> dict:
    return {"url": reverse("marketing:assist-card", args=[profile.pk])}


def account_card_loader(account) -> dict:
    return {"url": reverse("marketing:assist-account", args=[account.pk])}


def register() -> None:
    add_card(
        PROFILE_CARDS,
        Panel("assist", _("Guest card"), "snippets/tab_loader.html", guest_card_loader, access.ASSIST),
    )
    add_card(
        ACCOUNT_CARDS,
        Panel("assist", _("Account card"), "snippets/tab_loader.html", account_card_loader, access.ASSIST),
    )
    add_guest_card(GuestCard("assist", lambda: reverse("marketing:assist-picked"), access.ASSIST))
    add_extra(RESERVATION_EXTRAS, Panel("offers", _("Extras"), EXTRAS, reservation_extras, access.SEE_EXTRAS))
    add_extra(BOOKING_EXTRAS, Panel("offers", _("Extras"), EXTRAS, booking_extras, access.SEE_EXTRAS))
    add_hook(RESERVATION_MADE, reservation_takes_offers)
    add_hook(BOOKING_MADE, booking_takes_offers)
    add_hook(CHECKED_OUT, moment_hooks.checked_out)
    add_hook(COMPLAINT_CLOSED, moment_hooks.complaint_closed)
