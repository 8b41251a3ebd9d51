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
