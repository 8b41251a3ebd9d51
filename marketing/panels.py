"""Where the front-line assistant's card shows outside marketing: beside a guest profile's details, beside an
account's (a compact card of its guests), and beside reservation entry once the clerk picks a guest. The cards load
by htmx, so the profile and account pages keep their query counts."""

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
