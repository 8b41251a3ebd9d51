"""The pages `make bench` measures. Issues that add pages register them here.

`path` is a URL, or a function that looks one up in the benchmark database (it runs inside Django).
`data` builds the form of a POST; each call should give a request that succeeds.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class Page:
    name: str
    path: str | Callable[[], str]
    role: str | None = "manager"
    method: str = "GET"
    data: Callable[[int], dict] | None = None
    ok: tuple[int, ...] = field(default=(200,))

    def url(self) -> str:
        return self.path() if callable(self.path) else self.path


PAGES: list[Page] = [
    Page("sign-in page", lambda: reverse("login"), role=None),
    Page("health check", lambda: reverse("healthz"), role=None),
    Page("home", lambda: reverse("hotelsales:home")),
    Page("scheduled jobs", lambda: reverse("hotelsales:job-runs")),
]
