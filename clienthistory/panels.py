"""Tabs and buttons that later apps add to the account and profile pages (stays, bookings, invoices, complaints;
a new booking).

The guest history app may not import the apps above it; they register a panel or a button here in their
AppConfig.ready, and the pages render every registered one the user's roles allow. Each panel's context function
reads what it shows in a fixed number of queries.
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


ACCOUNT_PANELS: list[Panel] = []
PROFILE_PANELS: list[Panel] = []
ACCOUNT_BUTTONS: list[Button] = []
PROFILE_BUTTONS: list[Button] = []


def add_account_panel(panel: Panel) -> None:
    if panel.key not in {p.key for p in ACCOUNT_PANELS}:
        ACCOUNT_PANELS.append(panel)


def add_profile_panel(panel: Panel) -> None:
    if panel.key not in {p.key for p in PROFILE_PANELS}:
        PROFILE_PANELS.append(panel)


def add_button(buttons: list[Button], button: Button) -> None:
    """Add a button to ACCOUNT_BUTTONS or PROFILE_BUTTONS (once, however often the app is made ready)."""
    if button.key not in {b.key for b in buttons}:
        buttons.append(button)


def buttons_for(buttons: list[Button], subject, user) -> list[tuple[Button, str]]:
    return [(button, button.url(subject)) for button in buttons if has_role(user, *button.roles)]


def rendered(panels: list[Panel], subject, user) -> list[tuple[Panel, dict]]:
    return [(panel, panel.context(subject)) for panel in panels if has_role(user, *panel.roles)]
