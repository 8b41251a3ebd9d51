"""The navigation: one list of sections in menus, each shown only to the roles that may open it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hotelsales.roles import ALL_ROLES, Role, has_role

CLIENTS = _("Clients")
SYSTEM = _("System")

READ_CLIENTS = (Role.SALES, Role.FRONT_DESK, Role.MANAGER, Role.RECEIVABLES)


@dataclass(frozen=True)
class Section:
    label: Promise
    url_name: str
    roles: tuple[str, ...]
    icon: str
    description: Promise
    menu: Promise | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


SECTIONS: tuple[Section, ...] = (
    Section(_("Home"), "hotelsales:home", ALL_ROLES, "house", _("Your day at a glance.")),
    Section(
        _("Accounts"),
        "clienthistory:account-list",
        READ_CLIENTS,
        "buildings",
        _("Companies, agencies, government offices and private clients."),
        CLIENTS,
    ),
    Section(
        _("Guest profiles"),
        "clienthistory:profile-list",
        READ_CLIENTS,
        "person-vcard",
        _("Guests and contacts with their preferences and VIP levels."),
        CLIENTS,
    ),
    Section(
        _("VIP levels"),
        "clienthistory:vip-level-list",
        (Role.MANAGER,),
        "star",
        _("The VIP levels and what each one means."),
        CLIENTS,
    ),
    Section(
        _("Scheduled jobs"),
        "hotelsales:job-runs",
        (Role.MANAGER,),
        "clock-history",
        _("When the nightly jobs last ran and what they did."),
        SYSTEM,
    ),
)


def sections_for(user) -> list[Section]:
    return [section for section in SECTIONS if has_role(user, *section.roles)]


def menus_for(user) -> list[tuple[Promise | None, list[Section]]]:
    """The user's sections grouped by menu, in the order the menus first appear; None holds top-level links."""
    menus: dict = {}
    for section in sections_for(user):
        menus.setdefault(section.menu, []).append(section)
    return list(menus.items())
