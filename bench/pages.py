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
    headers: dict = field(default_factory=dict)

    def url(self) -> str:
        return self.path() if callable(self.path) else self.path


def _middle(model_path: str) -> Callable[[], str]:
    """The page of the row in the middle of a table, so that no benchmark reads an unusually small record."""

    def url() -> str:
        from django.apps import apps

        model = apps.get_model(model_path)
        ids = model._default_manager.order_by("pk").values_list("pk", flat=True)
        middle = ids[ids.count() // 2]
        return model._default_manager.get(pk=middle).get_absolute_url()

    return url


HTMX = {"HX-Request": "true"}

PAGES: list[Page] = [
    Page("sign-in page", lambda: reverse("login"), role=None),
    Page("health check", lambda: reverse("healthz"), role=None),
    Page("home", lambda: reverse("hotelsales:home")),
    Page("scheduled jobs", lambda: reverse("hotelsales:job-runs")),
    Page("search suggestions: 王芳", lambda: reverse("clienthistory:search") + "?q=%E7%8E%8B%E8%8A%B3", headers=HTMX),
    Page("search suggestions: 王", lambda: reverse("clienthistory:search") + "?q=%E7%8E%8B", headers=HTMX),
    Page("search suggestions: mobile 1380001", lambda: reverse("clienthistory:search") + "?q=1380001", headers=HTMX),
    Page("account list", lambda: reverse("clienthistory:account-list")),
    Page("account list, searched", lambda: reverse("clienthistory:account-list") + "?q=%E7%A7%91%E6%8A%80"),
    Page("profile list", lambda: reverse("clienthistory:profile-list")),
    Page("profile list, sorted by VIP, page 50", lambda: reverse("clienthistory:profile-list") + "?sort=-vip&page=50"),
    Page("account detail", _middle("clienthistory.Account")),
    Page("profile detail", _middle("clienthistory.Profile")),
    Page("likely duplicates", lambda: reverse("clienthistory:duplicate-list")),
]
