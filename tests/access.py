"""Who may open which page: the table that tests/test_access.py checks against every URL of the project.

Every named URL must appear here (or in PUBLIC / NOT_PAGES); issues that add pages add their rows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from hotelsales.roles import ALL_ROLES, Role

SALES, FRONT_DESK, MANAGER, RECEIVABLES, ADMIN = Role.values


@dataclass(frozen=True)
class Rule:
    roles: tuple[str, ...]
    kwargs: Callable[[], dict] | None = None
    method: str = "get"
    ok: tuple[int, ...] = (200,)
    data: dict = field(default_factory=dict)


# Open to anyone, signed in or not.
PUBLIC = {"healthz", "login", "set_language"}
# Handled by their own packages' checks (Django admin requires staff), or actions tested on their own.
NOT_PAGES = {"logout"}

ACCESS: dict[str, Rule] = {
    "hotelsales:home": Rule(ALL_ROLES),
    "hotelsales:job-runs": Rule((MANAGER, ADMIN)),
    "password_change": Rule(ALL_ROLES),
    "password_change_done": Rule(ALL_ROLES),
}


def _account():
    from tests.factories import AccountFactory

    return {"pk": AccountFactory().pk}


def _profile():
    from tests.factories import ProfileFactory

    return {"pk": ProfileFactory().pk}


def _preference():
    from tests.factories import PreferenceFactory

    return {"pk": PreferenceFactory().pk}


def _vip_level():
    from tests.factories import VipLevelFactory

    return {"pk": VipLevelFactory().pk}


CLIENT_READERS = (SALES, FRONT_DESK, MANAGER, RECEIVABLES)

ACCESS.update(
    {
        "clienthistory:account-list": Rule(CLIENT_READERS),
        "clienthistory:account-create": Rule((SALES, MANAGER, RECEIVABLES)),
        "clienthistory:account-lookup": Rule(CLIENT_READERS),
        "clienthistory:account-detail": Rule(CLIENT_READERS, _account),
        "clienthistory:account-edit": Rule((SALES, MANAGER, RECEIVABLES), _account),
        "clienthistory:credit-assess": Rule((MANAGER, RECEIVABLES), _account, method="post", ok=(400,)),
        "clienthistory:profile-list": Rule(CLIENT_READERS),
        "clienthistory:profile-create": Rule((SALES, FRONT_DESK, MANAGER)),
        "clienthistory:profile-lookup": Rule(CLIENT_READERS),
        "clienthistory:profile-detail": Rule(CLIENT_READERS, _profile),
        "clienthistory:profile-edit": Rule((SALES, FRONT_DESK, MANAGER), _profile),
        "clienthistory:preference-add": Rule((SALES, FRONT_DESK, MANAGER), _profile, method="post", ok=(400,)),
        "clienthistory:preference-delete": Rule((SALES, FRONT_DESK, MANAGER), _preference, method="post"),
        "clienthistory:search": Rule(CLIENT_READERS),
        "clienthistory:vip-level-list": Rule((MANAGER,)),
        "clienthistory:vip-level-create": Rule((MANAGER,)),
        "clienthistory:vip-level-edit": Rule((MANAGER,), _vip_level),
    }
)
