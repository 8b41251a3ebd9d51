from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    """The roof: pages that read several apps (home, dashboard, production), the menu, and the demo seed. It has
    no models, and no app below it imports it."""

    name = "overview"
    verbose_name = _("Overview")
