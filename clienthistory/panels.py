"""Tabs, cards and buttons that later apps add to the account and profile pages (stays, bookings, invoices,
complaints; the front-line assistant's card; a new booking), and the guest cards of forms that pick a guest.

The guest history app may not import the apps above it; they register a panel, a card or a button here in their
AppConfig.ready, and the pages render every registered one the user's roles allow. Each panel's context function
reads what it shows in a fixed number of queries.

A card is a panel shown beside the page's details instead of in a tab. A guest card is served by a higher app at
an address of its own that answers ?guest=<profile id> with an htmx fragment (and with nothing when no guest is
picked): a form that picks a guest, such as reservation entry, loads it beside itself each time the pick changes,
without knowing which app serves it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from hotelsales.roles import has_role


@dataclass(frozen=True)
class Panel:
    key: str
    label: Promise
    template: str
    context: Callable[[object], dict]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Button:
    key: str
    label: Promise
    icon: str
    url: Callable[[object], str]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class GuestCard:
    key: str
    url: Callable[[], str]
    roles: tuple[str, ...]


ACCOUNT_PANELS: list[Panel] = []
PROFILE_PANELS: list[Panel] = []
ACCOUNT_CARDS: list[Panel] = []
PROFILE_CARDS: list[Panel] = []
ACCOUNT_BUTTONS: list[Button] = []
PROFILE_BUTTONS: list[Button] = []
GUEST_CARDS: list[GuestCard] = []


def add_account_panel(panel: Panel) -> None:
    if panel.key not in {p.key for p in ACCOUNT_PANELS}:
        ACCOUNT_PANELS.append(panel)


def add_profile_panel(panel: Panel) -> None:
    if panel.key not in {p.key for p in PROFILE_PANELS}:
        PROFILE_PANELS.append(panel)


def add_card(cards: list[Panel], card: Panel) -> None:
    """Add a card to ACCOUNT_CARDS or PROFILE_CARDS (once, however often the app is made ready)."""
    if card.key not in {c.key for c in cards}:
        cards.append(card)


def add_guest_card(card: GuestCard) -> None:
    if card.key not in {c.key for c in GUEST_CARDS}:
        GUEST_CARDS.append(card)


def guest_cards_for(user) -> list[tuple[GuestCard, str]]:
    return [(card, card.url()) for card in GUEST_CARDS if has_role(user, *card.roles)]


def add_button(buttons: list[Button], button: Button) -> None:
    """Add a button to ACCOUNT_BUTTONS or PROFILE_BUTTONS (once, however often the app is made ready)."""
    if button.key not in {b.key for b in buttons}:
        buttons.append(button)


def buttons_for(buttons: list[Button], subject, user) -> list[tuple[Button, str]]:
    return [(button, button.url(subject)) for button in buttons if has_role(user, *button.roles)]


def rendered(panels: list[Panel], subject, user) -> list[tuple[Panel, dict]]:
    return [(panel, panel.context(subject)) for panel in panels if has_role(user, *panel.roles)]
