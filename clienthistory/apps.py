from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientHistoryConfig(AppConfig):
    name = "clienthistory"
    verbose_name = _("Guest history")
