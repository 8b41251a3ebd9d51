"""Tabs that later apps add to the account and profile pages (stays, bookings, invoices, complaints).

The guest history app may not import the apps above it; they register a panel here in their AppConfig.ready,
and the pages render every registered panel. Each panel's context function reads what it shows in a fixed
number of queries.
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


ACCOUNT_PANELS: list[Panel] = []
PROFILE_PANELS: list[Panel] = []


def add_account_panel(panel: Panel) -> None:
    if panel.key not in {p.key for p in ACCOUNT_PANELS}:
        ACCOUNT_PANELS.append(panel)


def add_profile_panel(panel: Panel) -> None:
    if panel.key not in {p.key for p in PROFILE_PANELS}:
        PROFILE_PANELS.append(panel)


def rendered(panels: list[Panel], subject, user) -> list[tuple[Panel, dict]]:
    return [(panel, panel.context(subject)) for panel in panels if has_role(user, *panel.roles)]
