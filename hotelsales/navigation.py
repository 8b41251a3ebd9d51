"""The navigation: one list of sections, each shown only to the roles that may open it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hotelsales.roles import ALL_ROLES, Role, has_role


@dataclass(frozen=True)
class Section:
    label: Promise
    url_name: str
    roles: tuple[str, ...]
    icon: str
    description: Promise

    @property
    def url(self) -> str:
        return reverse(self.url_name)


SECTIONS: tuple[Section, ...] = (
    Section(_("Home"), "hotelsales:home", ALL_ROLES, "house", _("Your day at a glance.")),
    Section(
        _("Scheduled jobs"),
        "hotelsales:job-runs",
        (Role.MANAGER,),
        "clock-history",
        _("When the nightly jobs last ran and what they did."),
    ),
)


def sections_for(user) -> list[Section]:
    return [section for section in SECTIONS if has_role(user, *section.roles)]
